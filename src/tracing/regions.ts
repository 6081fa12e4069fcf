import { countryByAlpha2 } from '../reference/index.js';
import type { RegionFacts } from './analysis.js';

/**
 * Country → UN M49 region and sub-region, as the reference context places it. Used when the
 * reference table `ref_countries` is not there, so findings never depend on whether that sync
 * has run; both answers come from the same function.
 */
export function m49Of(alpha2: string): RegionFacts {
  const c = countryByAlpha2(alpha2);
  return { subregion: c?.m49Subregion ?? null, region: c?.m49Region ?? null };
}
