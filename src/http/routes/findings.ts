import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, text } from '../../fields.js';
import {
  caseDashboard, compareItems, comparisonSchema, computeFindings, dashboardSchema, DRILL_DIMENSIONS, drillComponents, findingsSchema, type DrillDimension, type FindingsOptions,
} from '../../findings/index.js';
import { ValidationProblem } from '../../problems.js';
import { scopeFromQuery } from '../../scope.js';
import { localiseNotes } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

/**
 * Findings: computed figures for an item, incident, case, weapon model or the whole database, as
 * the caller may count them (the public counts published records only), with the ids behind every
 * figure and a drill-down to page through them.
 */
const options = z.object({
  illustrative: z.enum(['include', 'exclude']).default('include').describe('count illustrative (demo) records or leave them out'),
  windows: z.enum(['suggested', 'conservative']).default('suggested').describe('ambiguous production windows as stored, or as the envelope of every window their date code allows'),
  idLimit: z.coerce.number().int().min(0).max(100_000).optional().describe('record ids listed per figure (0 = none)'),
  bucketLimit: z.coerce.number().int().min(1).max(10_000).optional().describe('makers, part numbers and items listed before "all others"'),
  similarity: z.enum(['true', 'false']).default('true'),
  identicalAt: z.coerce.number().gt(0).max(1).optional().describe('similarity score at which two items are called identical (default 0.9)'),
  sisterAt: z.coerce.number().gt(0).max(1).optional().describe('similarity score at which two items are called sister items (default 0.5)'),
});
type Options = z.infer<typeof options>;

function toOptions(q: Options): FindingsOptions {
  if (q.identicalAt !== undefined && q.sisterAt !== undefined && q.sisterAt > q.identicalAt) {
    throw new ValidationProblem([{ field: 'sisterAt', message: 'must not exceed identicalAt' }]);
  }
  return {
    idLimit: q.idLimit,
    bucketLimit: q.bucketLimit,
    includeIllustrative: q.illustrative === 'include',
    windows: q.windows,
    similarity: q.similarity === 'false' ? false : { identicalAt: q.identicalAt, sisterAt: q.sisterAt },
  };
}

const groupScope = z.object({
  itemId: id.optional(),
  incidentId: id.optional(),
  caseId: id.optional(),
  weaponModel: text(200).optional(),
});

export default async function findingsRoutes(app: App): Promise<void> {
  const tags = ['findings'];
  // Every note of these answers in the reader's language (issue 24); this plugin's routes only.
  app.addHook('preSerialization', async (req, _reply, payload) => localiseNotes(payload, () => requestLanguage(req)));

  app.get('/api/items/:id/findings', {
    schema: { tags, summary: 'Findings for one item', operationId: 'item_findings', params: idParams, querystring: options, response: { 200: findingsSchema } },
  }, async (req) => computeFindings(app.db, req.actor, { kind: 'item', id: req.params.id }, toOptions(req.query)));

  app.get('/api/cases/:id/findings', {
    schema: { tags, summary: 'Findings for a case (its items and the items of its incidents)', operationId: 'case_findings', params: idParams, querystring: options, response: { 200: findingsSchema } },
  }, async (req) => computeFindings(app.db, req.actor, { kind: 'case', id: req.params.id }, toOptions(req.query)));

  app.get('/api/incidents/:id/findings', {
    schema: { tags, summary: 'Findings for an incident', operationId: 'incident_findings', params: idParams, querystring: options, response: { 200: findingsSchema } },
  }, async (req) => computeFindings(app.db, req.actor, { kind: 'incident', id: req.params.id }, toOptions(req.query)));

  app.get('/api/findings', {
    schema: {
      tags, summary: 'Findings for a weapon model, an incident, a case, an item or (no scope) the whole database', operationId: 'findings',
      querystring: options.extend(groupScope.shape), response: { 200: findingsSchema },
    },
  }, async (req) => computeFindings(app.db, req.actor, scopeFromQuery(req.query), toOptions(req.query)));

  app.get('/api/dashboard', {
    schema: {
      tags, summary: 'The case dashboard in one answer: cases to choose from, the chosen case, its findings, its incidents and claims for the map and timeline',
      operationId: 'case_dashboard',
      querystring: z.object({ case: z.union([id, z.literal('all')]).optional().describe('a case id, or all for every record; the first case by title when absent') }),
      response: { 200: dashboardSchema },
    },
  }, async (req) => caseDashboard(app.db, req.actor, req.query.case));

  const dimensions = Object.keys(DRILL_DIMENSIONS) as [DrillDimension, ...DrillDimension[]];
  app.get('/api/findings/records', {
    schema: {
      tags, summary: 'The component ids behind one bucket of a figure, paged', operationId: 'findings_records',
      querystring: groupScope.extend({
        dimension: z.enum(dimensions).default('all').describe('the breakdown the bucket belongs to'),
        key: text(200).optional().describe("the bucket's key (country code, maker id, year, tier, part key, item id, date); omit with unknown=true for the unknown bucket"),
        unknown: z.enum(['true', 'false']).default('false'),
        illustrative: z.enum(['include', 'exclude']).default('include'),
        limit: z.coerce.number().int().min(1).max(10_000).default(500),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      response: { 200: z.object({ table: z.literal('components'), total: z.number().int(), ids: z.array(z.string()), limit: z.number().int(), offset: z.number().int() }) },
    },
  }, async (req) => {
    const q = req.query;
    const wantsKey = q.dimension !== 'all';
    if (wantsKey && q.unknown === 'false' && q.key === undefined) {
      throw new ValidationProblem([{ field: 'key', message: `is required for dimension ${q.dimension} (or set unknown=true for the unknown bucket)` }]);
    }
    if (q.unknown === 'true' && q.key !== undefined) throw new ValidationProblem([{ field: 'key', message: 'must be omitted when unknown=true' }]);
    const scope = scopeFromQuery(q);
    const r = await drillComponents(app.db, req.actor, scope, q.dimension, q.unknown === 'true' ? null : (q.key ?? null), {
      includeIllustrative: q.illustrative === 'include', limit: q.limit, offset: q.offset,
    });
    return { table: 'components' as const, total: r.total, ids: r.ids, limit: q.limit, offset: q.offset };
  });

  app.get('/api/findings/compare', {
    schema: {
      tags, summary: 'How alike two items are, with shared and differing parts', operationId: 'findings_compare',
      querystring: z.object({ a: id, b: id, identicalAt: options.shape.identicalAt, sisterAt: options.shape.sisterAt }),
      response: { 200: comparisonSchema },
    },
  }, async (req) => {
    const { a, b, identicalAt, sisterAt } = req.query;
    if (a === b) throw new ValidationProblem([{ field: 'b', message: 'must be a different item from a' }]);
    if (identicalAt !== undefined && sisterAt !== undefined && sisterAt > identicalAt) throw new ValidationProblem([{ field: 'sisterAt', message: 'must not exceed identicalAt' }]);
    return compareItems(app.db, req.actor, a, b, { identicalAt, sisterAt });
  });
}
