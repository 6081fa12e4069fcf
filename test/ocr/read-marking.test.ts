import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { stopOcr } from '../../src/ocr/index.js';

/**
 * `POST /api/evidence-files/:id/read-marking` with real tesseract.js on images drawn like laser
 * marking (test/fixtures/ocr/, made by eval/ocr/render.ts): the text, its confidence, the
 * identification in the component's item context, and the 400s and 403.
 */
const MARKING = readFileSync(new URL('../fixtures/ocr/stm32f407.jpg', import.meta.url));
const LOWER = readFileSync(new URL('../fixtures/ocr/lower-case.jpg', import.meta.url));

function multipart(query: string, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { url: `/api/evidence-files${query}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let app: App;
let photoId: string;
let lowerId: string;
let textId: string;

beforeAll(async () => {
  ({ app } = await testApp());
  const itemId = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'guidance section', recoveredOn: '2024-01-03' } })).json().id;
  const componentId = (await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, markingRaw: 'to be read from the photo' } }));
  expect(componentId.statusCode, componentId.body).toBe(201);
  const up = async (query: string, name: string, content: Buffer, type: string) => {
    const r = await app.inject({ method: 'POST', ...multipart(query, { name, content, type }) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  photoId = await up(`?componentId=${componentId.json().id}&slot=photo`, 'chip.jpg', MARKING, 'image/jpeg');
  lowerId = await up('?slot=photo', 'lower.jpg', LOWER, 'image/jpeg');
  textId = await up('?slot=document', 'notes.jpg', Buffer.from('not a photo\n'), 'image/jpeg');
}, 60_000);

afterAll(async () => { await stopOcr(); });

const read = (id: string, box: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/evidence-files/${id}/read-marking`, payload: box });

describe('reading a marking from a photo', () => {
  it('reads the lines inside the box and identifies them as the component would be', async () => {
    const r = await read(photoId, { x: 0, y: 0, w: 201, h: 149 });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.lines.map((l: { text: string }) => l.text)).toEqual(['STM32F407', 'VGT6', 'CHN 2315']);
    expect(body.text).toBe('STM32F407\nVGT6\nCHN 2315');
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.confidence).toBe(Math.min(...body.lines.map((l: { minWord: number }) => l.minWord)));
    expect(body.corrected).toBe(body.text);
    expect(body.suggestion.partNumber).toMatch(/^STM32F407/);
    expect(body.suggestion.makerName).toBe('STMicroelectronics');
    expect(body.image).toEqual({ width: 201, height: 149 });
  }, 60_000);

  it('reads only the characters markings are printed in (whitelist): lower case never comes out', async () => {
    const r = await read(lowerId, { x: 0, y: 0, w: 201, h: 67 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().text).not.toMatch(/[a-z]/);
    // Without the whitelist tesseract reads this image as "stm32f407".
    expect(r.json().text).not.toBe('stm32f407');
  }, 60_000);

  it('asks for the marking to be typed when the reading is unsure', async () => {
    const r = await read(lowerId, { x: 0, y: 0, w: 201, h: 67 });
    const body = r.json();
    expect(body.confidence).toBeLessThan(body.acceptAt);
    expect(body.accepted).toBe(false);
    expect(body.message).toBe('please type the marking');
  }, 60_000);

  it('refuses a box outside the image with a 400 naming the side', async () => {
    const r = await read(photoId, { x: 150, y: 0, w: 100, h: 40 });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors).toEqual([{ field: 'w', message: "x + w (250) is beyond the image's width (201 pixels)" }]);
  });

  it('refuses a negative or missing coordinate with a 400 naming it', async () => {
    const r = await read(photoId, { x: -1, y: 0, w: 10 });
    expect(r.statusCode).toBe(400);
    const fields = r.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/x$/), expect.stringMatching(/h$/)]));
  });

  it('refuses a file that is not an image with a 400', async () => {
    const r = await read(textId, { x: 0, y: 0, w: 10, h: 10 });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0].field).toBe('id');
    expect(r.json().errors[0].message).toMatch(/not an image/);
  });

  it('answers 404 for a file that does not exist', async () => {
    const r = await read('00000000-0000-4000-8000-000000000000', { x: 0, y: 0, w: 10, h: 10 });
    expect(r.statusCode).toBe(404);
  });
});

describe('who may read a marking', () => {
  it('a viewer (who cannot write components) is refused', async () => {
    const { app: viewer } = await testApp({ as: 'viewer' });
    const r = await viewer.inject({ method: 'POST', url: `/api/evidence-files/${photoId}/read-marking`, payload: { x: 0, y: 0, w: 10, h: 10 } });
    expect(r.statusCode).toBe(403);
  });
  it('the public is refused', async () => {
    const { app: anon } = await testApp({ as: 'public' });
    const r = await anon.inject({ method: 'POST', url: `/api/evidence-files/${photoId}/read-marking`, payload: { x: 0, y: 0, w: 10, h: 10 } });
    expect([401, 403]).toContain(r.statusCode);
  });
});
