import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import type { App } from '../../src/http/app.js';
import { photoSlotRefusal } from '../../src/evidence/files.js';

/**
 * Uploads are checked by content (issue 18): a text file renamed .jpg is refused in a photo slot,
 * naming the field and saying what it really is; as a document it is stored as text.
 */
const JPEG = readFileSync(new URL('../fixtures/tracing/chip.jpg', import.meta.url));
let app: App;

beforeAll(async () => {
  ({ app } = await testApp());
});

describe('the photo slot takes images only', () => {
  const text = { name: 'photo.jpg', content: Buffer.from('not a photo, only words\n'), type: 'image/jpeg' };
  it('refuses a text file named .jpg (and sent as image/jpeg) in the photo slot, naming the file field', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'photo' }, text) });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors).toEqual([{ field: 'file', message: "a photo must be an image; this file's content is text/plain although it is named .jpg: add it as a document instead" }]);
  });
  it('stores the same file as a document, as text', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'document' }, text) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().mediaType).toBe('text/plain');
  });
  it('takes a real JPEG in the photo slot', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'photo' }, { name: 'chip.jpg', content: JPEG, type: 'image/jpeg' }) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().mediaType).toBe('image/jpeg');
  });
  it('refuses an unknown slot naming it', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'poster' }, text) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('slot');
  });
  it('says nothing against an image, and names no extension it was not given', () => {
    expect(photoSlotRefusal('image/png', 'x.png')).toBeNull();
    expect(photoSlotRefusal('application/pdf', 'scan.pdf')).toBe("a photo must be an image; this file's content is application/pdf: add it as a document instead");
  });
});
