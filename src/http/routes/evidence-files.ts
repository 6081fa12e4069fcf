import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, pageOf, paging, visibility } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { ValidationProblem, Unauthorized } from '../../problems.js';
import { readSingleFile } from '../multipart.js';

const linkQuery = z.object({
  incidentId: id.optional(),
  itemId: id.optional(),
  componentId: id.optional(),
  sourceId: id.optional(),
  claimId: id.optional(),
  organisationId: id.optional(),
});

/** `photo`: an image is required (checked on the content); `document`: any accepted type. */
const uploadSlot = z.enum(['photo', 'document']).optional().describe('photo: the content must be an image; document (default): any accepted type');

function oneLink(q: Record<string, string | undefined>, where: string): { field: evidence.LinkField; id: string } | null {
  const present = evidence.LINK_FIELDS.filter((f) => q[f] !== undefined);
  if (present.length > 1) throw new ValidationProblem([{ field: where, message: `link the file to one record only (got ${present.join(', ')})` }]);
  const field = present[0];
  return field ? { field, id: q[field]! } : null;
}

export default async function evidenceFileRoutes(app: App): Promise<void> {
  const tags = ['evidence-files'];
  app.post('/api/evidence-files', {
    schema: {
      tags,
      summary: 'Upload an evidence file (multipart/form-data: field "file", optional caption, visibility and one link id)',
      operationId: 'upload_evidence_file',
      consumes: ['multipart/form-data'],
      querystring: linkQuery.extend({ caption: z.string().max(2000).optional(), visibility: visibility.optional(), slot: uploadSlot }),
      response: { 201: evidence.schemas.evidenceFileRow },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const { file, fields } = await readSingleFile(req);
    const merged = { ...(req.query as Record<string, string | undefined>), ...fields };
    const parsed = linkQuery.extend({ caption: z.string().max(2000).optional(), visibility: visibility.optional(), slot: uploadSlot }).safeParse(merged);
    if (!parsed.success) {
      throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
    }
    const row = await evidence.storeFile(app.db, req.actor, {
      content: file.content,
      originalName: file.name,
      caption: parsed.data.caption ?? null,
      visibility: parsed.data.visibility,
      link: oneLink(parsed.data, 'link'),
      slot: parsed.data.slot,
      // Offline sync (src/evidence/offline-capture.ts): Idempotency-Key, X-Captured-At, and the phone's X-Content-SHA256, checked.
      capture: evidence.captureFromHeaders(req.headers),
      expectedSha256: typeof req.headers['x-content-sha256'] === 'string' ? req.headers['x-content-sha256'] : undefined,
    });
    return reply.status(201).send(row);
  });

  app.get('/api/evidence-files', {
    schema: {
      tags, summary: 'List evidence files, optionally of one record', operationId: 'list_evidence_files',
      querystring: linkQuery.extend({
        withComponents: z.enum(['true', 'false']).optional().describe('with itemId: also the files of the item\'s components'),
        ...paging,
      }),
      response: { 200: pageOf(evidence.schemas.evidenceFileRow) },
    },
  }, async (req) => {
    const { withComponents, ...q } = req.query as Record<string, string | undefined> & { limit: number; offset: number };
    const link = oneLink(q, 'query');
    if (withComponents === 'true' && link?.field !== 'itemId') {
      throw new ValidationProblem([{ field: 'withComponents', message: 'only together with itemId (the item whose components\' files to include)' }]);
    }
    return evidence.listFiles(app.db, req.actor, link, q.limit, q.offset, { withComponents: withComponents === 'true' });
  });

  app.get('/api/evidence-files/:id', {
    schema: { tags, summary: 'Describe an evidence file', operationId: 'get_evidence_file', params: idParams, response: { 200: evidence.schemas.evidenceFileRow } },
  }, async (req) => evidence.describeFile(app.db, req.actor, req.params.id));

  app.get('/api/evidence-files/:id/content', {
    schema: {
      tags, operationId: 'download_evidence_file', params: idParams,
      summary: 'Download the file; its SHA-256 is checked before sending. The public gets a copy without metadata (EXIF/GPS, XMP, IPTC, comments, thumbnails): x-content-sha256 is the hash of the bytes sent, x-original-sha256 the stored original\'s',
    },
  }, async (req, reply) => {
    const { meta, content, sha256, originalSha256 } = await evidence.readFileForDownload(app.db, req.actor, req.params.id);
    const safeName = String(meta.originalName).replace(/[^\w.\- ]+/g, '_');
    reply
      .type(String(meta.mediaType))
      .header('content-disposition', `attachment; filename="${safeName}"`)
      .header('x-content-sha256', sha256)
      .header('x-content-type-options', 'nosniff');
    if (originalSha256) reply.header('x-original-sha256', originalSha256).header('x-metadata-removed', 'true');
    return reply.send(content);
  });

  app.get('/api/evidence-files/:id/thumbnail', {
    schema: {
      tags, operationId: 'evidence_file_thumbnail', params: idParams,
      querystring: z.object({ size: z.coerce.number().int().refine(evidence.isThumbnailSize, { message: `one of ${evidence.THUMBNAIL_SIZES.join(', ')}` }).default(480) }),
      summary: `A JPEG thumbnail of an image file (longest side ${evidence.THUMBNAIL_SIZES.join(', ')} px), upright and without any metadata; made once per content and size`,
    },
  }, async (req, reply) => {
    const { content } = await evidence.thumbnailOf(app.db, req.actor, req.params.id, req.query.size);
    // The content behind an id never changes (content-addressed); who may see it can, so private.
    return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(content);
  });

  app.get('/api/evidence-files/:id/checks', {
    schema: {
      tags, operationId: 'evidence_file_checks', params: idParams, response: { 200: evidence.schemas.photoChecks },
      summary: 'What to know before quoting a photo: near duplicates among the files you can read (perceptual hash), and EXIF plausibility warnings against its incident (capture time after the upload or before the incident, GPS far from the incident, editing software)',
    },
  }, async (req) => evidence.photoChecks(app.db, req.actor, req.params.id));

  app.delete('/api/evidence-files/:id', {
    schema: { tags, summary: 'Delete an evidence file', operationId: 'delete_evidence_file', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    await evidence.deleteFile(app.db, req.actor, req.params.id);
    return reply.status(204).send(null);
  });
}
