/**
 * Near-miss matching of an OCR reading against the part-number prefixes of the maker catalogue:
 * `STM32F4O7` → `STM32F407`, `5TM32F407` → `STM32F407`, `STM23F407` → `STM32F407`. A word is
 * compared with each catalogued prefix in a look-alike key (O/0, I/1, S/5, B/8, Z/2, G/6 made one
 * character, from the identification engine's own confusion table), first exactly, then one edit
 * off (fastest-levenshtein) for prefixes long enough that one edit does not make any word match.
 * After the prefix, a look-alike letter between two digits is read as its digit (`4O7` → `407`).
 * Every candidate is then read by the identification engine, and only those it reads as a part
 * of a catalogued maker are offered, so this file proposes and the one engine decides. Pure.
 */
import { distance } from 'fastest-levenshtein';
import { identify, lookAlike } from '../markings/index.js';
import { MAKERS } from '../reference/index.js';

export interface NearMiss {
  /** The word as read. */
  read: string;
  /** The word corrected (`STM32F4O7VGT6` → `STM32F407VGT6`): what replaces it in the corrected text. */
  corrected: string;
  /** The catalogued part number it is probably (as the identification engine reads the corrected word). */
  partNumber: string;
  maker: string | null;
  /** Edit distance between the word read and the corrected word (each look-alike swap counts 1). */
  distance: number;
  /** How the correction was found. */
  reason: 'look-alike' | 'one-edit';
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';
const digitsIn = (s: string): number => s.replace(/[^0-9]/g, '').length;

/** The word with every look-alike letter made its digit: two words with the same key differ only by look-alikes. */
export function lookAlikeKey(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    out += isLetter(word[i]!) && lookAlike(c) ? String.fromCharCode(lookAlike(c)) : word[i];
  }
  return out;
}

interface Prefix { p: string; key: string; needsDigit: boolean }

/** Catalogued prefixes, each once, longest first (the longest match is the most specific family). */
const PREFIXES: Prefix[] = (() => {
  const seen = new Set<string>();
  const out: Prefix[] = [];
  for (const maker of MAKERS) {
    for (const entry of maker.prefixes ?? []) {
      if (entry.p.length < 2 || seen.has(entry.p)) continue;
      seen.add(entry.p);
      out.push({ p: entry.p, key: lookAlikeKey(entry.p), needsDigit: !entry.any && entry.p.length <= 3 && /^[A-Z]+$/.test(entry.p) });
    }
  }
  return out.sort((a, b) => b.p.length - a.p.length);
})();

/** One edit is a near miss only against prefixes at least this long (a 3-letter prefix one edit off matches half the alphabet). */
const MIN_FUZZY_PREFIX = 5;

/**
 * Letters read between two digits: `O` and `I` are printed there far less often than the digits
 * they look like, so they are read as `0` and `1`; `S`, `B`, `Z` and `G` are real letters between
 * digits in many part numbers (Winbond's `W9751G6KB`, x16 organisation `G6`), so they stay.
 */
const DIGIT_BETWEEN_DIGITS = new Set(['O', 'I']);

/** The letter a digit is mistaken for (`0` → `O`), or ''. */
const letterFor = (c: string): string => (isDigit(c) && lookAlike(c.charCodeAt(0)) ? String.fromCharCode(lookAlike(c.charCodeAt(0))) : '');

/**
 * An ordering tail in Microchip's Product Identification System (`-04I/P`, `-I/SO`, `-E/SS`:
 * speed, temperature range letter, slash, package letters; knowledge/ordering-codes.json): a
 * look-alike digit in the package code after the slash is its letter (`/S0` → `/SO`), and so is a
 * `1` right before the slash after a two-digit speed (`-041/P` → `-04I/P`: temperature range I).
 */
function repairOrderingTail(word: string): string {
  const m = /^(.+)\/([0-9A-Z]{1,4})$/.exec(word);
  if (!m || !/[A-Z]/.test(m[2]!)) return word;
  const head = m[1]!.replace(/-(\d{2})1$/, '-$1I');
  return `${head}/${[...m[2]!].map((c) => letterFor(c) || c).join('')}`;
}

/**
 * After the prefix, a run of look-alike letters between two digits is read as digits
 * (`STM32F4O7`: `O` between `4` and `7`; `XC3S5OO0`), and so is a run of two or more `O` after a
 * digit (`XC3S2OOA`). A single look-alike letter at the end of a word stays: `BC547B` is a gain group,
 * not `BC5478`.
 */
function repairAfter(prefix: string, rest: string): string {
  let out = prefix;
  let i = 0;
  while (i < rest.length) {
    let j = i;
    while (j < rest.length && isLetter(rest[j]!) && DIGIT_BETWEEN_DIGITS.has(rest[j]!)) j++;
    // Between two digits, or two or more after a digit (`XC3S2OOA`: `00` is a number, `OO` never is).
    if (j > i && isDigit(out[out.length - 1] ?? '') && (isDigit(rest[j] ?? '') || (j - i >= 2 && /^O+$/.test(rest.slice(i, j))))) {
      for (let k = i; k < j; k++) out += String.fromCharCode(lookAlike(rest.charCodeAt(k)));
    } else if (j === i && isDigit(rest[i]!) && lookAlike(rest.charCodeAt(i)) && out[out.length - 1] === '-' && rest[i + 1] === '/') {
      // A lone character between a hyphen and a slash is a temperature-range letter
      // (`PIC16F818-I/P`; eval/markings' ordering codes `[CIEHM]/…`), never a digit: `-1/P` → `-I/P`.
      out += String.fromCharCode(lookAlike(rest.charCodeAt(i)));
    } else out += rest.slice(i, Math.max(j, i + 1));
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Corrected forms of one word, before the engine checks them. */
function candidatesOf(word: string): { corrected: string; reason: NearMiss['reason'] }[] {
  const key = lookAlikeKey(word);
  // A prefix printed as catalogued wins over one reached through look-alikes (`AD560` is `AD`
  // followed by 560, not `ADS6` with the 5 read as S); then only the rest is repaired.
  for (const exact of [true, false]) {
    for (const pre of PREFIXES) {
      if (pre.key.length >= key.length || !(exact ? word.startsWith(pre.p) : key.startsWith(pre.key))) continue;
      if (pre.needsDigit && !isDigit(key[pre.key.length]!)) continue;
      const corrected = repairOrderingTail(repairAfter(pre.p, word.slice(pre.p.length)));
      return corrected === word ? [] : [{ corrected, reason: 'look-alike' }];
    }
  }
  const out: { corrected: string; reason: NearMiss['reason'] }[] = [];
  for (const pre of PREFIXES) {
    if (pre.p.length < MIN_FUZZY_PREFIX) break;
    // The printed prefix may have a character changed, lost or gained: compare it with the word's
    // head of each length. Where several fit, the one that keeps most of the word's digits wins
    // (`ATMEG328P` lost an `A`; it is not `ATMEGA28P` with the `3` misread).
    let best: string | null = null;
    for (const len of [pre.key.length, pre.key.length - 1, pre.key.length + 1]) {
      if (len >= key.length || distance(pre.key, key.slice(0, len)) !== 1) continue;
      const corrected = repairOrderingTail(repairAfter(pre.p, word.slice(len)));
      if (best === null || digitsIn(corrected) > digitsIn(best)) best = corrected;
    }
    if (best !== null) out.push({ corrected: best, reason: 'one-edit' });
  }
  return out;
}

/** Words of a reading worth matching: at least four characters with a letter and a digit, as part numbers have. */
function wordsOf(text: string): string[] {
  const words = text.toUpperCase().split(/\s+/).map((w) => w.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, ''));
  return [...new Set(words.filter((w) => w.length >= 4 && /[A-Z]/.test(w) && /[0-9]/.test(w)))];
}

/** At most this many suggestions: more would bury the right one. */
export const MAX_NEAR_MISSES = 5;

/**
 * Catalogued part numbers the reading probably meant, closest first. `context` is the item's
 * identification context (recovery date, DPRK), so a candidate is read as the component would be.
 */
export function nearMisses(text: string, context: Parameters<typeof identify>[1] = {}): NearMiss[] {
  const found = new Map<string, NearMiss>();
  for (const word of wordsOf(text)) {
    for (const { corrected, reason } of candidatesOf(word)) {
      const best = identify(corrected, context).readings[0];
      if (!best?.partNumber || !best.maker) continue;
      // The engine may read the part differently from the whole word (an ordering suffix dropped): keep what it reads.
      const miss: NearMiss = { read: word, corrected, partNumber: best.partNumber, maker: best.maker.name, distance: distance(word, corrected), reason };
      const had = found.get(miss.partNumber);
      if (!had || miss.distance < had.distance) found.set(miss.partNumber, miss);
    }
  }
  return [...found.values()]
    .filter((m) => m.partNumber !== m.read)
    .sort((a, b) => a.distance - b.distance || (a.reason === b.reason ? 0 : a.reason === 'look-alike' ? -1 : 1) || a.partNumber.localeCompare(b.partNumber))
    .slice(0, MAX_NEAR_MISSES);
}

/**
 * A word with no catalogued prefix, read as digits where an `O` touches a digit (`IR3EO6N` →
 * `IR3E06N`, `MMMO1` → `MMM01`, `LE26FV1ON1TS` → `LE26FV10N1TS`), in words holding at least two
 * digits: part, date and lot codes beside digits print the digit far more often than the letter,
 * and tesseract reads the two alike. Only `O`: `I`, `S`, `B`, `Z`, `G` stand beside digits as real
 * letters too (`04I/P`, `W9751G6KB`). The reading as read is kept beside the corrected text.
 */
export function oBesideDigits(word: string): string {
  if (digitsIn(word) < 2 || !word.includes('O')) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    out += c === 'O' && (isDigit(word[i - 1] ?? '') || isDigit(word[i + 1] ?? '')) ? '0' : c;
  }
  return out;
}

/**
 * The reading with each word that has a near miss replaced by its closest correction (the first
 * for that word: `nearMisses` sorts closest first), and every other word's `O` beside digits read
 * as `0` (`oBesideDigits`). What the form proposes; the reading as read is kept beside it.
 */
export function correctedText(text: string, misses: readonly NearMiss[]): string {
  const fix = new Map<string, string>();
  for (const m of misses) if (!fix.has(m.read)) fix.set(m.read, m.corrected);
  return text.split('\n').map((line) => line.split(' ').map((w) => {
    const bare = w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    const to = fix.get(bare.toUpperCase()) ?? oBesideDigits(bare);
    return to !== bare ? w.replace(bare, to) : w;
  }).join(' ')).join('\n');
}
