/**
 * The reference context's face: countries and their M49 regions, makers, the CHPL and HS rules,
 * and the sync that loads them into PostgreSQL. Other contexts import from here.
 */
export { allCountries, countryByAlpha2, countryName, type CountryRecord } from './countries.js';
export { MAKERS, MAKERS_BY_ID, MAKER_FILES, componentMakers, ownershipChain, related, type MakerKind, type MakerRecord, type PrefixRecord } from './makers.js';
export { CHPL, CHPL_BY_HS6, CHPL_VERSION, type ChplEntry } from './chpl.js';
export { HS_RULES, HS_RULES_VERSION, HS_RULE_BY_CATEGORY, type HsRule } from './hs.js';
export { referenceRows, syncReferenceData } from './sync.js';
