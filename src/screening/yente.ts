/**
 * yente's API over Remnant's lists, so that an OpenSanctions client works
 * unchanged: `/match` (FollowTheMoney-style examples in, scored entities
 * out), `/entities/{id}` and `/search`. An entity's `id` is its own id on
 * the list (`KPe.001`, an OFAC ent_num, an FtM id); the list it came from
 * is in `datasets`, other lists' references to it in `referents`.
 */
import { z } from 'zod';
import type { DB } from '../db/index.js';
import { NotFound } from '../problems.js';
import { normaliseCountries } from './countries.js';
import { type MatchHit } from './match-index.js';
import type { ScoringConfig } from './score.js';
import type { LoadedIndex } from './store.js';
import { SCHEMAS } from './types.js';
import { UN_REFERENCE } from './parsers/ftm.js';

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'lastName'] as const;
const COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry', 'flag', 'registrationCountry'] as const;
const ID_PROPS = [
  'registrationNumber', 'idNumber', 'taxNumber', 'innCode', 'ogrnCode', 'okpoCode', 'leiCode', 'swiftBic', 'imoNumber', 'mmsi',
  'passportNumber', 'vatCode', 'dunsCode', 'uniqueEntityId', 'callSign', 'icaoCode', 'serialNumber', 'isinCode', 'bicCode',
] as const;

const values = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).transform((v) => (Array.isArray(v) ? v.map(String) : [v]));

export const entityExample = z.object({
  id: z.string().max(200).optional(),
  schema: z.enum(SCHEMAS as unknown as [string, ...string[]]),
  properties: z.record(z.string(), values),
});

export const matchBody = z.object({
  queries: z.record(z.string().min(1).max(200), entityExample).refine((q) => Object.keys(q).length >= 1 && Object.keys(q).length <= 100, {
    message: 'give between 1 and 100 queries',
  }),
  weights: z.record(z.string(), z.number()).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});

export const matchQuerystring = z.object({
  threshold: z.coerce.number().min(0).max(1).optional(),
  cutoff: z.coerce.number().min(0).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(5),
  algorithm: z.string().max(50).optional(),
  include_dataset: z.union([z.string(), z.array(z.string())]).optional(),
  exclude_dataset: z.union([z.string(), z.array(z.string())]).optional(),
  /** Only entities whose entry changed on or after this date (yente's `changed_since`). */
  changed_since: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO date or date-time').optional(),
});

const explanation = z.object({ score: z.number(), contribution: z.number(), detail: z.string() });
export const yenteEntity = z.object({
  id: z.string(),
  caption: z.string(),
  schema: z.string(),
  properties: z.record(z.string(), z.array(z.string())),
  datasets: z.array(z.string()),
  referents: z.array(z.string()),
  target: z.boolean(),
  /** The list's own reference (the same as `id`; kept for Remnant's earlier clients). */
  reference: z.string(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  last_change: z.string().nullable(),
});
const scoredEntity = yenteEntity.extend({
  score: z.number(),
  match: z.boolean(),
  features: z.record(z.string(), z.number()),
  explanations: z.record(z.string(), explanation),
});
export const matchResponse = z.object({
  responses: z.record(
    z.string(),
    z.object({
      status: z.number().int(),
      results: z.array(scoredEntity),
      total: z.object({ value: z.number().int(), relation: z.string() }),
      query: z.object({ id: z.string().optional(), schema: z.string(), properties: z.record(z.string(), z.array(z.string())) }),
    }),
  ),
  matcher: z.object({ name: z.string(), description: z.string(), features: z.record(z.string(), z.object({ description: z.string(), coefficient: z.number() })) }),
  limit: z.number().int(),
});

export type MatchBody = z.infer<typeof matchBody>;
export type MatchResponse = z.infer<typeof matchResponse>;

export function exampleToQuery(example: z.infer<typeof entityExample>) {
  const p = example.properties;
  const names = NAME_PROPS.flatMap((k) => p[k] ?? []).filter((n) => n.trim());
  if (p['firstName'] && p['lastName']) names.push(`${p['firstName'].join(' ')} ${p['lastName'].join(' ')}`);
  return {
    names,
    schema: example.schema,
    countries: normaliseCountries(COUNTRY_PROPS.flatMap((k) => p[k] ?? [])),
    identifiers: ID_PROPS.flatMap((k) => p[k] ?? []),
    birthDates: p['birthDate'] ?? [],
  };
}

export const searchQuerystring = z.object({
  q: z.string().trim().min(1).max(500),
  schema: z.enum(SCHEMAS as unknown as [string, ...string[]]).optional(),
  countries: z.union([z.string(), z.array(z.string())]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(900).default(0),
  include_dataset: z.union([z.string(), z.array(z.string())]).optional(),
  exclude_dataset: z.union([z.string(), z.array(z.string())]).optional(),
  changed_since: matchQuerystring.shape.changed_since,
});
export const searchResponse = z.object({
  results: z.array(scoredEntity.omit({ features: true, explanations: true, match: true })),
  total: z.object({ value: z.number().int(), relation: z.string() }),
  limit: z.number().int(),
  offset: z.number().int(),
});

function asArray(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

interface EntityRow {
  id: number;
  listId: number;
  reference: string;
  schema: string;
  caption: string;
  names: { value: string; kind: string }[];
  countries: unknown;
  addresses: unknown;
  identifiers: { type: string; value: string }[];
  programmes: unknown;
  otherReferences: unknown;
  listedOn: string | null;
  birthDates: unknown;
  firstSeen: string;
  lastChange: string;
}

const ENTITY_COLUMNS = [
  'id', 'listId', 'reference', 'schema', 'caption', 'names', 'countries', 'addresses', 'identifiers', 'programmes', 'otherReferences', 'listedOn',
  'birthDates', 'firstSeen', 'lastChange',
] as const;

/** An entity as yente gives it: its own id, its list in `datasets`, when it was first seen and last changed. */
function entityOut(row: EntityRow, lists: LoadedIndex['lists']): z.infer<typeof yenteEntity> {
  const list = lists.get(row.listId);
  return {
    id: row.reference,
    caption: row.caption,
    schema: row.schema,
    properties: properties(row),
    datasets: list ? [list.slug] : [],
    referents: asArray(row.otherReferences).filter((r) => r !== row.reference),
    target: true,
    reference: row.reference,
    first_seen: row.firstSeen,
    // The list was last imported then, and the entry was in it.
    last_seen: list?.importedAt ?? null,
    last_change: row.lastChange,
  };
}

async function entityRows(db: DB, keys: readonly number[]): Promise<Map<number, EntityRow>> {
  if (!keys.length) return new Map();
  const rows = (await db.selectFrom('sanctionsEntities').select([...ENTITY_COLUMNS]).where('id', 'in', [...keys]).execute()) as EntityRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Lists a request may see: `include_dataset` / `exclude_dataset` by slug, or a dataset in the path other than "default". */
export function allowedLists(loaded: LoadedIndex, include?: string[], exclude?: string[]): number[] {
  return [...loaded.lists.values()]
    .filter((l) => (!include?.length || include.includes(l.slug)) && !exclude?.includes(l.slug))
    .map((l) => l.id);
}

function properties(e: EntityRow): Record<string, string[]> {
  const byKind = (kind: string) => e.names.filter((n) => n.kind === kind).map((n) => n.value);
  const refs = [e.reference, ...asArray(e.otherReferences)];
  const unsc = [...new Set(refs.filter((r) => new RegExp(UN_REFERENCE.source).test(r)))];
  const props: Record<string, string[]> = {
    name: [e.caption],
    alias: [...byKind('alias'), ...byKind('original')],
    weakAlias: byKind('weak'),
    previousName: byKind('previous'),
    country: asArray(e.countries),
    address: asArray(e.addresses),
    idNumber: e.identifiers.map((i) => i.value),
    birthDate: asArray(e.birthDates),
    program: asArray(e.programmes),
    unscId: unsc,
    listingDate: e.listedOn ? [e.listedOn] : [],
  };
  for (const k of Object.keys(props)) if (props[k]!.length === 0) delete props[k];
  return props;
}

export const MATCHER_DOCS = {
  name: 'remnant-v1',
  description:
    'Weighted token-set name matching (rarity-weighted recall and precision, romanisation and transliteration folding, legal forms removed) ' +
    'adjusted by country, identifier and schema features. See docs/screening.md.',
  features: {
    name_match: { description: 'Query name against the listed primary name', coefficient: 1 },
    alias_match: { description: 'Query name against a listed alias (weak aliases ×0.9)', coefficient: 1 },
    country_match: { description: 'A country in common (added)', coefficient: 0.05 },
    country_mismatch: { description: 'Countries given on both sides, none in common (subtracted)', coefficient: -0.1 },
    identifier_match: { description: 'A registration, passport, IMO or other identifier in common (score at least 0.95)', coefficient: 0.95 },
    identifier_mismatch: { description: 'Different IMO, LEI, INN, OGRN or BIC numbers (check digits verified) on both sides: score capped at 0.5', coefficient: 0.5 },
    birth_date_match: { description: 'A birth date agreeing to the precision both sides give (added)', coefficient: 0.05 },
    birth_date_mismatch: { description: 'Birth dates a year apart or in the same year but different (subtracted); two or more years apart caps the score at 0.5', coefficient: -0.1 },
    schema_mismatch: { description: 'A person against an organisation, or similar (subtracted)', coefficient: -0.3 },
  },
};

/** Runs every query of a yente match request against the loaded index. */
export async function runMatch(
  db: DB,
  loaded: LoadedIndex,
  body: MatchBody,
  opts: {
    threshold: number; cutoff: number; limit: number; scoring: ScoringConfig; includeLists?: string[]; excludeLists?: string[];
    /** yente's changed_since: only entries changed on or after it. */
    changedSince?: string;
  },
): Promise<MatchResponse> {
  const config = { ...opts.scoring, threshold: opts.threshold };
  const allowed = allowedLists(loaded, opts.includeLists, opts.excludeLists);
  // Change times live in the database, not the index: ask for more, filter after.
  const fetch = opts.changedSince ? Math.min(100, opts.limit * 4) : opts.limit;
  const perQuery: [string, z.infer<typeof entityExample>, MatchHit[]][] = [];
  for (const [key, example] of Object.entries(body.queries)) {
    const q = exampleToQuery(example);
    const hits = q.names.length || q.identifiers.length
      ? loaded.index.match(q, { limit: fetch, cutoff: opts.cutoff, config, explain: true, listIds: allowed })
      : [];
    perQuery.push([key, example, hits]);
  }
  const byId = await entityRows(db, [...new Set(perQuery.flatMap(([, , hits]) => hits.map((h) => h.key)))]);
  const since = opts.changedSince ? Date.parse(opts.changedSince) : null;
  const responses: MatchResponse['responses'] = {};
  for (const [key, example, hits] of perQuery) {
    const results = hits
      .filter((h) => byId.has(h.key) && (since === null || Date.parse(byId.get(h.key)!.lastChange) >= since))
      .slice(0, opts.limit)
      .map((h) => {
        const row = byId.get(h.key)!;
        return {
          ...entityOut(row, loaded.lists),
          score: h.result.score,
          match: h.result.score >= opts.threshold,
          features: h.features as Record<string, number>,
          explanations: h.explanations as Record<string, z.infer<typeof explanation>>,
        };
      });
    responses[key] = {
      status: 200,
      results,
      total: { value: results.length, relation: 'eq' },
      query: { ...(example.id ? { id: example.id } : {}), schema: example.schema, properties: example.properties },
    };
  }
  return { responses, matcher: MATCHER_DOCS, limit: opts.limit };
}

/** yente's `/entities/{id}`: the entry with that list reference (the first list's, when lists share one). */
export async function getEntity(db: DB, loaded: LoadedIndex, id: string): Promise<z.infer<typeof yenteEntity>> {
  const rows = (await db
    .selectFrom('sanctionsEntities')
    .select([...ENTITY_COLUMNS])
    .where('reference', '=', id)
    .orderBy('listId')
    .execute()) as EntityRow[];
  if (!rows.length) throw new NotFound('listed entity', id);
  const out = entityOut(rows[0]!, loaded.lists);
  // The same reference on several lists (a UN number an OpenSanctions export keeps): one entity, all its lists.
  for (const r of rows.slice(1)) {
    const slug = loaded.lists.get(r.listId)?.slug;
    if (slug && !out.datasets.includes(slug)) out.datasets.push(slug);
  }
  return out;
}

/**
 * yente's `/search`: the text as a name, through the same matcher and index
 * as `/match` (so every script and romanisation it knows), best first, with
 * yente's paging. Results down to 0.5 are returned: a search shows near
 * misses a match would not.
 */
export async function searchEntities(
  db: DB,
  loaded: LoadedIndex,
  query: z.infer<typeof searchQuerystring>,
  opts: { scoring: ScoringConfig; includeLists?: string[]; excludeLists?: string[] },
): Promise<z.infer<typeof searchResponse>> {
  const countries = query.countries === undefined ? [] : Array.isArray(query.countries) ? query.countries : [query.countries];
  const hits = loaded.index.match(
    { names: [query.q], schema: query.schema ?? 'LegalEntity', countries: normaliseCountries(countries) },
    { limit: Math.min(100, query.offset + query.limit + (query.changed_since ? query.limit * 3 : 0)), cutoff: 0.5, config: opts.scoring, listIds: allowedLists(loaded, opts.includeLists, opts.excludeLists) },
  );
  const byId = await entityRows(db, hits.map((h) => h.key));
  const since = query.changed_since ? Date.parse(query.changed_since) : null;
  const found = hits.filter((h) => byId.has(h.key) && (since === null || Date.parse(byId.get(h.key)!.lastChange) >= since));
  const page = found.slice(query.offset, query.offset + query.limit);
  return {
    results: page.map((h) => ({ ...entityOut(byId.get(h.key)!, loaded.lists), score: h.result.score })),
    total: { value: found.length, relation: found.length >= 100 ? 'gte' : 'eq' },
    limit: query.limit,
    offset: query.offset,
  };
}
