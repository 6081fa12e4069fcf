import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';

let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp());
});

/** A 1×1 PNG: the smallest real image the sniffer must accept. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('evidence files', () => {
  it('stores a photo by its SHA-256, links it, and verifies the hash on download', async () => {
    const item = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'board' } })).json();
    const up = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ itemId: item.id, caption: 'top side' }, { name: '../../etc/passwd.png', content: PNG }) });
    expect(up.statusCode).toBe(201);
    const meta = up.json();
    expect(meta.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(meta.mediaType).toBe('image/png');
    expect(meta.itemId).toBe(item.id);
    const listed = (await app.inject({ method: 'GET', url: `/api/evidence-files?itemId=${item.id}` })).json();
    expect(listed.total).toBe(1);

    const down = await app.inject({ method: 'GET', url: `/api/evidence-files/${meta.id}/content` });
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);
    expect(down.headers['content-disposition']).not.toContain('/');

    // Flip one byte of the stored content behind the API's back: the download must refuse.
    await sql`UPDATE blobs SET content = set_byte(content, 20, (get_byte(content, 20) + 1) % 256) WHERE sha256 = ${meta.sha256}`.execute(database.db);
    const tampered = await app.inject({ method: 'GET', url: `/api/evidence-files/${meta.id}/content` });
    expect(tampered.statusCode).toBe(500);
    expect(tampered.json().title).toBe('Integrity failure');
  });

  it('refuses files over the size limit, of unknown type, or without a file', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const r1 = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({}, { name: 'big.png', content: big }) });
    expect(r1.statusCode).toBe(413);
    expect(r1.headers['content-type']).toContain('application/problem+json');
    const exe = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);
    const r2 = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({}, { name: 'photo.jpg', content: exe, type: 'image/jpeg' }) });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors[0].field).toBe('file');
    const r3 = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ caption: 'x' }) });
    expect(r3.statusCode).toBe(400);
    const r4 = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ itemId: 'nope' }, { name: 'a.png', content: PNG }) });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().errors[0].field).toBe('itemId');
  });

  it('stores identical content once and keeps both descriptions', async () => {
    const a = (await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({}, { name: 'a.png', content: PNG }) })).json();
    const b = (await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({}, { name: 'b.png', content: PNG }) })).json();
    expect(a.id).not.toBe(b.id);
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM blobs WHERE sha256 = ${a.sha256}`.execute(database.db);
    expect(n.rows[0]!.n).toBe(1);
  });
});

describe("an item's evidence with its components'", () => {
  it('lists the files of the item and of its components, not of other items', async () => {
    const item = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'seeker' } })).json();
    const other = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'other' } })).json();
    const part = (await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: item.id, markingRaw: 'LM358' } })).json();
    const foreign = (await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: other.id, markingRaw: 'LM358' } })).json();
    // One extra byte after IEND: still a PNG to the sniffer, but a file of its own (its own hash).
    const png = (n: number) => Buffer.concat([PNG, Buffer.from([n])]);
    const up = async (fields: Record<string, string>, n: number) =>
      (await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart(fields, { name: `p${n}.png`, content: png(n) }) })).json().id as string;
    const own = await up({ itemId: item.id }, 1);
    const ofPart = await up({ componentId: part.id }, 2);
    await up({ componentId: foreign.id }, 3);
    await up({ itemId: other.id }, 4);

    const both = (await app.inject({ method: 'GET', url: `/api/evidence-files?itemId=${item.id}&withComponents=true` })).json();
    expect(both.data.map((f: { id: string }) => f.id).sort()).toEqual([own, ofPart].sort());
    const itemOnly = (await app.inject({ method: 'GET', url: `/api/evidence-files?itemId=${item.id}` })).json();
    expect(itemOnly.data.map((f: { id: string }) => f.id)).toEqual([own]);

    const bad = await app.inject({ method: 'GET', url: `/api/evidence-files?withComponents=true` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('withComponents');
  });
});
