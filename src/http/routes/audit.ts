import { z } from 'zod';
import type { App } from '../app.js';
import { id, text } from '../../fields.js';
import { chainHead, listAudit, verifyBlobs, verifyChain } from '../../audit/index.js';
import { readableHistory, setVisibility } from '../../access/index.js';

/**
 * The audit log (admins), any record's history (those who may read the record), and publishing:
 * a reviewer's release of a record to the public, recorded as a `publish` entry of its own.
 */

const recordType = text(100).regex(/^[a-z][a-z0-9-]*$/, 'must be a record type such as components');
const entry = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), action: z.string(), recordType: z.string(), recordId: z.string().nullable(),
  before: z.unknown(), after: z.unknown(), hash: z.string(),
});

export default async function auditRoutes(app: App): Promise<void> {
  const tags = ['audit'];

  app.get('/api/audit', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'The audit log, oldest first; page with afterSeq', operationId: 'list_audit',
      querystring: z.object({
        recordType: recordType.optional(), recordId: text(200).optional(), actorId: id.optional(), action: text(100).optional(),
        afterSeq: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ data: z.array(entry), nextAfterSeq: z.number().nullable() }) },
    },
  }, async (req) => {
    const data = await listAudit(app.db, req.query);
    return { data, nextAfterSeq: data.length === req.query.limit ? data[data.length - 1]!.seq : null };
  });

  app.get('/api/audit/verify', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Check the hash chain and every stored file against its SHA-256', operationId: 'verify_audit',
      response: {
        200: z.object({
          ok: z.boolean(),
          chain: z.object({ ok: z.boolean(), entries: z.number(), firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable() }),
          files: z.object({
            ok: z.boolean(), blobs: z.number(), broken: z.number(),
            firstBroken: z.object({ sha256: z.string(), actual: z.string(), reason: z.string(), evidenceFileIds: z.array(z.string()) }).nullable(),
          }),
          head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
        }),
      },
    },
  }, async () => {
    const [chain, files, head] = [await verifyChain(app.db), await verifyBlobs(app.db), await chainHead(app.db)];
    return { ok: chain.ok && files.ok, chain, files, head };
  });

  app.get('/api/history/:recordType/:recordId', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Every change to one record (also after it was deleted), for those who may read it', operationId: 'record_history',
      params: z.object({ recordType, recordId: id }), response: { 200: z.object({ data: z.array(entry) }) },
    },
  }, async (req) => ({ data: await readableHistory(app.db, req.actor, req.params.recordType, req.params.recordId) }));

  const publication = z.object({ recordType, recordId: id });
  const outcome = z.object({ recordType: z.string(), recordId: id, visibility: z.string(), previous: z.string(), auditSeq: z.number().nullable() });

  app.post('/api/publish', {
    config: { permission: 'review' },
    schema: {
      tags: ['publication'], summary: 'Publish a record (reviewers): the public portal shows it, redacted', operationId: 'publish',
      body: publication, response: { 200: outcome },
    },
  }, async (req) => {
    const r = await setVisibility(app.db, req.actor!, req.body.recordType, req.body.recordId, 'public');
    return { recordType: req.body.recordType, recordId: req.body.recordId, visibility: r.after, previous: r.before, auditSeq: r.seq };
  });

  app.post('/api/unpublish', {
    config: { permission: 'review' },
    schema: {
      tags: ['publication'], summary: 'Withdraw a published record from the public (reviewers)', operationId: 'unpublish',
      body: publication.extend({ visibility: z.enum(['internal', 'restricted']).default('internal') }), response: { 200: outcome },
    },
  }, async (req) => {
    const r = await setVisibility(app.db, req.actor!, req.body.recordType, req.body.recordId, req.body.visibility);
    return { recordType: req.body.recordType, recordId: req.body.recordId, visibility: r.after, previous: r.before, auditSeq: r.seq };
  });
}
