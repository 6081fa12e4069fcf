/**
 * Country names and UN M49 regions for findings. "Intermediaries mostly based in East Asia" is a
 * statement about M49 sub-regions; the placement itself is the reference context's (one answer
 * for every caller), shaped here into the code/name pair findings group by.
 */
import { countryByAlpha2 } from '../reference/index.js';

export { countryName } from '../reference/index.js';

export interface M49Region {
  /** Sub-region (e.g. `030` Eastern Asia) when the country has one, else the region. */
  code: string;
  name: string;
  /** The continental region (e.g. `142` Asia). */
  regionCode: string | null;
  regionName: string | null;
}

export function m49RegionOf(alpha2: string | null | undefined): M49Region | null {
  const c = countryByAlpha2(alpha2);
  const code = c?.m49SubregionCode ?? c?.m49RegionCode;
  const name = c?.m49Subregion ?? c?.m49Region;
  if (!c || !code || !name) return null;
  return { code, name, regionCode: c.m49RegionCode, regionName: c.m49Region };
}
