/**
 * Pairwise scoring of a query against one listed entity, with the reasons.
 *
 * Names are compared as weighted token sets: each token is paired with its
 * best counterpart (exact, same romanisation, same phonetic skeleton, or a
 * close Jaro-Winkler spelling), tokens are weighted by rarity (inverse
 * document frequency from the index), and recall over the query and
 * precision over the listed name are combined as an F1. Token order never
 * matters; split or joined words ("Nam Chon Gang" / "Namchongang") are
 * merged before pairing. Country, identifier and schema features then adjust
 * the name score, each adjustment reported in the explanation.
 */
import { jaroWinkler, levenshtein } from './similarity.js';
import { consonantKey } from './arabic.js';
import { CHINESE_LOCALITIES } from './chinese.js';
import { skeletonKey } from './romanisation.js';
import { schemasConflict, type NameKind, type SchemaKind } from './types.js';
import { compareBirthDates, type DateEvidence } from './dates.js';
import { compareIdentifiers, type IdentifierEvidence } from './identifiers.js';

export interface PreparedName {
  /** The name as written (list or query), for explanations. */
  value: string;
  kind: NameKind;
  tokens: readonly string[];
  keys: readonly string[];
  /** Rarity weight of each token; 1 everywhere when no index is at hand. */
  weights: ArrayLike<number>;
  /** Written in Arabic script: compared with the other side on consonants. */
  consonantal?: boolean;
}

export interface ScoringSubject {
  schemaKind: SchemaKind;
  names: readonly PreparedName[];
  countries: readonly string[];
  /** Normalised with `normaliseIdentifier`. */
  identifiers: readonly string[];
  /** Partial ISO dates (`parsePartialDate`). */
  birthDates: readonly string[];
}

export interface ScoringConfig {
  /** `match` is true at or above this score (yente's default is 0.70). */
  threshold: number;
  /** Lists flag some aliases as unreliable (UN "Low", OFAC weak a.k.a.). */
  weakAliasFactor: number;
  countryMatchBonus: number;
  countryMismatchPenalty: number;
  schemaMismatchPenalty: number;
  /** A shared identifier lifts the score to at least this. */
  identifierFloor: number;
  /**
   * Between two persons, a listed name whose first word (the given name, or
   * the family name where it comes first) the query does not contain at all
   * is multiplied by this: Aisha Muammar … Qadhafi is not Muammar … Qadhafi,
   * though her name contains all of his.
   */
  leadWordFactor: number;
  /** Added when a birth date agrees (to the precision both give). */
  birthDateMatchBonus: number;
  /** Taken when birth dates are near but not equal (same year, or a year apart). */
  birthDateNearPenalty: number;
  /**
   * A contradiction (birth years two or more apart; different IMO, LEI, INN,
   * OGRN or BIC) caps the score here, below any threshold: the same name
   * with another birth date or registration number is another entity.
   */
  contradictionCeiling: number;
}

export const DEFAULT_SCORING: ScoringConfig = {
  threshold: 0.8,
  weakAliasFactor: 0.9,
  countryMatchBonus: 0.05,
  countryMismatchPenalty: 0.1,
  schemaMismatchPenalty: 0.3,
  identifierFloor: 0.95,
  leadWordFactor: 0.85,
  birthDateMatchBonus: 0.05,
  birthDateNearPenalty: 0.1,
  contradictionCeiling: 0.5,
};

export type FeatureName =
  | 'name_match'
  | 'alias_match'
  | 'country_match'
  | 'country_mismatch'
  | 'identifier_match'
  | 'identifier_mismatch'
  | 'birth_date_match'
  | 'birth_date_mismatch'
  | 'schema_mismatch';

export interface FeatureExplanation {
  /** The feature's own value in [0, 1]. */
  score: number;
  /** What it added to (or took from) the final score. */
  contribution: number;
  detail: string;
}

export interface TokenPair {
  query: string;
  listed: string;
  similarity: number;
  how: 'exact' | 'skeleton' | 'spelling' | 'acronym' | 'none';
}

export interface NameComparison {
  score: number;
  recall: number;
  precision: number;
  pairs: TokenPair[];
  /** The listed name's first word (a person's given name, or surname first) met nothing on the query side. */
  leadUnmatched: boolean;
}

export interface ScoreResult {
  score: number;
  match: boolean;
  nameScore: number;
  /** The best name pair was lowered because the listed name's first word went unmatched (persons). */
  leadUnmatched: boolean;
  /** Index into the query's and the subject's `names` of the best pair. */
  queryName: number;
  listedName: number;
  countryMatch: boolean | null;
  identifierMatch: string | null;
  identifierConflicts: IdentifierEvidence['conflicts'];
  birthDate: DateEvidence;
  schemaConflict: boolean;
}

/**
 * Token similarity in [0, 1], 1 only for identical canonical tokens. Same
 * phonetic skeleton scores 0.9 if the spellings are also broadly alike. Otherwise a spelling variant must be within
 * one edit (two for words of nine letters or more) and is scored by
 * Jaro-Winkler: edit distance decides *whether* two words are variants —
 * Jaro-Winkler alone rates Western/Eastern and Xinghua/Xinghe above 0.9 —
 * and Jaro-Winkler decides *how close*, rewarding a shared beginning.
 */
export function tokenSimilarity(a: string, keyA: string, b: string, keyB: string): number {
  if (a === b) return 1;
  if (hasDigit(a) || hasDigit(b)) return 0;
  // Acronyms (no vowel: KKBC, NCG) are exact or nothing; folding k/g makes KBC of GBC.
  if (!VOWEL.test(a) || !VOWEL.test(b)) return 0;
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  let s = 0;
  if (keyA === keyB && keyA.length >= 2) {
    // Skeletons of vowel-heavy words collide (Gyuyyo and Gaowu are both
    // "ka"); real romanisation variants still look alike letter by letter,
    // or differ only in how the first consonant is written (MR chong, RR jong).
    if (shorter <= 3 || sameAfterOnset(a, b) || jaroWinkler(a, b) >= 0.8) s = 0.9;
  }
  // Long words with the same four or more consonants in the same order and
  // the same first letter differ only in vowels: romanisations of one
  // Arabic or Persian word (Mutassim, Moatassem).
  if (s < 0.85 && shorter >= 6 && a.charCodeAt(0) === b.charCodeAt(0)) {
    const ca = consonantKey(a);
    if (ca.length >= 4 && ca === consonantKey(b)) s = 0.85;
  }
  // Four letters is one Korean syllable, where one letter is a different
  // name (Chol, Chon): short words must agree by skeleton, not spelling.
  if (shorter >= 5 && longer - shorter <= 2) {
    const d = levenshtein(a, b);
    if (d <= (longer >= 9 ? 2 : 1)) {
      const jw = jaroWinkler(a, b) * 0.95;
      if (jw > s) s = jw;
    }
  }
  return s;
}

/**
 * Two names, one of them in Arabic script: the other's words are reduced to
 * consonants too, and words with the same consonants are variants (0.9;
 * a single shared consonant, as in Ali, 0.8).
 */
export function consonantSimilarity(a: string, keyA: string, b: string, keyB: string): number {
  if (a === b) return 1;
  if (hasDigit(a) || hasDigit(b)) return 0;
  if (keyA === keyB && keyA.length > 0) return keyA.length >= 2 ? 0.9 : 0.8;
  // Latin on both sides: the ordinary spelling comparison still applies.
  if (VOWEL.test(a) && VOWEL.test(b)) return tokenSimilarity(a, skeletonKey(a), b, skeletonKey(b));
  return 0;
}

/** Equal once the consonants before the first vowel are set aside: chong/jong, tsang/jang. */
function sameAfterOnset(a: string, b: string): boolean {
  const ia = a.search(VOWEL);
  const ib = b.search(VOWEL);
  return ia >= 0 && ib >= 0 && a.length - ia >= 2 && a.slice(ia) === b.slice(ib);
}

/** Russian patronymics are often omitted; they should not sink a match. */
const PATRONYMIC = /(?:ovich|evich|ovna|evna|ichna|ich)$/;
const PATRONYMIC_WEIGHT = 0.3;

/**
 * Name particles and honorifics: present in one rendering and absent from
 * another (Osama bin Laden, Usama Laden; Maulana Masood Azhar), so they
 * count for little either way — but are kept, because "De" and "Da" are
 * also Chinese syllables and "Bin" a Chinese given name.
 */
const PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'abu', 'umm', 'van', 'von', 'der', 'den', 'de', 'di', 'da', 'du', 'la', 'le', 'del', 'della', 'dos', 'das', 'do',
  // The second part of a compound name, split off by arabic.ts `splitCompounds`.
  'uddin', 'ullah',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sheikh', 'shaikh', 'sayyid', 'mullah', 'mulla', 'maulana', 'haji', 'hajji', 'sir', 'general', 'gen', 'col', 'colonel',
]);
const PARTICLE_WEIGHT = 0.2;

/**
 * Generic words of company names that survive legal-form removal because
 * they also name things (Group, Holding, Concern, State, National): present
 * in one rendering and not another (China Telecom Group, China
 * Telecommunications Corporation; АО «Концерн Калашников», Kalashnikov
 * JSC), so they weigh like particles.
 */
const COMPANY_WORDS: ReadonlySet<string> = new Set(['group', 'holding', 'holdings', 'concern', 'kontsern', 'national', 'state', 'gosudarstvennaya', 'korporatsiya']);

const VOWEL = /[aeiouy]/;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

interface Side {
  tokens: string[];
  keys: string[];
  weights: number[];
}

/** How much of its rarity weight a token counts for (patronymics less). */
export function tokenWeightFactor(token: string, position: number, count = 0): number {
  if (token.length <= 7 && PARTICLES.has(token)) return PARTICLE_WEIGHT;
  if (COMPANY_WORDS.has(token)) return PARTICLE_WEIGHT;
  // A Chinese company's registration place before its trade name (chinese.ts).
  if (position === 0 && count >= 3 && CHINESE_LOCALITIES.has(token)) return PARTICLE_WEIGHT;
  return token.length >= 7 && position > 0 && PATRONYMIC.test(token) ? PATRONYMIC_WEIGHT : 1;
}

function side(n: PreparedName, consonantal: boolean): Side {
  const weights = new Array<number>(n.tokens.length);
  for (let i = 0; i < n.tokens.length; i++) weights[i] = (n.weights[i] ?? 1) * tokenWeightFactor(n.tokens[i]!, i, n.tokens.length);
  // Against Arabic script, each side's words are keyed by their consonants.
  const keys = consonantal ? n.tokens.map(consonantKey) : (n.keys as string[]);
  return { tokens: n.tokens as string[], keys, weights };
}

/**
 * Merges runs of 2–3 adjacent tokens on `a` whose concatenation is a token
 * (or the skeleton of one) on `b`: "nam chon gang" against "namchongang".
 */
function mergeSplits(a: Side, b: Side, keyOf: (t: string) => string, consonantal: boolean): Side {
  if (a.tokens.length < 2 || b.tokens.length === 0) return a;
  let merged: Side | null = null;
  const out: Side = { tokens: [], keys: [], weights: [] };
  for (let i = 0; i < a.tokens.length; ) {
    let took = 1;
    // A word that meets itself on the other side is not merged away: 武维华
    // read "wu wei hua" must not become "wuweihua" (one skeleton with
    // "weihua") and leave the query's "wu" unmatched.
    for (let k = Math.min(3, a.tokens.length - i); k >= 2 && !b.tokens.includes(a.tokens[i]!); k--) {
      let cat = '';
      for (let j = i; j < i + k; j++) cat += a.tokens[j];
      if (cat.length < 4) continue;
      let hit = false;
      let key: string | null = null;
      for (let j = 0; j < b.tokens.length; j++) {
        const t = b.tokens[j]!;
        if (t === cat) {
          hit = true;
          break;
        }
        // Skeletons are only worth computing for words of about that length
        // (Arabic script writes fewer letters than its romanisations).
        if (consonantal || Math.abs(t.length - cat.length) <= 2) {
          key ??= keyOf(cat);
          if (b.keys[j] === key) {
            hit = true;
            break;
          }
        }
      }
      if (hit) key ??= keyOf(cat);
      if (hit) {
        let w = 0;
        for (let j = i; j < i + k; j++) w += a.weights[j]!;
        out.tokens.push(cat);
        out.keys.push(key!);
        out.weights.push(w);
        took = k;
        merged = out;
        break;
      }
    }
    if (took === 1) {
      out.tokens.push(a.tokens[i]!);
      out.keys.push(a.keys[i]!);
      out.weights.push(a.weights[i]!);
    }
    i += took;
  }
  return merged ?? a;
}

let matrix = new Float64Array(256);

/**
 * Weighted token-set comparison of two names. With `withPairs` it also
 * returns which token met which, for explanations; the hot path skips that.
 */
/**
 * An acronym's similarity to a full name whose initials it spells (CNOOC:
 * China National Offshore Oil Corporation). Below any threshold on its own:
 * initials are shared by look-alikes (KKBC is Korea Kwangson Banking
 * Corporation, and also spells Korea Kwangmyong Banking Corporation), so it
 * surfaces a near miss for a reviewer and needs other evidence to match.
 */
const ACRONYM_SIMILARITY = 0.7;

/**
 * A name written as one capitalised word of two to six letters (as lists
 * write acronyms: CNOOC, SMIC, KOMID) against a name of three or more
 * words whose initials spell it — the legal form's initial may close it.
 */
function acronymOf(short: PreparedName, long: PreparedName): boolean {
  if (short.tokens.length !== 1 || long.tokens.length < 3) return false;
  const a = short.tokens[0]!;
  if (a.length < 3 || a.length > 6 || !/^[A-Z0-9&.\- ]+$/.test(short.value.trim())) return false;
  let initials = '';
  for (const t of long.tokens) initials += t[0];
  return a === initials || (a.length === initials.length + 1 && a.startsWith(initials));
}

export function compareNames(q: PreparedName, c: PreparedName, withPairs = false): NameComparison {
  if ((q.tokens.length === 1) !== (c.tokens.length === 1) && (acronymOf(q, c) || acronymOf(c, q))) {
    const pairs: TokenPair[] = withPairs ? [{ query: q.tokens.join(' '), listed: c.tokens.join(' '), similarity: ACRONYM_SIMILARITY, how: 'acronym' }] : [];
    return { score: ACRONYM_SIMILARITY, recall: ACRONYM_SIMILARITY, precision: ACRONYM_SIMILARITY, pairs, leadUnmatched: false };
  }
  const consonantal = q.consonantal === true || c.consonantal === true;
  let a = side(q, consonantal);
  let b = side(c, consonantal);
  const keyOf = consonantal ? consonantKey : skeletonKey;
  a = mergeSplits(a, b, keyOf, consonantal);
  b = mergeSplits(b, a, keyOf, consonantal);
  const similarity = consonantal ? consonantSimilarity : tokenSimilarity;
  const n = Math.min(a.tokens.length, 16);
  const m = Math.min(b.tokens.length, 16);
  if (n === 0 || m === 0) return { score: 0, recall: 0, precision: 0, pairs: [], leadUnmatched: false };
  if (n * m > matrix.length) matrix = new Float64Array(n * m * 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      matrix[i * m + j] = similarity(a.tokens[i]!, a.keys[i]!, b.tokens[j]!, b.keys[j]!);
    }
  }
  // Greedy one-to-one pairing, best pairs first: with a handful of tokens it
  // agrees with the optimal assignment on every labelled pair we have.
  const simA = new Float64Array(n);
  const simB = new Float64Array(m);
  const partnerA = new Int32Array(n).fill(-1);
  const usedB = new Uint8Array(m);
  for (let round = Math.min(n, m); round > 0; round--) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (partnerA[i] !== -1) continue;
      for (let j = 0; j < m; j++) {
        if (usedB[j]) continue;
        const v = matrix[i * m + j]!;
        if (v > best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    partnerA[bi] = bj;
    usedB[bj] = 1;
    simA[bi] = best;
    simB[bj] = best;
  }
  let wa = 0;
  let ra = 0;
  for (let i = 0; i < n; i++) {
    wa += a.weights[i]!;
    ra += a.weights[i]! * simA[i]!;
  }
  let wb = 0;
  let rb = 0;
  for (let j = 0; j < m; j++) {
    wb += b.weights[j]!;
    rb += b.weights[j]! * simB[j]!;
  }
  const recall = wa > 0 ? ra / wa : 0;
  const precision = wb > 0 ? rb / wb : 0;
  let score = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
  let partial = false;
  if (consonantal && score < 0.9) {
    const p = partialNameScore(a, simA, partnerA, n, b, simB, m, recall, precision);
    if (p > score) {
      score = p;
      partial = true;
    }
  }
  const pairs: TokenPair[] = [];
  if (withPairs) {
    for (let i = 0; i < n; i++) {
      const j = partnerA[i]!;
      const sim = simA[i]!;
      if (j < 0 || sim === 0) {
        pairs.push({ query: a.tokens[i]!, listed: '', similarity: 0, how: 'none' });
        continue;
      }
      const how = a.tokens[i] === b.tokens[j] ? 'exact' : a.keys[i] === b.keys[j] && sim <= 0.9 ? 'skeleton' : 'spelling';
      pairs.push({ query: a.tokens[i]!, listed: b.tokens[j]!, similarity: sim, how });
    }
    for (let j = 0; j < m; j++) {
      if (simB[j] === 0) pairs.push({ query: '', listed: b.tokens[j]!, similarity: 0, how: 'none' });
    }
  }
  return { score, recall, precision, pairs, leadUnmatched: !partial && n >= 2 && m >= 2 && simB[0] === 0 };
}

/**
 * A name in the Arabic tradition is a chain (given name, father's,
 * grandfather's, family or tribal name), and lists and sources give more
 * or fewer links of it: Ayman al-Zawahiri is أيمن محمد ربيع الظواهري, Hamza
 * bin Laden is Hamza Osama Muhammad bin Laden. When every word of the
 * shorter chain is met in the longer one, both start with the same given
 * name (a leading Muhammad on the longer one may be passed over: Masood Azhar
 * is Mohammad Masood Azhar Alvi) and the shared words carry at least
 * `PARTIAL_MIN_COVER` of the longer name's weight, the pair scores
 * `PARTIAL_FACTOR` × the shorter name's coverage instead of the F1, which
 * punishes every link left out. The same given name is what keeps a
 * father's name out of his son's (Aisha Muammar … Qadhafi is not Muammar …
 * Qadhafi): the son's chain contains the father's, but starts elsewhere.
 */
const PARTIAL_FACTOR = 0.95;
const PARTIAL_MIN_COVER = 0.4;
const PARTIAL_MIN_WORD = 0.8;

/**
 * The least weighted recall (share of the query name's weight met) a listed
 * name needs to reach `target`: c / (2 − c) for an F1 with precision at most
 * 1; lower for a name in the Arabic tradition, whose partial-chain score
 * (above) needs only `PARTIAL_MIN_COVER` of the longer name met. The index
 * prunes candidate generation by it, so it must never be higher than true.
 */
export function minQueryRecall(target: number, consonantal: boolean): number {
  if (target <= 0) return 0;
  const f1 = target / (2 - target);
  return consonantal ? Math.min(f1, PARTIAL_MIN_COVER) : f1;
}

function partialNameScore(
  a: Side,
  simA: Float64Array,
  partnerA: Int32Array,
  n: number,
  b: Side,
  simB: Float64Array,
  m: number,
  recall: number,
  precision: number,
): number {
  const contentA = contentPositions(a, n);
  const contentB = contentPositions(b, m);
  if (contentA.length < 2 || contentB.length < 2 || contentA.length === contentB.length) return 0;
  const aShorter = contentA.length < contentB.length;
  const [shortSide, shortSim, shortContent, longContent, shortCover, longCover] = aShorter
    ? [a, simA, contentA, contentB, recall, precision]
    : [b, simB, contentB, contentA, precision, recall];
  void shortSide;
  if (longCover < PARTIAL_MIN_COVER) return 0;
  for (const i of shortContent) if (shortSim[i]! < PARTIAL_MIN_WORD) return 0;
  // Which word of the longer name the shorter one's first content word met.
  const firstShort = shortContent[0]!;
  let met = -1;
  if (aShorter) met = partnerA[firstShort]!;
  else for (let i = 0; i < n; i++) if (partnerA[i] === firstShort) met = i;
  const longSide = aShorter ? b : a;
  const aligned = met === longContent[0] || (met === longContent[1] && consonantKey(longSide.tokens[longContent[0]!]!) === 'mhmd');
  return aligned ? PARTIAL_FACTOR * shortCover : 0;
}

/** Positions of the words that are not particles or honorifics. */
function contentPositions(s: Side, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = s.tokens[i]!;
    if (!(t.length <= 7 && PARTICLES.has(t))) out.push(i);
  }
  return out;
}

function nameFactor(kind: NameKind, config: ScoringConfig): number {
  return kind === 'weak' ? config.weakAliasFactor : 1;
}

export function scoreSubject(query: ScoringSubject, subject: ScoringSubject, config: ScoringConfig = DEFAULT_SCORING): ScoreResult {
  let nameScore = 0;
  let qi = -1;
  let ci = -1;
  let leadUnmatched = false;
  const persons = query.schemaKind === 'person' && subject.schemaKind === 'person';
  for (let i = 0; i < query.names.length; i++) {
    for (let j = 0; j < subject.names.length; j++) {
      const c = subject.names[j]!;
      const cmp = compareNames(query.names[i]!, c);
      const lead = persons && cmp.leadUnmatched;
      const s = cmp.score * nameFactor(c.kind, config) * (lead ? config.leadWordFactor : 1);
      // Ties go to the primary name so the explanation cites it.
      if (s > nameScore || (s === nameScore && s > 0 && c.kind === 'primary' && subject.names[ci]?.kind !== 'primary')) {
        nameScore = s;
        qi = i;
        ci = j;
        leadUnmatched = lead;
      }
    }
  }
  let score = nameScore;

  let countryMatch: boolean | null = null;
  if (query.countries.length > 0 && subject.countries.length > 0) {
    countryMatch = query.countries.some((c) => subject.countries.includes(c));
    score += countryMatch ? config.countryMatchBonus : -config.countryMismatchPenalty;
  }

  const conflict = schemasConflict(query.schemaKind, subject.schemaKind);
  if (conflict) score -= config.schemaMismatchPenalty;

  const birthDate = compareBirthDates(query.birthDates, subject.birthDates);
  if (birthDate.agreement === 'agree') score += config.birthDateMatchBonus;
  else if (birthDate.agreement === 'near') score -= config.birthDateNearPenalty;

  const ids = compareIdentifiers(query.identifiers, subject.identifiers);
  const identifierMatch = ids.shared;
  if (identifierMatch !== null && score < config.identifierFloor) score = config.identifierFloor;
  // A shared number outweighs a contradicting one (an old and a new IMO, a
  // head office's and a branch's INN); otherwise a contradiction caps.
  if (identifierMatch === null && (ids.conflicts.length > 0 || birthDate.agreement === 'differ')) {
    score = Math.min(score, config.contradictionCeiling);
  }

  score = Math.min(1, Math.max(0, score));
  score = Math.round(score * 1000) / 1000;
  return {
    score,
    match: score >= config.threshold,
    nameScore,
    leadUnmatched,
    queryName: qi,
    listedName: ci,
    countryMatch,
    identifierMatch,
    identifierConflicts: ids.conflicts,
    birthDate,
    schemaConflict: conflict,
  };
}

function fmt(n: number): string {
  return n.toFixed(2);
}

/**
 * The reasons behind a score, feature by feature, in the spirit of yente's
 * `explanations`. Computed only for results that are returned, since it
 * builds strings.
 */
export function explain(
  query: ScoringSubject,
  subject: ScoringSubject,
  result: ScoreResult,
  config: ScoringConfig = DEFAULT_SCORING,
): { features: Partial<Record<FeatureName, number>>; explanations: Partial<Record<FeatureName, FeatureExplanation>> } {
  const features: Partial<Record<FeatureName, number>> = {};
  const explanations: Partial<Record<FeatureName, FeatureExplanation>> = {};
  const qn = query.names[result.queryName];
  const cn = subject.names[result.listedName];
  if (qn && cn) {
    const cmp = compareNames(qn, cn, true);
    const feature: FeatureName = cn.kind === 'primary' ? 'name_match' : 'alias_match';
    const pairs = cmp.pairs
      .map((p) =>
        p.how === 'none'
          ? p.query
            ? `${p.query} unmatched`
            : `${p.listed} (listed only)`
          : p.how === 'exact'
            ? p.query
            : p.how === 'acronym'
              ? `${p.query} = ${p.listed} by initials ${fmt(p.similarity)} (acronym)`
              : `${p.query}~${p.listed} ${fmt(p.similarity)} (${p.how})`,
      )
      .join('; ');
    const kindNote = cn.kind === 'primary' ? 'name' : cn.kind === 'weak' ? 'weak alias' : cn.kind === 'original' ? 'original-script name' : cn.kind === 'previous' ? 'former name' : 'alias';
    features[feature] = Math.round(result.nameScore * 1000) / 1000;
    explanations[feature] = {
      score: features[feature],
      contribution: features[feature],
      detail:
        `“${qn.value}” vs listed ${kindNote} “${cn.value}”: ${pairs}; ` +
        `recall ${fmt(cmp.recall)}, precision ${fmt(cmp.precision)}` +
        (cn.kind === 'weak' ? `; ×${config.weakAliasFactor} for a weak alias` : '') +
        (result.leadUnmatched ? `; ×${config.leadWordFactor}: the listed name's first word “${cmp.pairs.find((p) => p.query === '')?.listed ?? ''}” is not in the query` : ''),
    };
  }
  if (result.countryMatch === true) {
    const shared = query.countries.filter((c) => subject.countries.includes(c));
    features.country_match = 1;
    explanations.country_match = { score: 1, contribution: config.countryMatchBonus, detail: `shared country: ${shared.join(', ')}` };
  } else if (result.countryMatch === false) {
    features.country_mismatch = 1;
    explanations.country_mismatch = {
      score: 1,
      contribution: -config.countryMismatchPenalty,
      detail: `query ${query.countries.join(', ')} vs listed ${subject.countries.join(', ')}`,
    };
  }
  if (result.schemaConflict) {
    features.schema_mismatch = 1;
    explanations.schema_mismatch = {
      score: 1,
      contribution: -config.schemaMismatchPenalty,
      detail: `a ${query.schemaKind} cannot be a ${subject.schemaKind}`,
    };
  }
  if (result.identifierMatch !== null) {
    features.identifier_match = 1;
    explanations.identifier_match = {
      score: 1,
      contribution: Math.max(0, config.identifierFloor - result.nameScore),
      detail: `identifier ${result.identifierMatch} appears on both`,
    };
  } else if (result.identifierConflicts.length) {
    features.identifier_mismatch = 1;
    explanations.identifier_mismatch = {
      score: 1,
      contribution: Math.min(0, config.contradictionCeiling - result.nameScore),
      detail:
        result.identifierConflicts.map((c) => `${c.kind.toUpperCase()} ${c.query} vs listed ${c.listed}`).join('; ') +
        `: another entity, score capped at ${config.contradictionCeiling}`,
    };
  }
  const bd = result.birthDate;
  if (bd.agreement === 'agree') {
    features.birth_date_match = 1;
    explanations.birth_date_match = { score: 1, contribution: config.birthDateMatchBonus, detail: `birth date ${bd.query} agrees with listed ${bd.listed}` };
  } else if (bd.agreement !== null) {
    const veto = bd.agreement === 'differ' && result.identifierMatch === null;
    features.birth_date_mismatch = 1;
    explanations.birth_date_mismatch = {
      score: 1,
      contribution: veto ? Math.min(0, config.contradictionCeiling - result.nameScore) : -config.birthDateNearPenalty,
      detail: `birth date ${bd.query} vs listed ${bd.listed}` + (veto ? `: another person, score capped at ${config.contradictionCeiling}` : ': close but not equal'),
    };
  }
  return { features, explanations };
}
