import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import { definePackageJob, evidencePackage, PACKAGE_FIELD, PACKAGE_JOB } from '../../package/index.js';
import { LANGUAGES } from '../../messages/index.js';
import { requestLanguage } from '../language.js';
import { BUNDLE_FIELD, defineBundleJobs, EXPORT_JOB, IMPORT_JOB, keyFile, listTrustedKeys, loadOrCreateKey, trustKey, VERIFY_JOB } from '../../bundles/index.js';
import * as jobs from '../../jobs/index.js';
import { readableBy, type Actor } from '../../access/index.js';
import { Conflict, NotFound, Problem, Unauthorized, ValidationProblem } from '../../problems.js';
import { jobSchema } from './jobs.js';

/**
 * Evidence packages (PDF), signed bundles, the bundle key and the trust list. Packages are read as
 * the caller may read (anonymous callers get the public package); `?public=true` asks a signed-in
 * caller for the public package too. The slow work — a case's package, a bundle's export,
 * verification and import — runs as jobs (src/jobs/): the route answers 202 with the job, the
 * client follows `GET /api/jobs/:id`, and a finished export or package is downloaded from the job.
 * Bundles leave and enter the instance with restricted records in them: admins only.
 */
const tags = ['bundles'];
/** A bundle upload's limit: a case with 1 GB of files and room to grow; it is streamed into PostgreSQL, never held. */
const MAX_BUNDLE_BYTES = 8 * 1024 * 1024 * 1024;
const idParams = z.object({ id: z.string().uuid() });
const packageQuery = z.object({ public: z.enum(['true', 'false']).optional() });
const keySchema = z.object({ publicKey: z.string(), fingerprint: z.string() });
const trustedSchema = z.object({ publicKey: z.string(), fingerprint: z.string(), name: z.string(), addedAt: z.string() });

export default async function bundles(app: App): Promise<void> {
  for (const kind of ['item', 'case'] as const) {
    app.get(`/api/${kind}s/:id/package.pdf`, {
      config: { permission: 'public' },
      schema: { tags, summary: `The evidence package (PDF) of one ${kind}`, operationId: `${kind}_package_pdf`, params: idParams, querystring: packageQuery },
    }, async (req, reply) => {
      const actor = req.query.public === 'true' ? null : req.actor;
      const r = await evidencePackage(app.db, actor, { kind, id: req.params.id }).catch((e: unknown) => {
        // A public package of an unpublished record is as absent as the record itself.
        if (e instanceof NotFound) throw new NotFound(kind, req.params.id);
        throw e;
      });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="remnant-${kind}-${req.params.id}.pdf"`).send(r.pdf);
    });
  }

  defineBundleJobs(app.db, app.config.dataDir);
  definePackageJob(app.db);

  /** Answers 202 with the job and where to follow it. */
  const accepted = (reply: FastifyReply, job: jobs.Job) => reply.status(202).header('location', jobs.jobUrl(job.id)).send(jobs.jobView(job));

  /** Streams a finished job's stored file (an exported bundle, a package) to the one who may see the job. */
  async function download(req: FastifyRequest, reply: FastifyReply, id: string, kind: string, field: string, type: string) {
    const job = await jobs.getJob(app.db, req.actor, id, kind);
    if (job.state !== 'succeeded') throw new Conflict(`the job is ${job.state}; download it when it has succeeded (${jobs.jobUrl(id)})`);
    const f = await jobs.openJobFile(app.db, id, field);
    if (!f) throw new NotFound('file of job', id);
    return reply.type(type).header('content-length', f.size).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.stream);
  }

  app.post('/api/packages', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Make the evidence package (PDF) of an item or a case, as a job (202; the finished job\'s result names the download)', operationId: 'start_package',
      body: z.object({
        kind: z.enum(['item', 'case']), id: z.string().uuid(), audience: z.enum(['internal', 'public']).default('internal'),
        language: z.enum(LANGUAGES).optional().describe("The package's headings, labels, dates and numbers; default the caller's language (their setting, else Accept-Language, else English)"),
      }),
      response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    const actor = req.actor!;
    const { kind, id, audience } = req.body;
    const language = req.body.language ?? await requestLanguage(req);
    // Refused now, not in the job: a record the audience may not read is as absent as an unknown one.
    const reader = audience === 'public' ? null : actor;
    const found = await app.db.selectFrom(kind === 'item' ? 'items' : 'cases').select('id').where('id', '=', id).where(readableBy(reader)).executeTakeFirst();
    if (!found) throw new NotFound(kind, id);
    return accepted(reply, await jobs.enqueue(app.db, PACKAGE_JOB, actor, { kind, id, audience, language }));
  });

  app.get('/api/packages/:id/package.pdf', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Download the PDF a package job made', operationId: 'download_package', params: z.object({ id: z.string().max(100) }) },
  }, async (req, reply) => download(req, reply, req.params.id, PACKAGE_JOB, PACKAGE_FIELD, 'application/pdf'));

  app.post('/api/bundles/exports', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Export a case as a signed bundle, as a job (202; the finished job\'s result names the download)', operationId: 'start_bundle_export',
      body: z.object({ caseId: z.string().uuid() }), response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    const found = await app.db.selectFrom('cases').select('id').where('id', '=', req.body.caseId).where(readableBy(req.actor)).executeTakeFirst();
    if (!found) throw new NotFound('case', req.body.caseId);
    return accepted(reply, await jobs.enqueue(app.db, EXPORT_JOB, req.actor!, { caseId: req.body.caseId }));
  });

  app.get('/api/bundles/exports/:id/bundle.tar', {
    config: { permission: 'admin' },
    schema: { tags, summary: 'Download the bundle an export job made', operationId: 'download_bundle', params: z.object({ id: z.string().max(100) }) },
  }, async (req, reply) => download(req, reply, req.params.id, EXPORT_JOB, BUNDLE_FIELD, 'application/x-tar'));

  /** Stores an uploaded bundle (field "file") for a job, streamed into PostgreSQL in the transaction that queues it. */
  async function uploadJob(req: FastifyRequest, actor: Actor, kind: string, fieldsSchema: z.ZodType<Record<string, unknown>>) {
    if (!req.isMultipart()) throw new ValidationProblem([{ field: 'file', message: 'send the bundle as multipart/form-data in a field named "file"' }]);
    const draft = await jobs.draftJob(app.db, kind, actor);
    try {
      const fields: Record<string, string> = {};
      let got = false;
      for await (const part of req.parts({ limits: { fileSize: MAX_BUNDLE_BYTES, files: 1 } })) {
        if (part.type !== 'file') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new ValidationProblem([{ field: part.fieldname, message: 'unexpected file field; use "file"' }]);
        }
        await draft.addFile('file', 'bundle.tar', part.file);
        if (part.file.truncated) throw new Problem(413, 'Payload too large', `bundles are limited to ${MAX_BUNDLE_BYTES / 1073741824} GB`);
        got = true;
      }
      if (!got) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
      const parsed = fieldsSchema.safeParse(fields);
      if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
      return await draft.commit(parsed.data);
    } catch (e) {
      await draft.abort();
      throw e;
    }
  }

  app.post('/api/bundles/verify', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Verify an uploaded bundle (multipart field "file") offline, as a job (202; the result is the verification report)', operationId: 'start_bundle_verify',
      consumes: ['multipart/form-data'], response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    return accepted(reply, await uploadJob(req, req.actor, VERIFY_JOB, z.object({})));
  });

  app.post('/api/bundles/imports', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Import an uploaded bundle (multipart field "file"; allowUntrusted=true to import a bundle signed by a key not trusted here, marked as such), verified first, all or nothing, as a job (202)', operationId: 'start_bundle_import',
      consumes: ['multipart/form-data'], response: { 202: jobSchema },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const fields = z.object({ allowUntrusted: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
    return accepted(reply, await uploadJob(req, req.actor, IMPORT_JOB, fields));
  });

  app.get('/api/bundles/key', {
    config: { permission: 'admin' },
    schema: { tags, summary: "This instance's bundle signing key", operationId: 'bundle_key', response: { 200: keySchema } },
  }, async () => {
    const k = loadOrCreateKey(keyFile(app.config.dataDir));
    return { publicKey: k.publicKey, fingerprint: k.fingerprint };
  });

  app.get('/api/bundles/trusted-keys', {
    config: { permission: 'admin' },
    schema: { tags, summary: 'Keys whose bundles import as trusted', operationId: 'bundle_trusted_keys', response: { 200: z.array(trustedSchema) } },
  }, async () => (await listTrustedKeys(app.db)).map((k) => ({ ...k, addedAt: String(k.addedAt) })));

  app.post('/api/bundles/trusted-keys', {
    config: { permission: 'admin' },
    schema: { tags, summary: "Trust another instance's key", operationId: 'bundle_trust_key', body: z.object({ publicKey: z.string(), name: z.string() }), response: { 201: trustedSchema } },
  }, async (req, reply) => {
    const k = await trustKey(app.db, req.actor!, req.body.publicKey, req.body.name);
    return reply.status(201).send({ ...k, addedAt: String(k.addedAt) });
  });
}
