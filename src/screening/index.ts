/**
 * Sanctions screening: the face that http/, cli/ and other contexts
 * (findings, tracing) import. See docs/screening.md.
 */
export { importList, sniffFormat, type ImportOptions, type ImportResult } from './importer.js';
export { importAndScreen, runListImportJob, LIST_IMPORT_JOB, type ListImportInput } from './list-import.js';
export { screeningIndex, invalidateIndex, listLists, listsStamp, type ListInfo, type LoadedIndex } from './store.js';
export {
  screenOrganisations,
  screeningSettings,
  dueCount,
  listMatches,
  getMatch,
  decideMatch,
  sanctionedOrganisations,
  sanctionedOrganisationIds,
  loadedLists,
  type ScreeningSummary,
  type ScreeningSettings,
  type MatchView,
  type MatchStatus,
  type Decision,
  type SanctionedMatch,
} from './service.js';
export {
  runMatch, matchBody, matchQuerystring, matchResponse, getEntity, searchEntities, searchQuerystring, searchResponse, yenteEntity,
  type MatchBody, type MatchResponse,
} from './yente.js';
export { startAutoScreening } from './auto.js';
/** Country names as people write them, to ISO alpha-2 (evidence filters and the import read them too). */
export { countryFromText, normaliseCountry } from './countries.js';
export { rescreenDelta, listDelta, type DeltaScreening, type ListDelta, type ListChange } from './delta.js';
export { LIST_FORMATS } from './parsers/index.js';
export type { ListFormat } from './types.js';
