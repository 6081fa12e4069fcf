/**
 * In-memory screening index: every listed name, normalised once, with
 * postings from words and phonetic keys to names, so that a query touches
 * only names sharing something rare with it and full scoring runs on a few
 * dozen candidates instead of a million entities.
 *
 * This file answers queries: it prepares the query, asks `candidates.ts`
 * for the names worth scoring, and scores them (`score.ts`). Building is in
 * `index-builder.ts`, the built arrays are described in `index-data.ts`,
 * query probes in `query-probes.ts`, the public types in `match-types.ts`.
 * Pure: the caller feeds entities (from PostgreSQL, a file, a generator).
 */
import { nameVariants, normaliseIdentifier } from './normalise.js';
import {
  DEFAULT_SCORING,
  explain,
  scoreSubject,
  type PreparedName,
  type ScoringConfig,
  type ScoringSubject,
} from './score.js';
import { schemaKind } from './types.js';
import { CandidateFinder } from './candidates.js';
import { IndexDataBuilder } from './index-builder.js';
import { KINDS, MAX_QUERY_NAMES, SCHEMA_KINDS, birthDates, type IndexData } from './index-data.js';
import { prepareQueryName, type ProbeLimits } from './query-probes.js';
import { DEFAULT_CUTOFF, type IndexEntityInput, type MatchHit, type MatchOptions, type MatchQuery } from './match-types.js';

export { DEFAULT_CUTOFF, type IndexEntityInput, type MatchHit, type MatchOptions, type MatchQuery } from './match-types.js';

/** Collects listed entities, then builds the index that answers queries. */
export class MatchIndexBuilder {
  private readonly data = new IndexDataBuilder();

  get entityCount(): number {
    return this.data.entityCount;
  }

  add(e: IndexEntityInput): void {
    this.data.add(e);
  }

  build(): MatchIndex {
    return new MatchIndex(this.data.build());
  }
}

export class MatchIndex {
  private readonly d: IndexData;
  private readonly candidates: CandidateFinder;
  private readonly limits: ProbeLimits;

  constructor(data: IndexData) {
    this.d = data;
    const names = data.nameEntity.length;
    this.candidates = new CandidateFinder(data.nameInvNorm);
    this.limits = {
      maxIdf: Math.log(1 + Math.max(1, names)),
      commonDf: Math.max(500, Math.min(20_000, Math.ceil(names * 0.02))),
    };
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
      d.entityCountryStart, d.entityCountry,
    ].reduce((s, a) => s + a.byteLength, 0) + d.fuzzy.bytes + this.candidates.bytes;
  }

  /** Position of the entity with caller key `key`, or -1. Linear: for tests and admin. */
  findByKey(key: number): number {
    return this.d.entityKey.indexOf(key);
  }

  entityKeys(): Int32Array {
    return this.d.entityKey;
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
      .map((n) => prepareQueryName(this.d, n, this.limits))
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

    // 1–3. Candidates (candidates.ts). A country shared with the query can
    // still add its bonus, so a name needs only the cutoff less that.
    const bonus = q.subject.countries.length ? config.countryMatchBonus : 0;
    const shortlist = this.candidates.find(q.prepared, Math.max(0, cutoff - bonus), maxCandidates);
    // A shared identifier makes every name of that entity a candidate.
    const forced = new Set<number>();
    for (const id of q.subject.identifiers) {
      for (const e of d.identifierEntities.get(id) ?? []) forced.add(e);
    }

    // 4. Full scoring per entity.
    const byEntity = new Map<number, number[]>();
    for (const n of shortlist) {
      const e = d.nameEntity[n]!;
      const list = byEntity.get(e);
      if (!list) byEntity.set(e, [n]);
      else if (!list.includes(n)) list.push(n);
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
