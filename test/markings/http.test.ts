import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

async function post(url: string, payload: unknown) {
  const res = await app.inject({ method: 'POST', url, payload: payload as object });
  return { status: res.statusCode, body: res.json<Record<string, any>>(), type: res.headers['content-type'] };
}

describe('POST /api/identify', () => {
  it('returns ranked readings with maker, part number, windows, HS6, CHPL tier and reasoning', async () => {
    const r = await post('/api/identify', { marking: 'STM32F405 / RGT6 / GH25Q 93 / CHN 215', context: { recoveryDate: '2024-01-02', today: '2026-11-21' } });
    expect(r.status).toBe(200);
    expect(r.body.today).toBe('2026-11-21');
    expect(r.body.lines).toEqual(['STM32F405', 'RGT6', 'GH25Q 93', 'CHN 215']);
    const best = r.body.readings[0];
    expect(best).toMatchObject({
      maker: { id: 'stmicro', name: 'STMicroelectronics', country: 'CH' }, partNumber: 'STM32F405RGT6', category: 'mcu', hs6: '854231', chplTier: '1',
      lot: 'GH25Q', assemblyCountry: 'CN', dateToken: '215',
    });
    expect(best.dates[0]).toMatchObject({ from: '2022-04-11', to: '2022-04-17', rule: 'st-yww', chars: '215' });
    expect(best.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['clone-risk', 'ambiguous-date']));
    expect(best.reasoning.length).toBeGreaterThan(3);
  });

  it('keeps ambiguity: one reading per maker of a shared prefix', async () => {
    const r = await post('/api/identify', { marking: 'IRF540N / 1412' });
    expect(r.status).toBe(200);
    // First the abstention (maker unknown), then one reading per maker.
    expect(r.body.readings[0].maker).toBeNull();
    expect(r.body.readings.slice(1).map((x: { maker: { id: string } }) => x.maker.id).sort()).toEqual(['international-rectifier', 'vishay']);
  });

  it('defaults "today" to the server date and accepts recoveredOn where the web client sends it', async () => {
    const r = await post('/api/identify', { marking: '113', recoveredOn: '2024-08-15' });
    expect(r.status).toBe(200);
    expect(r.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Not a DPRK context: the bare 113 is read as an ECIA week code, never as a Juche year.
    expect(r.body.readings[0].dates[0]).toMatchObject({ from: '2021-03-29', to: '2021-04-04', rule: 'ecia-yww' });
  });

  it('refuses bad input with a problem naming each field', async () => {
    const r = await post('/api/identify', { marking: '', context: { recoveryDate: '2024-13-45', introducedYear: 'soon' } });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    const fields = (r.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['marking', 'context.recoveryDate', 'context.introducedYear']));
    const missing = await post('/api/identify', {});
    expect(missing.status).toBe(400);
  });

  it('lists the date rules', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/identify/rules' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.map((x: { id: string }) => x.id)).toContain('juche-year');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/identify'].post.operationId).toBe('identify');
  });
});

describe('components get the engine\'s suggestions', () => {
  it('fills part number, maker, country, HS6, CHPL tier and production window from the marking alone', async () => {
    const item = await post('/api/items', { label: 'KN-23 remnant (test)', recoveredOn: '2024-01-03' });
    expect(item.status).toBe(201);
    const c = await post('/api/components', { itemId: item.body.id, markingRaw: 'ADSP-21060 / KS-160 / 2341' });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({
      partNumber: 'ADSP-21060KS-160', makerCountry: 'US', hs6: '854231', chplTier: '1', category: 'processor',
      productionFrom: '2023-10-09', productionTo: '2023-10-15', dateCodeText: '2341',
    });
    expect(c.body.makerId).toMatch(/^[0-9a-f-]{36}$/);
    for (const f of ['partNumber', 'makerId', 'makerCountry', 'hs6', 'chplTier', 'productionFrom', 'productionTo']) {
      expect(c.body.fieldStatus[f]?.state, f).toBe('suggested');
    }
    const maker = await app.inject({ method: 'GET', url: `/api/organisations/${c.body.makerId}` });
    expect(maker.json()).toMatchObject({ name: 'Analog Devices', kind: 'manufacturer', country: 'US' });
    expect(c.body.suggestion).toMatchObject({ makerName: 'Analog Devices', makerCatalogueId: 'adi', dateRule: 'adi-yyww' });
  });

  it('bounds the suggested window by the item\'s recovery date', async () => {
    // A DPRK item: `113` reads as Juche 113 = 2024 first, cut at the recovery date.
    const kn23 = await post('/api/items', { label: 'Actuator (test)', weaponModel: 'KN-23', recoveredOn: '2024-08-15' });
    const j = await post('/api/components', { itemId: kn23.body.id, markingRaw: '113' });
    expect(j.status).toBe(201);
    expect([j.body.productionFrom, j.body.productionTo]).toEqual(['2024-01-01', '2024-08-15']);
    // Elsewhere no Juche year: the best reading of the ECIA week code is stored, the other decades
    // are its alternatives, and the envelope spans them.
    const item = await post('/api/items', { label: 'Actuator (other)', recoveredOn: '2024-08-15' });
    const c = await post('/api/components', { itemId: item.body.id, markingRaw: '113' });
    expect(c.status).toBe(201);
    expect([c.body.productionFrom, c.body.productionTo]).toEqual(['2021-03-29', '2021-04-04']);
    expect(c.body.ambiguous).toBe(true);
    expect(c.body.envelopeFrom <= '2011-03-28').toBe(true);
    expect(c.body.envelopeTo).toBe('2021-04-04');
    expect(c.body.fieldStatus.productionTo.state).toBe('suggested');
  });
});
