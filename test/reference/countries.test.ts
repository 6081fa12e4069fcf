import { beforeAll, describe, expect, it } from 'vitest';
import { allCountries, countryByAlpha2, countryName } from '../../src/reference/index.js';
import { countryName as findingsCountryName, m49RegionOf } from '../../src/findings/index.js';
import { m49Of } from '../../src/tracing/regions.js';
import { regionResolver } from '../../src/tracing/index.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/**
 * Every caller that names a country or places it in an M49 region must give the same answer for
 * every ISO country: findings, tracing (from the package and from the synced ref_countries table)
 * and the reference records themselves.
 */
describe('one answer per country', () => {
  const all = allCountries();

  it('covers every ISO 3166-1 country and Kosovo', () => {
    expect(all.length).toBeGreaterThanOrEqual(249);
    expect(new Set(all.map((c) => c.alpha2)).size).toBe(all.length);
    expect(countryByAlpha2('xk')?.alpha2).toBe('XK');
  });

  it('findings and tracing place every country as the reference does', () => {
    for (const c of all) {
      const f = m49RegionOf(c.alpha2);
      const t = m49Of(c.alpha2);
      expect(t, c.alpha2).toEqual({ region: c.m49Region, subregion: c.m49Subregion });
      expect(f?.name ?? null, c.alpha2).toBe(c.m49Subregion ?? c.m49Region);
      expect(f?.regionName ?? null, c.alpha2).toBe(f ? c.m49Region : null);
      expect(findingsCountryName(c.alpha2), c.alpha2).toBe(c.name);
      expect(countryName(c.alpha2), c.alpha2).toBe(c.name);
    }
  });

  it('the copies that used to disagree now agree: Kosovo and Taiwan are placed, North Korea has one name', () => {
    expect(m49Of('XK')).toEqual({ region: 'Europe', subregion: 'Southern Europe' });
    expect(m49RegionOf('XK')).toEqual({ code: '039', name: 'Southern Europe', regionCode: '150', regionName: 'Europe' });
    expect(m49RegionOf('TW')).toEqual({ code: '030', name: 'Eastern Asia', regionCode: '142', regionName: 'Asia' });
    expect(countryByAlpha2('XK')?.m49Source).toBe('inferred');
    expect(new Set([countryName('KP'), findingsCountryName('KP'), countryByAlpha2('KP')?.name])).toEqual(new Set(['North Korea']));
    // Intermediate regions (Western Africa) are not sub-regions: grouping is by Sub-Saharan Africa.
    expect(m49Of('NG')).toEqual({ region: 'Africa', subregion: 'Sub-Saharan Africa' });
    expect(countryByAlpha2('NG')?.m49Intermediate).toBe('Western Africa');
  });

  it('unknown and empty codes', () => {
    expect(m49RegionOf('ZZ')).toBeNull();
    expect(m49Of('ZZ')).toEqual({ region: null, subregion: null });
    expect(countryName('ZZ')).toBe('ZZ');
    expect(countryName(null)).toBe('unknown');
  });
});

describe('the synced ref_countries table answers as the functions do', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });

  it('for every country, through tracing\'s resolver', async () => {
    const resolver = await regionResolver(t.db);
    expect(resolver.from).toBe('ref_countries');
    for (const c of allCountries()) expect(resolver.regionOf(c.alpha2), c.alpha2).toEqual(m49Of(c.alpha2));
  });
});
