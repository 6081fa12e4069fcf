/**
 * In-memory screening index: every listed name, normalised once, with
 * postings from words and phonetic keys to names, so that a query touches
 * only names sharing something rare with it and full scoring runs on a few
 * dozen candidates instead of a million entities.
 *
 * Everything is integer ids in typed arrays (names, tokens, postings) so a
 * million entities fit in a few hundred megabytes and build in seconds.
 * Pure: the caller feeds entities (from PostgreSQL, a file, a generator).
 */
import { DeletionIndex } from './deletion-index.js';
import { Int32List, Uint8List, toCsr } from './growable.js';
import { nameVariants, normaliseIdentifier, normaliseName, normaliseTokens } from './normalise.js';
import { parsePartialDate } from './dates.js';
import { ARABIC_SCRIPT, arabicOrigin, consonantKey } from './arabic.js';
import { skeletonKey } from './romanisation.js';
import {
  DEFAULT_SCORING,
  explain,
  scoreSubject,
  tokenWeightFactor,
  minQueryRecall,
  type FeatureExplanation,
  type FeatureName,
  type PreparedName,
  type ScoreResult,
  type ScoringConfig,
  type ScoringSubject,
} from './score.js';
import { schemaKind, type NameKind, type SchemaKind } from './types.js';

export interface IndexEntityInput {
  /** Caller's id for the entity (the `list_entities` primary key). */
  key: number;
  listId: number;
  reference: string;
  schema: string;
  /** The primary name first: it becomes the caption. */
  names: readonly { value: string; kind: NameKind }[];
  countries: readonly string[];
  identifiers: readonly string[];
  /** ISO dates, possibly partial ('1957', '1957-05'), as the list gives them. */
  birthDates?: readonly string[];
}

export interface MatchQuery {
  schema?: string;
  names: readonly string[];
  countries?: readonly string[];
  identifiers?: readonly string[];
  birthDates?: readonly string[];
}

export interface MatchOptions {
  /** Results returned, best first (yente's default is 5). */
  limit?: number;
  /**
   * Results scoring below this are not returned at all (default 0.5). It
   * also bounds the work: the lower it is, the more common words must be
   * read to be sure nothing above it is missed.
   */
  cutoff?: number;
  config?: ScoringConfig;
  /** Attach feature explanations (costs string building). */
  explain?: boolean;
  /** Names fully scored per query; more is slower and rarely finds more. */
  candidates?: number;
  /** Only entities of these lists. */
  listIds?: readonly number[];
}

export interface MatchHit {
  /** Position in the index; stable only for this index instance. */
  entity: number;
  key: number;
  listId: number;
  reference: string;
  schema: string;
  caption: string;
  result: ScoreResult;
  features?: Partial<Record<FeatureName, number>>;
  explanations?: Partial<Record<FeatureName, FeatureExplanation>>;
}

export const DEFAULT_CUTOFF = 0.5;

function birthDates(raw: readonly string[] | undefined): string[] {
  if (!raw?.length) return [];
  const out: string[] = [];
  for (const r of raw) {
    const d = parsePartialDate(r);
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Up to this many touched names, all are re-ranked by the common words. */
const REFINE_ALL = 20_000;

const KINDS: readonly NameKind[] = ['primary', 'alias', 'weak', 'previous', 'original'];
const SCHEMA_KINDS: readonly SchemaKind[] = ['person', 'organisation', 'vessel', 'aircraft', 'other'];

/** Adjacent tokens are also indexed joined, up to this length. */
const MAX_JOIN = 14;
const MAX_QUERY_NAMES = 32;
const MAX_NAME_TOKENS = 16;

export class MatchIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly isToken = new Uint8List();
  private readonly termKey = new Int32List();
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];

  private readonly nameTokStart = new Int32List();
  private readonly nameTok = new Int32List();
  private readonly nameEntity = new Int32List();
  private readonly nameKind = new Uint8List();
  private readonly nameValue: string[] = [];
  /** Names written in Arabic script (compared on consonants). */
  private readonly consonantalNames = new Set<number>();

  private readonly postTerm = new Int32List(1 << 16);
  private readonly postName = new Int32List(1 << 16);
  private readonly postKey = new Int32List(1 << 16);
  private readonly postKeyName = new Int32List(1 << 16);

  private readonly entityKey = new Int32List();
  private readonly entityList = new Int32List();
  private readonly entitySchemaKind = new Uint8List();
  private readonly entitySchema: string[] = [];
  private readonly entityRef: string[] = [];
  private readonly entityNameStart = new Int32List();
  private readonly entityCountryStart = new Int32List();
  private readonly entityCountry = new Int32List();
  private readonly countryIds = new Map<string, number>();
  private readonly countries: string[] = [];
  private readonly identifierEntities = new Map<string, number[]>();
  private readonly entityIdentifiers = new Map<number, string[]>();
  private readonly entityBirthDates = new Map<number, string[]>();

  constructor() {
    this.nameTokStart.push(0);
    this.entityNameStart.push(0);
    this.entityCountryStart.push(0);
  }

  /**
   * Id of a word (or a join of two). Real tokens get a phonetic key the
   * first time they are seen; a join ("jongun") that later turns up as a
   * real token is upgraded then.
   */
  private term(t: string, token: boolean): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      this.isToken.push(token ? 1 : 0);
      // Joins get keys too (computed once here, not per occurrence), so
      // "Chonmyong" finds "Chon Myong" whatever the romanisation of either.
      this.termKey.push(this.key(skeletonKey(t)));
    } else if (token) {
      this.isToken.set(id, 1);
    }
    return id;
  }

  private key(k: string): number {
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = this.keys.length;
      this.keyIds.set(k, id);
      this.keys.push(k);
    }
    return id;
  }

  get entityCount(): number {
    return this.entityKey.length;
  }

  add(e: IndexEntityInput): void {
    const entity = this.entityKey.length;
    this.entityKey.push(e.key);
    this.entityList.push(e.listId);
    this.entitySchema.push(e.schema);
    this.entitySchemaKind.push(SCHEMA_KINDS.indexOf(schemaKind(e.schema)));
    this.entityRef.push(e.reference);

    const firstName = this.nameEntity.length;
    const ids: number[] = [];
    const posted: number[] = [];
    const joins: number[] = [];
    for (const listed of e.names) {
      const variants = nameVariants(listed.value);
      for (let v = 0; v < variants.length; v++) {
        const value = variants[v]!.trim();
        if (!value) continue;
        const tokens = normaliseTokens(value);
        if (tokens.length === 0) continue;
        const count = Math.min(tokens.length, MAX_NAME_TOKENS);
        ids.length = 0;
        for (let i = 0; i < count; i++) ids.push(this.term(tokens[i]!, true));
        if (this.duplicateName(firstName, ids)) continue;

        const name = this.nameEntity.length;
        if (ARABIC_SCRIPT.test(value) || arabicOrigin(tokens)) this.consonantalNames.add(name);
        this.nameEntity.push(entity);
        this.nameKind.push(KINDS.indexOf(v === 0 ? listed.kind : 'alias'));
        this.nameValue.push(value);
        posted.length = 0;
        joins.length = 0;
        for (let i = 0; i < count; i++) {
          const t = ids[i]!;
          this.nameTok.push(t);
          if (!posted.includes(t)) posted.push(t);
          if (i + 1 < count && tokens[i]!.length + tokens[i + 1]!.length <= MAX_JOIN) {
            const j = this.term(tokens[i]! + tokens[i + 1]!, false);
            joins.push(j);
            if (!posted.includes(j)) posted.push(j);
          }
        }
        this.nameTokStart.push(this.nameTok.length);
        for (const t of posted) {
          this.postTerm.push(t);
          this.postName.push(name);
        }
        posted.length = 0;
        for (let i = 0; i < count; i++) {
          const k = this.termKey.get(ids[i]!);
          if (this.keys[k]!.length >= 2 && !posted.includes(k)) posted.push(k);
        }
        for (const j of joins) {
          const k = this.termKey.get(j);
          if (!posted.includes(k)) posted.push(k);
        }
        // Consonant keys ("#mhmd"), so a name in Arabic script finds its
        // romanisations; three consonants or more, fewer find too much.
        for (let i = 0; i < count; i++) {
          const c = consonantKey(tokens[i]!);
          if (c.length < 3) continue;
          const k = this.key(`#${c}`);
          if (!posted.includes(k)) posted.push(k);
        }
        for (const k of posted) {
          this.postKey.push(k);
          this.postKeyName.push(name);
        }
      }
    }
    this.entityNameStart.push(this.nameEntity.length);

    for (const c of new Set(e.countries)) {
      let id = this.countryIds.get(c);
      if (id === undefined) {
        id = this.countries.length;
        this.countryIds.set(c, id);
        this.countries.push(c);
      }
      this.entityCountry.push(id);
    }
    this.entityCountryStart.push(this.entityCountry.length);

    // Few entities give birth dates: a map, not an array slot per entity.
    const births = birthDates(e.birthDates);
    if (births.length) this.entityBirthDates.set(entity, births);

    const identifiers = [...new Set(e.identifiers.map(normaliseIdentifier).filter((x) => x.length >= 4))];
    if (identifiers.length) {
      this.entityIdentifiers.set(entity, identifiers);
      for (const id of identifiers) {
        const list = this.identifierEntities.get(id);
        if (list) list.push(entity);
        else this.identifierEntities.set(id, [entity]);
      }
    }
  }

  /** Same words as a name already added for this entity (in any order)? */
  private duplicateName(firstName: number, ids: readonly number[]): boolean {
    for (let n = firstName; n < this.nameEntity.length; n++) {
      const from = this.nameTokStart.get(n);
      const to = this.nameTokStart.get(n + 1);
      if (to - from !== ids.length) continue;
      let same = true;
      for (let i = from; i < to && same; i++) same = ids.includes(this.nameTok.get(i));
      if (same) return true;
    }
    return false;
  }

  build(): MatchIndex {
    const termCount = this.terms.length;
    const nameCount = this.nameEntity.length;
    const termPost = toCsr(this.postTerm, this.postName, termCount);
    const keyPost = toCsr(this.postKey, this.postKeyName, this.keys.length);
    const isToken = this.isToken.toArray();

    const termKey = this.termKey.toArray();
    const idf = new Float32Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const df = termPost.start[t + 1]! - termPost.start[t]!;
      idf[t] = Math.log(1 + nameCount / Math.max(1, df));
    }
    const nameTokStart = this.nameTokStart.toArray();
    const nameTok = this.nameTok.toArray();
    const nameInvNorm = new Float32Array(nameCount);
    for (let n = 0; n < nameCount; n++) {
      let s = 0;
      for (let i = nameTokStart[n]!; i < nameTokStart[n + 1]!; i++) s += idf[nameTok[i]!]!;
      nameInvNorm[n] = 1 / Math.sqrt(s + 1);
    }
    const fuzzy = DeletionIndex.build(this.terms, (w, id) => isToken[id] === 1 && w.length >= 5 && !/[0-9]/.test(w));

    return new MatchIndex({
      terms: this.terms,
      termIds: this.termIds,
      termKey,
      idf,
      keys: this.keys,
      keyIds: this.keyIds,
      termPostStart: termPost.start,
      termPost: termPost.values,
      keyPostStart: keyPost.start,
      keyPost: keyPost.values,
      nameTokStart,
      nameTok,
      nameEntity: this.nameEntity.toArray(),
      nameKind: this.nameKind.toArray(),
      nameValue: this.nameValue,
      consonantalNames: this.consonantalNames,
      nameInvNorm,
      entityKey: this.entityKey.toArray(),
      entityList: this.entityList.toArray(),
      entitySchema: this.entitySchema,
      entitySchemaKind: this.entitySchemaKind.toArray(),
      entityRef: this.entityRef,
      entityNameStart: this.entityNameStart.toArray(),
      entityCountryStart: this.entityCountryStart.toArray(),
      entityCountry: this.entityCountry.toArray(),
      countries: this.countries,
      identifierEntities: this.identifierEntities,
      entityIdentifiers: this.entityIdentifiers,
      entityBirthDates: this.entityBirthDates,
      fuzzy,
    });
  }
}

interface IndexData {
  terms: string[];
  termIds: Map<string, number>;
  termKey: Int32Array;
  idf: Float32Array;
  keys: string[];
  keyIds: Map<string, number>;
  termPostStart: Int32Array;
  termPost: Int32Array;
  keyPostStart: Int32Array;
  keyPost: Int32Array;
  nameTokStart: Int32Array;
  nameTok: Int32Array;
  nameEntity: Int32Array;
  nameKind: Uint8Array;
  nameValue: string[];
  consonantalNames: Set<number>;
  nameInvNorm: Float32Array;
  entityKey: Int32Array;
  entityList: Int32Array;
  entitySchema: string[];
  entitySchemaKind: Uint8Array;
  entityRef: string[];
  entityNameStart: Int32Array;
  entityCountryStart: Int32Array;
  entityCountry: Int32Array;
  countries: string[];
  identifierEntities: Map<string, number[]>;
  entityIdentifiers: Map<number, string[]>;
  entityBirthDates: Map<number, string[]>;
  fuzzy: DeletionIndex;
}

/** One posting list to read for a query, and the evidence it is worth. */
interface Probe {
  start: Int32Array;
  post: Int32Array;
  term: number;
  weight: number;
  df: number;
}

/** Everything that can find listed names sharing one query word. */
interface ProbeGroup {
  weight: number;
  probes: Probe[];
  /** Postings to read for the whole group. */
  cost: number;
}

interface PreparedQueryName {
  name: PreparedName;
  groups: ProbeGroup[];
}

export class MatchIndex {
  private readonly d: IndexData;
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;
  private readonly maxIdf: number;
  /** Postings longer than this are too common to generate candidates. */
  private readonly commonDf: number;
  /** Longest postings ever scanned in full. */
  private readonly maxScan = 200_000;
  private heapIds = new Int32Array(0);
  private heapScores = new Float64Array(0);

  constructor(data: IndexData) {
    this.d = data;
    const names = data.nameEntity.length;
    this.acc = new Float32Array(names);
    this.touched = new Int32Array(names);
    this.maxIdf = Math.log(1 + Math.max(1, names));
    this.commonDf = Math.max(500, Math.min(20_000, Math.ceil(names * 0.02)));
  }

  /**
   * The k best of `items[0..count)` with accumulated evidence of at least
   * `floor`, best first, ranked cosine-like (evidence over the name's own
   * weight, so long names do not win by size): a min-heap in typed arrays.
   */
  private topK(items: Int32Array, count: number, k: number, floor: number): number[] {
    if (k <= 0) return [];
    if (this.heapIds.length < k) {
      this.heapIds = new Int32Array(k);
      this.heapScores = new Float64Array(k);
    }
    const ids = this.heapIds;
    const sc = this.heapScores;
    const acc = this.acc;
    const inv = this.d.nameInvNorm;
    let size = 0;
    for (let i = 0; i < count; i++) {
      const n = items[i]!;
      const a = acc[n]!;
      if (a < floor) continue;
      const r = a * inv[n]!;
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (sc[p]! <= r) break;
          ids[c] = ids[p]!;
          sc[c] = sc[p]!;
          c = p;
        }
        ids[c] = n;
        sc[c] = r;
      } else if (r > sc[0]!) {
        let p = 0;
        for (;;) {
          const l = 2 * p + 1;
          if (l >= size) break;
          const m = l + 1 < size && sc[l + 1]! < sc[l]! ? l + 1 : l;
          if (sc[m]! >= r) break;
          ids[p] = ids[m]!;
          sc[p] = sc[m]!;
          p = m;
        }
        ids[p] = n;
        sc[p] = r;
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => sc[b]! - sc[a]!);
    return order.map((i) => ids[i]!);
  }

  static from(entities: Iterable<IndexEntityInput>): MatchIndex {
    const b = new MatchIndexBuilder();
    for (const e of entities) b.add(e);
    return b.build();
  }

  get entityCount(): number {
    return this.d.entityKey.length;
  }

  get nameCount(): number {
    return this.d.nameEntity.length;
  }

  get termCount(): number {
    return this.d.terms.length;
  }

  /** Bytes held in typed arrays (strings and maps come on top). */
  get typedBytes(): number {
    const d = this.d;
    return [
      d.termKey, d.idf, d.termPostStart, d.termPost, d.keyPostStart, d.keyPost, d.nameTokStart, d.nameTok,
      d.nameEntity, d.nameKind, d.nameInvNorm, d.entityKey, d.entityList, d.entitySchemaKind, d.entityNameStart,
      d.entityCountryStart, d.entityCountry, this.acc, this.touched,
    ].reduce((s, a) => s + a.byteLength, 0) + d.fuzzy.bytes;
  }

  /** Position of the entity with caller key `key`, or -1. Linear: for tests and admin. */
  findByKey(key: number): number {
    return this.d.entityKey.indexOf(key);
  }

  entityKeys(): Int32Array {
    return this.d.entityKey;
  }

  /**
   * A query name as the index sees it: per word, the probes (postings) that
   * can find listed names containing it (the word itself, listed spellings
   * one edit away, its phonetic key) and its weight; plus joins of adjacent
   * words, which find "Jongun" for "Jong Un".
   */
  private prepareQueryName(value: string): PreparedQueryName | null {
    const d = this.d;
    const norm = normaliseName(value);
    if (norm.tokens.length === 0) return null;
    const tokens = norm.tokens.slice(0, MAX_NAME_TOKENS);
    const weights = new Array<number>(tokens.length);
    const groups: ProbeGroup[] = [];
    const termProbe = (term: number, weight: number): Probe => ({
      start: d.termPostStart, post: d.termPost, term, weight, df: d.termPostStart[term + 1]! - d.termPostStart[term]!,
    });
    const keyProbe = (key: string, weight: number): Probe | null => {
      const k = d.keyIds.get(key);
      if (k === undefined || key.length < 3) return null;
      return { start: d.keyPostStart, post: d.keyPost, term: k, weight, df: d.keyPostStart[k + 1]! - d.keyPostStart[k]! };
    };
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const probes: Probe[] = [];
      const t = d.termIds.get(tok);
      let w = t === undefined ? this.maxIdf : d.idf[t]!;
      if (t !== undefined) probes.push(termProbe(t, w));
      if (tok.length >= 5 && !/[0-9]/.test(tok)) {
        let best = 0;
        for (const n of d.fuzzy.neighbours(tok)) {
          const nw = d.idf[n]!;
          probes.push(termProbe(n, nw * 0.8));
          if (nw > best) best = nw;
        }
        // An unknown (misspelt) word weighs what its nearest listed spelling does.
        if (t === undefined && best > 0) w = best;
      }
      weights[i] = w;
      const kp = keyProbe(norm.keys[i]!, w * 0.8);
      if (kp) probes.push(kp);
      if (norm.consonantal) {
        const cp = keyProbe(`#${consonantKey(tok)}`, w * 0.8);
        if (cp) probes.push(cp);
      }
      groups.push({ weight: w * tokenWeightFactor(tok, i), probes, cost: 0 });
    }
    // Two or three query words written as one in the list ("Nam Chon Gang"
    // = "Namchongang"), exactly or by phonetic key: a probe for each word
    // it spans, so words the list only knows joined still count as
    // reachable.
    for (let i = 0; i + 1 < tokens.length; i++) {
      for (const span of [2, 3]) {
        if (i + span > tokens.length) continue;
        const joined = tokens.slice(i, i + span).join('');
        const found: Probe[] = [];
        const j = d.termIds.get(joined);
        if (j !== undefined) found.push(termProbe(j, d.idf[j]!));
        const kp = keyProbe(skeletonKey(joined), 0.8 * (j !== undefined ? d.idf[j]! : this.maxIdf));
        if (kp) found.push(kp);
        for (const pr of found) {
          if (pr.df > this.commonDf) continue;
          for (let g = i; g < i + span; g++) groups[g]!.probes.push(pr);
        }
      }
    }
    for (const g of groups) for (const p of g.probes) g.cost += p.df;
    return { name: { value, kind: 'primary', tokens, keys: norm.keys.slice(0, MAX_NAME_TOKENS), weights, consonantal: norm.consonantal }, groups };
  }

  private preparedName(n: number): PreparedName {
    const d = this.d;
    const from = d.nameTokStart[n]!;
    const to = d.nameTokStart[n + 1]!;
    const tokens = new Array<string>(to - from);
    const keys = new Array<string>(to - from);
    const weights = new Array<number>(to - from);
    for (let i = from; i < to; i++) {
      const t = d.nameTok[i]!;
      tokens[i - from] = d.terms[t]!;
      keys[i - from] = d.keys[d.termKey[t]!]!;
      weights[i - from] = d.idf[t]!;
    }
    return { value: d.nameValue[n]!, kind: KINDS[d.nameKind[n]!]!, tokens, keys, weights, consonantal: d.consonantalNames.has(n) };
  }

  private subject(entity: number, names: readonly number[]): ScoringSubject {
    const d = this.d;
    const countries: string[] = [];
    for (let i = d.entityCountryStart[entity]!; i < d.entityCountryStart[entity + 1]!; i++) {
      countries.push(d.countries[d.entityCountry[i]!]!);
    }
    return {
      schemaKind: SCHEMA_KINDS[d.entitySchemaKind[entity]!]!,
      names: names.map((n) => this.preparedName(n)),
      countries,
      identifiers: d.entityIdentifiers.get(entity) ?? [],
      birthDates: d.entityBirthDates.get(entity) ?? [],
    };
  }

  /** Scores one entity against a query without blocking: for tests and explanations. */
  scoreEntity(entity: number, query: MatchQuery, config: ScoringConfig = DEFAULT_SCORING): MatchHit | null {
    const q = this.prepareQuery(query);
    if (!q) return null;
    const d = this.d;
    const names: number[] = [];
    for (let n = d.entityNameStart[entity]!; n < d.entityNameStart[entity + 1]!; n++) names.push(n);
    return this.hit(entity, q.subject, this.subject(entity, names), config, true);
  }

  private prepareQuery(query: MatchQuery) {
    const prepared = query.names
      .flatMap(nameVariants)
      .slice(0, MAX_QUERY_NAMES)
      .map((n) => this.prepareQueryName(n))
      .filter((x) => x !== null);
    if (prepared.length === 0) return null;
    const subject: ScoringSubject = {
      schemaKind: schemaKind(query.schema ?? 'LegalEntity'),
      names: prepared.map((p) => p.name),
      countries: [...new Set(query.countries ?? [])],
      identifiers: [...new Set((query.identifiers ?? []).map(normaliseIdentifier).filter((x) => x.length >= 4))],
      birthDates: birthDates(query.birthDates),
    };
    return { prepared, subject };
  }

  private hit(entity: number, q: ScoringSubject, s: ScoringSubject, config: ScoringConfig, withExplain: boolean): MatchHit {
    const d = this.d;
    const result = scoreSubject(q, s, config);
    const hit: MatchHit = {
      entity,
      key: d.entityKey[entity]!,
      listId: d.entityList[entity]!,
      reference: d.entityRef[entity]!,
      schema: d.entitySchema[entity]!,
      caption: d.nameValue[d.entityNameStart[entity]!] ?? d.entityRef[entity]!,
      result,
    };
    if (withExplain) Object.assign(hit, explain(q, s, result, config));
    return hit;
  }

  /**
   * Scores every entity, with no blocking: the yardstick the benchmark
   * measures candidate generation against (speed, and what it misses).
   */
  matchExhaustive(query: MatchQuery, opts: MatchOptions = {}): MatchHit[] {
    const config = opts.config ?? DEFAULT_SCORING;
    const cutoff = opts.cutoff ?? DEFAULT_CUTOFF;
    const q = this.prepareQuery(query);
    if (!q) return [];
    const d = this.d;
    const hits: MatchHit[] = [];
    const names: number[] = [];
    for (let e = 0; e < d.entityKey.length; e++) {
      names.length = 0;
      for (let n = d.entityNameStart[e]!; n < d.entityNameStart[e + 1]!; n++) names.push(n);
      const hit = this.hit(e, q.subject, this.subject(e, names), config, false);
      if (hit.result.score >= cutoff && hit.result.score > 0) hits.push(hit);
    }
    hits.sort((a, b) => b.result.score - a.result.score || a.key - b.key);
    return hits.slice(0, opts.limit ?? 5);
  }

  match(query: MatchQuery, opts: MatchOptions = {}): MatchHit[] {
    const config = opts.config ?? DEFAULT_SCORING;
    const limit = opts.limit ?? 5;
    const cutoff = opts.cutoff ?? DEFAULT_CUTOFF;
    const maxCandidates = opts.candidates ?? 48;
    const q = this.prepareQuery(query);
    if (!q) return [];
    const d = this.d;
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;

    // 1. Candidates. A listed name can only reach the cutoff if it shares
    // words carrying enough of the query's weight: with precision at most 1,
    // a name F1 of c needs recall of at least c / (2 − c). So the most
    // expensive words (the common ones: "Korea", "Trading", "Kim") can be
    // left out of candidate generation as long as what is left out weighs
    // less than that; every listed name that could still reach the cutoff
    // shares some word that is read. Those left out only re-rank (step 3).
    const bonus = q.subject.countries.length ? config.countryMatchBonus : 0;
    const target = Math.max(0, cutoff - bonus);
    const refine: Probe[] = [];
    const scan = (pr: Probe) => {
      if (pr.df === 0 || pr.df > this.maxScan) return;
      const end = pr.start[pr.term + 1]!;
      for (let i = pr.start[pr.term]!; i < end; i++) {
        const n = pr.post[i]!;
        if (acc[n] === 0) touched[nTouched++] = n;
        acc[n]! += pr.weight;
      }
    };
    for (const p of q.prepared) {
      const minRecall = minQueryRecall(target, p.name.consonantal === true);
      let total = 0;
      let reachable = 0;
      for (const g of p.groups) {
        total += g.weight;
        if (g.probes.length) reachable += g.weight;
      }
      // Words nothing in the list resembles: no listed name can match enough.
      if (total === 0 || reachable < minRecall * total) continue;
      const byCost = [...p.groups].filter((g) => g.probes.length).sort((x, y) => y.cost - x.cost);
      let skipped = 0;
      const read = new Set<Probe>();
      const left = new Set<Probe>();
      for (const g of byCost) {
        if (skipped + g.weight < minRecall * total) {
          skipped += g.weight;
          for (const pr of g.probes) left.add(pr);
        } else {
          for (const pr of g.probes) read.add(pr);
        }
      }
      for (const pr of read) scan(pr);
      for (const pr of left) if (!read.has(pr)) refine.push(pr);
    }
    // A shared identifier makes every name of that entity a candidate.
    const forced = new Set<number>();
    for (const id of q.subject.identifiers) {
      for (const e of d.identifierEntities.get(id) ?? []) forced.add(e);
    }

    // 2. Probes left out of generation add their evidence to the names
    // already touched, so that among many names sharing one word the ones
    // sharing more win. Per probe, the cheaper of walking its postings and
    // binary-searching them once per touched name. When very many names are
    // touched, only a wide shortlist is refined.
    let best = 0;
    for (let i = 0; i < nTouched; i++) if (acc[touched[i]!]! > best) best = acc[touched[i]!]!;
    let pool: Int32Array = touched;
    let poolSize = nTouched;
    if (nTouched > REFINE_ALL) {
      pool = Int32Array.from(this.topK(touched, nTouched, maxCandidates * 8, best * 0.1));
      poolSize = pool.length;
    }
    if (refine.length && poolSize > maxCandidates) {
      for (const pr of refine) {
        const lo = pr.start[pr.term]!;
        const hi = pr.start[pr.term + 1]!;
        if (hi - lo < poolSize * Math.log2(hi - lo + 2)) {
          for (let i = lo; i < hi; i++) {
            const n = pr.post[i]!;
            if (acc[n]! > 0) acc[n]! += pr.weight;
          }
        } else {
          for (let i = 0; i < poolSize; i++) {
            const n = pool[i]!;
            if (contains(pr.post, lo, hi, n)) acc[n]! += pr.weight;
          }
        }
      }
      best = 0;
      for (let i = 0; i < poolSize; i++) if (acc[pool[i]!]! > best) best = acc[pool[i]!]!;
    }
    // 3. Shortlist by evidence relative to the name's own weight (so long
    // names do not win by size). Names with a tenth of the best evidence or
    // less are not ranked: a word and its key and joins count separately, so
    // a near-exact rival can pile up several times the evidence of a true
    // match spelt differently.
    const shortlist = this.topK(pool, poolSize, maxCandidates, best * 0.1);
    for (let i = 0; i < nTouched; i++) acc[touched[i]!] = 0;

    // 4. Full scoring per entity.
    const byEntity = new Map<number, number[]>();
    for (const n of shortlist) {
      const e = d.nameEntity[n]!;
      const list = byEntity.get(e);
      if (list) list.push(n);
      else byEntity.set(e, [n]);
    }
    for (const e of forced) {
      if (byEntity.has(e)) continue;
      const names: number[] = [];
      for (let n = d.entityNameStart[e]!; n < d.entityNameStart[e + 1]!; n++) names.push(n);
      byEntity.set(e, names);
    }
    const allowed = opts.listIds ? new Set(opts.listIds) : null;
    const hits: MatchHit[] = [];
    for (const [e, names] of byEntity) {
      if (allowed && !allowed.has(d.entityList[e]!)) continue;
      const hit = this.hit(e, q.subject, this.subject(e, names), config, false);
      if (hit.result.score >= cutoff && hit.result.score > 0) hits.push(hit);
    }
    hits.sort((a, b) => b.result.score - a.result.score || a.key - b.key);
    const top = hits.slice(0, limit);
    if (opts.explain) {
      for (const h of top) {
        const names = byEntity.get(h.entity)!;
        Object.assign(h, explain(q.subject, this.subject(h.entity, names), h.result, config));
      }
    }
    return top;
  }
}

function contains(post: Int32Array, lo: number, hi: number, n: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = post[mid]!;
    if (v === n) return true;
    if (v < n) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
