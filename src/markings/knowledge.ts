/**
 * The marking knowledge base (`knowledge/*.json`, versioned data, each entry citing its public
 * source) compiled once at load into the look-ups the engine uses: part numbers printed without
 * their family letters, topside codes of small packages, serial lines that name their maker,
 * and words that are ordering codes or values rather than dates.
 */
import familyLetters from './knowledge/family-letters.json' with { type: 'json' };
import topsideCodes from './knowledge/topside-codes.json' with { type: 'json' };
import serialFormats from './knowledge/serial-formats.json' with { type: 'json' };
import orderingCodes from './knowledge/ordering-codes.json' with { type: 'json' };
import dateConventions from './knowledge/date-conventions.json' with { type: 'json' };
import carriedOver from './knowledge/carried-over.json' with { type: 'json' };
import deviceShapes from './knowledge/device-shapes.json' with { type: 'json' };
import { MAKERS_BY_ID, type MakerRecord } from '../reference/index.js';
import { lookAlike, lookAlikeTolerant } from './confusions.js';

export interface Cited {
  source: string;
}

export interface FamilyRestoration extends Cited {
  pattern: RegExp;
  /** Replacement that rebuilds the full part number; absent when several order codes share the marking. */
  replace: string | null;
  maker: MakerRecord;
  family: string | null;
  /** Applies only to a word alone on its printed line. */
  alone: boolean;
}

export interface TopsideCode extends Cited {
  code: string;
  /** Lot or date characters printed after the code in the same word. */
  lot: number;
  part: string;
  makers: MakerRecord[];
  package: string | null;
}

export interface SerialFormat extends Cited {
  pattern: RegExp;
  maker: MakerRecord;
  rule: string;
}

function maker(id: string, where: string): MakerRecord {
  const m = MAKERS_BY_ID.get(id);
  if (!m) throw new Error(`${where}: maker ${id} is not in the catalogue`);
  return m;
}

export const FAMILY_RESTORATIONS: readonly FamilyRestoration[] = familyLetters.entries.map((e) => ({
  pattern: new RegExp(e.pattern), replace: 'replace' in e ? (e.replace as string) : null, maker: maker(e.maker, 'family-letters.json'),
  family: 'family' in e ? (e.family as string) : null, alone: 'alone' in e && e.alone === true, source: e.source,
}));

const topsideByCode = new Map<string, TopsideCode[]>();
for (const e of topsideCodes.entries) {
  const entry: TopsideCode = {
    code: e.code, lot: 'lot' in e ? (e.lot as number) : 0, part: e.part, makers: e.makers.map((id) => maker(id, 'topside-codes.json')),
    package: e.package ?? null, source: e.source,
  };
  const list = topsideByCode.get(e.code) ?? [];
  list.push(entry);
  topsideByCode.set(e.code, list);
}
export const TOPSIDE_CODE_COUNT = topsideCodes.entries.length;

/** The topside code a whole word is (`PLII`), or that leads it followed by its lot characters (`CP57`). */
// The first two characters of every topside code (all codes have two or more), and the same with
// either character read as its look-alike: a word whose first two characters are not among them is
// no code, and none of its look-alike variants is, so it costs no map look-ups and no variants.
const TOPSIDE_HEADS = new Uint8Array(128 * 128);
const TOPSIDE_HEADS_LOOK_ALIKE = new Uint8Array(128 * 128);
for (const code of topsideByCode.keys()) {
  const a = code.charCodeAt(0), b = code.charCodeAt(1);
  TOPSIDE_HEADS[a * 128 + b] = 1;
  for (const x of [a, lookAlike(a)]) for (const y of [b, lookAlike(b)]) if (x && y) TOPSIDE_HEADS_LOOK_ALIKE[x * 128 + y] = 1;
}
function headOf(word: string): number {
  if (word.length < 2) return -1;
  const a = word.charCodeAt(0), b = word.charCodeAt(1);
  return a < 128 && b < 128 ? a * 128 + b : -1;
}

/** Whether the word, or a reading of it with look-alike characters swapped, could start a topside code. */
export function mayBeTopsideCode(word: string): boolean {
  const h = headOf(word);
  return h >= 0 && TOPSIDE_HEADS_LOOK_ALIKE[h] === 1;
}

export function topsideCode(word: string): TopsideCode | null {
  const head = headOf(word);
  if (head < 0 || TOPSIDE_HEADS[head] !== 1) return null;
  const exact = topsideByCode.get(word);
  if (exact) return exact[0]!;
  for (let n = word.length - 1; n >= 2; n--) {
    const list = topsideByCode.get(word.slice(0, n));
    if (list) for (const e of list) if (e.lot === word.length - n) return e;
  }
  return null;
}

export const SERIAL_FORMATS: readonly SerialFormat[] = serialFormats.entries.map((e) => ({
  pattern: new RegExp(e.pattern), maker: maker(e.maker, 'serial-formats.json'), rule: e.rule, source: e.source,
}));

/** The first character every serial pattern requires, when they all start with one literal letter (cheap refusal). */
const SERIAL_FIRST = new Set(SERIAL_FORMATS.map((f) => (/^\^[A-Z]/.test(f.pattern.source) ? f.pattern.source[1]! : '*')));
const SERIAL_MIN_LENGTH = 8;

/** A word that could be a serial line, its look-alike characters read either way: long enough, with the right first letter. */
export function maySerial(word: string): boolean {
  return word.length >= SERIAL_MIN_LENGTH && (SERIAL_FIRST.has('*') || SERIAL_FIRST.has(word[0]!));
}

/** The serial format a word matches, naming its maker. */
export function serialFormat(word: string): SerialFormat | null {
  for (const f of SERIAL_FORMATS) if (f.pattern.test(word)) return f;
  return null;
}

/** Part number restored from a word printed without its family letters. */
/**
 * Restorable shapes start with a digit or one of a few letters (`N52833`, `GB30V60DF`): a word
 * whose first character (or its look-alike) is none of them is not tried.
 */
const RESTORATION_FIRST = new Set<string>();
for (const e of FAMILY_RESTORATIONS) {
  const lead = /^\^\(*(?:\?:)?([A-Z])/.exec(e.pattern.source);
  if (lead) RESTORATION_FIRST.add(lead[1]!); else for (const d of '0123456789') RESTORATION_FIRST.add(d);
}
export function mayRestore(word: string, lookAlikeFirst: string): boolean {
  return RESTORATION_FIRST.has(word[0]!) || (lookAlikeFirst !== '' && RESTORATION_FIRST.has(lookAlikeFirst));
}

/** Every restoration pattern in one: a word most of them cannot match is refused with one test. */
const ANY_RESTORATION = new RegExp(FAMILY_RESTORATIONS.map((e) => `(?:${e.pattern.source})`).join('|'));
const ANY_RESTORATION_LOOK_ALIKE = lookAlikeTolerant(ANY_RESTORATION.source);

/**
 * Whether some reading of the word with look-alike characters swapped could be a family printed
 * without its letters. The look-alike search builds and tests up to 13 variants of a word; on the
 * benchmark mix it was a tenth of the engine's time, nearly all on lot codes that no variant can
 * restore. One test of the widened pattern (confusions.ts) rules those out.
 */
export function mayRestoreWithLookAlikes(word: string): boolean {
  return ANY_RESTORATION_LOOK_ALIKE === null || ANY_RESTORATION_LOOK_ALIKE.test(word);
}

export function restoreFamily(word: string, aloneOnLine: boolean): { partNumber: string; entry: FamilyRestoration } | null {
  if (!ANY_RESTORATION.test(word)) return null;
  for (const e of FAMILY_RESTORATIONS) {
    if ((e.alone && !aloneOnLine) || !e.pattern.test(word)) continue;
    return { partNumber: e.replace ? word.replace(e.pattern, e.replace) : word, entry: e };
  }
  return null;
}

// Patterns grouped by what a word must hold to match any of them, so that a word is tested only
// against its group: a mark (`/`, `.`, `)`), a unit (`HZ`), a hyphen before it, or none (package codes).
const ORDERING_AFTER_DASH = orderingCodes.entries.filter((e) => 'dashLed' in e).map((e) => new RegExp(e.pattern));
const rest = orderingCodes.entries.filter((e) => !('dashLed' in e));
const needsMark = (p: string) => p.includes('/') || p.includes('\\.') || p.includes('\\)') || p.includes('©');
const ORDERING_WITH_MARK = rest.filter((e) => needsMark(e.pattern)).map((e) => new RegExp(e.pattern));
const ORDERING_PLAIN = rest.filter((e) => !needsMark(e.pattern)).map((e) => new RegExp(e.pattern));
const CRYSTAL_FREQUENCIES = new Set(orderingCodes.crystalFrequencies.values);

/**
 * The word is an ordering, package, temperature or speed code, a frequency or a copyright year:
 * never a date or a maker. Words with a digit only (the rest cannot be misread as dates).
 */
export function isOrderingOrValue(word: string, dashLed: boolean, hasMark: boolean): boolean {
  if (dashLed) for (const p of ORDERING_AFTER_DASH) if (p.test(word)) return true;
  for (const p of hasMark ? ORDERING_WITH_MARK : ORDERING_PLAIN) if (p.test(word)) return true;
  return false;
}

/** A four-digit word that is a truncated crystal frequency (`4194` = 4.194304 MHz). */
export function isCrystalFrequency(word: string): boolean {
  return CRYSTAL_FREQUENCIES.has(word);
}

/** Source of each date rule's convention, by rule id. */
export const DATE_CONVENTION_SOURCES: ReadonlyMap<string, string> = new Map(dateConventions.entries.map((e) => [e.rule, e.source]));

/** A part number the maker carries over to the next line (knowledge/carried-over.json). */
export interface CarriedOver extends Cited {
  pattern: RegExp;
  continuation: RegExp;
  maker: MakerRecord;
}

export const CARRIED_OVER: readonly CarriedOver[] = carriedOver.entries.map((e) => ({
  pattern: new RegExp(e.pattern), continuation: new RegExp(e.continuation), maker: maker(e.maker, 'carried-over.json'), source: e.source,
}));
const PACKAGE_AFTER_SLASH = { pattern: new RegExp(carriedOver.packageAfterSlash.pattern), maker: maker(carriedOver.packageAfterSlash.maker, 'carried-over.json'), source: carriedOver.packageAfterSlash.source };

/** The carried-over entry whose pattern the part number as read matches: it is not yet a whole device number. */
export function incompletePartNumber(partNumber: string, maker: MakerRecord): CarriedOver | null {
  // Every pattern ends in a letter or digit run after a catalogued family: a part number with an ordering mark is complete.
  if (partNumber.includes('-') || partNumber.includes('/')) return null;
  for (const e of CARRIED_OVER) if (e.maker === maker && e.pattern.test(partNumber)) return e;
  return null;
}

/**
 * The characters of `word` that complete the part number: its device characters, and an ordering
 * code after a `-`; a bare `/package` is not part of the device number. Null when the word is no continuation.
 */
export function continuationText(entry: CarriedOver, word: string): string | null {
  if (!entry.continuation.test(word)) return null;
  const dash = word.indexOf('-');
  const slash = word.indexOf('/');
  return slash >= 0 && (dash < 0 || slash < dash) ? word.slice(0, slash) : word;
}

/** A part number of the maker's printed as device and `/package` without its temperature letter (`PIC12F510/P`): the device number. */
export function withoutBarePackage(partNumber: string, maker: MakerRecord): string {
  if (maker !== PACKAGE_AFTER_SLASH.maker || partNumber.includes('-')) return partNumber;
  const m = PACKAGE_AFTER_SLASH.pattern.exec(partNumber);
  return m ? m[1]! : partNumber;
}

/** Device-number shapes by family prefix (knowledge/device-shapes.json), longest prefix first. */
export const DEVICE_SHAPES: readonly (Cited & { prefix: string; pattern: RegExp })[] = deviceShapes.entries
  .map((e) => ({ prefix: e.prefix, pattern: new RegExp(e.pattern), source: e.source }))
  .sort((a, b) => b.prefix.length - a.prefix.length);

/**
 * Whether a part number is built the way its family numbers devices: true when it fits its
 * family's documented shape, false when it does not (probably mistyped), null when no shape is
 * known for it (the look-alike heuristic decides).
 */
export function fitsDeviceShape(partNumber: string): boolean | null {
  // Bucketed by the first two characters (every shape prefix has three or more): most part numbers meet no bucket and cost one look-up.
  const bucket = SHAPES_BY_HEAD.get(partNumber.slice(0, 2));
  if (bucket) for (const s of bucket) if (partNumber.startsWith(s.prefix)) return s.pattern.test(partNumber);
  return null;
}
const SHAPES_BY_HEAD = new Map<string, (typeof DEVICE_SHAPES)[number][]>();
for (const s of DEVICE_SHAPES) {
  if (s.prefix.length < 3) throw new Error(`device-shapes.json: prefix ${s.prefix} is shorter than three characters`);
  const head = s.prefix.slice(0, 2);
  SHAPES_BY_HEAD.set(head, [...(SHAPES_BY_HEAD.get(head) ?? []), s]);
}
