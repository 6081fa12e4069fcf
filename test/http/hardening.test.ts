import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import * as evidence from '../../src/evidence/index.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { pngWithMetadata } from '../support/photos.js';

/**
 * HTTP hardening (issue 16): malformed multipart bodies, errors raised before routing (414, 431, a
 * bad request line), lone surrogates in JSON and the security headers of every response, on the
 * real app (inject) and over a real socket where Node itself answers.
 */
let app: App;
let requestPath: string;
let port: number;
beforeAll(async () => {
  let database;
  ({ app, database } = await testApp());
  const org = await evidence.create(database.db, SYSTEM_ACTOR, evidence.organisations, { name: 'Hardening Ltd', kind: 'distributor' });
  const item = await evidence.create(database.db, SYSTEM_ACTOR, evidence.items, { label: 'Hardening item' });
  const component = await evidence.create(database.db, SYSTEM_ACTOR, evidence.components, { itemId: item.id, markingRaw: 'LM358' });
  const tr = await app.inject({ method: 'POST', url: '/api/trace-requests', payload: { organisationId: org.id, componentIds: [component.id] } });
  requestPath = `/api/trace-requests/${tr.json().id}/correspondence`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
});

/** Sends raw bytes and returns the raw response (Node answers some requests before Fastify sees them). */
function raw(text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}
function parseRaw(res: string): { status: number; headers: Record<string, string>; body: string } {
  const [head, ...rest] = res.split('\r\n\r\n');
  const [statusLine, ...lines] = head!.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

const B = 'HARDENINGBOUNDARY';
const CASES: Record<string, { contentType: string; payload: Buffer | string }> = {
  'garbage body with a boundary': { contentType: `multipart/form-data; boundary=${B}`, payload: 'this is not multipart at all \u0000\u0001 garbage' },
  'no boundary': { contentType: 'multipart/form-data', payload: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--${B}--\r\n` },
  'aborted upload': { contentType: `multipart/form-data; boundary=${B}`, payload: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname,kind\nAcme,` },
  'malformed part header': { contentType: `multipart/form-data; boundary=${B}`, payload: `--${B}\r\nContent-Disposition form-data name file\r\n\r\nhello\r\n--${B}--\r\n` },
};

describe('malformed multipart', () => {
  for (const url of ['/api/evidence-files', '/api/imports', '/api/lists/import', 'CORRESPONDENCE']) {
    for (const [name, c] of Object.entries(CASES)) {
      it(`${url}: ${name} → 400 problem naming the part`, async () => {
        const r = await app.inject({ method: 'POST', url: url === 'CORRESPONDENCE' ? requestPath : url, payload: c.payload, headers: { 'content-type': c.contentType } });
        expect(r.statusCode).toBe(400);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        const field = r.json().errors?.[0]?.field;
        // The part being read when the body broke, else the body or its content-type.
        expect(field).toBe(name === 'no boundary' ? 'content-type' : name === 'garbage body with a boundary' ? 'body' : 'file');
      });
    }
  }
});

describe('errors before routing are problem+json', () => {
  it('431 for headers too large, 400 for a broken request line, with the security headers', async () => {
    for (const [req, status] of [
      [`GET /api/items?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
      [`GET /api/items HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
      ['GARBAGE\r\n\r\n', 400],
    ] as const) {
      const r = parseRaw(await raw(req));
      expect(r.status).toBe(status);
      expect(r.headers['content-type']).toBe('application/problem+json');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(r.body)).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    }
  });

  it('414 for a path parameter longer than any id, 400 for a malformed URL', async () => {
    const long = await app.inject({ method: 'GET', url: `/api/items/${'a'.repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(long.headers['x-frame-options']).toBe('DENY');
    expect(long.json()).toMatchObject({ status: 414, title: 'URI too long' });
    const bad = await fetch(`http://127.0.0.1:${port}/api/items/%E0%A4%A`);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.status).toBe(400);
  });
});

describe('lone surrogates in JSON', () => {
  it('are refused with 400 naming the field, like invalid UTF-8; paired ones pass', async () => {
    const post = (body: string) => app.inject({ method: 'POST', url: '/api/sources', payload: body, headers: { 'content-type': 'application/json' } });
    for (const body of [
      '{"kind":"news_report","title":"a\\ud800b"}',
      '{"kind":"news_report","title":"end \\udc00"}',
      '{"kind":"news_report","title":"x","summary":"\\udbff\\ud800"}',
    ]) {
      const r = await post(body);
      expect(r.statusCode, body).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().errors[0].field, body).toMatch(/^(title|summary)$/);
    }
    const utf8 = await app.inject({ method: 'POST', url: '/api/sources', payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } });
    expect(utf8.statusCode).toBe(400);
    // A real astral character, escaped as a surrogate pair, and a literal backslash-u, are text.
    const ok = await post('{"kind":"news_report","title":"rocket \\ud83d\\ude80 and \\\\ud800"}');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().title).toBe('rocket \u{1F680} and \\ud800');
  });
});

describe('security headers', () => {
  const EXPECTED = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
  it('are on the web app, API answers, errors and downloads; HSTS only over TLS', async () => {
    const sha = (await app.inject({ method: 'GET', url: '/api/items' })).statusCode;
    expect(sha).toBe(200);
    for (const url of ['/', '/api/items', '/api/nope', '/api/items/not-an-id', '/api/openapi.json', '/api/export/components.csv', '/api/export/organisations.jsonl']) {
      const r = await app.inject({ method: 'GET', url });
      for (const [h, v] of Object.entries(EXPECTED)) expect(r.headers[h], `${url} ${h}`).toBe(v);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/script-src 'self'[;]/);
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
      if (url.startsWith('/api/export/')) expect(r.statusCode, url).toBe(200);
    }
  });

  it('are on an evidence file download too, beside its own attachment headers', async () => {
    const boundary = 'HEADERSBOUNDARY';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      pngWithMetadata({ marker: 'headers', lat: 50.45, lon: 30.52 }),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await app.inject({ method: 'POST', url: '/api/evidence-files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(201);
    const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${up.json().id}/content` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment/);
    for (const [h, v] of Object.entries(EXPECTED)) expect(r.headers[h], h).toBe(v);
    expect(String(r.headers['content-security-policy'])).toMatch(/default-src 'self'/);
  });
});
