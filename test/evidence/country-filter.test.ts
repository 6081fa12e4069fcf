import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { countryFromText } from '../../src/screening/countries.js';

/**
 * Country filters take a name in English or Ukrainian as well as a code (issue 18): "China" lists
 * Chinese organisations, never Swiss ones (CH); a word that names no country is a 400 naming the field.
 */
let app: App;
const names = async (url: string) => ((await app.inject({ method: 'GET', url })).json().data as { name: string }[]).map((o) => o.name).sort();

beforeAll(async () => {
  ({ app } = await testApp());
  for (const [name, country] of [['Shenzhen Example Electronics', 'CN'], ['Example Schweiz AG', 'CH'], ['Example Korea Trading', 'KP']]) {
    const r = await app.inject({ method: 'POST', url: '/api/organisations', payload: { name, kind: 'distributor', country } });
    expect(r.statusCode, r.body).toBe(201);
  }
});

describe('country filters', () => {
  it('take a code, an English name or a Ukrainian name', async () => {
    expect(await names('/api/organisations?country=China')).toEqual(['Shenzhen Example Electronics']);
    expect(await names(`/api/organisations?country=${encodeURIComponent('Китай')}`)).toEqual(['Shenzhen Example Electronics']);
    expect(await names('/api/organisations?country=cn')).toEqual(['Shenzhen Example Electronics']);
    expect(await names('/api/organisations?country=CH')).toEqual(['Example Schweiz AG']);
    expect(await names('/api/organisations?country=Switzerland')).toEqual(['Example Schweiz AG']);
    expect(await names(`/api/organisations?country=${encodeURIComponent('Північна Корея')}`)).toEqual(['Example Korea Trading']);
    expect(await names('/api/organisations?country=North%20Korea')).toEqual(['Example Korea Trading']);
  });
  it('refuse what names no country, naming the field', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/organisations?country=Atlantis' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'country' });
    expect((await app.inject({ method: 'GET', url: '/api/components?makerCountry=XX' })).statusCode).toBe(400);
  });
  it('resolve names, not first letters', () => {
    expect(countryFromText('China')).toBe('CN');
    expect(countryFromText('Ch')).toBe('CH');
    expect(countryFromText('Німеччина')).toBe('DE');
    expect(countryFromText('Chin')).toBeNull();
  });
});
