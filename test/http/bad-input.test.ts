import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { RESOURCES } from '../../src/evidence/index.js';

/**
 * Bad input for every resource, generated from the resource table so a new resource is covered
 * without anyone remembering to: every answer is a 4xx problem naming the field, never a 5xx,
 * and nothing is written.
 */
let app: App;

beforeAll(async () => {
  ({ app } = await testApp());
});

function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success).map(([k]) => k);
}

async function countOf(name: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `/api/${name}?limit=1` })).json().total as number;
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json() as { errors?: { field: string; message: string }[]; detail: string; status: number };
}

describe.each(RESOURCES.map((r) => [r.name, r] as const))('%s', (name, spec) => {
  it('names every missing required field', async () => {
    const before = await countOf(name);
    const res = await app.inject({ method: 'POST', url: `/api/${name}`, payload: {} });
    const body = expectProblem(res, 400);
    const fields = body.errors!.map((e) => e.field);
    for (const k of requiredKeys(spec.create)) expect(fields).toContain(k);
    expect(await countOf(name)).toBe(before);
  });

  it('names every field of the wrong type', async () => {
    const payload = Object.fromEntries(Object.keys(spec.create.shape).map((k) => [k, { wrong: true }]));
    const body = expectProblem(await app.inject({ method: 'POST', url: `/api/${name}`, payload }), 400);
    const fields = new Set(body.errors!.map((e) => e.field));
    for (const k of Object.keys(spec.create.shape)) expect(fields.has(k), `field ${k} named`).toBe(true);
  });

  it('refuses a 1 MB string in a bounded field and names it', async () => {
    const stringField = Object.entries(spec.create.shape).find(([, s]) => {
      const r = (s as z.ZodType).safeParse('x'.repeat(1_000_000));
      return !r.success && (s as z.ZodType).safeParse('ok').success;
    });
    if (!stringField) return;
    const body = expectProblem(await app.inject({ method: 'POST', url: `/api/${name}`, payload: { [stringField[0]]: 'x'.repeat(1_000_000) } }), 400);
    expect(body.errors!.some((e) => e.field === stringField[0] && /at most/.test(e.message))).toBe(true);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const unknown = randomUUID();
    expectProblem(await app.inject({ method: 'GET', url: `/api/${name}/${unknown}` }), 404);
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/${name}/${unknown}`, payload: {} }), 404);
    expectProblem(await app.inject({ method: 'DELETE', url: `/api/${name}/${unknown}` }), 404);
    const bad = expectProblem(await app.inject({ method: 'GET', url: `/api/${name}/not-an-id` }), 400);
    expect(bad.errors![0]!.field).toBe('id');
  });

  it('refuses invalid UTF-8 and malformed JSON', async () => {
    const invalid = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const body = expectProblem(await app.inject({ method: 'POST', url: `/api/${name}`, payload: invalid, headers: { 'content-type': 'application/json' } }), 400);
    expect(body.errors![0]).toMatchObject({ field: 'body', message: 'is not valid UTF-8' });
    const broken = expectProblem(await app.inject({ method: 'POST', url: `/api/${name}`, payload: '{"a":', headers: { 'content-type': 'application/json' } }), 400);
    expect(broken.errors![0]!.field).toBe('body');
  });

  it('refuses NUL characters in text', async () => {
    const textField = Object.entries(spec.create.shape).find(([, s]) => (s as z.ZodType).safeParse('ok').success && !(s as z.ZodType).safeParse('a\u0000b').success);
    if (!textField) return;
    const body = expectProblem(await app.inject({ method: 'POST', url: `/api/${name}`, payload: { [textField[0]]: 'a\u0000b' } }), 400);
    expect(body.errors!.some((e) => e.field === textField[0])).toBe(true);
  });
});

describe('references and cross-field rules', () => {
  it('names a reference to a record that does not exist and writes nothing', async () => {
    const before = await countOf('claims');
    const body = expectProblem(await app.inject({ method: 'POST', url: '/api/claims', payload: { sourceId: randomUUID() } }), 400);
    expect(body.errors![0]!.field).toBe('sourceId');
    expect(await countOf('claims')).toBe(before);
  });

  it('rolls back an incident whose linked claim does not exist', async () => {
    const before = await countOf('incidents');
    const body = expectProblem(await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 't', occurredFrom: '2024-01-02', claimIds: [randomUUID()] } }), 400);
    expect(body.errors![0]!.field).toBe('claimIds');
    expect(await countOf('incidents')).toBe(before);
  });

  it('names the field of a violated cross-field rule', async () => {
    const r1 = expectProblem(await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 't', occurredFrom: '2024-01-02', occurredTo: '2023-01-01' } }), 400);
    expect(r1.errors![0]!.field).toBe('occurredTo');
    const r2 = expectProblem(await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 't', occurredFrom: '2024-01-02', lat: 50, locationPrecision: 'locality' } }), 400);
    expect(r2.errors![0]).toEqual({ field: 'lon', message: 'lat and lon must be given together' });
    const r3 = expectProblem(await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 't', occurredFrom: '2024-02-30' } }), 400);
    expect(r3.errors![0]!.field).toBe('occurredFrom');
  });

  it('accepts a 1 MB source text and still finds it by full-text search', async () => {
    const text = ('missile debris component ').repeat(40_000) + ' zaporizhzhia';
    const r = await app.inject({ method: 'POST', url: '/api/sources', payload: { kind: 'research_report', title: 'big', fullText: text } });
    expect(r.statusCode).toBe(201);
    const found = (await app.inject({ method: 'GET', url: '/api/sources?q=debris' })).json();
    expect(found.data.some((s: { id: string }) => s.id === r.json().id)).toBe(true);
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/sources', payload: { kind: 'field_note', title: 't', fullText: 'x'.repeat(9 * 1024 * 1024) } });
    expectProblem(res, 413);
  });
});
