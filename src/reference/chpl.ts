/**
 * The Common High Priority List: HS6 codes of items most needed by Russia's weapons programmes,
 * grouped in tiers (1 = highest priority). Copied from the shared reference CSV into JSON so the
 * engine can import it; `test/markings/catalogue.test.ts` checks the copy against the source.
 */
import chpl from './data/chpl.json' with { type: 'json' };

export interface ChplEntry {
  hs6: string;
  tier: string;
  description: string;
}

export const CHPL_VERSION: string = chpl.version;
export const CHPL: readonly ChplEntry[] = chpl.entries;
export const CHPL_BY_HS6: ReadonlyMap<string, ChplEntry> = new Map(CHPL.map((e) => [e.hs6, e]));
