import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, pageOf, paging } from '../../fields.js';
import * as screening from '../../screening/index.js';
import * as jobs from '../../jobs/index.js';
import { jobSchema } from './jobs.js';
import { Problem, Unauthorized, ValidationProblem } from '../../problems.js';
import { localiseMatchDetails } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

/**
 * Screening API: the yente-compatible matcher (`POST /api/match`), the
 * imported lists, screening runs, and the review queue where reviewers
 * confirm or dismiss matches with a reason. Lists are imported with the CLI
 * (`remnant lists import`, files on the server) or uploaded to `POST /api/lists/import`, which
 * answers 202 with a job (`GET /api/jobs/:id`); either way every organisation is re-screened
 * against the new version once it is committed.
 */

/** Whole OpenSanctions exports run to hundreds of MB; the limit of table imports. */
export const MAX_LIST_BYTES = 1024 * 1024 * 1024;

const listImportFields = z.object({
  format: z.enum(screening.LIST_FORMATS as unknown as [screening.ListFormat, ...screening.ListFormat[]]).optional(),
  list: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'lower-case letters, digits, _ . - (up to 63)').optional(),
  title: z.string().trim().min(1).max(300).optional(),
  versionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').optional(),
  screen: z.enum(['true', 'false']).default('true'),
});
const tags = ['screening'];

const listRow = z.object({
  id: z.number().int(), slug: z.string(), title: z.string(), format: z.string(), versionDate: z.string().nullable(), entityCount: z.number().int(),
  importedAt: z.string(), sourceName: z.string(), sourceSha256: z.string(),
});
const review = z.object({ decision: z.string(), reason: z.string(), reviewerId: z.string(), reviewerName: z.string().nullable(), reviewedAt: z.string() });
const matchRow = z.object({
  id, organisationId: id, organisationName: z.string(), organisationKind: z.string(), listId: z.number().int(), listSlug: z.string(), listTitle: z.string(),
  listVersionDate: z.string().nullable(), entityReference: z.string(), entityCaption: z.string(), entityListed: z.boolean(), programmes: z.array(z.string()),
  score: z.number(), explanation: z.unknown(), status: z.enum(['pending', 'confirmed', 'dismissed']), stale: z.boolean(), closedAt: z.string().nullable(),
  firstScreenedAt: z.string(), lastScreenedAt: z.string(), lastReview: review.nullable(),
});
const summary = z.object({
  organisations: z.number().int(), matches: z.number().int(), newMatches: z.number().int(), stale: z.number().int(), lists: z.number().int(), ms: z.number(),
});

const listName = z.object({ value: z.string(), kind: z.string() });
const listDelta = z.object({
  import: z.object({
    id: z.number().int(), listSlug: z.string(), listTitle: z.string(), versionDate: z.string().nullable(), importedAt: z.string(), firstVersion: z.boolean(),
    entities: z.number().int(), added: z.number().int(), changed: z.number().int(), removed: z.number().int(),
    rescreened: z.number().int().nullable(), organisations: z.number().int().nullable(),
  }),
  changes: z.array(z.object({
    reference: z.string(), change: z.enum(['added', 'changed', 'removed']), caption: z.string(),
    namesBefore: z.array(listName).nullable(), namesAfter: z.array(listName).nullable(),
    matches: z.array(z.object({
      matchId: id, organisationId: id, organisationName: z.string(), status: z.string(), score: z.number(), stale: z.boolean(), closedAt: z.string().nullable(),
    })),
  })),
});

export default async function screeningRoutes(app: App): Promise<void> {
  const stop = screening.startAutoScreening(app.db, (msg, extra) => app.log.info(extra ?? {}, msg));
  app.addHook('onClose', async () => {
    await stop();
  });

  const many = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  // yente puts a dataset in the path (/match/default); "default" is every list, any other name one list's slug.
  const inDataset = (dataset: string | undefined, include: string | string[] | undefined) =>
    dataset && dataset !== 'default' ? [dataset, ...(many(include) ?? [])] : many(include);
  const datasetParams = z.object({ dataset: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'a list slug or "default"') });

  const match = async (req: { query: z.infer<typeof screening.matchQuerystring>; body: screening.MatchBody }, dataset?: string) => {
    const settings = screening.screeningSettings();
    const q = req.query;
    const threshold = q.threshold ?? settings.scoring.threshold;
    const loaded = await screening.screeningIndex(app.db);
    return screening.runMatch(app.db, loaded, req.body, {
      threshold,
      // As in yente: without a cutoff only results at or above the threshold come back.
      cutoff: Math.min(q.cutoff ?? threshold, threshold),
      limit: q.limit,
      scoring: settings.scoring,
      includeLists: inDataset(dataset, q.include_dataset),
      excludeLists: many(q.exclude_dataset),
      changedSince: q.changed_since,
    });
  };
  const matchSchema = {
    tags, querystring: screening.matchQuerystring, body: screening.matchBody, response: { 200: screening.matchResponse },
  };
  app.post('/api/match', {
    config: { permission: 'read' },
    schema: { ...matchSchema, summary: 'Match entities against the sanctions lists (the shape of yente /match)', operationId: 'match_entities' },
  }, async (req) => localiseMatchDetails(await match(req), () => requestLanguage(req)));
  app.post('/api/match/:dataset', {
    config: { permission: 'read' },
    schema: { ...matchSchema, params: datasetParams, summary: 'yente /match/{dataset}: "default" for every list, or one list slug', operationId: 'match_entities_in_dataset' },
  }, async (req) => localiseMatchDetails(await match(req, req.params.dataset), () => requestLanguage(req)));

  app.get('/api/search/:dataset', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'yente /search/{dataset}: listed entities by name, best first', operationId: 'search_listed_entities',
      params: datasetParams, querystring: screening.searchQuerystring, response: { 200: screening.searchResponse },
    },
  }, async (req) => {
    const loaded = await screening.screeningIndex(app.db);
    return screening.searchEntities(app.db, loaded, req.query, {
      scoring: screening.screeningSettings().scoring,
      includeLists: inDataset(req.params.dataset, req.query.include_dataset),
      excludeLists: many(req.query.exclude_dataset),
    });
  });

  app.get('/api/entities/:id', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'yente /entities/{id}: one listed entity by its id on the list', operationId: 'get_listed_entity',
      params: z.object({ id: z.string().min(1).max(200) }), response: { 200: screening.yenteEntity },
    },
  }, async (req) => screening.getEntity(app.db, await screening.screeningIndex(app.db), req.params.id));

  jobs.defineJob(screening.LIST_IMPORT_JOB, (ctx) => screening.runListImportJob(app.db, ctx));

  app.post('/api/lists/import', {
    config: { permission: 'review' },
    schema: {
      tags,
      summary: 'Upload a sanctions list version (multipart: "file"; OFAC CSV also "alt" and "add"; optional format, list, title, versionDate, screen): stored, then imported all or nothing and re-screened by a job (202; follow the job URL: its result is {import, screening})',
      operationId: 'import_sanctions_list',
      consumes: ['multipart/form-data'],
      response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized('sign in to import lists');
    if (!req.isMultipart()) throw new ValidationProblem([{ field: 'file', message: 'send the list as multipart/form-data in a field named "file"' }]);
    const fields: Record<string, string> = {};
    // Stored in PostgreSQL in the transaction that queues the job: any app server can run it, and
    // an aborted upload or a bad form leaves nothing behind.
    const draft = await jobs.draftJob(app.db, screening.LIST_IMPORT_JOB, req.actor);
    try {
      let main = false;
      for await (const part of req.parts({ limits: { fileSize: MAX_LIST_BYTES, files: 3 } })) {
        if (part.type !== 'file') {
          // A form's empty control means "not given" (detect the format, keep the default slug).
          if (String(part.value).trim() !== '') fields[part.fieldname] = String(part.value);
          continue;
        }
        if (!['file', 'alt', 'add'].includes(part.fieldname)) {
          part.file.resume();
          throw new ValidationProblem([{ field: part.fieldname, message: 'unexpected file field; use "file" (and for OFAC CSV "alt" and "add")' }]);
        }
        // The importer reads OFAC's alt.csv and add.csv from beside the main file, and names the
        // list's source (and its default slug) after the main file's name.
        const base = jobs.safeName(part.filename || 'list');
        const name = part.fieldname === 'file' ? (['alt.csv', 'add.csv'].includes(base.toLowerCase()) ? `main-${base}` : base) : `${part.fieldname}.csv`;
        await draft.addFile(part.fieldname, name, part.file);
        if (part.file.truncated) throw new Problem(413, 'Payload too large', `list files are limited to ${MAX_LIST_BYTES / 1048576} MB`);
        if (part.fieldname === 'file') main = true;
      }
      if (!main) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
      const parsed = listImportFields.safeParse(fields);
      if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
      const f = parsed.data;
      const input: screening.ListImportInput = { format: f.format, list: f.list, title: f.title, versionDate: f.versionDate, screen: f.screen === 'true' };
      const job = await draft.commit(input as unknown as Record<string, unknown>);
      return reply.status(202).header('location', jobs.jobUrl(job.id)).send(jobs.jobView(job));
    } catch (e) {
      await draft.abort();
      throw e;
    }
  });

  app.get('/api/screening/lists', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Imported sanctions lists with their version dates', operationId: 'list_sanctions_lists', response: { 200: z.object({ data: z.array(listRow) }) } },
  }, async () => ({ data: await screening.listLists(app.db) }));

  app.get('/api/screening/changes', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'What a list import changed: entries added, changed and removed, and our matches with them', operationId: 'list_import_changes',
      querystring: z.object({
        list: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'a list slug').optional(),
        import: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: listDelta },
    },
  }, async (req) => screening.listDelta(app.db, req.actor, { list: req.query.list, importId: req.query.import }));

  app.post('/api/screening/run', {
    config: { permission: 'review' },
    schema: {
      tags, summary: 'Screen organisations now: all, the given ids, or only those due', operationId: 'run_screening',
      body: z.object({ organisationIds: z.array(id).max(10_000).optional(), due: z.boolean().default(false) }),
      response: { 200: summary },
    },
  }, async (req) => screening.screenOrganisations(app.db, { ids: req.body.organisationIds, due: req.body.due }));

  app.get('/api/screening/matches', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'The review queue: matches above the review threshold, best first', operationId: 'list_screening_matches',
      querystring: z.object({
        status: z.enum(['pending', 'confirmed', 'dismissed']).optional(),
        organisationId: id.optional(),
        includeStale: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
        ...paging,
      }),
      response: { 200: pageOf(matchRow) },
    },
  }, async (req) => localiseMatchDetails(await screening.listMatches(app.db, req.actor, req.query), () => requestLanguage(req)));

  app.get('/api/screening/matches/:id', {
    config: { permission: 'read' },
    schema: { tags, summary: 'One screening match with its explanation and last review', operationId: 'get_screening_match', params: idParams, response: { 200: matchRow } },
  }, async (req) => localiseMatchDetails(await screening.getMatch(app.db, req.actor, req.params.id), () => requestLanguage(req)));

  app.post('/api/screening/matches/:id/review', {
    config: { permission: 'review' },
    schema: {
      tags, summary: 'Confirm or dismiss a match (or reopen it), with the reason', operationId: 'review_screening_match',
      params: idParams,
      body: z.object({ decision: z.enum(['confirmed', 'dismissed', 'reopened']), reason: z.string().min(3).max(4000) }),
      response: { 200: matchRow },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized('sign in to review matches');
    return localiseMatchDetails(await screening.decideMatch(app.db, req.actor, req.params.id, req.body), () => requestLanguage(req));
  });

  app.get('/api/screening/organisations/:id', {
    config: { permission: 'read' },
    schema: {
      tags, summary: "An organisation's screening: confirmed sanctions and open matches", operationId: 'organisation_screening', params: idParams,
      response: { 200: z.object({ organisationId: id, sanctioned: z.boolean(), confirmed: z.array(matchRow), pending: z.array(matchRow) }) },
    },
  }, async (req) => {
    const all = await screening.listMatches(app.db, req.actor, { organisationId: req.params.id, limit: 500, offset: 0 });
    const confirmed = all.data.filter((m) => m.status === 'confirmed' && m.entityListed);
    return localiseMatchDetails({ organisationId: req.params.id, sanctioned: confirmed.length > 0, confirmed, pending: all.data.filter((m) => m.status === 'pending') }, () => requestLanguage(req));
  });
}
