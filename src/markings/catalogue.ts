/**
 * Indexes over the reference data, built once when the module loads so that a call to
 * `identify` never scans the ~260 makers: part-number prefixes are bucketed by their first two
 * characters (a handful of candidates per bucket, longest first), logos and names are hash
 * lookups, and maker summaries and classifications are prebuilt, frozen objects shared by every
 * reading.
 */
import countries from 'i18n-iso-countries';
import { MAKERS, MAKERS_BY_ID, ownershipChain, type MakerRecord, type PrefixRecord, CHPL_BY_HS6, HS_RULE_BY_CATEGORY } from '../reference/index.js';
import { FALLBACK_RULES, FALLBACK_WEIGHT, GENERIC_RULES, RULES, type RuleInfo } from './rules.js';
import type { Classification, MakerParent, MakerSummary } from './types.js';

export interface PrefixHit {
  maker: MakerRecord;
  entry: PrefixRecord;
  /** A digit must follow the prefix (short all-letter prefixes such as `AD`, `LM`, `MAX`). */
  needsDigit: boolean;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A character trie over every prefix. Each node holds the catalogue entries ending there, split
 * into those that need a digit next (short all-letter prefixes such as `AD`, `LM`, `MAX`) and
 * those that do not, so a lookup walks the token once and allocates nothing.
 */
/** Characters prefixes use, mapped to a dense index so that trie nodes hold small arrays, not maps. */
const SLOT = new Int8Array(128).fill(-1);
const SYMBOLS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-./+&_';
for (let i = 0; i < SYMBOLS.length; i++) SLOT[SYMBOLS.charCodeAt(i)] = i;

interface TrieNode {
  next: (TrieNode | undefined)[] | null;
  /** Every entry ending here (valid when a digit follows). */
  all: PrefixHit[] | null;
  /** Entries valid whatever follows. */
  free: PrefixHit[] | null;
}
const root: TrieNode = { next: null, all: null, free: null };
let prefixCount = 0;
for (const maker of MAKERS) {
  for (const entry of maker.prefixes ?? []) {
    const p = entry.p;
    const needsDigit = !entry.any && p.length <= 3 && /^[A-Z]+$/.test(p);
    let node = root;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      const slot = c < 128 ? SLOT[c]! : -1;
      if (slot < 0) throw new Error(`prefix ${p} of ${maker.id} has a character the trie does not index`);
      node.next ??= new Array(SYMBOLS.length).fill(undefined);
      let n = node.next[slot];
      if (!n) node.next[slot] = n = { next: null, all: null, free: null };
      node = n;
    }
    const hit: PrefixHit = { maker, entry, needsDigit };
    (node.all ??= []).push(hit);
    if (!needsDigit) (node.free ??= []).push(hit);
    prefixCount++;
  }
}
export const PREFIX_COUNT = prefixCount;

/**
 * The same trie flattened for `matchPrefix`, which runs on nearly every word of every marking:
 * node k's children are `FLAT_NEXT[k * SYMBOLS.length + slot]` (child number + 1, 0 for none) in
 * one typed array, so a step of the walk reads one number instead of a node object and its child
 * array scattered over the heap (the walk was bound by those memory reads). The object trie stays
 * for the look-alike walk, which runs rarely.
 */
const flatNodes: TrieNode[] = [root];
for (let k = 0; k < flatNodes.length; k++) for (const child of flatNodes[k]!.next ?? []) if (child) flatNodes.push(child);
const flatIndex = new Map<TrieNode, number>(flatNodes.map((node, k) => [node, k]));
const FLAT_NEXT = flatNodes.length < 65535 ? new Uint16Array(flatNodes.length * SYMBOLS.length) : new Uint32Array(flatNodes.length * SYMBOLS.length);
const FLAT_ALL: (PrefixHit[] | null)[] = flatNodes.map((node) => node.all);
const FLAT_FREE: (PrefixHit[] | null)[] = flatNodes.map((node) => node.free);
const FLAT_HAS_HITS = new Uint8Array(flatNodes.map((node) => (node.all ? 1 : 0)));
for (let k = 0; k < flatNodes.length; k++) {
  const next = flatNodes[k]!.next;
  if (next) for (let slot = 0; slot < next.length; slot++) if (next[slot]) FLAT_NEXT[k * SYMBOLS.length + slot] = flatIndex.get(next[slot]!)! + 1;
}

const SYMBOLS_COUNT = SYMBOLS.length;

/** Every maker entry sharing the longest prefix that matches the token. */
export function matchPrefix(token: string): PrefixHit[] {
  let node = 0;
  let best: PrefixHit[] = NONE;
  const n = token.length;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i);
    const slot = c < 128 ? SLOT[c]! : -1;
    if (slot < 0) break;
    const child = FLAT_NEXT[node * SYMBOLS_COUNT + slot]!;
    if (child === 0) break;
    node = child - 1;
    if (FLAT_HAS_HITS[node] === 1) {
      const digitNext = i + 1 < n && isDigitCode(token.charCodeAt(i + 1));
      const hits = digitNext ? FLAT_ALL[node]! : FLAT_FREE[node];
      if (hits) best = hits;
    }
  }
  return best;
}
const NONE: PrefixHit[] = [];

/** A prefix match found by reading look-alike characters the other way, and the prefix as corrected. */
export interface TolerantMatch {
  hits: PrefixHit[];
  /** The token with the matched prefix's look-alikes corrected (`5TM32F405` → `STM32F405`). */
  corrected: string;
}

/**
 * The longest catalogued prefix the token matches when up to two of its characters are read as
 * their look-alikes (O/0, I/1, S/5, B/8, Z/2, G/6): for markings typed from a photo. Only prefixes of
 * three or more characters count (a two-letter prefix is too easily met by chance). Called only
 * when the exact match found nothing.
 */
export function matchPrefixTolerant(token: string, lookAlike: (c: number) => number): TolerantMatch | null {
  const n = Math.min(token.length, TOLERANT_PATH.length - 1);
  let bestHits: PrefixHit[] = NONE, bestLength = 0;
  // The characters of the path walked so far (the token with its swaps), and the best path's copy.
  const path = TOLERANT_PATH, best = TOLERANT_BEST;
  const walk = (node: TrieNode, i: number, budget: number, swapped: boolean): void => {
    if (node.all && i >= 3 && i > bestLength) {
      const c = i < n ? token.charCodeAt(i) : 0;
      // A letter after a letters-only prefix may be a digit typed as its look-alike (`MCPI403`).
      const nextIsLookAlikeDigit = !isDigitCode(c) && budget > 0 && isDigitCode(lookAlike(c));
      const hits = isDigitCode(c) || nextIsLookAlikeDigit ? node.all : node.free;
      const extra = nextIsLookAlikeDigit && node.all !== node.free;
      // Short prefixes with a digit in them (`CS4`, `88E`) are met by chance too easily once characters may change.
      const p = hits?.[0]?.entry.p ?? '';
      const strong = p.length >= 4 || (p.length === 3 && !/\d/.test(p));
      if (hits && strong && (swapped || extra)) {
        bestHits = hits;
        bestLength = i + (extra ? 1 : 0);
        for (let k = 0; k < i; k++) best[k] = path[k]!;
        if (extra) best[i] = lookAlike(c);
      }
    }
    if (i >= n || !node.next) return;
    const c = token.charCodeAt(i);
    const slot = c < 128 ? SLOT[c]! : -1;
    const exact = slot >= 0 ? node.next[slot] : undefined;
    if (exact) { path[i] = c; walk(exact, i + 1, budget, swapped); }
    if (budget > 0) {
      const alt = lookAlike(c);
      const altNode = alt ? node.next[SLOT[alt]!] : undefined;
      if (altNode) { path[i] = alt; walk(altNode, i + 1, budget - 1, true); }
    }
  };
  walk(root, 0, 2, false);
  if (!bestLength) return null;
  return { hits: bestHits, corrected: String.fromCharCode(...best.subarray(0, bestLength)) + token.slice(bestLength) };
}
const TOLERANT_PATH = new Uint16Array(64);
const TOLERANT_BEST = new Uint16Array(64);

/** Single-word logo text → makers; multi-word logos keyed by their first word. */
const logoSingle = new Map<string, MakerRecord[]>();
const logoMulti = new Map<string, { words: string[]; maker: MakerRecord }[]>();
for (const maker of MAKERS) {
  for (const logo of maker.logos ?? []) {
    const words = logo.toUpperCase().split(/\s+/);
    if (words.length === 1) {
      const l = logoSingle.get(words[0]!) ?? [];
      l.push(maker);
      logoSingle.set(words[0]!, l);
    } else {
      const l = logoMulti.get(words[0]!) ?? [];
      l.push({ words, maker });
      logoMulti.set(words[0]!, l);
    }
  }
}

/**
 * One lookup per word for what a word can be besides a part number: a country of assembly, a
 * single-word logo, or the first word of multi-word logos. Most words are none of these and cost
 * one miss.
 */
export interface WordInfo {
  country: string | null;
  logos: MakerRecord[] | null;
  multi: { words: string[]; maker: MakerRecord }[] | null;
}
const wordInfos = new Map<string, WordInfo>();
function infoFor(w: string): WordInfo {
  let i = wordInfos.get(w);
  if (!i) wordInfos.set(w, (i = { country: null, logos: null, multi: null }));
  return i;
}
for (const [w, makers] of logoSingle) infoFor(w).logos = makers;
for (const [w, list] of logoMulti) infoFor(w).multi = list;
export function wordInfo(w: string): WordInfo | undefined {
  return wordInfos.get(w);
}

/** Catalogue id, canonical name, alias or logo text (any case) → maker. */
const byName = new Map<string, MakerRecord>();
for (const m of MAKERS) {
  for (const k of [m.id, m.name, ...(m.aliases ?? []), ...(m.logos ?? [])]) {
    const key = k.toLowerCase();
    if (!byName.has(key)) byName.set(key, m);
  }
}
export function findMaker(nameOrId: string): MakerRecord | null {
  return MAKERS_BY_ID.get(nameOrId) ?? byName.get(nameOrId.trim().toLowerCase()) ?? null;
}

function parentOf(p: MakerRecord, year: number | null): MakerParent {
  return Object.freeze({ id: p.id, name: p.name, country: p.country ?? null, year });
}

const summaries = new Map<string, MakerSummary>();
for (const m of MAKERS) {
  const chain = ownershipChain(m.id);
  const parent = chain[0] ? parentOf(chain[0], m.acquired ?? null) : null;
  const top = chain.length > 1 ? chain[chain.length - 1]! : null;
  const beforeTop = chain.length > 1 ? chain[chain.length - 2]! : null;
  summaries.set(m.id, Object.freeze({
    id: m.id, name: m.name, country: m.country ?? null, parent,
    ultimateParent: top ? parentOf(top, beforeTop?.acquired ?? null) : null,
    jep106: m.jep106 ?? null,
  }));
}
export function makerSummary(id: string): MakerSummary {
  return summaries.get(id)!;
}

/** The classification of each category: HS6 from the rules, CHPL tier from the CHPL table, and why. */
const classifications = new Map<string, Classification>();
export function classify(category: string | null): Classification {
  if (!category) return UNCLASSIFIED;
  let c = classifications.get(category);
  if (c) return c;
  const rule = HS_RULE_BY_CATEGORY.get(category);
  if (!rule) {
    c = Object.freeze({ category, hs6: null, chplTier: null, reason: `no HS rule for category "${category}"` });
  } else {
    const chpl = CHPL_BY_HS6.get(rule.hs6);
    const hs = `${rule.hs6.slice(0, 4)}.${rule.hs6.slice(4)}`;
    c = Object.freeze({
      category, hs6: rule.hs6, chplTier: chpl?.tier ?? null,
      reason: `${rule.label} → HS ${hs}: ${rule.reason}. ` + (chpl ? `CHPL tier ${chpl.tier} (${chpl.description}).` : `HS ${hs} is not on the Common High Priority List.`),
    });
  }
  classifications.set(category, c);
  return c;
}
const UNCLASSIFIED: Classification = Object.freeze({ category: null, hs6: null, chplTier: null, reason: 'no part family identified, so no HS code or CHPL tier' });
// Build them all now so the hot path only reads the map.
for (const m of MAKERS) for (const e of m.prefixes ?? []) classify(e.cat);

/** The date rules a maker uses, resolved to functions; generic ECIA rules otherwise. */
const rulesByMaker = new Map<string, RuleInfo[]>();
const ECIA = ['ecia-yyww', 'ecia-wwyy', 'ecia-yww', 'ecia-yyww-lot'];
// Makers with the same rules share one list: the engine memoises decodings per list, and most
// makers use the ECIA rules.
const rulesByIds = new Map<string, RuleInfo[]>();
for (const m of MAKERS) {
  const list = (m.dateRules ?? ECIA).map((id) => RULES[id]).filter((r): r is RuleInfo => !!r);
  const key = list.map((r) => r.id).join(',');
  if (!rulesByIds.has(key)) rulesByIds.set(key, list);
  rulesByMaker.set(m.id, rulesByIds.get(key)!);
}
const FALLBACK_RULE_INFOS = FALLBACK_RULES.map((id) => ({ ...RULES[id]!, prior: RULES[id]!.prior * FALLBACK_WEIGHT }));
/** Rules for a marking without a maker outside a DPRK context: no Juche year. */
export const GENERIC_RULE_INFOS: RuleInfo[] = [...GENERIC_RULES.map((id) => RULES[id]!), ...FALLBACK_RULE_INFOS];
/** The same with the Juche year, for an item whose context is DPRK. */
export const DPRK_RULE_INFOS: RuleInfo[] = [...GENERIC_RULES.map((id) => RULES[id]!), RULES['juche-year']!, ...FALLBACK_RULE_INFOS];
/** The date rules of a maker; without one, the generic rules (with the Juche year in a DPRK context). */
export function rulesFor(maker: MakerRecord | null, dprk = false): RuleInfo[] {
  return maker ? rulesByMaker.get(maker.id)! : dprk ? DPRK_RULE_INFOS : GENERIC_RULE_INFOS;
}

/**
 * Country-of-assembly tokens: the ISO alpha-3 codes and English names that makers print
 * (`CHN`, `MYS`, `MADE IN TAIWAN`). Limited to places where components are assembled, so that a
 * random three-letter word is not read as a country.
 */
const ASSEMBLY_ALPHA3 = [
  'CHN', 'MYS', 'PHL', 'THA', 'TWN', 'KOR', 'JPN', 'MEX', 'USA', 'DEU', 'MAR', 'SGP', 'VNM', 'IDN', 'IND', 'CRI', 'MLT', 'FRA',
  'ITA', 'GBR', 'ISR', 'HKG', 'PRK', 'CZE', 'HUN', 'AUT', 'IRL', 'NLD', 'PRT', 'SVK', 'ROU', 'POL', 'KHM', 'LKA', 'BRA', 'RUS', 'BLR', 'CHE', 'SWE', 'FIN', 'ESP',
];
const countryTokens = new Map<string, string>();
for (const a3 of ASSEMBLY_ALPHA3) {
  const a2 = countries.alpha3ToAlpha2(a3);
  if (a2) countryTokens.set(a3, a2);
}
const COUNTRY_NAMES: Record<string, string> = {
  CHINA: 'CN', PRC: 'CN', MALAYSIA: 'MY', PHILIPPINES: 'PH', THAILAND: 'TH', TAIWAN: 'TW', KOREA: 'KR', JAPAN: 'JP', MEXICO: 'MX',
  GERMANY: 'DE', MOROCCO: 'MA', SINGAPORE: 'SG', VIETNAM: 'VN', INDONESIA: 'ID', INDIA: 'IN', 'U.S.A.': 'US', 'U.S.A': 'US',
  FRANCE: 'FR', ITALY: 'IT', ENGLAND: 'GB', ISRAEL: 'IL', DPRK: 'KP', RUSSIA: 'RU', SWITZERLAND: 'CH', PHILIPPINE: 'PH',
};
for (const [k, v] of Object.entries(COUNTRY_NAMES)) countryTokens.set(k, v);
for (const [w, c] of countryTokens) infoFor(w).country = c;

/** Names of assembly sites a maker's convention defines. */
export function siteName(maker: MakerRecord | null, code: string | undefined): string | null {
  if (!maker || !code) return null;
  return maker.sites?.[code] ?? null;
}

export function makerById(id: string): MakerRecord | undefined {
  return MAKERS_BY_ID.get(id);
}
