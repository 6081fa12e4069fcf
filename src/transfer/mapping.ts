import type { z } from 'zod';
import { chplTier, claimCreate, componentCreate, incidentCreate, itemCreate, organisationCreate, saidOnPrecision, sourceCreate } from '../evidence/index.js';

/**
 * Which column of a spreadsheet feeds which field of a record. Pure: no I/O.
 *
 * Investigators' tables name the same thing many ways ("Manufacturer", "Maker", "Mfr."), so each
 * field lists the header texts it answers to; headers are compared after normalisation (case,
 * punctuation and spacing ignored). Our own exports use the field names themselves, which always
 * match, so an export re-imports without a mapping. A user's choice (`overrides`, or a saved
 * profile) wins over the automatic match.
 */
export const IMPORT_RESOURCES = ['organisations', 'sources', 'claims', 'incidents', 'items', 'components'] as const;
export type ImportResource = (typeof IMPORT_RESOURCES)[number];

export type FieldKind =
  | 'text' // free text, bounded by the create schema
  | 'date' // calendar date, stored as YYYY-MM-DD
  | 'number'
  | 'int'
  | 'bool'
  | 'enum'
  | 'country' // ISO 3166-1 alpha-2; names and alpha-3 codes are converted
  | 'uuid'
  | 'textArray' // a JSON array or a list separated by ; | or line breaks
  | 'uuidArray'
  | 'json'; // a JSON object (fieldStatus of components)

export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** Target column (snake_case); null for references resolved to another record's id. */
  column: string | null;
  synonyms: string[];
  /** The zod schema of the create body this field validates against (reused, not re-declared). */
  schema?: z.ZodType;
  /** Accepted spellings of enum values, normalised → stored value. */
  enumValues?: readonly string[];
  /** Every row needs a value (directly or through a default). */
  required?: boolean;
  /** A reference to another record: one of a group of fields naming it by id, external id or label. */
  ref?: { group: string; resource: ImportResource; by: 'id' | 'externalId' | 'label' };
  /** Left out of the content key (meta fields: changing them must not make a new record). */
  notInKey?: boolean;
  /** Long free text kept exactly as written (no trimming): its hash is evidence. */
  verbatim?: boolean;
}

/** Reference groups: at least one field of a required group must name the record on every row. */
export interface RefGroup {
  name: string;
  resource: ImportResource;
  /** Column of the importing table that receives the resolved id (null for link tables). */
  column: string;
  required: boolean;
  /** When nothing matches a label, create the record with that label (components name their item). */
  createMissingByLabel?: boolean;
}

const shape = <T extends z.ZodObject>(o: T) => o.shape as Record<string, z.ZodType>;
const org = shape(organisationCreate);
const src = shape(sourceCreate);
const clm = shape(claimCreate);
const inc = shape(incidentCreate);
const itm = shape(itemCreate);
const cmp = shape(componentCreate);

function f(name: string, kind: FieldKind, column: string | null, synonyms: string[], extra: Partial<FieldDef> = {}): FieldDef {
  return { name, kind, column, synonyms, ...extra };
}

const meta = (s: Record<string, z.ZodType>): FieldDef[] => [
  f('id', 'uuid', 'id', ['remnant id', 'uuid'], { notInKey: true }),
  f('externalId', 'text', 'external_id', ['external id', 'ext id', 'record id', 'reference', 'ref', 'ref no', 'reference number', 'case id'], { schema: s.externalId, notInKey: true }),
  f('illustrative', 'bool', 'illustrative', ['illustrative', 'example', 'demo'], { notInKey: true }),
  f('visibility', 'enum', 'visibility', ['visibility', 'access', 'publication'], { enumValues: ['restricted', 'internal', 'public'], notInKey: true }),
];

export const FIELDS: Record<ImportResource, FieldDef[]> = {
  organisations: [
    ...meta(org),
    f('name', 'text', 'name', ['name', 'organisation', 'organization', 'company', 'company name', 'entity', 'entity name', 'manufacturer', 'maker', 'firm'], { schema: org.name, required: true }),
    f('aliases', 'textArray', 'aliases', ['aliases', 'alias', 'aka', 'also known as', 'other names', 'alternative names', 'brand names'], { schema: org.aliases }),
    f('nameUk', 'text', 'name_uk', ['name uk', 'name (uk)', 'name in ukrainian', 'назва'], { schema: org.nameUk }),
    f('kind', 'enum', 'kind', ['kind', 'type', 'role', 'organisation type', 'organization type', 'category'], {
      enumValues: ['manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other'], required: true,
    }),
    f('country', 'country', 'country', ['country', 'country code', 'jurisdiction', 'hq country', 'headquarters', 'nationality', 'registered in']),
    f('parentId', 'uuid', null, ['parent id'], { ref: { group: 'parent', resource: 'organisations', by: 'id' } }),
    f('parentExternalId', 'text', null, ['parent external id', 'parent ref'], { ref: { group: 'parent', resource: 'organisations', by: 'externalId' } }),
    f('parentName', 'text', null, ['parent', 'parent name', 'parent company', 'owner', 'owned by', 'subsidiary of'], { ref: { group: 'parent', resource: 'organisations', by: 'label' } }),
    f('parentFrom', 'date', 'parent_from', ['parent from', 'owned since', 'acquired', 'acquired on'], { schema: org.parentFrom }),
    f('parentTo', 'date', 'parent_to', ['parent to', 'owned until', 'divested', 'divested on'], { schema: org.parentTo }),
    f('website', 'text', 'website', ['website', 'web site', 'url', 'homepage', 'web'], { schema: org.website }),
    f('notes', 'text', 'notes', ['notes', 'note', 'comments', 'comment', 'remarks', 'description'], { schema: org.notes, verbatim: true }),
  ],
  sources: [
    ...meta(src),
    f('kind', 'enum', 'kind', ['kind', 'type', 'source type', 'document type'], {
      enumValues: ['news_report', 'official_statement', 'research_report', 'field_note', 'correspondence'], required: true,
    }),
    f('title', 'text', 'title', ['title', 'headline', 'name', 'document', 'report'], { schema: src.title, required: true }),
    f('publisher', 'text', 'publisher', ['publisher', 'outlet', 'organisation', 'organization', 'published by', 'media'], { schema: src.publisher }),
    f('author', 'text', 'author', ['author', 'authors', 'by', 'writer'], { schema: src.author }),
    f('url', 'text', 'url', ['url', 'link', 'web address', 'address', 'source url'], { schema: src.url }),
    f('publishedOn', 'date', 'published_on', ['published on', 'published', 'publication date', 'date', 'date published'], { schema: src.publishedOn }),
    f('language', 'text', 'language', ['language', 'lang'], { schema: src.language }),
    f('summary', 'text', 'summary', ['summary', 'abstract', 'description', 'notes'], { schema: src.summary, verbatim: true }),
    f('fullText', 'text', 'full_text', ['full text', 'text', 'body', 'content'], { schema: src.fullText, verbatim: true }),
    f('fileSha256', 'text', 'file_sha256', ['file sha256', 'sha256', 'file hash'], { schema: src.fileSha256 }),
  ],
  claims: [
    ...meta(clm),
    f('sourceId', 'uuid', null, ['source id'], { ref: { group: 'source', resource: 'sources', by: 'id' } }),
    f('sourceExternalId', 'text', null, ['source external id', 'source ref', 'source reference'], { ref: { group: 'source', resource: 'sources', by: 'externalId' } }),
    f('sourceTitle', 'text', null, ['source', 'source title', 'document', 'report'], { ref: { group: 'source', resource: 'sources', by: 'label' } }),
    f('speaker', 'text', 'speaker', ['speaker', 'said by', 'who', 'person', 'official'], { schema: clm.speaker }),
    f('speakerUk', 'text', 'speaker_uk', ['speaker uk', 'speaker (uk)', 'speaker in ukrainian', 'хто сказав'], { schema: clm.speakerUk }),
    f('speakerOrganisation', 'text', 'speaker_organisation', ['speaker organisation', 'speaker organization', 'on behalf of', 'agency', 'institution'], { schema: clm.speakerOrganisation }),
    f('saidOn', 'date', 'said_on', ['said on', 'date said', 'statement date', 'date'], { schema: clm.saidOn }),
    f('saidOnPrecision', 'enum', 'said_on_precision', ['said on precision', 'date precision', 'date said precision'], { enumValues: saidOnPrecision.options }),
    f('quantity', 'number', 'quantity', ['quantity', 'number', 'count', 'amount', 'how many'], { schema: clm.quantity }),
    f('quantityQualifier', 'enum', 'quantity_qualifier', ['quantity qualifier', 'qualifier', 'precision'], {
      enumValues: ['exact', 'at_least', 'at_most', 'about', 'more_than', 'less_than'],
    }),
    f('countsWhat', 'text', 'counts_what', ['counts what', 'of what', 'unit', 'counted'], { schema: clm.countsWhat }),
    f('weaponType', 'text', 'weapon_type', ['weapon type', 'weapon', 'missile', 'missile type', 'system'], { schema: clm.weaponType }),
    f('place', 'text', 'place', ['place', 'location', 'where', 'region'], { schema: clm.place }),
    f('placeUk', 'text', 'place_uk', ['place uk', 'place (uk)', 'place in ukrainian', 'місце'], { schema: clm.placeUk }),
    f('eventFrom', 'date', 'event_from', ['event from', 'from', 'start', 'start date', 'period from'], { schema: clm.eventFrom }),
    f('eventTo', 'date', 'event_to', ['event to', 'to', 'end', 'end date', 'period to'], { schema: clm.eventTo }),
    f('quotedText', 'text', 'quoted_text', ['quoted text', 'quote', 'quotation', 'statement', 'text', 'claim'], { schema: clm.quotedText, verbatim: true }),
    f('status', 'enum', 'status', ['status', 'verification', 'verification status'], { enumValues: ['unverified', 'corroborated', 'disputed', 'refuted'] }),
    f('statusReason', 'text', 'status_reason', ['status reason', 'reason', 'ruling reason'], { schema: clm.quotedText, verbatim: true }),
  ],
  incidents: [
    ...meta(inc),
    f('title', 'text', 'title', ['title', 'incident', 'event', 'name', 'strike', 'attack'], { schema: inc.title, required: true }),
    f('occurredFrom', 'date', 'occurred_from', ['occurred from', 'occurred on', 'date', 'date of strike', 'strike date', 'attack date', 'start date', 'from'], {
      schema: inc.occurredFrom, required: true,
    }),
    f('occurredTo', 'date', 'occurred_to', ['occurred to', 'end date', 'to', 'until'], { schema: inc.occurredTo }),
    f('placeName', 'text', 'place_name', ['place name', 'place', 'location', 'city', 'town', 'settlement', 'oblast', 'where'], { schema: inc.placeName }),
    f('placeNameUk', 'text', 'place_name_uk', ['place name uk', 'place name (uk)', 'place in ukrainian', 'населений пункт'], { schema: inc.placeNameUk }),
    f('lat', 'number', 'lat', ['lat', 'latitude', 'y'], { schema: inc.lat }),
    f('lon', 'number', 'lon', ['lon', 'lng', 'long', 'longitude', 'x'], { schema: inc.lon }),
    f('locationPrecision', 'enum', 'location_precision', ['location precision', 'precision', 'accuracy', 'geolocation precision'], {
      enumValues: ['exact', 'vicinity', 'locality', 'region'],
    }),
    f('locationSensitive', 'bool', 'location_sensitive', ['location sensitive', 'sensitive location', 'sensitive']),
    f('weaponTypes', 'textArray', 'weapon_types', ['weapon types', 'weapon type', 'weapons', 'weapon', 'missile', 'missiles', 'missile type'], { schema: inc.weaponTypes }),
    f('description', 'text', 'description', ['description', 'details', 'summary', 'notes'], { schema: inc.description, verbatim: true }),
    f('sourceIds', 'uuidArray', null, ['source ids'], { schema: inc.sourceIds }),
    f('claimIds', 'uuidArray', null, ['claim ids'], { schema: inc.claimIds }),
  ],
  items: [
    ...meta(itm),
    f('label', 'text', 'label', ['label', 'item', 'name', 'sample', 'sample id', 'object', 'debris', 'remnant', 'exhibit'], { schema: itm.label, required: true }),
    f('incidentId', 'uuid', null, ['incident id'], { ref: { group: 'incident', resource: 'incidents', by: 'id' } }),
    f('incidentExternalId', 'text', null, ['incident external id', 'incident ref', 'incident reference'], { ref: { group: 'incident', resource: 'incidents', by: 'externalId' } }),
    f('incidentTitle', 'text', null, ['incident', 'incident title', 'strike', 'attack', 'event'], { ref: { group: 'incident', resource: 'incidents', by: 'label' } }),
    f('weaponModel', 'text', 'weapon_model', ['weapon model', 'weapon', 'model', 'missile', 'missile type', 'system'], { schema: itm.weaponModel }),
    f('weaponFamily', 'text', 'weapon_family', ['weapon family', 'family', 'class'], { schema: itm.weaponFamily }),
    f('identificationConfidence', 'enum', 'identification_confidence', ['identification confidence', 'confidence', 'identification'], {
      enumValues: ['confirmed', 'probable', 'possible', 'unknown'],
    }),
    f('recoveredOn', 'date', 'recovered_on', ['recovered on', 'recovered', 'recovery date', 'date recovered', 'found on'], { schema: itm.recoveredOn }),
    f('recoveredPlace', 'text', 'recovered_place', ['recovered place', 'recovery place', 'place', 'location', 'found at'], { schema: itm.recoveredPlace }),
    f('recoveredPlaceUk', 'text', 'recovered_place_uk', ['recovered place uk', 'recovered place (uk)', 'місце знахідки'], { schema: itm.recoveredPlaceUk }),
    f('recoveredLat', 'number', 'recovered_lat', ['recovered lat', 'lat', 'latitude'], { schema: itm.recoveredLat }),
    f('recoveredLon', 'number', 'recovered_lon', ['recovered lon', 'lon', 'lng', 'longitude'], { schema: itm.recoveredLon }),
    f('productionMarks', 'text', 'production_marks', ['production marks', 'marks', 'markings', 'serial marks'], { schema: itm.productionMarks }),
    f('usedOn', 'date', 'used_on', ['used on', 'used', 'launch date', 'date used', 'date of use'], { schema: itm.usedOn }),
    f('description', 'text', 'description', ['description', 'details', 'notes', 'comments'], { schema: itm.description, verbatim: true }),
  ],
  components: [
    ...meta(cmp),
    f('itemId', 'uuid', null, ['item id'], { ref: { group: 'item', resource: 'items', by: 'id' } }),
    f('itemExternalId', 'text', null, ['item external id', 'item ref', 'item reference', 'sample id'], { ref: { group: 'item', resource: 'items', by: 'externalId' } }),
    f('itemLabel', 'text', null, ['item', 'item label', 'weapon', 'missile', 'sample', 'object', 'debris', 'remnant', 'found in', 'source weapon'], {
      ref: { group: 'item', resource: 'items', by: 'label' },
    }),
    f('subAssembly', 'text', 'sub_assembly', ['sub assembly', 'subassembly', 'assembly', 'module', 'subsystem', 'system', 'board', 'unit'], { schema: cmp.subAssembly }),
    f('position', 'text', 'position', ['position', 'designator', 'reference designator', 'ref des', 'location on board', 'slot'], { schema: cmp.position }),
    f('markingRaw', 'text', 'marking_raw', ['marking raw', 'marking', 'markings', 'marking text', 'inscription', 'label text', 'printed text', 'top marking', 'chip marking'], {
      schema: cmp.markingRaw, required: true,
    }),
    f('partNumber', 'text', 'part_number', ['part number', 'part no', 'part', 'p n', 'pn', 'mpn', 'model', 'component model', 'component', 'part name'], { schema: cmp.partNumber }),
    f('makerId', 'uuid', null, ['maker id', 'manufacturer id'], { ref: { group: 'maker', resource: 'organisations', by: 'id' } }),
    f('makerName', 'text', null, ['maker', 'maker name', 'manufacturer', 'mfr', 'brand', 'producer', 'vendor', 'company'], { ref: { group: 'maker', resource: 'organisations', by: 'label' } }),
    f('makerCountry', 'country', 'maker_country', ['maker country', 'manufacturer country', 'country', 'country of origin', 'origin', 'country of manufacture', 'hq country'], { schema: cmp.makerCountry }),
    f('dateCodeText', 'text', 'date_code_text', ['date code text', 'date code', 'datecode', 'dc'], { schema: cmp.dateCodeText }),
    f('productionFrom', 'date', 'production_from', ['production from', 'produced from', 'production date', 'manufacture date', 'made on', 'date of manufacture'], { schema: cmp.productionFrom }),
    f('productionTo', 'date', 'production_to', ['production to', 'produced to', 'produced by'], { schema: cmp.productionTo }),
    f('lot', 'text', 'lot', ['lot', 'lot number', 'lot no', 'batch', 'batch number'], { schema: cmp.lot }),
    f('serial', 'text', 'serial', ['serial', 'serial number', 'serial no', 's n', 'sn'], { schema: cmp.serial }),
    f('category', 'text', 'category', ['category', 'component type', 'type', 'function', 'component category'], { schema: cmp.category }),
    f('hs6', 'text', 'hs6', ['hs6', 'hs code', 'hs', 'tariff code', 'customs code', 'hts'], { schema: cmp.hs6 }),
    f('chplTier', 'enum', 'chpl_tier', ['chpl tier', 'chpl', 'tier', 'priority tier'], { enumValues: chplTier.options }),
    f('quantity', 'int', 'quantity', ['quantity', 'qty', 'count', 'number', 'pcs', 'pieces'], { schema: cmp.quantity }),
    f('notes', 'text', 'notes', ['notes', 'note', 'comments', 'comment', 'remarks', 'description'], { schema: cmp.notes, verbatim: true }),
    f('fieldStatus', 'json', null, ['field status'], { notInKey: true }),
  ],
};

export const REF_GROUPS: Record<ImportResource, RefGroup[]> = {
  organisations: [{ name: 'parent', resource: 'organisations', column: 'parent_id', required: false }],
  sources: [],
  claims: [{ name: 'source', resource: 'sources', column: 'source_id', required: true }],
  incidents: [],
  items: [{ name: 'incident', resource: 'incidents', column: 'incident_id', required: false }],
  components: [
    { name: 'item', resource: 'items', column: 'item_id', required: true, createMissingByLabel: true },
    { name: 'maker', resource: 'organisations', column: 'maker_id', required: false, createMissingByLabel: true },
  ],
};

/** The table behind each resource and the column that names a record to a person. */
export const TABLES: Record<ImportResource, { table: string; label: string }> = {
  organisations: { table: 'organisations', label: 'name' },
  sources: { table: 'sources', label: 'title' },
  claims: { table: 'claims', label: 'quoted_text' },
  incidents: { table: 'incidents', label: 'title' },
  items: { table: 'items', label: 'label' },
  components: { table: 'components', label: 'marking_raw' },
};

export function isImportResource(s: string): s is ImportResource {
  return (IMPORT_RESOURCES as readonly string[]).includes(s);
}

/** "Part No." → "part no"; "partNumber" → "part number"; accents and punctuation ignored. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function fieldDef(resource: ImportResource, name: string): FieldDef | undefined {
  return FIELDS[resource].find((d) => d.name === name);
}

export interface Mapping {
  resource: ImportResource;
  /** field → index of the column it reads. */
  columns: Map<string, number>;
  /** field → header text, for reports and profiles. */
  headers: Map<string, string>;
  /** Headers no field reads, so a dry run can say what is left out. */
  unmapped: string[];
}

export interface MappingProblem {
  field: string;
  message: string;
}

/**
 * Maps headers to fields. An override names the header a field reads (`null` to read none).
 * Automatic matching goes header by header in order: the field name itself first, then the first
 * field (in declaration order) whose synonyms include the header and that no earlier header took.
 */
export function mapHeaders(
  resource: ImportResource,
  headers: readonly string[],
  overrides: Readonly<Record<string, string | null>> = {},
): { mapping: Mapping; problems: MappingProblem[] } {
  const defs = FIELDS[resource];
  const problems: MappingProblem[] = [];
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  const normalised = headers.map(normaliseHeader);

  for (const [field, header] of Object.entries(overrides)) {
    if (!defs.some((d) => d.name === field)) {
      problems.push({ field, message: `is not a field of ${resource}; fields are ${defs.map((d) => d.name).join(', ')}` });
      continue;
    }
    if (header === null) continue;
    const wanted = normaliseHeader(header);
    let idx = headers.indexOf(header);
    if (idx < 0) idx = normalised.indexOf(wanted);
    if (idx < 0) {
      problems.push({ field, message: `the file has no column "${header}"` });
      continue;
    }
    columns.set(field, idx);
    taken.add(idx);
  }
  const decided = new Set(Object.keys(overrides));
  // Two passes: exact field names (our own exports) claim their columns before synonyms guess.
  for (const pass of ['name', 'synonym'] as const) {
    normalised.forEach((h, idx) => {
      if (taken.has(idx) || h === '') return;
      const def = defs.find((d) => {
        if (columns.has(d.name) || decided.has(d.name)) return false;
        return pass === 'name' ? normaliseHeader(d.name) === h : d.synonyms.includes(h);
      });
      if (def) {
        columns.set(def.name, idx);
        taken.add(idx);
      }
    });
  }
  const mappedHeaders = new Map<string, string>();
  for (const [field, idx] of columns) mappedHeaders.set(field, headers[idx] ?? '');
  const unmapped = headers.filter((h, i) => !taken.has(i) && h.trim() !== '');
  return { mapping: { resource, columns, headers: mappedHeaders, unmapped }, problems };
}

/** What the mapping still lacks: required fields and required references with no column and no default. */
export function missingRequired(mapping: Mapping, defaults: Readonly<Record<string, string>>): MappingProblem[] {
  const out: MappingProblem[] = [];
  for (const d of FIELDS[mapping.resource]) {
    if (d.required && !mapping.columns.has(d.name) && !(d.name in defaults)) {
      out.push({ field: d.name, message: `is required: map a column to it${d.enumValues ? ` or give a default (one of ${d.enumValues.join(', ')})` : ' or give a default'}` });
    }
  }
  for (const g of REF_GROUPS[mapping.resource]) {
    if (!g.required) continue;
    const members = FIELDS[mapping.resource].filter((d) => d.ref?.group === g.name);
    if (!members.some((d) => mapping.columns.has(d.name) || d.name in defaults)) {
      out.push({ field: members[0]!.name, message: `every row must name its ${g.name}: map one of ${members.map((m) => m.name).join(', ')}` });
    }
  }
  return out;
}

/** Guesses the resource a table describes: the one whose fields its headers match best (required fields count double). */
export function detectResource(headers: readonly string[]): ImportResource | null {
  let best: { resource: ImportResource; score: number } | null = null;
  for (const resource of IMPORT_RESOURCES) {
    const { mapping } = mapHeaders(resource, headers);
    if (missingRequired(mapping, {}).some((p) => FIELDS[resource].find((d) => d.name === p.field)?.required)) continue;
    let score = 0;
    for (const field of mapping.columns.keys()) {
      const def = fieldDef(resource, field)!;
      score += def.required || def.ref ? 2 : 1;
    }
    if (!best || score > best.score) best = { resource, score };
  }
  return best && best.score > 0 ? best.resource : null;
}

/** Serialisable form of a mapping, as saved in a profile. */
export function mappingToRecord(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(mapping.headers);
}
