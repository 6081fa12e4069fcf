import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { tokenFor } from './support.js';
import { storeFile } from '../../src/evidence/index.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { pngWithMetadata } from '../support/photos.js';
import { createHash } from 'node:crypto';

/**
 * Uploads through the access gate: refused before the body is read for the public and viewers,
 * limited by size and type, and stored by content hash whatever name the client sends.
 */
let app: App;
let database: TestDatabase;
let field: string;
let viewer: string;
beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
  field = (await tokenFor(app, database, 'uploader', 'field')).token;
  viewer = (await tokenFor(app, database, 'looker', 'viewer')).token;
});

function upload(name: string, content: Buffer | string, token: string | null, extra = '') {
  const boundary = 'UPLOADBOUNDARY';
  const head = Buffer.from(`${extra}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const payload = Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({
    method: 'POST', url: '/api/evidence-files', payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

describe('uploads', () => {
  it('refuses the public (401) and viewers (403)', async () => {
    expect((await upload('a.txt', 'hello there', null)).statusCode).toBe(401);
    expect((await upload('a.txt', 'hello there', viewer)).statusCode).toBe(403);
  });

  it('stores by content hash: a path in the file name is only a label, never a location', async () => {
    const r = await upload('../../../../etc/passwd', 'root:x:0:0 not really', field);
    expect(r.statusCode).toBe(201);
    const row = r.json();
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const blob = await database.db.selectFrom('blobs').select(['sha256']).where('sha256', '=', row.sha256).executeTakeFirst();
    expect(blob).toBeDefined();
    const down = await app.inject({ method: 'GET', url: `/api/evidence-files/${row.id}/content`, headers: { authorization: `Bearer ${field}` } });
    expect(down.statusCode).toBe(200);
    expect(down.body).toBe('root:x:0:0 not really');
    expect(String(down.headers['content-disposition'])).not.toContain('/');
  });

  it('refuses unknown types and oversized files', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const t = await upload('tool.exe', exe, field);
    expect(t.statusCode).toBe(400);
    expect(t.json().errors[0].field).toBe('file');
    const big = await upload('big.txt', 'x'.repeat(1024 * 1024 + 10), field);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const n = await database.db.selectFrom('evidenceFiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('gives the public a published photo without metadata, and nothing it cannot clean', async () => {
    const publish = (content: Buffer, originalName: string) => storeFile(database.db, SYSTEM_ACTOR, { content, originalName, visibility: 'public' });
    const png = pngWithMetadata({ marker: 'Author Name', lat: 50.4501, lon: 30.5234 });
    const pub = await publish(png, 'IMG.png');
    const anon = await app.inject({ method: 'GET', url: `/api/evidence-files/${pub.id}/content` });
    expect(anon.statusCode).toBe(200);
    expect(anon.rawPayload.includes(Buffer.from('Author Name'))).toBe(false);
    expect(anon.headers['x-content-sha256']).toBe(createHash('sha256').update(anon.rawPayload).digest('hex'));
    expect(anon.headers['x-original-sha256']).toBe(pub.sha256);
    expect(anon.headers['x-metadata-removed']).toBe('true');
    const team = await app.inject({ method: 'GET', url: `/api/evidence-files/${pub.id}/content`, headers: { authorization: `Bearer ${viewer}` } });
    expect(team.rawPayload.equals(png)).toBe(true);
    expect(team.headers['x-content-sha256']).toBe(pub.sha256);

    // A TIFF keeps its metadata in the structures that hold the picture; a JPEG cut short cannot be walked.
    const tiff = Buffer.alloc(64);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    const brokenJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xe1, 0, 40]), Buffer.from('Exif\0\0 Author Name')]);
    for (const [content, name] of [[tiff, 'scan.tif'], [brokenJpeg, 'cut.jpg']] as const) {
      const f = await publish(content, name);
      const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}/content` });
      expect(r.statusCode, name).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).not.toContain('Author Name');
      expect((await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}/content`, headers: { authorization: `Bearer ${viewer}` } })).rawPayload.equals(content)).toBe(true);
    }
  });
});
