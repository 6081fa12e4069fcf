/**
 * The reference context's face: countries and their M49 regions, makers, the CHPL and HS rules.
 * Pure (static data), so pure modules such as the identification engine may import it. The sync
 * that loads these into PostgreSQL is the database foundation's (`src/db/reference-sync.ts`).
 */
export { allCountries, countryByAlpha2, countryName, type CountryRecord } from './countries.js';
export { MAKERS, MAKERS_BY_ID, MAKER_FILES, componentMakers, ownershipChain, related, type MakerKind, type MakerRecord, type PrefixRecord } from './makers.js';
export { CHPL, CHPL_BY_HS6, CHPL_VERSION, type ChplEntry } from './chpl.js';
export { HS_RULES, HS_RULES_VERSION, HS_RULE_BY_CATEGORY, type HsRule } from './hs.js';
