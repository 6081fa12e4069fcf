import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/**
 * "Confirm" confirms the values the person saw (`expect`): a confirmation whose values differ from
 * the server's current suggestion is a 409 and changes nothing. A confirmed or picked window is
 * decided: no longer ambiguous, no envelope.
 */
let app: App;
let itemId: string;
beforeAll(async () => {
  ({ app } = await testApp());
  itemId = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'regulator board', recoveredOn: '2024-01-03' } })).json().id;
});

const MARKING = 'TI 21A AB7K LM2596S';

async function suggestion() {
  const r = await app.inject({ method: 'POST', url: '/api/components/suggest', payload: { marking: MARKING, itemId } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().suggestion as Record<string, unknown> & { alternatives: { from: string; to: string }[] };
}

describe('confirming what is shown', () => {
  it('confirms the shown values on create and refuses values the server no longer suggests', async () => {
    const s = await suggestion();
    const expect_ = { productionFrom: s.productionFrom, productionTo: s.productionTo, makerId: s.makerName, partNumber: s.partNumber };
    const ok = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, markingRaw: MARKING, confirm: Object.keys(expect_), expect: expect_ } });
    expect(ok.statusCode, ok.body).toBe(201);
    const c = ok.json();
    expect([c.productionFrom, c.productionTo]).toEqual(['2022-01-01', '2022-01-31']);
    for (const f of Object.keys(expect_)) expect(c.fieldStatus[f].state).toBe('confirmed');
    expect(c.ambiguous).toBe(false);
    expect(c.envelopeFrom).toBeNull();

    // A screen that showed the envelope (the old browser's reading) may not confirm it.
    const before = (await app.inject({ method: 'GET', url: '/api/components', query: { itemId } })).json().total;
    const stale = await app.inject({
      method: 'POST', url: '/api/components',
      payload: { itemId, markingRaw: MARKING, confirm: ['productionFrom'], expect: { productionFrom: '2002-01-01' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.json().mismatches).toEqual([{ field: 'productionFrom', shown: '2002-01-01', suggested: '2022-01-01' }]);
    expect((await app.inject({ method: 'GET', url: '/api/components', query: { itemId } })).json().total).toBe(before);
  });

  it('keeps an unconfirmed window ambiguous, and a pick of an alternative decides it', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, markingRaw: MARKING } });
    const c = r.json();
    expect(c.ambiguous).toBe(true);
    expect([c.envelopeFrom, c.envelopeTo]).toEqual(['2002-01-01', '2022-01-31']);

    // Confirming on the component page checks against the stored suggestion too.
    const wrong = await app.inject({ method: 'PATCH', url: `/api/components/${c.id}`, payload: { confirm: ['productionFrom'], expect: { productionFrom: '2012-01-01' } } });
    expect(wrong.statusCode).toBe(409);

    const alt = (c.suggestion as { alternatives: { from: string; to: string }[] }).alternatives[0]!;
    const picked = await app.inject({ method: 'PATCH', url: `/api/components/${c.id}`, payload: { productionFrom: alt.from, productionTo: alt.to } });
    expect(picked.statusCode, picked.body).toBe(200);
    const p = picked.json();
    expect([p.productionFrom, p.productionTo]).toEqual(['2012-01-01', '2012-01-31']);
    expect(p.fieldStatus.productionFrom.state).toBe('confirmed');
    expect([p.ambiguous, p.envelopeFrom, p.envelopeTo]).toEqual([false, null, null]);
    // The pick is in the record's history.
    const history = await app.inject({ method: 'GET', url: `/api/history/components/${c.id}` });
    expect(history.statusCode, history.body).toBe(200);
    expect(JSON.stringify(history.json())).toContain('2012-01-01');
  });
});
