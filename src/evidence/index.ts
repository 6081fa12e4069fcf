/** Evidence: incidents, items, components, custody, sources, claims, organisations and files. */
export { list, get, create, update, remove, referencesTo, referencesOf, referencesSchema, columnsOf, whereListed, type ResourceSpec, type Page, type ListQuery, type Reference } from './store.js';
export { RESOURCES, filterQuery, organisations, sources, claims, incidents, items, custodyEvents, components } from './specs.js';
export * as schemas from './resources.js';
export { storeFile, describeFile, listFiles, readFileContent, readFileForDownload, deleteFile, sniffMediaType, sha256Hex, LINK_FIELDS, type LinkField } from './files.js';
export { findOrCreateMaker, COMPONENT_COMPUTED } from './components.js';
/** A marking read in a component's item context, as a create would store it (OCR's read-marking route uses these). */
export { itemContext } from './components.js';
export { componentSuggestion, suggestionContextOf, suggestedValue, type ComponentSuggestion } from './component-rules.js';
/** The component fields identification derives (the import writes them set-based). */
export { DERIVED_FIELDS } from './resources.js';
export { withoutMetadata, stripJpegMetadata, stripPngMetadata, stripWebpMetadata, stripGifMetadata } from './metadata.js';
export { typoSearch, queryWords, rank as rankSearchHit, type SearchHit, type SearchKind } from './search.js';
export { thumbnailOf, photoChecks, backfillPhotoFacts, isThumbnailSize, NEAR_DUPLICATE_MAX_DISTANCE, type PhotoChecks, type NearDuplicate } from './photos.js';
export { THUMBNAIL_SIZES, type ThumbnailSize } from './images.js';
export { photoWarnings, type PhotoWarning } from './photo-checks.js';
export { captureTime, describeCaptureTime, type CaptureTime } from './capture-time.js';
export { captureFromHeaders, type ClientCapture } from './offline-capture.js';
/** The create schemas the import maps files onto, the reading suggestions and the write context of a resource spec (for claims). */
export { chplTier, claimCreate, componentCreate, incidentCreate, itemCreate, organisationCreate, saidOnPrecision, sourceCreate } from './resources.js';
export type { StrippedJpeg } from './metadata.js';
export { fieldsOf, readingSuggestions } from './component-rules.js';
export type { WriteContext } from './store.js';
