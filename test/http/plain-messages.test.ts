import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/**
 * Zod's own wording ("Invalid input: expected string, received undefined") never reaches a person:
 * missing fields, wrong types, values outside an enum or range read in plain words, per field.
 * Schema messages of our own ("must be a date as YYYY-MM-DD") are kept.
 */
let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

const errorsOf = async (url: string, payload: unknown) => {
  const r = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
  expect(r.statusCode).toBe(400);
  expect(r.headers['content-type']).toContain('application/problem+json');
  return Object.fromEntries((r.json().errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
};

describe('plain-word validation messages', () => {
  it('says a missing label is required and keeps our own date message', async () => {
    const e = await errorsOf('/api/items', { recoveredOn: '2 Jan' });
    expect(e.label).toBe('is required');
    expect(e.recoveredOn).toBe('must be a date as YYYY-MM-DD');
    expect(JSON.stringify(e)).not.toMatch(/Invalid input|expected string/);
  });

  it('says a missing date or id is required, and a mistyped one what form it needs', async () => {
    const e = await errorsOf('/api/incidents', { title: 'x' });
    expect(e.occurredFrom).toBe('is required');
    const c = await errorsOf('/api/claims', { speaker: 'An official' });
    expect(c.sourceId).toBe('is required');
    const d = await errorsOf('/api/claims', { sourceId: 'abc', saidOn: '2024-02' });
    expect(d.sourceId).toBe('must be an id (UUID)');
    expect(d.saidOn).toBe('must be a date as YYYY-MM-DD');
  });

  it('names the allowed values, the type and the range', async () => {
    const e = await errorsOf('/api/incidents', { title: 'x', occurredFrom: '2024-01-01', lat: 123, locationPrecision: 'street', weaponTypes: 'KN-23' });
    expect(e.lat).toBe('must be at most 90');
    expect(e.locationPrecision).toBe('must be one of: exact, vicinity, locality, region');
    expect(e.weaponTypes).toBe('must be a list');
    const c = await errorsOf('/api/claims', { sourceId: '00000000-0000-4000-8000-000000000000', quantity: 'twenty' });
    expect(c.quantity).toBe('must be a number');
  });
});
