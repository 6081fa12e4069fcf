import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';

/**
 * `POST /api/components/suggest` and `/api/identify` with an item: bad input is a 400 naming the
 * field, an item the caller may not see is answered as one that does not exist, and the answer
 * carries the suggestion as the form shows it.
 */
let app: App;
/** One app on one database: requests act as the admin, or as the public with `x-test-public`. */
interface Request { method: 'POST'; url: string; payload: object }
const admin = { inject: (o: Request) => app.inject(o) };
const visitor = { inject: (o: Request) => app.inject({ ...o, headers: { 'x-test-public': '1' } }) };
type Caller = typeof visitor;
let internalItem: string;
let publicItem: string;
beforeAll(async () => {
  ({ app } = await testApp({ resolveActor: async (req) => (req.headers['x-test-public'] ? null : SYSTEM_ACTOR) }));
  internalItem = (await admin.inject({ method: 'POST', url: '/api/items', payload: { label: 'internal remnant', weaponModel: 'KN-24', recoveredOn: '2024-08-15' } })).json().id;
  publicItem = (await admin.inject({ method: 'POST', url: '/api/items', payload: { label: 'published remnant', weaponModel: 'KN-24', recoveredOn: '2024-08-15', visibility: 'public' } })).json().id;
});

const suggest = (who: Caller, payload: object) => who.inject({ method: 'POST', url: '/api/components/suggest', payload });

describe('POST /api/components/suggest', () => {
  it('answers the suggestion, its fields as a form shows them, every reading and the readings', async () => {
    const r = await suggest(admin, { itemId: internalItem, marking: 'TI 21A AB7K LM2596S' });
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.fields).toMatchObject({ partNumber: 'LM2596S', makerId: 'Texas Instruments', productionFrom: '2022-01-01', productionTo: '2022-01-31' });
    expect(b.suggestion.ambiguous).toBe(true);
    expect(b.readingSuggestions[0]).toEqual(b.suggestion);
    expect(b.readingFields.length).toBe(b.identification.readings.length);
    expect(b.identification.readings[0].dates[0].from).toBe(b.suggestion.productionFrom);
  });

  it('refuses bad input with a problem naming the field', async () => {
    for (const [payload, field] of [
      [{ itemId: internalItem, marking: '' }, 'marking'],
      [{ itemId: 'not-a-uuid', marking: '113' }, 'itemId'],
      [{ itemId: '00000000-0000-4000-8000-000000000000', marking: '113' }, 'itemId'],
      [{ marking: '113' }, 'itemId'],
    ] as const) {
      const r = await suggest(admin, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('reads only items the caller may see', async () => {
    expect((await suggest(visitor, { itemId: internalItem, marking: '113' })).statusCode).toBe(400);
    const ok = await suggest(visitor, { itemId: publicItem, marking: '113' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().suggestion.dateRule).toBe('juche-year');
  });
});

describe('POST /api/identify with an item', () => {
  it('reads in the item\'s context and names context.itemId when there is no such item', async () => {
    const r = await admin.inject({ method: 'POST', url: '/api/identify', payload: { marking: '113', context: { itemId: internalItem } } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().suggestion).toMatchObject({ dateRule: 'juche-year', productionFrom: '2024-01-01', productionTo: '2024-08-15' });
    const none = await visitor.inject({ method: 'POST', url: '/api/identify', payload: { marking: '113', context: { itemId: internalItem } } });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('context.itemId');
    // Without an item, `dprk` says the same thing.
    const bare = await visitor.inject({ method: 'POST', url: '/api/identify', payload: { marking: '113', context: { dprk: true, recoveryDate: '2024-08-15' } } });
    expect(bare.json().suggestion).toEqual(r.json().suggestion);
  });
});
