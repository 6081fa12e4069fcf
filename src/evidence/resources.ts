import { z } from 'zod';
import { country, externalId, id, isoDate, isoDateTime, latitude, longitude, recordMeta, requiredText, text, visibility } from '../fields.js';

/**
 * The evidence resources: one zod schema each for what a client may send and what it gets back.
 * The same schemas validate requests, describe the OpenAPI document and type the web client.
 */

const common = {
  externalId: externalId.nullish(),
  illustrative: z.boolean().optional(),
  visibility: visibility.optional(),
};
const commonRow = {
  ...recordMeta,
  externalId: z.string().nullable(),
  illustrative: z.boolean(),
};

export const organisationKind = z.enum(['manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other']);
export const organisationCreate = z.object({
  name: requiredText(500),
  nameUk: text(500).nullish().describe('the name in Ukrainian (issue 24); search finds either'),
  aliases: z.array(requiredText(500)).max(200).optional(),
  kind: organisationKind,
  country: country.nullish(),
  parentId: id.nullish(),
  parentFrom: isoDate.nullish(),
  parentTo: isoDate.nullish(),
  website: text(2000).nullish(),
  notes: text(100_000).nullish(),
  ...common,
});
export const organisationRow = z.object({
  ...commonRow,
  name: z.string(),
  nameUk: z.string().nullable(),
  aliases: z.array(z.string()),
  kind: organisationKind,
  country: z.string().nullable(),
  parentId: id.nullable(),
  parentFrom: z.string().nullable(),
  parentTo: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
});

export const sourceKind = z.enum(['news_report', 'official_statement', 'research_report', 'field_note', 'correspondence']);
export const sourceCreate = z.object({
  kind: sourceKind,
  title: requiredText(1000),
  publisher: text(500).nullish(),
  author: text(500).nullish(),
  url: text(2000).regex(/^https?:\/\//i, 'must be an http(s) URL').nullish(),
  publishedOn: isoDate.nullish(),
  language: text(35).regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or uk').nullish(),
  summary: text(100_000).nullish(),
  fullText: text(5_000_000).nullish(),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256').nullish(),
  ...common,
});
export const sourceRow = z.object({
  ...commonRow,
  kind: sourceKind,
  title: z.string(),
  publisher: z.string().nullable(),
  author: z.string().nullable(),
  url: z.string().nullable(),
  publishedOn: z.string().nullable(),
  language: z.string().nullable(),
  summary: z.string().nullable(),
  fullText: z.string().nullable(),
  textSha256: z.string().nullable(),
  fileSha256: z.string().nullable(),
});

export const claimStatus = z.enum(['unverified', 'corroborated', 'disputed', 'refuted']);
export const quantityQualifier = z.enum(['exact', 'at_least', 'at_most', 'about', 'more_than', 'less_than']);
/** How precisely a claim's date is known: "in February 2024" is stored as 2024-02-01 with precision month. */
export const saidOnPrecision = z.enum(['day', 'month', 'year']);
export const claimCreate = z.object({
  sourceId: id,
  speaker: text(500).nullish(),
  speakerUk: text(500).nullish().describe('the speaker\'s name in Ukrainian (issue 24)'),
  speakerOrganisation: text(500).nullish(),
  saidOn: isoDate.nullish(),
  saidOnPrecision: saidOnPrecision.optional(),
  quantity: z.number().min(0).max(1e12).nullish(),
  quantityQualifier: quantityQualifier.nullish(),
  countsWhat: text(500).nullish(),
  weaponType: text(200).nullish(),
  place: text(500).nullish(),
  placeUk: text(500).nullish().describe('the place in Ukrainian (issue 24)'),
  eventFrom: isoDate.nullish(),
  eventTo: isoDate.nullish(),
  quotedText: text(20_000).nullish(),
  ...common,
});
export const claimRow = z.object({
  ...commonRow,
  sourceId: id,
  speaker: z.string().nullable(),
  speakerUk: z.string().nullable(),
  speakerOrganisation: z.string().nullable(),
  saidOn: z.string().nullable(),
  saidOnPrecision,
  quantity: z.number().nullable(),
  quantityQualifier: quantityQualifier.nullable(),
  countsWhat: z.string().nullable(),
  weaponType: z.string().nullable(),
  place: z.string().nullable(),
  placeUk: z.string().nullable(),
  eventFrom: z.string().nullable(),
  eventTo: z.string().nullable(),
  quotedText: z.string().nullable(),
  status: claimStatus,
  statusReason: z.string().nullable(),
  statusBy: id.nullable(),
  statusAt: z.string().nullable(),
});

export const locationPrecision = z.enum(['exact', 'vicinity', 'locality', 'region']);
export const incidentCreate = z.object({
  title: requiredText(500),
  occurredFrom: isoDate,
  occurredTo: isoDate.nullish(),
  placeName: text(500).nullish(),
  placeNameUk: text(500).nullish().describe('the place in Ukrainian (issue 24); search finds either'),
  lat: latitude.nullish(),
  lon: longitude.nullish(),
  locationPrecision: locationPrecision.nullish(),
  locationSensitive: z.boolean().optional(),
  weaponTypes: z.array(requiredText(200)).max(50).optional(),
  description: text(100_000).nullish(),
  sourceIds: z.array(id).max(500).optional(),
  claimIds: z.array(id).max(2000).optional(),
  ...common,
});
export const incidentRow = z.object({
  ...commonRow,
  title: z.string(),
  occurredFrom: z.string(),
  occurredTo: z.string().nullable(),
  placeName: z.string().nullable(),
  placeNameUk: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  locationPrecision: locationPrecision.nullable(),
  locationSensitive: z.boolean(),
  weaponTypes: z.array(z.string()),
  description: z.string().nullable(),
  sourceIds: z.array(id),
  claimIds: z.array(id),
});

export const identificationConfidence = z.enum(['confirmed', 'probable', 'possible', 'unknown']);
export const itemCreate = z.object({
  label: requiredText(500),
  incidentId: id.nullish(),
  weaponModel: text(200).nullish(),
  weaponFamily: text(200).nullish(),
  identificationConfidence: identificationConfidence.optional(),
  recoveredOn: isoDate.nullish(),
  recoveredPlace: text(500).nullish(),
  recoveredPlaceUk: text(500).nullish().describe('the place in Ukrainian (issue 24)'),
  recoveredLat: latitude.nullish(),
  recoveredLon: longitude.nullish(),
  productionMarks: text(2000).nullish(),
  usedOn: isoDate.nullish(),
  description: text(100_000).nullish(),
  ...common,
});
export const itemRow = z.object({
  ...commonRow,
  label: z.string(),
  incidentId: id.nullable(),
  weaponModel: z.string().nullable(),
  weaponFamily: z.string().nullable(),
  identificationConfidence,
  recoveredOn: z.string().nullable(),
  recoveredPlace: z.string().nullable(),
  recoveredPlaceUk: z.string().nullable(),
  recoveredLat: z.number().nullable(),
  recoveredLon: z.number().nullable(),
  productionMarks: z.string().nullable(),
  usedOn: z.string().nullable(),
  description: z.string().nullable(),
});

export const custodyEventCreate = z.object({
  itemId: id,
  holder: requiredText(500),
  heldFrom: isoDateTime,
  heldTo: isoDateTime.nullish(),
  place: text(500).nullish(),
  notes: text(20_000).nullish(),
  visibility: visibility.optional(),
});
export const custodyEventRow = z.object({
  ...recordMeta,
  itemId: id,
  holder: z.string(),
  heldFrom: z.string(),
  heldTo: z.string().nullable(),
  place: z.string().nullable(),
  notes: z.string().nullable(),
});

/** The component fields the identification engine proposes and an analyst confirms or overrides. */
export const DERIVED_FIELDS = [
  'partNumber', 'makerId', 'makerCountry', 'dateCodeText', 'productionFrom', 'productionTo', 'lot', 'category', 'hs6', 'chplTier',
] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];

export const chplTier = z.enum(['1', '2', '3.A', '3.B', '4.A', '4.B']);
export const componentCreate = z.object({
  itemId: id,
  subAssembly: text(200).nullish(),
  position: text(200).nullish(),
  markingRaw: requiredText(10_000),
  partNumber: text(200).nullish(),
  makerId: id.nullish(),
  makerCountry: country.nullish(),
  dateCodeText: text(200).nullish(),
  productionFrom: isoDate.nullish(),
  productionTo: isoDate.nullish(),
  lot: text(200).nullish(),
  serial: text(200).nullish(),
  category: text(200).nullish(),
  hs6: z.string().regex(/^[0-9]{6}$/, 'must be six digits').nullish(),
  chplTier: chplTier.nullish(),
  quantity: z.number().int().min(1).max(100_000).optional(),
  notes: text(20_000).nullish(),
  /** Derived fields whose current value the caller confirms as correct. */
  confirm: z.array(z.enum(DERIVED_FIELDS)).max(DERIVED_FIELDS.length).optional(),
  /**
   * The suggested values the person saw when confirming (the maker by name, as the suggestion
   * names it): a confirmed field whose current suggestion differs is refused with 409.
   */
  expect: z.partialRecord(z.enum(DERIVED_FIELDS), text(500).nullable()).optional(),
  ...common,
});
export const fieldStatus = z.record(z.string(), z.object({ state: z.enum(['suggested', 'confirmed']), by: id.nullable(), at: z.string() }));
export const componentRow = z.object({
  ...commonRow,
  itemId: id,
  subAssembly: z.string().nullable(),
  position: z.string().nullable(),
  markingRaw: z.string(),
  partNumber: z.string().nullable(),
  makerId: id.nullable(),
  makerCountry: z.string().nullable(),
  dateCodeText: z.string().nullable(),
  productionFrom: z.string().nullable(),
  productionTo: z.string().nullable(),
  lot: z.string().nullable(),
  serial: z.string().nullable(),
  category: z.string().nullable(),
  hs6: z.string().nullable(),
  chplTier: z.string().nullable(),
  quantity: z.number().int(),
  notes: z.string().nullable(),
  suggestion: z.unknown().nullable(),
  fieldStatus,
  /** The production window in force is the engine's pick among several readings no person has decided between. */
  ambiguous: z.boolean(),
  /** With `ambiguous`: the span of the window and its alternatives (the conservative window). */
  envelopeFrom: z.string().nullable(),
  envelopeTo: z.string().nullable(),
});

export const evidenceFileRow = z.object({
  ...recordMeta,
  sha256: z.string(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  exifTakenAt: z.string().nullable().describe('capture instant (UTC), only when the time zone is known (exifZoneSource offset or gps)'),
  exifTakenLocal: z.string().nullable().describe('EXIF capture time as the camera wrote it, YYYY-MM-DDTHH:MM:SS, no zone'),
  exifZoneSource: z.enum(['offset', 'gps', 'none']).nullable().describe('how the capture time zone is known: offset (EXIF OffsetTimeOriginal), gps (from GPS time), none (local camera time, time zone unknown)'),
  exifUtcOffset: z.string().nullable().describe('UTC offset of the capture time, +03:00, when known'),
  exifSoftware: z.string().nullable().describe('EXIF Software: what last wrote the file (camera firmware or an editor)'),
  gpsLat: z.number().nullable(),
  gpsLon: z.number().nullable(),
  caption: z.string().nullable(),
  incidentId: id.nullable(),
  itemId: id.nullable(),
  componentId: id.nullable(),
  sourceId: id.nullable(),
  claimId: id.nullable(),
  organisationId: id.nullable(),
  illustrative: z.boolean(),
});

/** GET /api/evidence-files/:id/checks (src/evidence/photos.ts, rules in photo-checks.ts). */
export const photoChecks = z.object({
  warnings: z.array(z.object({
    code: z.enum(['taken-after-upload', 'taken-before-incident', 'gps-far-from-incident', 'edited-with-software']),
    message: z.string(),
    distanceKm: z.number().optional().describe('gps-far-from-incident: great-circle distance, km'),
    software: z.string().optional().describe('edited-with-software: the EXIF Software tag'),
    limitKm: z.number().optional().describe('gps-far-from-incident: the distance beyond which a photo is far, for the precision of the incident\'s place'),
    capturedLocal: z.string().optional().describe('time warnings: the EXIF capture time as written (local camera time)'),
    zoneKnown: z.boolean().optional().describe('time warnings: whether the capture time zone is known'),
    incidentDate: z.string().optional().describe('taken-before-incident: the incident\'s first day'),
  })),
  nearDuplicates: z.array(z.object({
    file: evidenceFileRow,
    distance: z.number().int().describe('Hamming distance of the 64-bit perceptual hashes'),
    sameContent: z.boolean().describe('the same bytes (same SHA-256) uploaded again'),
  })),
  duplicateSearch: z.enum(['done', 'not-an-image', 'not-decodable']),
  maxDistance: z.number().int().describe('the largest distance shown as a near duplicate'),
});

/** List filters every resource with those columns accepts. */
export const visibilityFilter = {
  visibility: visibility.optional(),
  illustrative: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
};
