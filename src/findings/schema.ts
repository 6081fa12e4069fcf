import { z } from 'zod';

/**
 * The findings result as a zod schema, mirroring `types.ts`: the API validates its responses with
 * it and the OpenAPI document describes it, so the web app can rely on every field.
 */
const window = z.object({ from: z.string(), to: z.string() });

export const recordRefsSchema = z.object({
  table: z.enum(['components', 'items', 'organisations']),
  count: z.number().int(),
  ids: z.array(z.string()),
  truncated: z.boolean(),
});

export const bucketSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  units: z.number(),
  records: z.number().int(),
  share: z.number(),
  ids: z.array(z.string()),
  truncated: z.boolean(),
});

export const breakdownSchema = z.object({ totalUnits: z.number(), distinct: z.number().int(), buckets: z.array(bucketSchema) });

const productionMarkSchema = z.object({ window, rule: z.string(), chars: z.string(), note: z.string() });

const partCount = z.object({ partNumber: z.string(), unitsA: z.number(), unitsB: z.number() });
export const similaritySchema = z.object({
  score: z.number(),
  partsScore: z.number(),
  positionsScore: z.number().nullable(),
  verdict: z.enum(['identical', 'sister', 'different', 'not comparable']),
  thresholds: z.object({ identicalAt: z.number(), sisterAt: z.number() }),
  sharedParts: z.number().int(),
  partsOnlyInA: z.number().int(),
  partsOnlyInB: z.number().int(),
  differingCounts: z.array(partCount),
  onlyInA: z.array(partCount),
  onlyInB: z.array(partCount),
  moved: z.array(z.object({ partNumber: z.string(), positionsA: z.array(z.string()), positionsB: z.array(z.string()) })),
  explanation: z.string(),
});

const itemRef = z.object({ itemId: z.string(), label: z.string() });

export const findingsSchema = z.object({
  scope: z.object({ kind: z.enum(['item', 'case', 'incident', 'weaponModel', 'all']), id: z.string().nullable(), label: z.string() }),
  audience: z.string(),
  computedAt: z.string(),
  illustrative: z.object({ components: z.number().int(), items: z.number().int(), all: z.boolean(), note: z.string().nullable() }),
  items: recordRefsSchema,
  components: z.object({
    records: recordRefsSchema,
    units: z.number(),
    partNumbers: z.object({ count: z.number().int(), top: z.array(bucketSchema) }),
    unidentifiedUnits: z.number(),
  }),
  makers: breakdownSchema,
  makerCountries: breakdownSchema,
  makerCountriesByParent: breakdownSchema,
  dateCodes: z.object({
    datedUnits: z.number(), datedRecords: z.number().int(),
    ambiguousRecords: z.number().int().describe('dated records whose window is the engine\'s pick among several, undecided'),
    unconfirmedRecords: z.number().int().describe('dated records whose window no person confirmed'),
    windows: z.enum(['suggested', 'conservative']).describe('ambiguous windows as stored, or as the envelope of their readings'),
    share: z.number(), byYear: breakdownSchema,
  }),
  noEarlierThan: z.object({
    date: z.string(), refs: recordRefsSchema, note: z.string(),
    ambiguous: z.boolean().nullable().describe('whether any component it rests on has an ambiguous window (null: not listed for a scope this large)'),
    restsOnAmbiguous: recordRefsSchema.nullable(),
    restsOnUnconfirmed: recordRefsSchema.nullable(),
    conservativeDate: z.string().describe('the same bound with every ambiguous window counted as its envelope'),
  }).nullable(),
  timelines: z.array(z.object({
    itemId: z.string(),
    label: z.string(),
    noEarlierThan: z.string().nullable(),
    mark: productionMarkSchema.nullable(),
    use: window.nullable(),
    interval: z.object({
      production: window, use: window, minDays: z.number().int(), maxDays: z.number().int(), basis: z.array(z.string()), inconsistent: z.string().nullable(),
    }).nullable(),
  })),
  chplTiers: breakdownSchema,
  similarity: z.object({
    thresholds: z.object({ identicalAt: z.number(), sisterAt: z.number() }),
    similarItems: z.array(itemRef.extend({ similarity: similaritySchema })),
    pairs: z.array(z.object({ a: itemRef, b: itemRef, similarity: similaritySchema })),
    note: z.string().nullable(),
  }),
  intermediaries: z.object({ tracedComponents: z.number().int(), byCountry: breakdownSchema, byRegion: breakdownSchema, note: z.string() }).nullable(),
  sanctioned: z.object({
    screened: z.boolean().describe('false until a sanctions list is loaded; the counts are then zero and mean nothing'),
    listsLoaded: z.array(z.string()),
    summary: z.string().describe('the figure in words; "not screened: no sanctions list loaded" before any list'),
    makers: z.number().int(),
    intermediaries: z.number().int(),
    parties: z.array(z.object({
      organisationId: z.string(),
      name: z.string(),
      roles: z.array(z.enum(['maker', 'intermediary'])),
      components: recordRefsSchema,
      matches: z.array(z.object({
        matchId: z.string(), listSlug: z.string(), listTitle: z.string(), listVersionDate: z.string().nullable(), entityReference: z.string(),
        entityCaption: z.string(), programmes: z.array(z.string()), confirmedAt: z.string().nullable(),
      })),
    })),
    note: z.string(),
  }).nullable(),
  notes: z.array(z.string()),
});

export const comparisonSchema = z.object({ a: itemRef, b: itemRef, similarity: similaritySchema });
