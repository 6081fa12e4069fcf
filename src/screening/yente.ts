/**
 * `POST /api/match` in the shape of OpenSanctions yente's `/match`, so that
 * existing yente clients can point at Remnant: FollowTheMoney-style
 * examples in, scored FtM-style entities out, each carrying its list's own
 * reference (`reference`, and `unscId` for UN numbers).
 */
import { z } from 'zod';
import type { DB } from '../db/index.js';
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
});

const explanation = z.object({ score: z.number(), contribution: z.number(), detail: z.string() });
const scoredEntity = z.object({
  id: z.string(),
  caption: z.string(),
  schema: z.string(),
  properties: z.record(z.string(), z.array(z.string())),
  datasets: z.array(z.string()),
  referents: z.array(z.string()),
  target: z.boolean(),
  reference: z.string(),
  last_change: z.string().nullable(),
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
  opts: { threshold: number; cutoff: number; limit: number; scoring: ScoringConfig; includeLists?: string[]; excludeLists?: string[] },
): Promise<MatchResponse> {
  const config = { ...opts.scoring, threshold: opts.threshold };
  const allowed = [...loaded.lists.values()]
    .filter((l) => (!opts.includeLists?.length || opts.includeLists.includes(l.slug)) && !opts.excludeLists?.includes(l.slug))
    .map((l) => l.id);
  const perQuery: [string, z.infer<typeof entityExample>, MatchHit[]][] = [];
  for (const [key, example] of Object.entries(body.queries)) {
    const q = exampleToQuery(example);
    const hits = q.names.length || q.identifiers.length
      ? loaded.index.match(q, { limit: opts.limit, cutoff: opts.cutoff, config, explain: true, listIds: allowed })
      : [];
    perQuery.push([key, example, hits]);
  }
  const keys = [...new Set(perQuery.flatMap(([, , hits]) => hits.map((h) => h.key)))];
  const rows = keys.length
    ? ((await db
        .selectFrom('sanctionsEntities')
        .select(['id', 'listId', 'reference', 'schema', 'caption', 'names', 'countries', 'addresses', 'identifiers', 'programmes', 'otherReferences', 'listedOn'])
        .where('id', 'in', keys)
        .execute()) as EntityRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const responses: MatchResponse['responses'] = {};
  for (const [key, example, hits] of perQuery) {
    const results = hits
      .filter((h) => byId.has(h.key))
      .map((h) => {
        const row = byId.get(h.key)!;
        const list = loaded.lists.get(row.listId);
        return {
          id: `${list?.slug ?? row.listId}:${row.reference}`,
          caption: row.caption,
          schema: row.schema,
          properties: properties(row),
          datasets: list ? [list.slug] : [],
          referents: [],
          target: true,
          reference: row.reference,
          last_change: list?.versionDate ?? null,
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
