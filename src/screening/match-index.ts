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
import { normaliseIdentifier, normaliseName } from './normalise.js';
import { skeletonKey } from './romanisation.js';
import {
  DEFAULT_SCORING,
  explain,
  scoreSubject,
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
}

export interface MatchQuery {
  schema?: string;
  names: readonly string[];
  countries?: readonly string[];
  identifiers?: readonly string[];
}

export interface MatchOptions {
  /** Results returned, best first (yente's default is 5). */
  limit?: number;
  /** Results scoring below this are not returned at all. */
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
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];

  private readonly nameTokStart = new Int32List();
  private readonly nameTok = new Int32List();
  private readonly nameEntity = new Int32List();
  private readonly nameKind = new Uint8List();
  private readonly nameValue: string[] = [];

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

  constructor() {
    this.nameTokStart.push(0);
    this.entityNameStart.push(0);
    this.entityCountryStart.push(0);
  }

  private term(t: string, token: boolean): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      this.isToken.push(token ? 1 : 0);
    } else if (token) {
      // A join ("jongun") may later turn up as a real token: mark it so the
      // fuzzy index and the key table cover it.
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

    const seen = new Set<string>();
    for (const n of e.names) {
      const value = n.value.trim();
      if (!value) continue;
      const norm = normaliseName(value);
      if (norm.tokens.length === 0) continue;
      const dedupe = `${norm.sorted}|${n.kind}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const name = this.nameEntity.length;
      this.nameEntity.push(entity);
      this.nameKind.push(KINDS.indexOf(n.kind));
      this.nameValue.push(value);
      const terms = new Set<number>();
      const keys = new Set<number>();
      const tokens = norm.tokens.slice(0, MAX_NAME_TOKENS);
      for (let i = 0; i < tokens.length; i++) {
        const t = this.term(tokens[i]!, true);
        this.nameTok.push(t);
        terms.add(t);
        const k = norm.keys[i]!;
        if (k.length >= 2) keys.add(this.key(k));
        if (i + 1 < tokens.length) {
          const joined = tokens[i]! + tokens[i + 1]!;
          if (joined.length <= MAX_JOIN) terms.add(this.term(joined, false));
        }
      }
      this.nameTokStart.push(this.nameTok.length);
      for (const t of terms) {
        this.postTerm.push(t);
        this.postName.push(name);
      }
      for (const k of keys) {
        this.postKey.push(k);
        this.postKeyName.push(name);
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

    const ids = [...new Set(e.identifiers.map(normaliseIdentifier).filter((x) => x.length >= 4))];
    if (ids.length) {
      this.entityIdentifiers.set(entity, ids);
      for (const id of ids) {
        const list = this.identifierEntities.get(id);
        if (list) list.push(entity);
        else this.identifierEntities.set(id, [entity]);
      }
    }
  }

  build(): MatchIndex {
    const termCount = this.terms.length;
    const nameCount = this.nameEntity.length;
    const termPost = toCsr(this.postTerm, this.postName, termCount);
    const keyPost = toCsr(this.postKey, this.postKeyName, this.keys.length);
    const isToken = this.isToken.toArray();

    const termKey = new Int32Array(termCount).fill(-1);
    const idf = new Float32Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const df = termPost.start[t + 1]! - termPost.start[t]!;
      idf[t] = Math.log(1 + nameCount / Math.max(1, df));
      if (isToken[t]) termKey[t] = this.key(skeletonKey(this.terms[t]!));
    }
    const nameTokStart = this.nameTokStart.toArray();
    const nameTok = this.nameTok.toArray();
    const nameNorm = new Float32Array(nameCount);
    for (let n = 0; n < nameCount; n++) {
      let s = 0;
      for (let i = nameTokStart[n]!; i < nameTokStart[n + 1]!; i++) s += idf[nameTok[i]!]!;
      nameNorm[n] = s;
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
      nameNorm,
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
  nameNorm: Float32Array;
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
  fuzzy: DeletionIndex;
}

/** One query word as the index sees it. */
interface QueryTerm {
  term: number;
  weight: number;
}

export class MatchIndex {
  private readonly d: IndexData;
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;
  private readonly maxIdf: number;
  /** Postings longer than this are too common to generate candidates. */
  private readonly commonDf: number;

  constructor(data: IndexData) {
    this.d = data;
    const names = data.nameEntity.length;
    this.acc = new Float32Array(names);
    this.touched = new Int32Array(names);
    this.maxIdf = Math.log(1 + Math.max(1, names));
    this.commonDf = Math.max(500, Math.min(20_000, Math.ceil(names * 0.02)));
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
      d.nameEntity, d.nameKind, d.nameNorm, d.entityKey, d.entityList, d.entitySchemaKind, d.entityNameStart,
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

  private prepareQueryName(value: string): { name: PreparedName; terms: QueryTerm[]; keys: QueryTerm[] } | null {
    const norm = normaliseName(value);
    if (norm.tokens.length === 0) return null;
    const tokens = norm.tokens.slice(0, MAX_NAME_TOKENS);
    const weights = new Array<number>(tokens.length);
    const terms: QueryTerm[] = [];
    const keys: QueryTerm[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const t = this.d.termIds.get(tok);
      let w = t === undefined ? this.maxIdf : this.d.idf[t]!;
      if (t !== undefined) terms.push({ term: t, weight: w });
      if (tok.length >= 5 && !/[0-9]/.test(tok)) {
        let best = 0;
        for (const n of this.d.fuzzy.neighbours(tok)) {
          const nw = this.d.idf[n]!;
          terms.push({ term: n, weight: nw * 0.8 });
          if (nw > best) best = nw;
        }
        // An unknown (misspelt) word weighs what its nearest listed spelling does.
        if (t === undefined && best > 0) w = best;
      }
      weights[i] = w;
      const k = this.d.keyIds.get(norm.keys[i]!);
      if (k !== undefined && norm.keys[i]!.length >= 3) keys.push({ term: k, weight: w * 0.8 });
      if (i + 1 < tokens.length) {
        const j = this.d.termIds.get(tok + tokens[i + 1]!);
        if (j !== undefined) terms.push({ term: j, weight: this.d.idf[j]! });
      }
    }
    return {
      name: { value, kind: 'primary', tokens, keys: norm.keys.slice(0, MAX_NAME_TOKENS), weights },
      terms,
      keys,
    };
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
    return { value: d.nameValue[n]!, kind: KINDS[d.nameKind[n]!]!, tokens, keys, weights };
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
    const prepared = query.names.slice(0, MAX_QUERY_NAMES).map((n) => this.prepareQueryName(n)).filter((x) => x !== null);
    if (prepared.length === 0) return null;
    const subject: ScoringSubject = {
      schemaKind: schemaKind(query.schema ?? 'LegalEntity'),
      names: prepared.map((p) => p.name),
      countries: [...new Set(query.countries ?? [])],
      identifiers: [...new Set((query.identifiers ?? []).map(normaliseIdentifier).filter((x) => x.length >= 4))],
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

  match(query: MatchQuery, opts: MatchOptions = {}): MatchHit[] {
    const config = opts.config ?? DEFAULT_SCORING;
    const limit = opts.limit ?? 5;
    const cutoff = opts.cutoff ?? 0;
    const maxCandidates = opts.candidates ?? 48;
    const q = this.prepareQuery(query);
    if (!q) return [];
    const d = this.d;
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;

    const scan = (start: Int32Array, post: Int32Array, term: number, weight: number): void => {
      for (let i = start[term]!; i < start[term + 1]!; i++) {
        const n = post[i]!;
        if (acc[n] === 0) touched[nTouched++] = n;
        acc[n]! += weight;
      }
    };

    // 1. Candidates from rare words, joins, spelling neighbours and keys.
    const common: QueryTerm[] = [];
    let rarest: QueryTerm | null = null;
    let rarestDf = Infinity;
    for (const p of q.prepared) {
      for (const t of p.terms) {
        const df = d.termPostStart[t.term + 1]! - d.termPostStart[t.term]!;
        if (df <= this.commonDf) scan(d.termPostStart, d.termPost, t.term, t.weight);
        else {
          common.push(t);
          if (df < rarestDf) {
            rarestDf = df;
            rarest = t;
          }
        }
      }
      for (const k of p.keys) {
        const df = d.keyPostStart[k.term + 1]! - d.keyPostStart[k.term]!;
        if (df <= this.commonDf) scan(d.keyPostStart, d.keyPost, k.term, k.weight);
      }
    }
    // Only common words ("Korea Trading"): the least common still has to
    // produce candidates, or such names could never match anything.
    if (nTouched === 0 && rarest) {
      scan(d.termPostStart, d.termPost, rarest.term, rarest.weight);
      common.splice(common.indexOf(rarest), 1);
    }
    // A shared identifier makes every name of that entity a candidate.
    const forced = new Set<number>();
    for (const id of q.subject.identifiers) {
      for (const e of d.identifierEntities.get(id) ?? []) forced.add(e);
    }

    // 2. Rank touched names, cosine-like, and keep a shortlist.
    const wide = Math.min(nTouched, maxCandidates * 4);
    let shortlist = topK(touched, nTouched, wide, (n) => acc[n]! / Math.sqrt(d.nameNorm[n]! + 1));
    // 3. Common words only refine the shortlist (binary search in their postings).
    if (common.length && shortlist.length > maxCandidates) {
      for (const t of common) {
        const lo = d.termPostStart[t.term]!;
        const hi = d.termPostStart[t.term + 1]!;
        for (const n of shortlist) if (contains(d.termPost, lo, hi, n)) acc[n]! += t.weight;
      }
    }
    shortlist = topK(Int32Array.from(shortlist), shortlist.length, maxCandidates, (n) => acc[n]! / Math.sqrt(d.nameNorm[n]! + 1));
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

/** The k best of `items[0..count)` by `rank`, best first, via a small min-heap. */
function topK(items: Int32Array, count: number, k: number, rank: (n: number) => number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  const score: number[] = [];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
    [score[i], score[j]] = [score[j]!, score[i]!];
  };
  for (let i = 0; i < count; i++) {
    const n = items[i]!;
    const r = rank(n);
    if (heap.length < k) {
      heap.push(n);
      score.push(r);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (score[p]! <= score[c]!) break;
        swap(c, p);
        c = p;
      }
    } else if (r > score[0]!) {
      heap[0] = n;
      score[0] = r;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const rr = l + 1;
        let m = p;
        if (l < heap.length && score[l]! < score[m]!) m = l;
        if (rr < heap.length && score[rr]! < score[m]!) m = rr;
        if (m === p) break;
        swap(p, m);
        p = m;
      }
    }
  }
  return heap.map((n, i) => [n, score[i]!] as const).sort((a, b) => b[1] - a[1]).map(([n]) => n);
}
