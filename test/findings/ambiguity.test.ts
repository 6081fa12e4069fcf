import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/**
 * Findings say which figures rest on ambiguous or unconfirmed windows (issue 15): "no earlier
 * than" names the components it rests on and whether any is ambiguous, and the figures can be
 * computed with every ambiguous window as stored or as its envelope.
 */
let app: App;
let itemId: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  ({ app } = await testApp());
  itemId = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'guidance (findings)', recoveredOn: '2024-01-03' } })).json().id;
  const add = async (name: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, ...payload } });
    expect(r.statusCode, r.body).toBe(201);
    ids[name] = r.json().id;
    return r.json();
  };
  // TI 21A: January 2022 stored, 2012 and 2002 possible: the newest part, ambiguous.
  const ti = await add('ti', { markingRaw: 'TI 21A AB7K LM2596S' });
  expect([ti.productionFrom, ti.ambiguous]).toEqual(['2022-01-01', true]);
  // A window a person stated: confirmed, not ambiguous.
  await add('typed', { markingRaw: 'LM358', productionFrom: '2020-03-02', productionTo: '2020-03-08' });
});

async function findings(query: Record<string, string> = {}) {
  const r = await app.inject({ method: 'GET', url: `/api/items/${itemId}/findings`, query });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('findings on ambiguous windows', () => {
  it('says "no earlier than" rests on an ambiguous, unconfirmed window, and gives the conservative bound', async () => {
    const f = await findings();
    expect(f.noEarlierThan.date).toBe('2022-01-01');
    expect(f.noEarlierThan.refs.ids).toEqual([ids.ti]);
    expect(f.noEarlierThan.ambiguous).toBe(true);
    expect(f.noEarlierThan.restsOnAmbiguous.ids).toEqual([ids.ti]);
    expect(f.noEarlierThan.restsOnUnconfirmed.ids).toEqual([ids.ti]);
    // As an envelope, the TI part could be from 2002: the typed 2020 part then sets the bound.
    expect(f.noEarlierThan.conservativeDate).toBe('2020-03-02');
    expect(f.noEarlierThan.note).toMatch(/ambiguous/);
    expect(f.dateCodes).toMatchObject({ datedRecords: 2, ambiguousRecords: 1, unconfirmedRecords: 1, windows: 'suggested' });
    // Without ids (as the item page asks), it still says what it rests on.
    const bare = await findings({ idLimit: '0' });
    expect(bare.noEarlierThan).toMatchObject({ ambiguous: true, refs: { count: 1, ids: [] }, restsOnAmbiguous: { count: 1, ids: [] } });
  });

  it('computes the figures with the envelope when asked to be conservative', async () => {
    const f = await findings({ windows: 'conservative' });
    expect(f.dateCodes.windows).toBe('conservative');
    expect(f.noEarlierThan.date).toBe('2020-03-02');
    expect(f.noEarlierThan.refs.ids).toEqual([ids.typed]);
    expect(f.noEarlierThan.ambiguous).toBe(false);
    expect(f.dateCodes.byYear.buckets.map((b: { key: string }) => b.key)).toContain('2002–2022');
  });

  it('no longer calls the bound ambiguous once a person picks a window', async () => {
    const r = await app.inject({ method: 'PATCH', url: `/api/components/${ids.ti}`, payload: { productionFrom: '2022-01-01', productionTo: '2022-01-31' } });
    expect(r.statusCode, r.body).toBe(200);
    const f = await findings();
    expect(f.noEarlierThan).toMatchObject({ date: '2022-01-01', ambiguous: false, conservativeDate: '2022-01-01' });
    expect(f.noEarlierThan.restsOnUnconfirmed.count).toBe(0);
    expect(f.dateCodes).toMatchObject({ ambiguousRecords: 0, unconfirmedRecords: 0 });
  });

  it('refuses an unknown window basis', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/items/${itemId}/findings`, query: { windows: 'envelope' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('windows');
  });
});
