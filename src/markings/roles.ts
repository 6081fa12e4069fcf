/**
 * What each word of a marking is, besides a date: country of assembly (`CHN`, `MADE IN TAIWAN`),
 * logo text (`TI`, `ANALOG DEVICES`), the part number (by catalogued prefix, else the first word
 * with letters and digits) and an ordering suffix printed on the next line (`STM32F405` / `RGT6`).
 * Each step claims its tokens by setting their role, so later steps skip them.
 */
import { matchPrefix, wordInfo, type PrefixHit } from './catalogue.js';
import type { MakerRecord } from '../reference/makers.js';
import { isAlnum, trailingDigits, type Token } from './tokens.js';

/** Country of assembly and logo makers found on a marking. */
export interface Printed {
  assemblyCountry: string | null;
  /** The words that named the country (`CHN`, `MADE IN TAIWAN`). */
  assemblyText: string;
  logoMakers: MakerRecord[];
}

/** Marks country and logo tokens; returns what they say. */
export function readCountryAndLogos(toks: Token[], count: number): Printed {
  let assemblyCountry: string | null = null;
  let assemblyText = '';
  let logoMakers: MakerRecord[] = NO_MAKERS;
  for (let ti = 0; ti < count; ti++) {
    const tok = toks[ti]!;
    if (tok.role || tok.hasDigit) continue;
    const w = tok.text;
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
  return { assemblyCountry, assemblyText, logoMakers };
}

/** The part number a marking prints, and the catalogue entries its prefix matches. */
export interface PartNumberFound {
  partNumber: string | null;
  /** Index of the part-number token, or -1. */
  index: number;
  hits: PrefixHit[];
  /** The ordering suffix joined from the next line, if any. */
  suffix: Token | null;
}

/** Finds the part number: the first word with a catalogued prefix, else the first word of letters and digits on the first line. */
export function findPartNumber(toks: Token[], count: number): PartNumberFound {
  let index = -1;
  let hits: PrefixHit[] = NO_HITS;
  for (let i = 0; i < count; i++) {
    const tok = toks[i]!;
    // Short digit strings are date or lot codes, not part numbers.
    if (tok.role || (!tok.hasLetter && tok.text.length < 6)) continue;
    const h = matchPrefix(tok.text);
    if (h.length) { index = i; hits = h; break; }
  }
  let partNumber: string | null = null;
  let suffix: Token | null = null;
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
    }
  } else {
    // No catalogued prefix: the first token with letters and digits on the first line (the
    // second when the first holds only a logo) is the best guess at a part number, without a maker.
    let firstLine = 0;
    for (let i = 0; i < count; i++) if (toks[i]!.role !== 'logo') { firstLine = toks[i]!.line; break; }
    for (let i = 0; i < count; i++) {
      const tok = toks[i]!;
      if (tok.line > firstLine) break;
      if (!tok.role && tok.text.length >= 4 && tok.hasLetter && tok.hasDigit) { tok.role = 'pn'; partNumber = tok.text; index = i; break; }
    }
  }
  return { partNumber, index, hits, suffix };
}

const NO_MAKERS: MakerRecord[] = [];
const NO_HITS: PrefixHit[] = [];

function anyJoins(hits: PrefixHit[]): boolean {
  for (const h of hits) if (h.entry.join) return true;
  return false;
}

/** An ordering suffix: a letter first, then letters, digits and hyphens (`RGT6`, `KS-160`, `C8T6`). */
function isSuffixShape(t: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < t.length; i++) { const c = t.charCodeAt(i); if (!isAlnum(c) && c !== 45) return false; }
  return t.length >= 2;
}
