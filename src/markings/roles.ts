/**
 * What each word of a marking is, besides a date: country of assembly (`CHN`, `MADE IN TAIWAN`),
 * logo text (`TI`, `ANALOG DEVICES`), the part number (by catalogued prefix, else the first word
 * with letters and digits) and an ordering suffix printed on the next line (`STM32F405` / `RGT6`).
 * Each step claims its tokens by setting their role, so later steps skip them.
 */
import { makerFromLayout } from './layout.js';
import { matchPrefix, matchPrefixTolerant, wordInfo, type PrefixHit, type TolerantMatch } from './catalogue.js';
import { digitisedLead, lookAlike, lookAlikeVariants } from './confusions.js';
import { related, type MakerRecord } from '../reference/index.js';
import { isAlnum, trailingDigits, type Token } from './tokens.js';
import {
  continuationText, incompletePartNumber, isCrystalFrequency, isOrderingOrValue, mayRestore, mayBeTopsideCode, mayRestoreWithLookAlikes, maySerial, restoreFamily, serialFormat,
  topsideCode, withoutBarePackage,
} from './knowledge.js';

/** What the knowledge base said about a marking whose part number has no catalogued prefix as printed. */
export interface KnowledgeHit {
  kind: 'family-letters' | 'topside-code' | 'serial-format' | 'layout';
  /** Makers the entry names (empty or several: the maker stays unknown). */
  makers: MakerRecord[];
  family: string | null;
  source: string;
  /** The reasoning line. */
  line: string;
}

/** Country of assembly and logo makers found on a marking. */
export interface Printed {
  assemblyCountry: string | null;
  /** The words that named the country (`CHN`, `MADE IN TAIWAN`). */
  assemblyText: string;
  logoMakers: MakerRecord[];
  /** A logo word as typed, when it was read with look-alike digits made letters (`TOSHI8A`). */
  logoTypedAs: string | null;
}

/** Marks country and logo tokens; returns what they say. */
export function readCountryAndLogos(toks: Token[], count: number): Printed {
  let assemblyCountry: string | null = null;
  let assemblyText = '';
  let logoMakers: MakerRecord[] = NO_MAKERS;
  let logoTypedAs: string | null = null;
  for (let ti = 0; ti < count; ti++) {
    const tok = toks[ti]!;
    if (tok.role) continue;
    let w = tok.text;
    if (tok.hasDigit) {
      // A logo with a letter typed as its look-alike digit (`TOSHI8A`, `5PANSION`): only words of
      // four or more characters with letters, and only logos (a country or part number is not guessed).
      if (!tok.hasLetter || w.length < 4) continue;
      const asLetters = lettersOf(w);
      const info = asLetters ? wordInfo(asLetters) : undefined;
      if (!info?.logos) continue;
      logoTypedAs ??= w;
      w = asLetters!;
    }
    if (w === 'MADE' && ti + 2 < count) {
      const t1 = toks[ti + 1]!, t2 = toks[ti + 2]!;
      const c = t2.line === tok.line && t1.text === 'IN' ? wordInfo(t2.text)?.country : null;
      if (c) {
        tok.role = 'made';
        t1.role = 'made';
        t2.role = 'country';
        if (!assemblyCountry) { assemblyCountry = c; assemblyText = `MADE IN ${t2.text}`; }
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
      for (const logo of info.multi) {
        let ok = ti + logo.words.length <= count;
        for (let k = 1; ok && k < logo.words.length; k++) { const x = toks[ti + k]!; if (x.line !== tok.line || x.text !== logo.words[k]) ok = false; }
        if (ok) { multi = logo.maker; length = logo.words.length; break; }
      }
    }
    if (!multi && !info.logos) continue;
    for (let k = 0; k < length; k++) toks[ti + k]!.role = 'logo';
    if (logoMakers === NO_MAKERS) logoMakers = [];
    if (multi) { if (!logoMakers.includes(multi)) logoMakers.push(multi); }
    else for (const maker of info.logos!) if (!logoMakers.includes(maker)) logoMakers.push(maker);
  }
  return { assemblyCountry, assemblyText, logoMakers, logoTypedAs };
}

/** The word with every digit that has a letter look-alike made that letter, or null when a digit has none. */
function lettersOf(w: string): string | null {
  // Refused without building a string when a digit has no letter look-alike, or when digits are
  // more than a third of the word (part numbers and lot codes; a logo with a typo has one or two).
  let digits = 0;
  for (let i = 0; i < w.length; i++) { const c = w.charCodeAt(i); if (c >= 48 && c <= 57) { if (!lookAlike(c)) return null; digits++; } }
  if (3 * digits > w.length) return null;
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) { const l = lookAlike(c); if (!l) return null; out += String.fromCharCode(l); } else out += w[i];
  }
  return out;
}

/** The part number a marking prints, and the catalogue entries its prefix matches. */
export interface PartNumberFound {
  partNumber: string | null;
  /** Index of the part-number token, or -1. */
  index: number;
  hits: PrefixHit[];
  /** The ordering suffix joined from the next line, if any. */
  suffix: Token | null;
  /** Set when the knowledge base, not a printed prefix, gave the part number or the maker. */
  knowledge: KnowledgeHit | null;
  /** The part number stands below the first printed line (a weaker sign that it is one). */
  belowFirstLine: boolean;
  /** The part number as printed, when it was read with look-alike characters corrected (`5TM32F405`). */
  typedAs?: string;
  /** The part number is not a whole device number by its maker's numbering and nothing printed completes it (`dsPIC` alone). */
  incomplete?: boolean;
}

const NO_LOGOS: readonly MakerRecord[] = [];

/** Finds the part number: the first word with a catalogued prefix, else the first word of letters and digits on the first line. */
export function findPartNumber(toks: Token[], count: number, logoMakers: readonly MakerRecord[] = NO_LOGOS): PartNumberFound {
  let index = -1;
  let hits: PrefixHit[] = NO_HITS;
  let firstLine = -1;
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    if (firstLine < 0 && tok.role !== 'logo') firstLine = tok.line;
    // Short digit strings are date or lot codes, not part numbers; nor is a two-character word that
    // is a prefix and nothing more (`A3` in a lot line is not Allegro's A3 family).
    if (tok.role || (!tok.hasLetter && tok.text.length < 6) || tok.text.length < 3) continue;
    const h = matchPrefix(tok.text);
    if (!h.length) continue;
    // A prefix on a later line than the first (a lot code such as `EDB1005`) gives way to a part
    // number the knowledge base restores on the first lines (`179050` → MCP1790-50).
    if (tok.line > firstLine) { const restored = restoredPartNumber(toks, count, firstLine, false); if (restored) return restored; }
    index = i; hits = h;
    break;
  }
  let typedAs: string | undefined;
  if (index < 0) {
    const known = restoredPartNumber(toks, count, firstLine, true) ?? fromKnowledge(toks, count);
    if (known) return known;
    // `5TM32F405`: a catalogued prefix once look-alike characters are read the other way.
    // A correction is taken only where the printed logo agrees with it: under a TOSHIBA logo,
    // `TC531001CF` is Toshiba's own number, not ams' `TCS3` with a 5 misread.
    const found = lookAlikePrefix(toks, count, firstLine);
    if (found && (!logoMakers.length || found.match.hits.some((h) => logoMakers.some((l) => related(l.id, h.maker.id))))) { index = found.index; hits = found.match.hits; typedAs = toks[index]!.text; toks[index]!.text = found.match.corrected; }
  }
  let partNumber: string | null = null;
  let suffix: Token | null = null;
  let incomplete = false;
  if (index >= 0) {
    const pn = toks[index]!;
    pn.role = 'pn';
    partNumber = pn.text;
    // ST, ADI and the STM32 look-alikes print the ordering suffix on the next line (`STM32F405` /
    // `RGT6`). Join only when the root ends in a run of digits, so that a complete part number is
    // not glued to the lot code that follows it.
    const next = index + 1 < count ? toks[index + 1] : undefined;
    if (next && !next.role && next.line === pn.line + 1 && next.hasLetter && next.text.length <= 10 && trailingDigits(pn.text) >= 2 &&
        isSuffixShape(next.text) && anyJoins(hits)) {
      next.role = 'suffix';
      suffix = next;
      partNumber = pn.text + next.text;
    } else if (next && anyJoins(hits) && isOrderingTail(pn, next)) {
      // Microchip splits a long part number after the device and prints the rest with the
      // temperature and package (`dsPIC33FJ16` / `MC101-I/SS`, `PIC16F81` / `8-I/ML`).
      next.role = 'suffix';
      suffix = next;
      // A tail that is only the temperature and package (`I/SN`) takes the hyphen Microchip's order codes have.
      partNumber = pn.text + (next.text.charCodeAt(1) === 47 ? '-' : '') + next.text;
    }
    if (suffix === null && hits.length) {
      const carried = carryOver(toks, count, index, partNumber, hits[0]!.maker);
      partNumber = carried.partNumber;
      suffix = carried.tail;
      if (carried.incomplete) incomplete = true;
    }
    if (hits.length) partNumber = withoutBarePackage(partNumber, hits[0]!.maker);
  } else {
    // No catalogued prefix: the first token with letters and digits on the first line (the
    // second when the first holds only a logo) is the best guess at a part number, without a maker.
    // A word that starts with a letter is preferred: one that starts with digits is more often a date and lot (`9136EAI`).
    for (let pass = 0; pass < 2 && index < 0; pass++) {
      for (let i = 0; i < count; i++) {
        const tok = toks[i]!;
        if (tok.line > firstLine) break;
        if (!tok.role && !tok.hasMark && tok.text.length >= 4 && tok.hasLetter && tok.hasDigit && (pass === 1 || tok.text.charCodeAt(0) >= 65)) { tok.role = 'pn'; partNumber = tok.text; index = i; break; }
      }
    }
  }
  return { partNumber, index, hits, suffix, knowledge: null, belowFirstLine: index >= 0 && toks[index]!.line > firstLine, typedAs, incomplete };
}

/**
 * A part number the maker carries over to the next line when it does not fit on one (`dsPIC` /
 * `33FJ32MC304`, `PIC24FJ256GA` / `108`; knowledge/carried-over.json): joined with the next word
 * when that word continues it (on the next line, or on the same line where line breaks were lost).
 * `incomplete` when the part number is not a whole device number and nothing continues it.
 */
function carryOver(toks: Token[], count: number, index: number, partNumber: string, maker: MakerRecord): { partNumber: string; tail: Token | null; incomplete: boolean } {
  const entry = incompletePartNumber(partNumber, maker);
  if (!entry) return { partNumber, tail: null, incomplete: false };
  const pn = toks[index]!;
  const next = index + 1 < count ? toks[index + 1]! : null;
  const joined = next && !next.role && (next.line === pn.line + 1 || next.line === pn.line) ? continuationText(entry, next.text) : null;
  if (joined === null) return { partNumber, tail: null, incomplete: true };
  next!.role = 'suffix';
  return { partNumber: partNumber + joined, tail: next, incomplete: false };
}

/** A family printed without its letters near the top (`12C508A` → PIC12C508A), from the knowledge base. */
function restoredPartNumber(toks: Token[], count: number, firstLine: number, lookAlikes: boolean): PartNumberFound | null {
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    // The first printed line, or the second when the first holds only a code (`017 / 16F630`).
    if (tok.line > firstLine + 1) break;
    if (tok.line > firstLine && toks[0]!.hasLetter) break;
    // Every restorable shape has a letter or at least six characters (`179050`): bare dates and Juche years are not tried.
    if (tok.role || !tok.hasDigit || (!tok.hasLetter && tok.text.length < 6)) continue;
    const alone = (i === 0 || toks[i - 1]!.line !== tok.line) && (i + 1 >= count || toks[i + 1]!.line !== tok.line);
    const first = tok.text.charCodeAt(0);
    if (!mayRestore(tok.text, lookAlike(first) ? String.fromCharCode(lookAlike(first)) : '')) continue;
    let restored = restoreFamily(tok.text, alone);
    // `IZCE674`: the leading digits typed as look-alike letters.
    let typedAs: string | undefined;
    if (!restored && lookAlikes && mayRestoreWithLookAlikes(tok.text)) {
      const lead = digitisedLead(tok.text);
      const tries = lead ? [lead, ...lookAlikeVariants(tok.text, 12)] : lookAlikeVariants(tok.text, 12);
      for (const v of tries) { restored = restoreFamily(v, alone); if (restored) { typedAs = tok.text; break; } }
    }
    if (!restored) continue;
    const { entry } = restored;
    tok.role = 'pn';
    const hits = entry.replace ? matchPrefix(restored.partNumber).filter((h) => h.maker === entry.maker) : NO_HITS;
    const next = i + 1 < count ? toks[i + 1]! : null;
    let tail = next && entry.replace && isOrderingTail(tok, next) ? next : null;
    if (tail) tail.role = 'suffix';
    let partNumber = tail ? restored.partNumber + tail.text : restored.partNumber;
    let incomplete = false;
    if (!tail && entry.replace) {
      const carried = carryOver(toks, count, i, partNumber, entry.maker);
      partNumber = carried.partNumber;
      tail = carried.tail;
      incomplete = carried.incomplete;
    }
    if (entry.replace) partNumber = withoutBarePackage(partNumber, entry.maker);
    return {
      partNumber, index: i, hits, suffix: tail, belowFirstLine: false, typedAs, incomplete,
      knowledge: {
        kind: 'family-letters', makers: [entry.maker], family: entry.family, source: entry.source,
        line: entry.replace
          ? `${tok.text} is ${restored.partNumber} printed without its family letters (${entry.maker.name}; ${entry.source}).`
          : `${tok.text} is ${entry.family ?? 'a family'} of ${entry.maker.name}, printed without the letters of its order code (${entry.source}).`,
      },
    };
  }
  return null;
}

/** A catalogued prefix found on the first line by reading look-alike characters the other way (`5TM32F405` → STM32F405). */
function lookAlikePrefix(toks: Token[], count: number, firstLine: number): { index: number; match: TolerantMatch } | null {
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    if (tok.line > firstLine) break;
    if (tok.role || !tok.hasLetter || tok.text.length < 4) continue;
    const match = matchPrefixTolerant(tok.text, lookAlike);
    if (match) return { index: i, match };
  }
  return null;
}

/**
 * The knowledge base's other readings of a marking no printed prefix explains, in order: a
 * topside code (`PLII` → TPS2041B), a part number split over two lines (`OPA` / `2227U`), a
 * maker's serial line.
 */
function fromKnowledge(toks: Token[], count: number): PartNumberFound | null {
  // A topside code stands alone on the first line of a small package.
  const first = count ? toks[0]! : null;
  if (first && !first.role && first.text.length <= 5 && (count === 1 || toks[1]!.line > 0)) {
    let code = topsideCode(first.text);
    if (!code && first.text.length <= 4 && mayBeTopsideCode(first.text)) for (const v of lookAlikeVariants(first.text, 6)) if ((code = topsideCode(v))) break;
    if (code) {
      first.role = 'pn';
      const hits = code.makers.length === 1 ? matchPrefix(code.part).filter((h) => h.maker === code.makers[0]) : NO_HITS;
      const who = code.makers.length === 1 ? code.makers[0]!.name : code.makers.length ? `printed by ${code.makers.map((m) => m.name).join(', ')} alike` : 'maker not given';
      return {
        partNumber: code.part, index: 0, hits, suffix: null, belowFirstLine: false,
        knowledge: {
          kind: 'topside-code', makers: code.makers, family: null, source: code.source,
          line: `${first.text} is the topside code of ${code.part}${code.package ? ` (${code.package})` : ''}, ${who} (${code.source}).`,
        },
      };
    }
  }
  for (let i = 0; i + 1 < count; i++) {
    const tok = toks[i]!, next = toks[i + 1]!;
    if (tok.line > 0) break;
    if (tok.role || next.role || tok.hasDigit || tok.text.length < 2 || tok.text.length > 5 || next.line !== tok.line + 1 || !next.hasDigit) continue;
    const c = next.text.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const joined = tok.text + next.text;
    const hits = matchPrefix(joined);
    if (!hits.length || hits[0]!.entry.p.length < tok.text.length) continue;
    tok.role = 'pn';
    next.role = 'suffix';
    return { partNumber: joined, index: i, hits, suffix: next, knowledge: null, belowFirstLine: false };
  }
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    if (tok.role || !tok.hasDigit || !tok.hasLetter) continue;
    let format = serialFormat(tok.text);
    let typedAs: string | undefined;
    if (!format && maySerial(tok.text)) {
      for (const v of lookAlikeVariants(tok.text, 12)) {
        if (!(format = serialFormat(v))) continue;
        // The serial line is read as corrected, dates included (the token is keyed by its text from now on).
        typedAs = tok.text;
        tok.text = v;
        tok.code = -1;
        break;
      }
    }
    if (!format) continue;
    return {
      partNumber: null, index: -1, hits: NO_HITS, suffix: null, belowFirstLine: false, typedAs,
      knowledge: {
        kind: 'serial-format', makers: [format.maker], family: null, source: format.source,
        line: `${tok.text} has the shape of ${format.maker.name}'s serial line (${format.source}).`,
      },
    };
  }
  // Last, the arrangement of the lines: Microchip's package marking names its maker even when the
  // first line is a shortened part number no table restores (`3002 / I/P 256 / 1130`).
  const layout = makerFromLayout(toks, count);
  if (layout) {
    return {
      partNumber: null, index: -1, hits: NO_HITS, suffix: null, belowFirstLine: false,
      knowledge: {
        kind: 'layout', makers: [layout.maker], family: null, source: layout.source,
        line: `The lines are laid out as ${layout.maker.name}'s package marking: ${layout.sign} (${layout.source}).`,
      },
    };
  }
  return null;
}

/**
 * Marks words that are ordering, package, temperature or speed codes, frequencies or copyright
 * years (knowledge/ordering-codes.json), so that no date rule reads them; on a crystal or
 * oscillator, four-digit truncated frequencies too (`4194`).
 */
export function markOrderingCodes(toks: Token[], count: number, crystal: boolean): void {
  let sawFrequency = false;
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    if (tok.role || !tok.hasDigit) continue;
    const w = tok.text;
    // Only words with a character these codes have are offered to the patterns (most date and lot codes have none).
    const last = w.charCodeAt(w.length - 1);
    if (!(tok.dashLed || tok.hasMark || (last === 90 && w.endsWith('HZ')) || (!tok.allDigits && w.charCodeAt(0) >= 65 && last <= 57 && w.length <= 7))) continue;
    if (isOrderingOrValue(w, tok.dashLed, tok.hasMark)) {
      tok.role = 'ordering';
      if (last === 90 || w.includes('.')) sawFrequency = true;
    }
  }
  if (!crystal && !sawFrequency) return;
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    if (!tok.role && tok.allDigits && tok.text.length === 4 && isCrystalFrequency(tok.text)) tok.role = 'value';
  }
}

const NO_MAKERS: MakerRecord[] = [];
const NO_HITS: PrefixHit[] = [];

function anyJoins(hits: PrefixHit[]): boolean {
  for (const h of hits) if (h.entry.join) return true;
  return false;
}

/** The next line's first word continues the part number with its ordering code (`MC101-I/SS`, `101-E/P`, `8-I/ML`). */
function isOrderingTail(pn: Token, next: Token): boolean {
  if (next.role || next.line !== pn.line + 1 || next.text.length > 14 || !next.hasMark) return false;
  const slash = next.text.indexOf('/');
  return slash > 0 && next.text.indexOf('.') < 0 && next.text.charCodeAt(slash - 1) >= 65 && /^[A-Z0-9-]+\/[A-Z]{1,3}$/.test(next.text);
}

/** An ordering suffix: a letter first, then letters, digits and hyphens (`RGT6`, `KS-160`, `C8T6`). */
function isSuffixShape(t: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < t.length; i++) { const c = t.charCodeAt(i); if (!isAlnum(c) && c !== 45) return false; }
  return t.length >= 2;
}
