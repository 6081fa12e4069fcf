import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { rankSearchHit } from '../../src/evidence/index.js';

/**
 * Typo-tolerant search (issue 18): a single misspelt word finds the maker, part number or place, the
 * closest spelling first; the public finds nothing it may not read.
 */
let app: App;
let publicApp: App;
const search = async (q: string, on: App = app) => {
  const res = await on.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().hits as { kind: string; label: string; count: number; score: number }[];
};

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  // The public on the same database: it must not find what it may not read.
  publicApp = await buildApp({ db: t.database.db, config: loadConfig({}), resolveActor: async () => null });
  const org = async (name: string, country: string, visibility = 'public', aliases: string[] = []) =>
    (await app.inject({ method: 'POST', url: '/api/organisations', payload: { name, kind: 'manufacturer', country, visibility, aliases } })).json().id as string;
  const infineon = await org('Infineon Technologies AG', 'DE');
  await org('Infinite Loop Trading', 'HK');
  await org('AMD', 'US', 'public', ['Xilinx Inc.']);
  await org('STMicroelectronics', 'CH');
  await org('Secret Broker Ltd', 'AE', 'restricted');
  const item = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'debris', recoveredPlace: 'Zaporizhzhia', visibility: 'public' } })).json().id as string;
  await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 'strike', occurredFrom: '2024-01-02', placeName: 'Kharkiv', visibility: 'public' } });
  for (const [pn, visibility] of [['TLE7368', 'public'], ['XC7A100T', 'public'], ['SECRET42', 'restricted']]) {
    const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: item, markingRaw: `${pn} 2233`, partNumber: pn, makerId: infineon, visibility } });
    expect(r.statusCode, r.body).toBe(201);
  }
});

describe('GET /api/search', () => {
  it('finds Infineon from "Infinion", ahead of a name one more edit away', async () => {
    const hits = await search('Infinion');
    expect(hits[0]).toMatchObject({ kind: 'organisation', label: 'Infineon Technologies AG' });
    expect(hits.map((h) => h.label)).toContain('Infinite Loop Trading');
    expect(hits[0]!.score).toBeGreaterThan(hits.find((h) => h.label === 'Infinite Loop Trading')!.score);
  });
  it('finds Xilinx through an alias from "Xilnx", a part number from a typo and places from typos', async () => {
    expect((await search('Xilnx'))[0]).toMatchObject({ kind: 'organisation', label: 'AMD' });
    expect((await search('TLE7638'))[0]).toMatchObject({ kind: 'part_number', label: 'TLE7368', count: 1 });
    expect((await search('Kharkov'))[0]).toMatchObject({ kind: 'place', label: 'Kharkiv' });
    expect((await search('Zaporizhia'))[0]).toMatchObject({ kind: 'place', label: 'Zaporizhzhia' });
  });
  it('shows the public only what it may read', async () => {
    expect((await search('Secret', publicApp)).map((h) => h.label)).toEqual([]);
    expect((await search('Infinion', publicApp))[0]).toMatchObject({ label: 'Infineon Technologies AG' });
    expect((await search('Secret')).map((h) => h.label).sort()).toEqual(['SECRET42', 'Secret Broker Ltd']);
  });
  it('refuses an empty query naming q', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/search?q=%20' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('q');
  });
});

describe('rank (pure)', () => {
  it('scores by edits to the closest word; a contained word is exact', () => {
    expect(rankSearchHit('Infineon Technologies AG', ['infinion'])).toEqual({ score: 1 - 1 / 8, matched: 'infineon' });
    expect(rankSearchHit('Infinite Loop', ['infinion']).score).toBe(1 - 2 / 8);
    expect(rankSearchHit('Texas Instruments', ['texas'])).toEqual({ score: 1, matched: 'texas' });
  });
});
