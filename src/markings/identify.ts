/**
 * The identification engine: a printed marking in, ranked readings out. Pure: no I/O, no clock
 * (the caller passes `context.today`), no randomness — the same input always gives the same
 * output, so readings can be stored as suggestions and reproduced later.
 *
 * The engine never resolves ambiguity by guessing. An ambiguous prefix gives one reading per
 * maker; a date token that several rules (or several decades) can read gives one window per
 * reading; windows the context rules out are kept as `rejectedDates` with the reason.
 *
 * Speed (docs/identification.md, "Speed"): the engine runs for every component of a bulk import,
 * so the hot path allocates little and reads each thing once. What a date token reads as under a
 * maker's rules, and what the context (today, recovery date, introduction year) leaves of those
 * windows — kept and refused windows, their warnings and reasoning lines — is memoised per token,
 * since date codes recur. The windows (`dates`, `rejectedDates` entries) and maker facts are
 * frozen objects shared between answers; every reading, and every list in it, is its own.
 * Nothing is memoised per marking.
 */
import type { DateReading, IdentifyContext, IdentifyResult, MakerEvidence, MakerParent, MakerSummary, Reading, RejectedDate, Warning, WarningCode } from './types.js';
import { dayNumber, isoOf, parseDay, yearOf } from './calendar.js';
import { classify, findMaker, makerById, makerSummary, matchPrefix, rulesFor, siteName, wordInfo, type PrefixHit } from './catalogue.js';
import { RULES, type RawDate, type RuleEnv, type RuleInfo } from './rules.js';
import { ownershipChain, related, type MakerRecord, type PrefixRecord } from '../reference/makers.js';

/** Inputs longer than this are cut: a real marking is a few dozen characters. */
export const MAX_INPUT_CHARS = 2000;
const MAX_LINES = 16;
const MAX_TOKENS = 48;
const MAX_DATE_TOKENS = 12;

/** How sure an attribution is, by what it rests on. */
const CONFIDENCE = { context: 1, logoPrefix: 0.97, prefix: 0.9, genericPrefix: 0.6, logo: 0.75, conflict: 0.5, none: 0.2 } as const;

type Role = 'pn' | 'suffix' | 'logo' | 'country' | 'made' | null;

interface Tok {
  t: string;
  line: number;
  role: Role;
  digit: boolean;
  letter: boolean;
  allDigits: boolean;
  /** The token as a number (see `tokenCode`), or -1: the date memo's key, computed while tokenising. */
  code: number;
}

interface Candidate {
  maker: MakerRecord | null;
  entry: PrefixRecord | null;
  evidence: MakerEvidence | null;
  confidence: number;
  others: string[];
  /** Made at the first warning (see `warn`). */
  warnings: Warning[] | null;
  /** The one reasoning line the attribution adds, if any. */
  reasoning: string | null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 160 || c === 0x3000;
}
/** What `String.prototype.trim` removes: ECMAScript white space and line terminators. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
function isTail(c: number): boolean {
  // A trailing hyphen or dot is kept: `NEO-`, `FGG.` are prefixes in their own right.
  return isAlnum(c) || c === 45 || c === 46;
}
function trailingDigits(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0; i--) { const c = s.charCodeAt(i); if (c >= 48 && c <= 57) n++; else break; }
  return n;
}
/**
 * Adds a warning unless the same one is there; returns the list. A list is made at its first
 * warning, of exactly one slot: a push onto an empty list allocates room for 17.
 */
function warn(list: Warning[] | null, code: WarningCode, message: string): Warning[] {
  if (list === null) return [{ code, message }];
  for (let i = 0; i < list.length; i++) { const w = list[i]!; if (w.code === code && w.message === message) return list; }
  list.push({ code, message });
  return list;
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Printed lines are joined by ` / ` (spaces required: part numbers contain bare slashes), or by new lines or `|`. */
function splitLines(text: string): string[] {
  // Bounds first, then the list at its final length: a list grown by pushes starts with 17 slots.
  let nl = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 124 || (c === 47 && i > 0 && i + 1 < n && isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1)))) {
      if ((nl = lineBounds(text, start, i, nl)) >= MAX_LINES) break;
      start = i + 1;
    }
  }
  if (nl < MAX_LINES) nl = lineBounds(text, start, n, nl);
  switch (nl) {
    case 0: return [];
    case 1: return [lineAt(text, 0)];
    case 2: return [lineAt(text, 0), lineAt(text, 1)];
    case 3: return [lineAt(text, 0), lineAt(text, 1), lineAt(text, 2)];
    case 4: return [lineAt(text, 0), lineAt(text, 1), lineAt(text, 2), lineAt(text, 3)];
  }
  const out: string[] = [];
  for (let k = 0; k < nl; k++) out.push(lineAt(text, k));
  return out;
}
const LINE_BOUNDS = new Int32Array(2 * MAX_LINES);
/** Records `text[a, b)` trimmed, when anything is left; returns the new line count. */
function lineBounds(text: string, a: number, b: number, nl: number): number {
  while (a < b && isTrimmed(text.charCodeAt(a))) a++;
  while (b > a && isTrimmed(text.charCodeAt(b - 1))) b--;
  if (a >= b) return nl;
  LINE_BOUNDS[2 * nl] = a;
  LINE_BOUNDS[2 * nl + 1] = b;
  return nl + 1;
}
function lineAt(text: string, k: number): string {
  const a = LINE_BOUNDS[2 * k]!, b = LINE_BOUNDS[2 * k + 1]!;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

/**
 * Tokens of up to 10 characters from 0–9 and A–Z are numbered in bijective base 37 (digits 1–10,
 * letters 11–36), below 2^53 and so exact in a double: the date memo is keyed by that number, which
 * costs no string hashing or comparison (nearly every date code qualifies; the rest use a string map).
 */
const CODE_CHARS = 10;

/** Upper-cased words of a line, with leading punctuation (`#`, `(`) and trailing punctuation (`,`, `)`) removed. */
function tokenise(line: string, li: number, toks: Tok[], nt: number): number {
  const n = line.length;
  let i = 0;
  while (i < n && nt < MAX_TOKENS) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const start = i;
    let lower = false;
    for (; i < n; i++) {
      const c = line.charCodeAt(i);
      if (isSpace(c)) break;
      if (c >= 97 && c <= 122) lower = true;
    }
    if (i === start) break;
    // Words with ASCII lower case go through toUpperCase (whose result may differ in length, `ß`
    // → `SS`); the rest are trimmed and classified in place and sliced once.
    let w = lower ? line.slice(start, i).toUpperCase() : line;
    let a = lower ? 0 : start, b = lower ? w.length : i;
    while (a < b && !isAlnum(w.charCodeAt(a))) a++;
    while (b > a && !isTail(w.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    let digit = false, letter = false, other = false;
    let code = b - a <= CODE_CHARS ? 0 : -1;
    for (let k = a; k < b; k++) {
      const c = w.charCodeAt(k);
      if (c >= 48 && c <= 57) { digit = true; if (code >= 0) code = code * 37 + (c - 47); }
      else {
        other = true;
        if (c >= 65 && c <= 90) { letter = true; if (code >= 0) code = code * 37 + (c - 54); }
        else code = -1;
      }
    }
    if (a > 0 || b < w.length) w = w.slice(a, b);
    const tok = toks[nt];
    if (tok === undefined) toks.push({ t: w, line: li, role: null, digit, letter, allDigits: digit && !other, code });
    else { tok.t = w; tok.line = li; tok.role = null; tok.digit = digit; tok.letter = letter; tok.allDigits = digit && !other; tok.code = code; }
    nt++;
  }
  return nt;
}

/**
 * Token records are reused from call to call (they never reach an answer): a marking's tokens
 * then cost no objects and no list. `identify` calls no outside code (context getters,
 * `toString`) once it has started tokenising, so no call can begin while another uses them.
 */
const TOKS: Tok[] = [];

/**
 * The context's fields, read once. Callers often build a context per call by spreading one and
 * adding a field (`{ ...ctx, explain: false }`, the face's `{ ...ctx, today }`); V8 then gives
 * every such object a map of its own, and each named property read on it misses every inline
 * cache (150 ns or more a read, most of a marking's budget). Enumerating a plain object's keys
 * costs the same whatever its map. Other objects (class instances, getters on a prototype) are
 * read property by property.
 */
const cx: IdentifyContext = {};
function readContext(context: IdentifyContext): IdentifyContext {
  const proto: unknown = Object.getPrototypeOf(context);
  if (proto !== Object.prototype && proto !== null) return context;
  cx.explain = cx.today = cx.recoveryDate = cx.recoveredOn = cx.maker = cx.introducedYear = cx.dprk = undefined;
  const c = context as Record<string, unknown>;
  // `for…in` with keyed reads (`c[k]`): V8 reads by the enumeration's own index; a named read
  // here would miss the caches again.
  for (const k in c) {
    switch (k) {
      case 'explain': cx.explain = c[k] as boolean | undefined; break;
      case 'today': cx.today = c[k] as string | undefined; break;
      case 'recoveryDate': cx.recoveryDate = c[k] as string | undefined; break;
      case 'recoveredOn': cx.recoveredOn = c[k] as string | undefined; break;
      case 'maker': cx.maker = c[k] as string | undefined; break;
      case 'introducedYear': cx.introducedYear = c[k] as number | undefined; break;
      case 'dprk': cx.dprk = c[k] as boolean | undefined; break;
    }
  }
  return cx;
}

/** Day number → year, for the one "today" that callers pass over and over. */
let lastDay = NaN, lastYear = 0;
function yearOfDay(day: number): number {
  if (day !== lastDay) { lastYear = yearOf(day); lastDay = day; }
  return lastYear;
}

/**
 * Reads a marking. `context.today` is required for dates: without it no date is decoded (the
 * engine will not read the clock). Never throws on any string.
 */
export function identify(marking: string, context: IdentifyContext = {}): IdentifyResult {
  const cx = readContext(context);
  const explain = cx.explain !== false;
  let resultWarnings: Warning[] | null = null;
  let text = typeof marking === 'string' ? marking : String(marking ?? '');
  if (text.length > MAX_INPUT_CHARS) {
    resultWarnings = warn(resultWarnings, 'truncated', `marking longer than ${MAX_INPUT_CHARS} characters: only the first ${MAX_INPUT_CHARS} were read`);
    text = text.slice(0, MAX_INPUT_CHARS);
  }

  // --- Context: every field read before the shared token records are touched (see TOKS) -------
  const today = parseDay(cx.today ?? null);
  const recovery = parseDay(cx.recoveryDate ?? cx.recoveredOn ?? null);
  if (today === null) resultWarnings = warn(resultWarnings, 'undecoded-date', 'no valid "today" in the context: date codes were not decoded');
  let contextMaker: MakerRecord | null = null;
  const makerName = cx.maker;
  if (makerName) {
    contextMaker = findMaker(makerName);
    if (!contextMaker) resultWarnings = warn(resultWarnings, 'maker-conflict', `the confirmed maker "${makerName}" is not in the catalogue; it was not applied`);
  }
  const introducedYear = cx.introducedYear;
  const dprkContext = cx.dprk === true || text.includes(JUCHE_HANGUL);

  // --- Lines and tokens ----------------------------------------------------------------------
  const lines = splitLines(text);
  const toks = TOKS;
  let nt = 0;
  for (let li = 0; li < lines.length && nt < MAX_TOKENS; li++) nt = tokenise(lines[li]!, li, toks, nt);

  // --- Country of assembly, logos -------------------------------------------------------------
  let assemblyCountry: string | null = null;
  let assemblyText = '';
  let logoMakers: MakerRecord[] = NO_MAKERS;
  for (let ti = 0; ti < nt; ti++) {
    const tok = toks[ti]!;
    if (tok.role || tok.digit) continue;
    const w = tok.t;
    if (w === 'MADE' && ti + 2 < nt) {
      const t1 = toks[ti + 1]!, t2 = toks[ti + 2]!;
      const c = t2.line === tok.line && t1.t === 'IN' ? wordInfo(t2.t)?.country : null;
      if (c) {
        tok.role = 'made';
        t1.role = 'made';
        t2.role = 'country';
        if (!assemblyCountry) { assemblyCountry = c; assemblyText = `MADE IN ${t2.t}`; }
        continue;
      }
    }
    const info = wordInfo(w);
    if (!info) continue;
    if (info.country) {
      tok.role = 'country';
      if (!assemblyCountry) { assemblyCountry = info.country; assemblyText = w; }
      continue;
    }
    // A multi-word logo must lie on one line; otherwise the word alone may be a logo.
    let multi: MakerRecord | null = null, length = 1;
    if (info.multi) {
      for (let iM = 0; iM < info.multi.length; iM++) { const m = info.multi[iM]!;
        let ok = ti + m.words.length <= nt;
        for (let k = 1; ok && k < m.words.length; k++) { const x = toks[ti + k]!; if (x.line !== tok.line || x.t !== m.words[k]) ok = false; }
        if (ok) { multi = m.maker; length = m.words.length; break; }
      }
    }
    if (!multi && !info.logos) continue;
    for (let k = 0; k < length; k++) toks[ti + k]!.role = 'logo';
    if (logoMakers === NO_MAKERS) logoMakers = [];
    if (multi) { if (!logoMakers.includes(multi)) logoMakers.push(multi); }
    else for (let iM = 0; iM < info.logos!.length; iM++) { const m = info.logos![iM]!; if (!logoMakers.includes(m)) logoMakers.push(m); }
  }

  // --- Part number by prefix ------------------------------------------------------------------
  let pnIndex = -1;
  let hits: PrefixHit[] = NO_HITS;
  for (let i = 0; i < nt; i++) {
    const tok = toks[i]!;
    // Short digit strings are date or lot codes, not part numbers.
    if (tok.role || (!tok.letter && tok.t.length < 6)) continue;
    const h = matchPrefix(tok.t);
    if (h.length) { pnIndex = i; hits = h; break; }
  }
  let partNumber: string | null = null;
  let suffix: Tok | null = null;
  if (pnIndex >= 0) {
    const pn = toks[pnIndex]!;
    pn.role = 'pn';
    partNumber = pn.t;
    // ST, ADI and the STM32 look-alikes print the ordering suffix on the next line (`STM32F405` /
    // `RGT6`). Join only when the root ends in a run of digits, so that a complete part number is
    // not glued to the lot code that follows it.
    const next = pnIndex + 1 < nt ? toks[pnIndex + 1] : undefined;
    if (next && !next.role && next.line === pn.line + 1 && next.letter && next.t.length <= 10 && trailingDigits(pn.t) >= 2 &&
        isSuffixShape(next.t) && anyJoin(hits)) {
      next.role = 'suffix';
      suffix = next;
      partNumber = pn.t + next.t;
    }
  } else {
    // No catalogued prefix: the first token with letters and digits on the first line (the
    // second when the first holds only a logo) is the best guess at a part number, without a maker.
    let firstLine = 0;
    for (let i = 0; i < nt; i++) if (toks[i]!.role !== 'logo') { firstLine = toks[i]!.line; break; }
    for (let i = 0; i < nt; i++) {
      const tok = toks[i]!;
      if (tok.line > firstLine) break;
      if (!tok.role && tok.t.length >= 4 && tok.letter && tok.digit) { tok.role = 'pn'; partNumber = tok.t; pnIndex = i; break; }
    }
  }

  // --- Maker candidates and readings ----------------------------------------------------------
  const candidates = makerCandidates(hits, logoMakers, contextMaker, explain);
  // Nothing legible at all: the empty reading carries no weight.
  if (nt === 0 && candidates.length === 1 && !candidates[0]!.maker) candidates[0]!.confidence = 0;

  const inp: ReadingInput = {
    toks, nt, lines, partNumber, suffix, pnTok: pnIndex >= 0 ? toks[pnIndex]! : null, assemblyCountry, assemblyText,
    today, recovery, introducedYear, dprk: dprkContext || assemblyCountry === 'KP', explain, todayYear: today !== null ? yearOfDay(today) : 0,
    shared: candidates.length > 1 ? [] : null, linesLine: null,
  };
  // One reading (nearly every marking): a list of exactly one slot, not one grown by a push.
  let readings: Reading[];
  if (candidates.length === 1) readings = [buildReading(candidates[0]!, inp)];
  else { readings = []; for (let iCand = 0; iCand < candidates.length; iCand++) { const cand = candidates[iCand]!; readings.push(buildReading(cand, inp)); } }
  // Insertion sorts here and below: stable like Array.prototype.sort, and much cheaper for the
  // two or three elements a marking has.
  for (let i = 1; i < readings.length; i++) {
    const x = readings[i]!;
    let j = i - 1;
    for (; j >= 0 && readings[j]!.confidence < x.confidence; j--) readings[j + 1] = readings[j]!;
    readings[j + 1] = x;
  }
  return { marking: text, lines, readings, warnings: resultWarnings ?? [] };
}

const NO_MAKERS: MakerRecord[] = [];
/** "Juche" in Hangul, printed before the year on DPRK parts (`주체113`). */
const JUCHE_HANGUL = '주체';
const NO_HITS: PrefixHit[] = [];

function anyJoin(hits: PrefixHit[]): boolean {
  for (let iH = 0; iH < hits.length; iH++) { const h = hits[iH]!; if (h.entry.join) return true; }
  return false;
}

function allAlnum(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (!isAlnum(t.charCodeAt(i))) return false;
  return true;
}

/** An ordering suffix: a letter first, then letters, digits and hyphens (`RGT6`, `KS-160`, `C8T6`). */
function isSuffixShape(t: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < t.length; i++) { const c = t.charCodeAt(i); if (!isAlnum(c) && c !== 45) return false; }
  return t.length >= 2;
}

function candidate(maker: MakerRecord | null, entry: PrefixRecord | null, evidence: MakerEvidence | null, confidence: number): Candidate {
  return { maker, entry, evidence, confidence, others: [], warnings: null, reasoning: null };
}

/**
 * What a prefix match says whatever else the marking holds: its makers, their names, and the
 * ambiguity warning and other makers of each. `matchPrefix` returns the trie's own lists, so this
 * is worked out once per list (a catalogue fact, not a marking's answer); each answer gets its own
 * copy of the `others` lists.
 */
interface HitInfo {
  hitMakers: PrefixHit[];
  amb: boolean;
  prefix: string;
  names: string[];
  /** Per hit maker: the ambiguous-prefix warning (when `amb`) and the other makers' names. */
  ambiguous: string[];
  others: string[][];
}
const hitInfos = new Map<PrefixHit[], HitInfo>();
function hitInfo(hits: PrefixHit[]): HitInfo {
  let info = hitInfos.get(hits);
  if (info) return info;
  // One hit per maker; where two hits are in one ownership line (a brand and its owner), keep the brand.
  let hitMakers: PrefixHit[] = hits;
  if (hits.length > 1) {
    const byMaker: PrefixHit[] = [];
    for (const h of hits) if (!byMaker.some((x) => x.maker.id === h.maker.id)) byMaker.push(h);
    hitMakers = byMaker.filter((h) => !byMaker.some((o) => o !== h && ownershipChain(o.maker.id).includes(h.maker)));
  }
  const nh = hitMakers.length;
  let amb = nh > 1;
  if (!amb) for (let iH = 0; iH < hitMakers.length; iH++) { const h = hitMakers[iH]!; if (h.entry.amb) { amb = true; break; } }
  const prefix = nh ? hitMakers[0]!.entry.p : '';
  const names = nh > 1 ? hitMakers.map((h) => h.maker.name) : nh ? [hitMakers[0]!.maker.name] : NO_NAMES;
  const ambiguous = hitMakers.map((h) => nh > 1
    ? `prefix ${prefix} is printed by ${nh} catalogued makers (${names.join(', ')}): confirm with the logo`
    : `prefix ${prefix} is generic or second-sourced: ${h.maker.name} is the catalogued maker but others print it too; confirm with the logo`);
  const others = hitMakers.map((h) => names.filter((n) => n !== h.maker.name));
  info = { hitMakers, amb, prefix, names, ambiguous, others };
  hitInfos.set(hits, info);
  return info;
}

function makerCandidates(hits: PrefixHit[], logoMakers: MakerRecord[], contextMaker: MakerRecord | null, explain: boolean): Candidate[] {
  const hi = hitInfo(hits);
  const { hitMakers, amb, prefix, names } = hi;
  const nh = hitMakers.length;

  if (contextMaker) {
    let agree: PrefixHit | undefined;
    for (let iH = 0; iH < hitMakers.length; iH++) { const h = hitMakers[iH]!; if (related(h.maker.id, contextMaker.id)) { agree = h; break; } }
    const c = candidate(contextMaker, agree?.entry ?? hitMakers[0]?.entry ?? null, 'context', CONFIDENCE.context);
    if (explain) c.reasoning = `Maker ${contextMaker.name} confirmed in the context.`;
    if (!agree && nh) {
      c.warnings = warn(c.warnings, 'maker-conflict', `prefix ${prefix} is catalogued for ${names.join(', ')}, not ${contextMaker.name}: a second source or a remarked part`);
    }
    return [c];
  }

  if (nh) {
    if (logoMakers.length) {
      let agreeing: Candidate[] = NO_CANDIDATES;
      for (let iH = 0; iH < hitMakers.length; iH++) { const h = hitMakers[iH]!;
        let logo: MakerRecord | undefined;
        for (let iL = 0; iL < logoMakers.length; iL++) { const l = logoMakers[iL]!; if (related(l.id, h.maker.id)) { logo = l; break; } }
        if (!logo) continue;
        let dup = false;
        for (let iA = 0; iA < agreeing.length; iA++) { const a = agreeing[iA]!; if (a.maker === logo) { dup = true; break; } }
        if (dup) continue;
        // The logo says who made and marked the part; the prefix may name a family it inherited
        // (a TI-logo LM358 is a TI part of National's LM family).
        const c = candidate(logo, h.entry, 'logo+prefix', CONFIDENCE.logoPrefix);
        if (explain) {
          c.reasoning = logo === h.maker
            ? `Logo text ${logo.logos?.[0] ?? logo.name} and prefix ${h.entry.p} both point to ${logo.name}.`
            : `Logo text ${logo.logos?.[0] ?? logo.name} → ${logo.name}; prefix ${h.entry.p} is the family of ${h.maker.name}, in the same ownership line.`;
        }
        if (agreeing === NO_CANDIDATES) agreeing = [c];
        else agreeing.push(c);
      }
      if (agreeing.length) {
        for (let iC = 0; iC < agreeing.length; iC++) { const c = agreeing[iC]!;
          if (agreeing.length > 1) c.confidence /= agreeing.length;
          c.others = names.filter((n) => n !== c.maker!.name);
        }
        return agreeing;
      }
    }
    // Sized up front: a list grown by pushes starts with 17 slots.
    const out: Candidate[] = new Array<Candidate>(logoMakers.length + nh);
    let no = 0;
    for (let iL = 0; iL < logoMakers.length; iL++) { const l = logoMakers[iL]!;
      // The logo contradicts the part number: a remarked or cloned part, or a second source.
      const c = candidate(l, hitMakers[0]!.entry, 'logo', CONFIDENCE.conflict / logoMakers.length);
      c.warnings = warn(c.warnings, 'maker-conflict', `logo text says ${l.name} but prefix ${prefix} is catalogued for ${names.join(', ')}: possible remarking or second source`);
      out[no++] = c;
    }
    for (let i = 0; i < nh; i++) {
      const h = hitMakers[i]!;
      const conf = logoMakers.length ? CONFIDENCE.conflict / nh : amb ? CONFIDENCE.genericPrefix / nh : CONFIDENCE.prefix;
      const c = candidate(h.maker, h.entry, amb ? 'ambiguous-prefix' : 'prefix', conf);
      if (nh > 1) c.others = copyOf(hi.others[i]!);
      if (amb) c.warnings = warn(c.warnings, 'ambiguous-prefix', hi.ambiguous[i]!);
      if (logoMakers.length) c.warnings = warn(c.warnings, 'maker-conflict', `logo text says ${logoMakers.map((l) => l.name).join(', ')} but prefix ${prefix} points to ${h.maker.name}`);
      out[no++] = c;
    }
    return out;
  }

  if (logoMakers.length) {
    return logoMakers.map((l) => {
      const c = candidate(l, null, 'logo', CONFIDENCE.logo / logoMakers.length);
      if (explain) c.reasoning = `Logo text ${l.logos?.[0] ?? l.name} → ${l.name}; no catalogued part-number prefix was read.`;
      if (logoMakers.length > 1) c.others = logoMakers.filter((o) => o !== l).map((o) => o.name);
      return c;
    });
  }
  return [candidate(null, null, null, CONFIDENCE.none)];
}
const NO_NAMES: string[] = [];
const NO_CANDIDATES: Candidate[] = Object.freeze([]) as unknown as Candidate[];

interface ReadingInput {
  /** The marking's tokens are `toks[0, nt)` (the records are reused: see TOKS). */
  toks: Tok[];
  nt: number;
  lines: string[];
  partNumber: string | null;
  suffix: Tok | null;
  pnTok: Tok | null;
  assemblyCountry: string | null;
  assemblyText: string;
  today: number | null;
  recovery: number | null;
  introducedYear: number | undefined;
  /** DPRK context (see `IdentifyContext.dprk`): Juche years are read, and ranked first. */
  dprk: boolean;
  explain: boolean;
  todayYear: number;
  /** Several readings: decodings shared between those with the same rules and context. */
  shared: SharedGroups[] | null;
  /** The "Lines read" reasoning line, built once per marking. */
  linesLine: string | null;
}

interface SharedGroups {
  rules: RuleInfo[];
  floor: number;
  juche: boolean;
  introduced: number | null;
  groups: Group[];
}

/** A token read as a date: its decoding under the reading's rules and context. */
interface Group {
  tok: Tok;
  a: Analysis;
}

function buildReading(cand: Candidate, inp: ReadingInput): Reading {
  const { maker, entry } = cand;
  const explain = inp.explain;
  let warnings = cand.warnings;
  const reasoning: string[] = [];
  const facts = maker ? makerFacts(maker) : null;
  const summary = facts ? facts.summary : null;

  if (explain) {
    reasoning.push(inp.linesLine ??= linesLine(inp.lines));
    if (cand.reasoning) reasoning.push(cand.reasoning);
    if (inp.partNumber && entry && maker) {
      reasoning.push(`Part number ${inp.partNumber}: prefix ${entry.p} → ${entry.fam ?? entry.cat}${entry.intro ? `, introduced ${entry.intro}` : ''}` +
        (inp.suffix ? `; ordering suffix ${inp.suffix.t} joined from line ${inp.suffix.line + 1}` : '') + '.');
    } else if (inp.partNumber) {
      reasoning.push(`Part number ${inp.partNumber}: no catalogued prefix matches, so no maker follows from it.`);
    }
    if (facts) reasoning.push(facts.line);
    if (entry?.compat) reasoning.push(`${entry.fam ?? entry.p} copies ${entry.compat} numbering or pinout: it is not a ${entry.compat} part, and remarked copies are sold as the original.`);
    if (inp.assemblyCountry) reasoning.push(`Country of assembly printed: ${inp.assemblyText} → ${inp.assemblyCountry}.`);
  }
  if (entry?.clone) warnings = warn(warnings, 'clone-risk', entry.clone);

  const category = entry?.cat ?? maker?.cat ?? null;
  const cls = classify(category);

  // Introduction year: the analyst's wins over the catalogue's.
  let introduced: number | null = entry?.intro ?? null;
  const iy = inp.introducedYear;
  if (typeof iy === 'number' && Number.isInteger(iy) && iy >= 1900 && iy <= 2200) introduced = iy;

  // --- Dates ----------------------------------------------------------------------------------
  // Made at the first window, of exactly one slot when there is one.
  let dates: DateReading[] | null = null;
  // Made at the first refused window, as a copy of that token's list (exact size).
  let rejected: RejectedDate[] | null = null;
  let dateToken: string | null = null;
  let dateTok: Tok | null = null;
  let dateA: Analysis | null = null;
  let site: Reading['site'] = null;
  let lot: string | null = null;
  if (inp.today !== null) {
    const today = inp.today;
    const juche = inp.dprk;
    const rules = facts ? facts.rules : rulesFor(null, juche);
    const floor = introduced ?? inp.todayYear - 29;
    // Makers sharing a rule list (every ECIA maker of an ambiguous prefix) share one decoding.
    let groups: Group[] | null = null;
    if (inp.shared) {
      for (let iS = 0; iS < inp.shared.length; iS++) { const s = inp.shared[iS]!; if (s.rules === rules && s.floor === floor && s.juche === juche && s.introduced === introduced) { groups = s.groups; break; } }
    }
    if (!groups) {
      groups = decodeAll(inp.toks, inp.nt, rules, { today, todayYear: inp.todayYear, floor, juche, recovery: inp.recovery, introduced });
      inp.shared?.push({ rules, floor, juche, introduced, groups });
    }

    const ng = groups.length;
    for (let gi = 0; gi < ng; gi++) {
      const g = groups[gi]!;
      const a = g.a;
      const rj = a.rejected;
      if (rj.length) { if (rejected === null) rejected = copyOf(rj); else for (let k = 0; k < rj.length; k++) rejected.push(rj[k]!); }
      const fl = a.flags;
      for (let k = 0; k < fl.length; k++) { const w = fl[k]!; warnings = warn(warnings, w.code, w.message); }
      if (a.late) warnings = warn(warnings, 'after-recovery', a.late);
      if (a.early) {
        const n = a.early;
        warnings = warn(warnings, 'before-introduction', `${g.tok.t}: ${n === 1 ? 'one reading' : `${n} readings`} would predate the introduction of ${entry?.fam ?? 'the part'} (${introduced}) and ${n === 1 ? 'is' : 'are'} set aside`);
      }
      const nk = a.nk;
      if (nk === 0) continue;
      const kept = a.kept;
      if (dateTok === null) {
        dateTok = g.tok;
        dateToken = g.tok.t;
        dateA = a;
        if (a.site) site = { code: a.site, name: siteName(maker, a.site) };
        if (a.lot) lot = a.lot;
        if (a.ambiguous) warnings = warn(warnings, 'ambiguous-date', a.ambiguous);
        if (explain) reasoning.push(a.firstLine ??= `Date code ${g.tok.t}: ` + kept.map((d) => `${d.note.split(';')[0]} → ${d.from}…${d.to} (${d.rule}, ${d.confidence})`).join('; ') + '.');
      } else if (explain) {
        reasoning.push(a.alsoLine ??= `Also read as a date: ${g.tok.t} → ${kept[0]!.from}…${kept[0]!.to} (${kept[0]!.rule}); it may be a lot code.`);
      }
      // One window (nearly every token): pushed from the analysis itself, without reading its list.
      if (nk === 1) { if (dates === null) dates = [a.k0!]; else dates.push(a.k0!); }
      else if (dates === null) dates = copyOf(kept);
      else for (let k = 0; k < nk; k++) dates.push(kept[k]!);
    }
    // Date-like tokens no rule could read (week 60, month 13…) are reported, not dropped.
    for (let i = 0; i < inp.nt; i++) {
      const tok = inp.toks[i]!;
      if (tok.role || !tok.allDigits || tok.t.length < 3 || tok.t.length > 4) continue;
      let decoded = false;
      for (let gi = 0; gi < ng; gi++) if (groups[gi]!.tok === tok) { decoded = true; break; }
      if (!decoded) warnings = warn(warnings, 'undecoded-date', `${tok.t} looks like a date code but no rule for ${maker?.name ?? 'an unknown maker'} reads it (week or month out of range?)`);
    }
    if (explain) {
      if (!dates && rejected) reasoning.push('Every date reading was ruled out by the context; see rejectedDates.');
      for (const g of groups) if (g.a.rejected.length) for (const line of (g.a.setAside ??= g.a.rejected.map((r) => `Set aside: ${r.chars} by ${r.rule} (${r.from}…${r.to}): ${r.reason}.`))) reasoning.push(line);
    }
  }

  // --- Lot: from the date convention, else where the maker prints it --------------------------
  if (lot) {
    if (explain) reasoning.push(`Lot/trace code ${lot} from the date convention.`);
  } else if (maker?.lot === 'trace-line') {
    const pnLine = inp.pnTok?.line ?? 0;
    for (let i = 0; i < inp.nt; i++) {
      const x = inp.toks[i]!;
      if (x.role || x.line <= pnLine || x === dateTok || x.t.length < 4 || x.t.length > 12 || !x.letter || !x.digit) continue;
      lot = x.t;
      if (explain) reasoning.push(`Lot/trace code ${x.t} (first unclaimed code after the part number, as ${maker.name} prints it).`);
      break;
    }
  } else if (maker?.lot === 'after-date' && dateTok) {
    const i = inp.toks.indexOf(dateTok);
    const x = i + 1 < inp.nt ? inp.toks[i + 1] : undefined;
    if (x && !x.role && x.line === dateTok.line && x.t.length >= 2 && x.t.length <= 10 && allAlnum(x.t)) {
      lot = x.t;
      if (explain) reasoning.push(`Lot code ${x.t} (printed after the date code, as ${maker.name} does).`);
    }
  }
  if (explain && site) reasoning.push(`Assembly site code ${site.code}${site.name ? ` = ${site.name}` : ' (site not named in the catalogue)'}.`);

  // --- Who owned the maker when the part was made ---------------------------------------------
  let ownerAtProduction: MakerParent | null = null;
  if (maker && facts && dateToken) {
    if (facts.formerParent || facts.acquiredFrom) {
      // Every window of the date token comes from its analysis (a repeated token reads the same).
      const { minFrom, maxTo } = dateA!;
      if (facts.formerParent && maxTo < facts.sinceFrom!) {
        // A spin-off's family made before the company existed was made by its former parent.
        ownerAtProduction = facts.formerParent;
        if (explain) reasoning.push(`Made before ${maker.name} existed (${maker.since}): made by ${facts.formerParent.name}.`);
      } else if (facts.acquiredFrom) {
        if (minFrom >= facts.acquiredAfter!) {
          ownerAtProduction = summary!.parent;
          if (explain) reasoning.push(`Made after ${maker.name} was acquired (${maker.acquired}): owner at production ${summary!.parent!.name}.`);
        } else if (maxTo < facts.acquiredFrom) {
          ownerAtProduction = facts.self;
        }
      }
    }
  }

  if (explain) reasoning.push(classificationLine(cls.reason));
  return {
    confidence: round(cand.confidence),
    maker: summary,
    makerEvidence: cand.evidence,
    makerCandidates: cand.others,
    partNumber: inp.partNumber,
    family: entry?.fam ?? null,
    category: cls.category,
    hs6: cls.hs6,
    chplTier: cls.chplTier,
    classificationReason: cls.reason,
    introduced,
    dates: dates ?? [],
    rejectedDates: rejected ?? [],
    dateToken,
    site,
    assemblyCountry: inp.assemblyCountry,
    lot,
    ownerAtProduction,
    warnings: warnings ?? [],
    reasoning,
  };
}

/** A copy of a short list as a literal: cheaper than a call to `slice` for the one to three entries a token's windows or a prefix's other makers have. */
function copyOf<T>(xs: readonly T[]): T[] {
  switch (xs.length) {
    case 1: return [xs[0]!];
    case 2: return [xs[0]!, xs[1]!];
    case 3: return [xs[0]!, xs[1]!, xs[2]!];
  }
  return xs.slice();
}

function linesLine(lines: string[]): string {
  if (!lines.length) return 'Lines read: (none).';
  let s = 'Lines read: "' + lines[0]! + '"';
  for (let i = 1; i < lines.length; i++) s += ' | "' + lines[i]! + '"';
  return s + '.';
}

/**
 * What the ownership checks and the reasoning need of a maker, worked out once: the owner objects
 * are frozen and shared by every reading, like the maker summaries.
 */
interface MakerFacts {
  /** The maker's summary and date rules, here so that a reading finds all it needs in one look-up. */
  summary: MakerSummary;
  rules: RuleInfo[];
  line: string;
  /** The maker itself as the owner at production (made before its acquisition). */
  self: MakerParent;
  /** A spin-off's former parent, with the first day of the spin-off's existence. */
  formerParent: MakerParent | null;
  sinceFrom: string | null;
  /** First day of the acquisition year, and of the year after it. */
  acquiredFrom: string | null;
  acquiredAfter: string | null;
}
const makerFactsByRecord = new Map<MakerRecord, MakerFacts>();
function makerFacts(maker: MakerRecord): MakerFacts {
  let f = makerFactsByRecord.get(maker);
  if (f) return f;
  const summary = makerSummary(maker.id);
  const from = maker.from ? makerById(maker.from) : undefined;
  const spinOff = !!(from && maker.since);
  const acquired = !!(summary.parent && maker.acquired);
  f = {
    summary,
    rules: rulesFor(maker),
    line: `${maker.name}: headquarters ${maker.country}` + (summary.parent ? `; acquired by ${summary.parent.name}${summary.parent.year ? ` in ${summary.parent.year}` : ''}` : '') +
      (summary.ultimateParent ? `; now part of ${summary.ultimateParent.name}` : '') + '.',
    self: Object.freeze({ id: maker.id, name: maker.name, country: maker.country, year: null }),
    formerParent: spinOff ? Object.freeze({ id: from!.id, name: from!.name, country: from!.country, year: null }) : null,
    sinceFrom: spinOff ? `${maker.since}-01-01` : null,
    acquiredFrom: acquired ? `${maker.acquired}-01-01` : null,
    acquiredAfter: acquired ? `${maker.acquired! + 1}-01-01` : null,
  };
  makerFactsByRecord.set(maker, f);
  return f;
}

const classificationLines = new Map<string, string>();
function classificationLine(reason: string): string {
  let l = classificationLines.get(reason);
  if (l === undefined) classificationLines.set(reason, (l = `Classification: ${reason}`));
  return l;
}

/**
 * What a token reads as under a rule list, and what the context (today, recovery date,
 * introduction year) leaves of it, is a pure function of them; date codes recur constantly (a
 * board's parts share a few codes, a year has only 52 weeks), so the result is memoised per token
 * and context. The memoised objects are frozen: readings share them.
 */
interface Analysis {
  /** How many windows survive, and the first (best) of them. */
  nk: number;
  k0: DateReading | null;
  /** Weight of the most specific rule that read the token (orders the date tokens of a marking). */
  prior: number;
  /** Surviving windows: confidences normalised, best first. */
  kept: readonly DateReading[];
  rejected: readonly RejectedDate[];
  /** Warnings raised by surviving windows (week 53, unconfirmed rule), in order. */
  flags: readonly Warning[];
  /** The after-recovery warning. */
  late: string | null;
  /** Windows before the introduction year (the warning names the family, which varies by reading). */
  early: number;
  /** The ambiguous-date warning, raised when this is the reading's date token. */
  ambiguous: string | null;
  site: string | undefined;
  lot: string | undefined;
  /** Envelope (ISO dates) of the surviving windows, for the owner at production. */
  minFrom: string;
  maxTo: string;
  /** Reasoning lines, built when first asked for. */
  firstLine: string | null;
  alsoLine: string | null;
  setAside: string[] | null;
}

/**
 * A token's decoding under one rule list and (today, floor, Juche weight, introduction year),
 * which is also its analysis without a recovery date (one object: one memory fetch fewer).
 */
interface TokenEntry extends Analysis {
  raw: RawDate[];
  /**
   * A recovery date on or after this day number changes nothing (no window starts after it, none
   * is clamped by it): such readings share the entry's own analysis. Items are recovered after
   * their parts were made, so that is nearly every reading.
   */
  settled: number;
  byRecovery: Map<number, Analysis> | null;
}

interface DateContext {
  today: number;
  todayYear: number;
  floor: number;
  juche: boolean;
  recovery: number | null;
  introduced: number | null;
}

/**
 * Rule list → (today, one-digit floor) → (Juche weight, whether the introduction year is known) →
 * token → decoding and analyses. Numbers as keys, so that finding the context costs no string
 * building; the floor is the introduction year when one is known, so it stands for both.
 */
interface RuleMemo {
  /** Every rule of the list reads only tokens that start with a digit. */
  digitFirst: boolean;
  byDay: Map<number, (TokenTable | undefined)[]>;
  /** The last (today, floor) looked up: callers pass the same one over and over. */
  lastKey: number;
  last: (TokenTable | undefined)[] | null;
}
const memo = new Map<RuleInfo[], RuleMemo>();
let memoSize = 0;
const MEMO_LIMIT = 200_000;
const RECOVERIES_PER_TOKEN = 64;

function ruleMemo(rules: RuleInfo[]): RuleMemo {
  let rm = memo.get(rules);
  if (!rm) memo.set(rules, (rm = { digitFirst: rules.every((r) => r.digitFirst), byDay: new Map(), lastKey: NaN, last: null }));
  return rm;
}

function tokenMemo(rm: RuleMemo, c: DateContext): TokenTable | null {
  if (!(c.floor >= -32768 && c.floor < 32768)) return null;
  const k1 = c.today * 65536 + (c.floor + 32768);
  let byRest = rm.lastKey === k1 ? rm.last : undefined;
  if (!byRest) {
    byRest = rm.byDay.get(k1);
    if (!byRest) rm.byDay.set(k1, (byRest = [undefined, undefined, undefined, undefined]));
    rm.lastKey = k1;
    rm.last = byRest;
  }
  const k2 = (c.juche ? 2 : 0) + (c.introduced === null ? 1 : 0);
  return (byRest[k2] ??= new TokenTable());
}

/**
 * Token → memo entry: an open-addressing table keyed by the token's number (`Tok.code`), so a
 * look-up reads two flat arrays and the entry, never the key string; tokens without a number
 * (longer than 10 characters, or with other characters) go to a string map.
 */
class TokenTable {
  keys = new Float64Array(64).fill(-1);
  vals: (TokenEntry | undefined)[] = new Array<TokenEntry | undefined>(64).fill(undefined);
  mask = 63;
  size = 0;
  other: Map<string, TokenEntry> | null = null;

  get(tok: Tok): TokenEntry | undefined {
    const code = tok.code;
    if (code < 0) return this.other?.get(tok.t);
    const keys = this.keys, mask = this.mask;
    for (let i = slotOf(code) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === code) return this.vals[i];
      if (k < 0) return undefined;
    }
  }

  set(tok: Tok, e: TokenEntry): void {
    const code = tok.code;
    if (code < 0) { (this.other ??= new Map()).set(tok.t, e); return; }
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(code, e);
  }

  private put(code: number, e: TokenEntry): void {
    const keys = this.keys, mask = this.mask;
    let i = slotOf(code) & mask;
    while (keys[i]! >= 0 && keys[i] !== code) i = (i + 1) & mask;
    if (keys[i]! < 0) this.size++;
    keys[i] = code;
    this.vals[i] = e;
  }

  private grow(): void {
    const keys = this.keys, vals = this.vals;
    const n = 2 * keys.length;
    this.keys = new Float64Array(n).fill(-1);
    this.vals = new Array<TokenEntry | undefined>(n).fill(undefined);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) this.put(keys[i]!, vals[i]!);
  }
}

/** A well-mixed 32-bit slot of a token number (below 2^53: its low and high 32-bit halves mixed). */
function slotOf(code: number): number {
  let h = Math.imul((code >>> 0) ^ Math.imul((code / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}

/** Every candidate token read by every rule of the list, best token first. */
function decodeAll(toks: Tok[], nt: number, rules: RuleInfo[], c: DateContext): Group[] {
  // A list made at its first group, of exactly one slot (most markings have one date token).
  let out: Group[] = NO_GROUPS;
  let n = 0;
  const rm = ruleMemo(rules);
  const digitFirst = rm.digitFirst;
  let tokens = tokenMemo(rm, c);
  let env: RuleEnv | null = null;
  for (let ti = 0; ti < nt; ti++) {
    const tok = toks[ti]!;
    if (tok.role || !tok.digit || tok.t.length > 18) continue;
    if (++n > MAX_DATE_TOKENS) break;
    // Tokens start with a letter or a digit; rules that need a digit first cannot read the others.
    if (digitFirst && tok.t.charCodeAt(0) > 57) continue;
    let e = tokens?.get(tok);
    if (e === undefined) {
      const d = decodeToken(tok.t, rules, (env ??= { today: c.today, todayYear: c.todayYear, oneDigitFloor: c.floor }), c.juche);
      // Tokens no rule reads are not kept: lot codes would fill the memo.
      if (!d) continue;
      let settled = SETTLED_ALWAYS;
      for (const r of d.raw) if (r.from <= c.today) { const to = r.to < c.today ? r.to : c.today; if (to > settled) settled = to; }
      e = analyse(tok.t, d.raw, d.prior, c.today, null, c.introduced, settled) as TokenEntry;
      if (tokens) {
        if (++memoSize > MEMO_LIMIT) { memo.clear(); memoSize = 1; tokens = tokenMemo(ruleMemo(rules), c)!; }
        tokens.set(tok, e);
      }
    }
    const rec = c.recovery;
    let a: Analysis | undefined;
    if (rec === null || rec >= e.settled) a = e;
    else {
      a = e.byRecovery?.get(rec);
      if (!a) {
        a = analyse(tok.t, e.raw, e.prior, c.today, rec, c.introduced, NOT_ENTRY);
        // Counted against the same bound as the entries, so that many recovery dates cannot grow the memo without limit.
        if ((e.byRecovery ??= new Map()).size < RECOVERIES_PER_TOKEN && ++memoSize <= MEMO_LIMIT) e.byRecovery.set(rec, a);
      }
    }
    if (out === NO_GROUPS) out = [{ tok, a }];
    else out.push({ tok, a });
  }
  // The token read by the most specific rule first; among equals, pure digits, then the later line.
  for (let i = 1; i < out.length; i++) {
    const x = out[i]!;
    let j = i - 1;
    for (; j >= 0 && groupAfter(out[j]!, x); j--) out[j + 1] = out[j]!;
    out[j + 1] = x;
  }
  return out;
}

/** `a` sorts after `b`: a less specific rule, else not all digits, else an earlier line. */
function groupAfter(a: Group, b: Group): boolean {
  if (a.a.prior !== b.a.prior) return a.a.prior < b.a.prior;
  if (a.tok.allDigits !== b.tok.allDigits) return b.tok.allDigits;
  return a.tok.line < b.tok.line;
}

function decodeToken(t: string, rules: RuleInfo[], env: RuleEnv, jucheBoost: boolean): { raw: RawDate[]; prior: number } | null {
  let raw: RawDate[] | null = null;
  let prior = 0;
  for (const rule of rules) {
    const r = rule.fn(t, env);
    if (!r) continue;
    const p = rule.id === 'juche-year' && jucheBoost ? 1.5 : rule.prior;
    for (const x of r) {
      x.confidence *= p;
      // Identical windows from two rules (NXP and Freescale read `QAB1107` alike) are shown once.
      const same = raw?.find((d) => d.from === x.from && d.to === x.to);
      if (same) same.confidence += x.confidence;
      else (raw ??= []).push(x);
    }
    if (p > prior) prior = p;
  }
  if (!raw) return null;
  let sum = 0;
  for (const r of raw) sum += r.confidence;
  for (const r of raw) r.confidence /= sum;
  if (raw.length > 1) raw.sort((a, b) => b.confidence - a.confidence);
  return { raw, prior };
}

/**
 * `settled` of an entry that no recovery date changes, and of an analysis that is not an entry:
 * small integers, not ±Infinity or NaN, so that V8 keeps the field a small integer rather than a
 * pointer to a boxed number (one memory fetch more per date token).
 */
const SETTLED_ALWAYS = -0x3fffffff;
const NOT_ENTRY = 0x3fffffff;

/** The analysis of a decoding in a context; with `settled` other than NOT_ENTRY it is the token's memo entry. */
function analyse(t: string, raws: RawDate[], prior: number, today: number, recovery: number | null, introduced: number | null, settled: number): Analysis {
  const introStart = introduced !== null ? dayNumber(introduced, 1, 1) : null;
  const limit = recovery !== null && recovery < today ? recovery : today;
  const kept: DateReading[] = [];
  const rejected: RejectedDate[] = [];
  const flags: Warning[] = [];
  let afterToday: string | null = null, afterRecovery: string | null = null, beforeIntro: string | null = null;
  let sum = 0, lateCount = 0, earlyCount = 0;
  for (const r of raws) {
    let reason: string | null = null;
    if (r.from > today) reason = (afterToday ??= `after today (${isoOf(today)})`);
    else if (recovery !== null && r.from > recovery) {
      reason = (afterRecovery ??= `after the item's recovery date (${isoOf(recovery)})`);
      lateCount++;
    } else if (introStart !== null && r.to < introStart) {
      reason = (beforeIntro ??= `before the family's introduction (${introduced})`);
      earlyCount++;
    }
    const to = r.to < limit ? r.to : limit;
    const from = introStart !== null && introStart > r.from ? introStart : r.from;
    if (!reason && from > to) reason = 'empty once the context is applied';
    if (reason) {
      rejected.push(Object.freeze({ from: isoOf(r.from), to: isoOf(r.to), rule: r.rule, chars: r.chars, reason }));
      continue;
    }
    if (r.flag === 'week-53-short-year') flags.push({ code: 'week-53-short-year', message: `${r.chars}: ${r.note} — week 53 in a 52-week year is a red flag for a remarked or counterfeit part` });
    else if (r.flag === 'unconfirmed-rule') flags.push({ code: 'unconfirmed-rule', message: `${RULES[r.rule]?.summary ?? r.rule}: the convention is not confirmed from the maker's guide` });
    kept.push({ from: isoOf(from), to: isoOf(to), rule: r.rule, chars: r.chars, token: r.token, confidence: r.confidence, note: r.detail ? r.note + r.detail : r.note });
    sum += r.confidence;
  }
  const late = lateCount
    ? `${t}: ${lateCount === 1 ? 'one reading' : `${lateCount} readings`} would postdate the recovery date ${isoOf(recovery!)} and ${lateCount === 1 ? 'is' : 'are'} set aside`
    : null;
  let ambiguous: string | null = null;
  let site: string | undefined, lot: string | undefined;
  let minFrom = '9999', maxTo = '0000';
  if (kept.length) {
    for (const d of kept) { if (d.from < minFrom) minFrom = d.from; if (d.to > maxTo) maxTo = d.to; }
    for (const d of kept) d.confidence = round(d.confidence / sum);
    if (kept.length > 1) {
      kept.sort((a, b) => b.confidence - a.confidence);
      let list = '';
      for (const d of kept) list += (list ? ', ' : '') + d.from.slice(0, 7) + ' by ' + d.rule;
      ambiguous = `${t} has ${kept.length} possible windows (${list}): all are kept; the recovery date or the introduction year narrows them`;
    }
    const best = raws.find((r) => r.rule === kept[0]!.rule && r.chars === kept[0]!.chars);
    site = best?.site;
    lot = best?.lot;
    for (const d of kept) Object.freeze(d);
  }
  // Empty lists are one shared constant, so a reading with nothing refused touches no memory of its own for them.
  // What every reading reads comes first, so that it shares the object's first cache line; every
  // analysis has the entry's fields too, so that all share one shape.
  return {
    settled, nk: kept.length, k0: kept.length ? kept[0]! : null, rejected: rejected.length ? rejected : NO_REJECTED, flags: flags.length ? flags : NO_WARNINGS,
    late, early: earlyCount, ambiguous, site, lot, prior, kept: kept.length ? kept : NO_DATES, minFrom, maxTo, byRecovery: null,
    raw: settled !== NOT_ENTRY ? raws : null, firstLine: null, alsoLine: null, setAside: null,
  } as Analysis;
}
const NO_DATES: readonly DateReading[] = Object.freeze([]);
const NO_GROUPS: Group[] = Object.freeze([]) as unknown as Group[];
const NO_REJECTED: readonly RejectedDate[] = Object.freeze([]);
const NO_WARNINGS: readonly Warning[] = Object.freeze([]);
