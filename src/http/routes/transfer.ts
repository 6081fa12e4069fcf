import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App } from '../app.js';
import { id, idParams } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { Problem, Unauthorized, ValidationProblem } from '../../problems.js';
import { FIELDS, IMPORT_RESOURCES, REF_GROUPS, commitImport, defineImportJobs, discardImport, getImport, CHECK_JOB, deleteProfile, listProfiles, profileInput, profileRow, saveProfile, assertCaseReadable, exportCase, exportFtm, exportResource, specOf, type ExportOptions } from '../../transfer/index.js';
import { localiseImportReport } from '../../messages/index.js';
import { requestLanguage } from '../language.js';
import * as jobs from '../../jobs/index.js';

/**
 * Import and export over HTTP.
 * - `POST /api/imports` (multipart: `file`, optional `resource`, `profile`, `map`, `defaults`,
 *   `encoding`, `delimiter`, `sheet`, `saveProfileAs`) stores the table in PostgreSQL, queues its
 *   dry run as a job and answers 202 with the import (and `Location:` its job's URL);
 *   `GET /api/imports/:id` reports its progress and every problem found (first 1000);
 *   `POST /api/imports/:id/commit` queues the all-or-nothing commit as a second job. Any app
 *   server runs and reports them (src/transfer/jobs.ts).
 * - `GET /api/export/<resource>.<csv|jsonl|geojson|ftm.jsonl>` streams a list (same filters as
 *   the list route), `GET /api/cases/:id/export.jsonl`, `…/export.ftm.jsonl` and
 *   `…/export/<resource>.<format>` a whole case. The public gets public records, redacted.
 */

/** Imports may be far larger than evidence files (a million-row table is ~100 MB). */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

const problemSchema = z.object({ row: z.number(), column: z.string(), value: z.string(), reason: z.string(), severity: z.enum(['error', 'warning']) });
const jobSchema = z.object({
  id: z.string(),
  /** The job doing (or that did) the current step: GET it for state, progress, result, problem. */
  jobUrl: z.string(),
  state: z.enum(['validating', 'ready', 'invalid', 'committing', 'committed', 'failed']),
  phase: z.string().nullable(),
  fileName: z.string(),
  resource: z.string().nullable(),
  rowsRead: z.number(),
  rowsTotal: z.number().nullable(),
  bytesRead: z.number(),
  bytesTotal: z.number().nullable(),
  mapping: z.record(z.string(), z.string()).nullable(),
  unmappedHeaders: z.array(z.string()),
  errors: z.number(),
  warnings: z.number(),
  problems: z.array(problemSchema),
  problemsTruncated: z.boolean(),
  counts: z.object({
    rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), duplicates: z.number(),
    createdItems: z.number(), createdMakers: z.number(), identified: z.number(),
  }).nullable(),
  committed: z.boolean(),
  error: z.object({ title: z.string(), detail: z.string(), errors: z.unknown().optional() }).nullable(),
  createdAt: z.string(),
});

const importFields = z.object({
  resource: z.enum(IMPORT_RESOURCES).optional(),
  profile: z.string().max(200).optional(),
  saveProfileAs: z.string().min(1).max(200).optional(),
  encoding: z.string().max(50).optional(),
  delimiter: z.string().min(1).max(1).optional(),
  sheet: z.string().max(200).optional(),
  map: z.string().max(100_000).optional(),
  defaults: z.string().max(100_000).optional(),
});

/** `map` and `defaults` arrive as JSON objects, or as `field=Header` lines. */
function parsePairs(raw: string | undefined, field: string, allowNull: boolean): Record<string, string | null> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const t = raw.trim();
  if (t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      throw new ValidationProblem([{ field, message: 'is not valid JSON' }]);
    }
    const schema = z.record(z.string(), allowNull ? z.string().nullable() : z.string());
    const r = schema.safeParse(parsed);
    if (!r.success) throw new ValidationProblem([{ field, message: 'must map field names to header texts' }]);
    return r.data;
  }
  const out: Record<string, string | null> = {};
  for (const line of t.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const i = line.indexOf('=');
    if (i <= 0) throw new ValidationProblem([{ field, message: `"${line}" is not field=Header` }]);
    const v = line.slice(i + 1).trim();
    out[line.slice(0, i).trim()] = allowNull && v === '' ? null : v;
  }
  return out;
}

const EXPORT_FILE = /^([a-z-]+)\.(csv|jsonl|geojson|ftm\.jsonl)$/;
const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  'ftm.jsonl': 'application/x-ndjson; charset=utf-8',
};

/** Streams what `produce` writes; problems found before the first byte are still proper 4xx answers. */
async function streamExport(reply: FastifyReply, name: string, ext: string, check: () => Promise<void>, produce: (out: PassThrough) => Promise<unknown>) {
  await check();
  const out = new PassThrough();
  void produce(out).then(
    () => out.end(),
    (e: unknown) => {
      // Headers are gone: all we can do is cut the stream, which the client sees as an incomplete download.
      reply.log.error({ err: e }, 'export failed while streaming');
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return reply
    .type(CONTENT_TYPES[ext]!)
    .header('content-disposition', `attachment; filename="${name}.${ext}"`)
    .header('cache-control', 'no-store')
    .send(out);
}

export default async function transferRoutes(app: App): Promise<void> {
  const tags = ['transfer'];
  defineImportJobs(app.db);

  app.get('/api/import-fields', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'The fields each resource imports, the header texts each answers to, and the reference groups', operationId: 'list_import_fields',
      response: {
        200: z.object({
          data: z.array(z.object({
            resource: z.string(),
            fields: z.array(z.object({ name: z.string(), kind: z.string(), required: z.boolean(), synonyms: z.array(z.string()), enumValues: z.array(z.string()).optional(), reference: z.string().optional() })),
          })),
        }),
      },
    },
  }, async () => ({
    data: IMPORT_RESOURCES.map((resource) => ({
      resource,
      fields: FIELDS[resource].map((f) => ({
        name: f.name, kind: f.kind, required: !!f.required || !!(f.ref && REF_GROUPS[resource].find((g) => g.name === f.ref!.group)?.required),
        synonyms: f.synonyms, ...(f.enumValues ? { enumValues: [...f.enumValues] } : {}), ...(f.ref ? { reference: `${f.ref.resource} by ${f.ref.by}` } : {}),
      })),
    })),
  }));

  app.post('/api/imports', {
    schema: {
      tags,
      summary: 'Upload a CSV or XLSX table (multipart field "file") and start its dry run',
      operationId: 'start_import',
      consumes: ['multipart/form-data'],
      response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized('sign in to import records');
    if (!req.isMultipart()) throw new ValidationProblem([{ field: 'file', message: 'send the table as multipart/form-data in a field named "file"' }]);
    const fields: Record<string, string> = {};
    let fileName: string | null = null;
    // Stored in PostgreSQL in the transaction that queues the dry run: the table is read twice (dry
    // run, then commit), maybe by two different app servers; an aborted upload leaves nothing.
    const draft = await jobs.draftJob(app.db, CHECK_JOB, req.actor);
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw new ValidationProblem([{ field: part.fieldname, message: 'unexpected file field; use "file"' }]);
          }
          // The client's name is only shown; the stored copy keeps its extension (CSV or XLSX).
          fileName = part.filename.replace(/[\u0000-\u001f]/g, '').slice(0, 500) || 'upload';
          await draft.addFile('file', /\.xlsx$/i.test(fileName) ? 'upload.xlsx' : 'upload.csv', part.file);
          if (part.file.truncated) throw new Problem(413, 'Payload too large', `imports are limited to ${MAX_IMPORT_BYTES / 1048576} MB`);
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (fileName === null) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
      const parsed = importFields.safeParse({ ...(req.query as Record<string, string>), ...fields });
      if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
      const f = parsed.data;
      const options = {
        fileName,
        resource: f.resource,
        profile: f.profile,
        saveProfileAs: f.saveProfileAs,
        encoding: f.encoding,
        delimiter: f.delimiter,
        sheet: f.sheet,
        map: parsePairs(f.map, 'map', true),
        defaults: parsePairs(f.defaults, 'defaults', false) as Record<string, string> | undefined,
      };
      const job = await draft.commit({ options: JSON.parse(JSON.stringify(options)) as Record<string, unknown> });
      const view = await getImport(app.db, req.actor, job.id);
      return reply.status(202).header('location', view.jobUrl).send(view);
    } catch (e) {
      await draft.abort();
      throw e;
    }
  });

  app.get('/api/imports/:id', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Progress and problems of an import', operationId: 'get_import', params: z.object({ id: z.string().max(100) }), response: { 200: jobSchema } },
  // Row problems' reasons in the reader's language (issue 24); rows, columns and values are the file's.
  }, async (req) => localiseImportReport(await getImport(app.db, req.actor, req.params.id), await requestLanguage(req)));

  app.post('/api/imports/:id/commit', {
    schema: { tags, summary: 'Commit an import whose dry run found no errors (all or nothing, as a job)', operationId: 'commit_import', params: z.object({ id: z.string().max(100) }), response: { 202: jobSchema } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const view = await commitImport(app.db, req.actor, req.params.id);
    return reply.status(202).header('location', view.jobUrl).send(view);
  });

  app.delete('/api/imports/:id', {
    schema: { tags, summary: 'Discard an import and its uploaded file', operationId: 'discard_import', params: z.object({ id: z.string().max(100) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await discardImport(app.db, req.actor, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/import-profiles', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Saved import mappings', operationId: 'list_import_profiles', response: { 200: z.object({ data: z.array(profileRow) }) } },
  }, async () => ({ data: await listProfiles(app.db) }));

  app.post('/api/import-profiles', {
    schema: { tags, summary: 'Save (create or replace) an import mapping by name', operationId: 'save_import_profile', body: profileInput, response: { 200: profileRow } },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return saveProfile(app.db, req.actor, req.body);
  });

  app.delete('/api/import-profiles/:name', {
    // deleteProfile needs an analyst or above (a profile has no owner); say so at the gate.
    config: { permission: 'edit' },
    schema: { tags, summary: 'Delete an import mapping', operationId: 'delete_import_profile', params: z.object({ name: z.string().min(1).max(200) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    await deleteProfile(app.db, req.actor, req.params.name);
    return reply.status(204).send(null);
  });

  const exportParams = z.object({ file: z.string().regex(EXPORT_FILE, 'must be <resource>.<csv|jsonl|geojson|ftm.jsonl>, e.g. components.csv') });
  const parseFile = (file: string) => {
    const m = file.match(EXPORT_FILE)!;
    return { resource: m[1]!, ext: m[2]! };
  };
  const filtersOf = (resource: string, query: unknown): ExportOptions['filters'] => {
    const schema = evidence.filterQuery[resource] ?? z.object({});
    const r = schema.safeParse(query ?? {});
    if (!r.success) throw new ValidationProblem(r.error.issues.map((i) => ({ field: i.path.join('.') || 'query', message: i.message })));
    return r.data;
  };
  const produce = (resource: string, ext: string, opts: ExportOptions, actor: Parameters<typeof exportResource>[1]) => (out: PassThrough) =>
    ext === 'ftm.jsonl'
      ? exportFtm(app.db, actor, resource, out, opts)
      : exportResource(app.db, actor, resource, ext as 'csv' | 'jsonl' | 'geojson', out, opts);
  const precheck = (resource: string, ext: string) => {
    if (ext === 'ftm.jsonl') {
      if (!['organisations', 'sources', 'incidents', 'components', 'all'].includes(resource)) {
        throw new ValidationProblem([{ field: 'file', message: 'FollowTheMoney export covers organisations, sources, incidents, components (their makers at incidents) and all' }]);
      }
      return;
    }
    specOf(resource);
    if (ext === 'geojson' && resource !== 'incidents' && resource !== 'items') {
      throw new ValidationProblem([{ field: 'file', message: 'GeoJSON is available for incidents and items' }]);
    }
  };

  app.get('/api/export/:file', {
    schema: {
      tags, summary: 'Export a list (search q and filters as on the list route) as CSV, JSON Lines, GeoJSON or FollowTheMoney entities', operationId: 'export_list',
      // Filters are the list route's own; an open object keeps them out of the OpenAPI parameter list.
      params: exportParams, querystring: z.object({}).catchall(z.string()),
    },
  }, async (req, reply) => {
    const { resource, ext } = parseFile(req.params.file);
    precheck(resource, ext);
    const { q, ...rest } = req.query as Record<string, string>;
    if (q !== undefined && q.length > 500) throw new ValidationProblem([{ field: 'q', message: 'must be at most 500 characters' }]);
    const filters = ext === 'ftm.jsonl' ? {} : filtersOf(resource, rest);
    return streamExport(reply, resource, ext, async () => {}, produce(resource, ext, { filters, q }, req.actor));
  });

  app.get('/api/cases/:id/export.jsonl', {
    schema: { tags, summary: 'Every record of a case as JSON Lines ({resource, record})', operationId: 'export_case', params: idParams },
  }, async (req, reply) => {
    const caseId = req.params.id;
    return streamExport(reply, `case-${caseId}`, 'jsonl', async () => {
      await assertCaseReadable(app.db, req.actor, caseId);
    }, (out) => exportCase(app.db, req.actor, caseId, out));
  });

  app.get('/api/cases/:id/export.ftm.jsonl', {
    schema: { tags, summary: 'A case as FollowTheMoney entities', operationId: 'export_case_ftm', params: idParams },
  }, async (req, reply) => {
    const caseId = req.params.id;
    return streamExport(reply, `case-${caseId}`, 'ftm.jsonl', async () => {
      await assertCaseReadable(app.db, req.actor, caseId);
    }, (out) => exportFtm(app.db, req.actor, 'all', out, { scope: { caseId } }));
  });

  app.get('/api/cases/:id/export/:file', {
    schema: { tags, summary: 'One resource of a case as CSV, JSON Lines, GeoJSON or FollowTheMoney entities', operationId: 'export_case_resource', params: z.object({ id, file: exportParams.shape.file }) },
  }, async (req, reply) => {
    const { resource, ext } = parseFile(req.params.file);
    precheck(resource, ext);
    const caseId = req.params.id;
    return streamExport(reply, `case-${caseId}-${resource}`, ext, async () => {
      await assertCaseReadable(app.db, req.actor, caseId);
    }, produce(resource, ext, { scope: { caseId } }, req.actor));
  });
}
