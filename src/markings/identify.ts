/**
 * The identification engine: a printed marking in, ranked readings out. Pure: no I/O, no clock
 * (the caller passes `context.today`), no randomness — the same input always gives the same
 * output, so readings can be stored as suggestions and reproduced later.
 *
 * The engine never resolves ambiguity by guessing. An ambiguous prefix gives one reading per
 * maker; a date token that several rules (or several decades) can read gives one window per
 * reading; windows the context rules out are kept as `rejectedDates` with the reason.
 */
import type { DateReading, IdentifyContext, IdentifyResult, MakerEvidence, MakerParent, Reading, RejectedDate, Warning, WarningCode } from './types.js';
import { dayNumber, isoOf, parseDay, yearOf } from './calendar.js';
import {
  classify, countryOfToken, findMaker, makerById, makerSummary, matchLogo, matchPrefix, rulesFor, siteName, wordInfo, type PrefixHit,
} from './catalogue.js';
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
}

interface Candidate {
  maker: MakerRecord | null;
  entry: PrefixRecord | null;
  evidence: MakerEvidence | null;
  confidence: number;
  others: string[];
  warnings: Warning[];
  reasoning: string[];
}

interface TokenDates {
  tok: Tok;
  raw: RawDate[];
  prior: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 160 || c === 0x3000;
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
function warn(list: Warning[], code: WarningCode, message: string): void {
  for (const w of list) if (w.code === code && w.message === message) return;
  list.push({ code, message });
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Printed lines are joined by ` / ` (spaces required: part numbers contain bare slashes), or by new lines or `|`. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const n = text.length;
  const push = (end: number) => {
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
  };
  for (let i = 0; i < n && out.length < MAX_LINES; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 124 || (c === 47 && i > 0 && i + 1 < n && isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1)))) {
      push(i);
      start = i + 1;
    }
  }
  if (out.length < MAX_LINES) push(n);
  return out;
}

/** Upper-cased words of a line, with leading punctuation (`#`, `(`) and trailing punctuation (`,`, `)`) removed. */
function tokenise(line: string, li: number, toks: Tok[], words: string[]): void {
  const n = line.length;
  let i = 0;
  while (i < n && toks.length < MAX_TOKENS) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    if (i === start) break;
    let w = line.slice(start, i);
    let upper = true;
    for (let k = 0; k < w.length; k++) { const c = w.charCodeAt(k); if (c >= 97 && c <= 122) { upper = false; break; } }
    if (!upper) w = w.toUpperCase();
    let a = 0, b = w.length;
    while (a < b && !isAlnum(w.charCodeAt(a))) a++;
    while (b > a && !isTail(w.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    if (a > 0 || b < w.length) w = w.slice(a, b);
    let digit = false, letter = false;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c >= 48 && c <= 57) digit = true;
      else if (c >= 65 && c <= 90) letter = true;
    }
    let allDigits = digit;
    if (digit) for (let k = 0; k < w.length; k++) { const c = w.charCodeAt(k); if (c < 48 || c > 57) { allDigits = false; break; } }
    toks.push({ t: w, line: li, role: null, digit, letter, allDigits });
    words.push(w);
  }
}

/**
 * Reads a marking. `context.today` is required for dates: without it no date is decoded (the
 * engine will not read the clock). Never throws on any string.
 */
export function identify(marking: string, context: IdentifyContext = {}): IdentifyResult {
  const explain = context.explain !== false;
  const resultWarnings: Warning[] = [];
  let text = typeof marking === 'string' ? marking : String(marking ?? '');
  if (text.length > MAX_INPUT_CHARS) {
    warn(resultWarnings, 'truncated', `marking longer than ${MAX_INPUT_CHARS} characters: only the first ${MAX_INPUT_CHARS} were read`);
    text = text.slice(0, MAX_INPUT_CHARS);
  }

  // --- Lines and tokens ----------------------------------------------------------------------
  const lines = splitLines(text);
  const toks: Tok[] = [];
  const lineToks: string[][] = [];
  for (let li = 0; li < lines.length; li++) {
    const words: string[] = [];
    tokenise(lines[li]!, li, toks, words);
    lineToks.push(words);
  }

  // --- Context --------------------------------------------------------------------------------
  const today = parseDay(context.today ?? null);
  const recovery = parseDay(context.recoveryDate ?? context.recoveredOn ?? null);
  if (today === null) warn(resultWarnings, 'undecoded-date', 'no valid "today" in the context: date codes were not decoded');
  let contextMaker: MakerRecord | null = null;
  if (context.maker) {
    contextMaker = findMaker(context.maker);
    if (!contextMaker) warn(resultWarnings, 'maker-conflict', `the confirmed maker "${context.maker}" is not in the catalogue; it was not applied`);
  }

  // --- Country of assembly, logos -------------------------------------------------------------
  let assemblyCountry: string | null = null;
  let assemblyText = '';
  const logoMakers: MakerRecord[] = [];
  let ti = 0;
  for (let li = 0; li < lineToks.length; li++) {
    const words = lineToks[li]!;
    for (let wi = 0; wi < words.length; wi++, ti++) {
      const tok = toks[ti]!;
      if (tok.role) continue;
      const w = words[wi]!;
      if (tok.digit) continue;
      if (w === 'MADE' && words[wi + 1] === 'IN' && words[wi + 2] && countryOfToken(words[wi + 2]!)) {
        tok.role = 'made';
        toks[ti + 1]!.role = 'made';
        toks[ti + 2]!.role = 'country';
        if (!assemblyCountry) { assemblyCountry = countryOfToken(words[wi + 2]!); assemblyText = `MADE IN ${words[wi + 2]}`; }
        continue;
      }
      const info = wordInfo(w);
      if (!info) continue;
      if (info.country) {
        tok.role = 'country';
        if (!assemblyCountry) { assemblyCountry = info.country; assemblyText = w; }
        continue;
      }
      const logo = matchLogo(words, wi);
      if (logo) {
        for (let k = 0; k < logo.length && ti + k < toks.length; k++) toks[ti + k]!.role = 'logo';
        for (const m of logo.makers) if (!logoMakers.includes(m)) logoMakers.push(m);
      }
    }
  }

  // --- Part number by prefix ------------------------------------------------------------------
  let pnIndex = -1;
  let hits: PrefixHit[] = [];
  for (let i = 0; i < toks.length; i++) {
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
    const next = toks[pnIndex + 1];
    if (next && !next.role && next.line === pn.line + 1 && next.letter && next.t.length <= 10 && trailingDigits(pn.t) >= 2 &&
        isSuffixShape(next.t) && hits.some((h) => h.entry.join)) {
      next.role = 'suffix';
      suffix = next;
      partNumber = pn.t + next.t;
    }
  } else {
    // No catalogued prefix: the first token with letters and digits on the first line (the
    // second when the first holds only a logo) is the best guess at a part number, without a maker.
    const firstLine = toks.find((t) => t.role !== 'logo')?.line ?? 0;
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i]!;
      if (tok.line > firstLine) break;
      if (!tok.role && tok.t.length >= 4 && tok.letter && tok.digit) { tok.role = 'pn'; partNumber = tok.t; pnIndex = i; break; }
    }
  }

  // --- Maker candidates and readings ----------------------------------------------------------
  const candidates = makerCandidates(hits, logoMakers, contextMaker, explain);
  // Nothing legible at all: the empty reading carries no weight.
  if (toks.length === 0 && candidates.length === 1 && !candidates[0]!.maker) candidates[0]!.confidence = 0;
  let bare = pnIndex < 0 && logoMakers.length === 0 && toks.length > 0;
  if (bare) for (const t of toks) if (t.letter && t.role !== 'country' && t.role !== 'made') { bare = false; break; }

  const inp: ReadingInput = {
    toks, lines, partNumber, suffix, pnTok: pnIndex >= 0 ? toks[pnIndex]! : null, assemblyCountry, assemblyText,
    today, recovery, introducedYear: context.introducedYear, bare, explain, shared: candidates.length > 1,
    todayYear: today !== null ? yearOf(today) : 0, decodeCache: new Map(),
  };
  const readings: Reading[] = [];
  for (const cand of candidates) readings.push(buildReading(cand, inp));
  if (readings.length > 1) readings.sort((a, b) => b.confidence - a.confidence);
  return { marking: text, lines, readings, warnings: resultWarnings };
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

function makerCandidates(hits: PrefixHit[], logoMakers: MakerRecord[], contextMaker: MakerRecord | null, explain: boolean): Candidate[] {
  // One hit per maker; where two hits are in one ownership line (a brand and its owner), keep the brand.
  let hitMakers: PrefixHit[] = hits;
  if (hits.length > 1) {
    const byMaker: PrefixHit[] = [];
    for (const h of hits) if (!byMaker.some((x) => x.maker.id === h.maker.id)) byMaker.push(h);
    hitMakers = byMaker.filter((h) => !byMaker.some((o) => o !== h && ownershipChain(o.maker.id).includes(h.maker)));
  }
  const amb = hitMakers.length > 1 || hitMakers.some((h) => h.entry.amb);
  const prefix = hitMakers[0]?.entry.p ?? '';
  const names = hitMakers.length > 1 ? hitMakers.map((h) => h.maker.name) : hitMakers.length ? [hitMakers[0]!.maker.name] : [];

  const make = (maker: MakerRecord | null, entry: PrefixRecord | null, evidence: MakerEvidence | null, confidence: number): Candidate =>
    ({ maker, entry, evidence, confidence, others: [], warnings: [], reasoning: [] });

  if (contextMaker) {
    const agree = hitMakers.find((h) => related(h.maker.id, contextMaker.id));
    const c = make(contextMaker, agree?.entry ?? hitMakers[0]?.entry ?? null, 'context', CONFIDENCE.context);
    if (explain) c.reasoning.push(`Maker ${contextMaker.name} confirmed in the context.`);
    if (!agree && hitMakers.length) {
      warn(c.warnings, 'maker-conflict', `prefix ${prefix} is catalogued for ${names.join(', ')}, not ${contextMaker.name}: a second source or a remarked part`);
    }
    return [c];
  }

  if (hitMakers.length) {
    const agreeing: Candidate[] = [];
    if (logoMakers.length) {
      for (const h of hitMakers) {
        const logo = logoMakers.find((l) => related(l.id, h.maker.id));
        if (!logo || agreeing.some((a) => a.maker === logo)) continue;
        // The logo says who made and marked the part; the prefix may name a family it inherited
        // (a TI-logo LM358 is a TI part of National's LM family).
        const c = make(logo, h.entry, 'logo+prefix', CONFIDENCE.logoPrefix);
        if (explain) {
          c.reasoning.push(logo === h.maker
            ? `Logo text ${logo.logos?.[0] ?? logo.name} and prefix ${h.entry.p} both point to ${logo.name}.`
            : `Logo text ${logo.logos?.[0] ?? logo.name} → ${logo.name}; prefix ${h.entry.p} is the family of ${h.maker.name}, in the same ownership line.`);
        }
        agreeing.push(c);
      }
    }
    if (agreeing.length) {
      for (const c of agreeing) {
        if (agreeing.length > 1) c.confidence /= agreeing.length;
        c.others = names.filter((n) => n !== c.maker!.name);
      }
      return agreeing;
    }
    const out: Candidate[] = [];
    for (const l of logoMakers) {
      // The logo contradicts the part number: a remarked or cloned part, or a second source.
      const c = make(l, hitMakers[0]!.entry, 'logo', CONFIDENCE.conflict / logoMakers.length);
      warn(c.warnings, 'maker-conflict', `logo text says ${l.name} but prefix ${prefix} is catalogued for ${names.join(', ')}: possible remarking or second source`);
      out.push(c);
    }
    for (const h of hitMakers) {
      const conf = logoMakers.length ? CONFIDENCE.conflict / hitMakers.length : amb ? CONFIDENCE.genericPrefix / hitMakers.length : CONFIDENCE.prefix;
      const c = make(h.maker, h.entry, amb ? 'ambiguous-prefix' : 'prefix', conf);
      if (hitMakers.length > 1) c.others = names.filter((n) => n !== h.maker.name);
      if (amb) {
        warn(c.warnings, 'ambiguous-prefix', hitMakers.length > 1
          ? `prefix ${prefix} is printed by ${hitMakers.length} catalogued makers (${names.join(', ')}): confirm with the logo`
          : `prefix ${prefix} is generic or second-sourced: ${h.maker.name} is the catalogued maker but others print it too; confirm with the logo`);
      }
      if (logoMakers.length) warn(c.warnings, 'maker-conflict', `logo text says ${logoMakers.map((l) => l.name).join(', ')} but prefix ${prefix} points to ${h.maker.name}`);
      out.push(c);
    }
    return out;
  }

  if (logoMakers.length) {
    return logoMakers.map((l) => {
      const c = make(l, null, 'logo', CONFIDENCE.logo / logoMakers.length);
      if (explain) c.reasoning.push(`Logo text ${l.logos?.[0] ?? l.name} → ${l.name}; no catalogued part-number prefix was read.`);
      if (logoMakers.length > 1) c.others = logoMakers.filter((o) => o !== l).map((o) => o.name);
      return c;
    });
  }
  return [make(null, null, null, CONFIDENCE.none)];
}

interface ReadingInput {
  toks: Tok[];
  lines: string[];
  partNumber: string | null;
  suffix: Tok | null;
  pnTok: Tok | null;
  assemblyCountry: string | null;
  assemblyText: string;
  today: number | null;
  recovery: number | null;
  introducedYear: number | undefined;
  bare: boolean;
  explain: boolean;
  /** Several readings: share decodings between those with the same rules. */
  shared: boolean;
  todayYear: number;
  decodeCache: Map<string, TokenDates[]>;
}

function buildReading(cand: Candidate, inp: ReadingInput): Reading {
  const { maker, entry } = cand;
  const explain = inp.explain;
  const warnings = cand.warnings;
  const reasoning: string[] = [];
  const summary = maker ? makerSummary(maker.id) : null;

  if (explain) {
    reasoning.push(`Lines read: ${inp.lines.length ? inp.lines.map((l) => `"${l}"`).join(' | ') : '(none)'}.`);
    reasoning.push(...cand.reasoning);
    if (inp.partNumber && entry && maker) {
      reasoning.push(`Part number ${inp.partNumber}: prefix ${entry.p} → ${entry.fam ?? entry.cat}${entry.intro ? `, introduced ${entry.intro}` : ''}` +
        (inp.suffix ? `; ordering suffix ${inp.suffix.t} joined from line ${inp.suffix.line + 1}` : '') + '.');
    } else if (inp.partNumber) {
      reasoning.push(`Part number ${inp.partNumber}: no catalogued prefix matches, so no maker follows from it.`);
    }
    if (maker && summary) {
      reasoning.push(`${maker.name}: headquarters ${maker.country}` + (summary.parent ? `; acquired by ${summary.parent.name}${summary.parent.year ? ` in ${summary.parent.year}` : ''}` : '') +
        (summary.ultimateParent ? `; now part of ${summary.ultimateParent.name}` : '') + '.');
    }
    if (entry?.compat) reasoning.push(`${entry.fam ?? entry.p} copies ${entry.compat} numbering or pinout: it is not a ${entry.compat} part, and remarked copies are sold as the original.`);
    if (inp.assemblyCountry) reasoning.push(`Country of assembly printed: ${inp.assemblyText} → ${inp.assemblyCountry}.`);
  }
  if (entry?.clone) warn(warnings, 'clone-risk', entry.clone);

  const category = entry?.cat ?? maker?.cat ?? null;
  const cls = classify(category);

  // Introduction year: the analyst's wins over the catalogue's.
  let introduced: number | null = entry?.intro ?? null;
  const iy = inp.introducedYear;
  if (typeof iy === 'number' && Number.isInteger(iy) && iy >= 1900 && iy <= 2200) introduced = iy;

  // --- Dates ----------------------------------------------------------------------------------
  const dates: DateReading[] = [];
  const rejected: RejectedDate[] = [];
  let dateToken: string | null = null;
  let dateTok: Tok | null = null;
  let site: Reading['site'] = null;
  let lot: string | null = null;
  if (inp.today !== null) {
    const todayYear = inp.todayYear;
    const rules = rulesFor(maker);
    const jucheBoost = inp.bare || inp.assemblyCountry === 'KP';
    const env: RuleEnv = { today: inp.today, todayYear, oneDigitFloor: introduced ?? todayYear - 29 };
    // Makers sharing a rule list (every ECIA maker of an ambiguous prefix) share one decoding.
    let groups: TokenDates[] | undefined;
    if (inp.shared) {
      const key = `${rulesKey(rules)}|${env.oneDigitFloor}|${jucheBoost}`;
      groups = inp.decodeCache.get(key);
      if (!groups) inp.decodeCache.set(key, (groups = decodeAll(inp.toks, rules, env, jucheBoost)));
    } else groups = decodeAll(inp.toks, rules, env, jucheBoost);
    const introStart = introduced !== null ? dayNumber(introduced, 1, 1) : null;
    const limit = inp.recovery !== null && inp.recovery < inp.today ? inp.recovery : inp.today;
    // Reasons are built once per reading, not once per refused window.
    let afterToday: string | null = null, afterRecovery: string | null = null, beforeIntro: string | null = null;
    for (const g of groups) {
      const kept: DateReading[] = [];
      let sum = 0, lateCount = 0, earlyCount = 0;
      for (const r of g.raw) {
        let reason: string | null = null;
        if (r.from > inp.today) reason = (afterToday ??= `after today (${isoOf(inp.today)})`);
        else if (inp.recovery !== null && r.from > inp.recovery) {
          reason = (afterRecovery ??= `after the item's recovery date (${isoOf(inp.recovery)})`);
          lateCount++;
        } else if (introStart !== null && r.to < introStart) {
          reason = (beforeIntro ??= `before the family's introduction (${introduced})`);
          earlyCount++;
        }
        const to = r.to < limit ? r.to : limit;
        const from = introStart !== null && introStart > r.from ? introStart : r.from;
        if (!reason && from > to) reason = 'empty once the context is applied';
        if (reason) {
          rejected.push({ from: isoOf(r.from), to: isoOf(r.to), rule: r.rule, chars: r.chars, reason });
          continue;
        }
        if (r.flag === 'week-53-short-year') warn(warnings, 'week-53-short-year', `${r.chars}: ${r.note} — week 53 in a 52-week year is a red flag for a remarked or counterfeit part`);
        else if (r.flag === 'unconfirmed-rule') warn(warnings, 'unconfirmed-rule', `${RULES[r.rule]?.summary ?? r.rule}: the convention is not confirmed from the maker's guide`);
        kept.push({ from: isoOf(from), to: isoOf(to), rule: r.rule, chars: r.chars, token: r.token, confidence: r.confidence, note: r.detail ? r.note + r.detail : r.note });
        sum += r.confidence;
      }
      if (lateCount) {
        warn(warnings, 'after-recovery', `${g.tok.t}: ${lateCount === 1 ? 'one reading' : `${lateCount} readings`} would postdate the recovery date ${isoOf(inp.recovery!)} and ${lateCount === 1 ? 'is' : 'are'} set aside`);
      }
      if (earlyCount) {
        warn(warnings, 'before-introduction', `${g.tok.t}: ${earlyCount === 1 ? 'one reading' : `${earlyCount} readings`} would predate the introduction of ${entry?.fam ?? 'the part'} (${introduced}) and ${earlyCount === 1 ? 'is' : 'are'} set aside`);
      }
      if (!kept.length) continue;
      for (const d of kept) d.confidence = round(d.confidence / sum);
      if (kept.length > 1) kept.sort((a, b) => b.confidence - a.confidence);
      if (dateTok === null) {
        dateTok = g.tok;
        dateToken = g.tok.t;
        const best = g.raw.find((r) => r.rule === kept[0]!.rule && r.chars === kept[0]!.chars);
        if (best?.site) site = { code: best.site, name: siteName(maker, best.site) };
        if (best?.lot) lot = best.lot;
        if (kept.length > 1) {
          let list = '';
          for (const d of kept) list += (list ? ', ' : '') + d.from.slice(0, 7) + ' by ' + d.rule;
          warn(warnings, 'ambiguous-date', `${g.tok.t} has ${kept.length} possible windows (${list}): all are kept; the recovery date or the introduction year narrows them`);
        }
        if (explain) reasoning.push(`Date code ${g.tok.t}: ` + kept.map((d) => `${d.note.split(';')[0]} → ${d.from}…${d.to} (${d.rule}, ${d.confidence})`).join('; ') + '.');
      } else if (explain) {
        reasoning.push(`Also read as a date: ${g.tok.t} → ${kept[0]!.from}…${kept[0]!.to} (${kept[0]!.rule}); it may be a lot code.`);
      }
      for (const d of kept) dates.push(d);
    }
    // Date-like tokens no rule could read (week 60, month 13…) are reported, not dropped.
    for (const tok of inp.toks) {
      if (tok.role || !tok.allDigits || tok.t.length < 3 || tok.t.length > 4) continue;
      let decoded = false;
      for (const g of groups) if (g.tok === tok) { decoded = true; break; }
      if (!decoded) warn(warnings, 'undecoded-date', `${tok.t} looks like a date code but no rule for ${maker?.name ?? 'an unknown maker'} reads it (week or month out of range?)`);
    }
    if (explain && !dates.length && rejected.length) reasoning.push('Every date reading was ruled out by the context; see rejectedDates.');
  }
  if (explain) for (const r of rejected) reasoning.push(`Set aside: ${r.chars} by ${r.rule} (${r.from}…${r.to}): ${r.reason}.`);

  // --- Lot: from the date convention, else where the maker prints it --------------------------
  if (lot) {
    if (explain) reasoning.push(`Lot/trace code ${lot} from the date convention.`);
  } else if (maker?.lot === 'trace-line') {
    const pnLine = inp.pnTok?.line ?? 0;
    for (const x of inp.toks) {
      if (x.role || x.line <= pnLine || x === dateTok || x.t.length < 4 || x.t.length > 12 || !x.letter || !x.digit) continue;
      lot = x.t;
      if (explain) reasoning.push(`Lot/trace code ${x.t} (first unclaimed code after the part number, as ${maker.name} prints it).`);
      break;
    }
  } else if (maker?.lot === 'after-date' && dateTok) {
    const i = inp.toks.indexOf(dateTok);
    const x = inp.toks[i + 1];
    if (x && !x.role && x.line === dateTok.line && x.t.length >= 2 && x.t.length <= 10 && allAlnum(x.t)) {
      lot = x.t;
      if (explain) reasoning.push(`Lot code ${x.t} (printed after the date code, as ${maker.name} does).`);
    }
  }
  if (explain && site) reasoning.push(`Assembly site code ${site.code}${site.name ? ` = ${site.name}` : ' (site not named in the catalogue)'}.`);

  // --- Who owned the maker when the part was made ---------------------------------------------
  let ownerAtProduction: MakerParent | null = null;
  if (maker && dateToken) {
    let minFrom = '9999', maxTo = '0000';
    for (const d of dates) if (d.token === dateToken) { if (d.from < minFrom) minFrom = d.from; if (d.to > maxTo) maxTo = d.to; }
    const from = maker.from ? makerById(maker.from) : undefined;
    if (from && maker.since && maxTo < `${maker.since}-01-01`) {
      // A spin-off's family made before the company existed was made by its former parent.
      ownerAtProduction = { id: from.id, name: from.name, country: from.country, year: null };
      if (explain) reasoning.push(`Made before ${maker.name} existed (${maker.since}): made by ${from.name}.`);
    } else if (summary?.parent && maker.acquired) {
      if (minFrom >= `${maker.acquired + 1}-01-01`) {
        ownerAtProduction = summary.parent;
        if (explain) reasoning.push(`Made after ${maker.name} was acquired (${maker.acquired}): owner at production ${summary.parent.name}.`);
      } else if (maxTo < `${maker.acquired}-01-01`) {
        ownerAtProduction = { id: maker.id, name: maker.name, country: maker.country, year: null };
      }
    }
  }

  if (explain) reasoning.push(`Classification: ${cls.reason}`);
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
    dates,
    rejectedDates: rejected,
    dateToken,
    site,
    assemblyCountry: inp.assemblyCountry,
    lot,
    ownerAtProduction,
    warnings,
    reasoning,
  };
}

const ruleKeys = new WeakMap<RuleInfo[], string>();
function rulesKey(rules: RuleInfo[]): string {
  let k = ruleKeys.get(rules);
  if (k === undefined) ruleKeys.set(rules, (k = rules.map((r) => r.id).join(',')));
  return k;
}

/**
 * What a token reads as under a rule list and context is a pure function of them; date codes recur
 * constantly (a board's parts share a few codes, a year has only 52 weeks), so the decodings are
 * memoised. The cached arrays are never mutated after they are stored.
 */
type Decoded = { raw: RawDate[]; prior: number } | null;
/** Rule list → context (today, floor, Juche weight, as one number) → token → decoding. */
const decodeMemo = new Map<RuleInfo[], Map<number, Map<string, Decoded>>>();
let memoSize = 0;
const MEMO_LIMIT = 200_000;

/** Every candidate token decoded by every rule of the list, best token first. */
function decodeAll(toks: Tok[], rules: RuleInfo[], env: RuleEnv, jucheBoost: boolean): TokenDates[] {
  const out: TokenDates[] = [];
  let n = 0;
  let byCtx = decodeMemo.get(rules);
  if (!byCtx) decodeMemo.set(rules, (byCtx = new Map()));
  const ctxKey = (env.today * 4096 + (env.oneDigitFloor & 4095)) * 2 + (jucheBoost ? 1 : 0);
  let memo = byCtx.get(ctxKey);
  if (!memo) byCtx.set(ctxKey, (memo = new Map()));
  for (const tok of toks) {
    if (tok.role || !tok.digit || tok.t.length > 18) continue;
    if (++n > MAX_DATE_TOKENS) break;
    let hit = memo.get(tok.t);
    if (hit === undefined) {
      hit = decodeToken(tok.t, rules, env, jucheBoost);
      if (++memoSize > MEMO_LIMIT) { decodeMemo.clear(); memoSize = 0; byCtx = new Map(); memo = new Map(); decodeMemo.set(rules, byCtx); byCtx.set(ctxKey, memo); }
      memo.set(tok.t, hit);
    }
    if (hit) out.push({ tok, raw: hit.raw, prior: hit.prior });
  }
  // The token read by the most specific rule first; among equals, pure digits, then the later line.
  if (out.length > 1) out.sort((a, b) => b.prior - a.prior || Number(b.tok.allDigits) - Number(a.tok.allDigits) || b.tok.line - a.tok.line);
  return out;
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
