import { createHash } from 'node:crypto';

/**
 * Remnant records as FollowTheMoney entities, so that investigations can be loaded into Aleph,
 * OpenSanctions tooling or any FtM consumer. Pure: rows in, entities out. The mapping is
 * documented in docs/import-export.md; test/transfer/ftm.test.ts checks every schema and property
 * name (and entity references' ranges) against the model shipped in @alephdata/followthemoney.
 *
 * Ids are stable (`remnant-<kind>-<uuid>`, relations a hash of their ends), so re-exporting and
 * re-loading updates entities instead of duplicating them.
 */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

type Row = Record<string, unknown>;

export const ftmId = {
  organisation: (id: string) => `remnant-org-${id}`,
  source: (id: string) => `remnant-src-${id}`,
  incident: (id: string) => `remnant-inc-${id}`,
};

function relationId(kind: string, ...parts: string[]): string {
  return `remnant-${kind}-${createHash('sha1').update(parts.join('|')).digest('hex')}`;
}

/** Drops empty values; FtM properties are lists of strings. */
function props(p: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined && String(x).trim() !== '').map((x) => String(x));
    if (list.length) out[k] = list;
  }
  return out;
}

/** Organisation kinds → FtM schema: trading firms are Companies, state bodies PublicBodies. */
export function organisationSchema(kind: unknown): 'Company' | 'PublicBody' | 'Organization' {
  if (kind === 'manufacturer' || kind === 'distributor' || kind === 'broker') return 'Company';
  if (kind === 'government') return 'PublicBody';
  return 'Organization';
}

const country = (c: unknown) => (typeof c === 'string' && /^[A-Z]{2}$/.test(c) ? c.toLowerCase() : null);

export function organisationEntity(row: Row): FtmEntity {
  return {
    id: ftmId.organisation(String(row.id)),
    schema: organisationSchema(row.kind),
    properties: props({
      name: row.name,
      alias: row.aliases,
      country: country(row.country),
      website: row.website,
      notes: row.notes,
      topics: row.kind === 'government' ? 'gov' : null,
      sector: row.kind,
      // `parent` is on LegalEntity: an organisation that is not a Company cannot be an Ownership's asset.
      parent: row.parentId && organisationSchema(row.kind) !== 'Company' ? ftmId.organisation(String(row.parentId)) : null,
      createdAt: String(row.createdAt ?? '').slice(0, 10) || null,
      modifiedAt: String(row.updatedAt ?? '').slice(0, 10) || null,
    }),
  };
}

/** An organisation's parent, with the period, as an Ownership (only a Company can be owned as an asset). */
export function ownershipEntity(row: Row): FtmEntity | null {
  if (!row.parentId || organisationSchema(row.kind) !== 'Company') return null;
  return {
    id: relationId('own', String(row.parentId), String(row.id)),
    schema: 'Ownership',
    properties: props({
      owner: ftmId.organisation(String(row.parentId)),
      asset: ftmId.organisation(String(row.id)),
      startDate: row.parentFrom,
      endDate: row.parentTo,
      role: 'parent',
    }),
  };
}

/** FtM languages are ISO 639-3; the tags we store are mostly two-letter. */
const LANG3: Record<string, string> = {
  en: 'eng', uk: 'ukr', ru: 'rus', ko: 'kor', zh: 'zho', ja: 'jpn', fr: 'fra', de: 'deu', es: 'spa', ar: 'ara', fa: 'fas', it: 'ita', pl: 'pol', nl: 'nld', tr: 'tur',
};

export function documentEntity(row: Row): FtmEntity {
  const lang = typeof row.language === 'string' ? (LANG3[row.language.slice(0, 2)] ?? (row.language.length === 3 ? row.language : null)) : null;
  return {
    id: ftmId.source(String(row.id)),
    schema: 'Document',
    properties: props({
      title: row.title,
      name: row.title,
      author: row.author,
      publisher: row.publisher,
      sourceUrl: row.url,
      publishedAt: row.publishedOn,
      language: lang,
      summary: row.summary,
      contentHash: row.fileSha256,
      keywords: row.kind,
    }),
  };
}

export function eventEntity(row: Row, involved: string[] = []): FtmEntity {
  return {
    id: ftmId.incident(String(row.id)),
    schema: 'Event',
    properties: props({
      name: row.title,
      startDate: row.occurredFrom,
      endDate: row.occurredTo,
      location: row.placeName,
      description: row.description,
      keywords: row.weaponTypes,
      involved: involved.map(ftmId.organisation),
    }),
  };
}

/** A source reporting on an incident. */
export function documentationEntity(sourceId: string, incidentId: string): FtmEntity {
  return {
    id: relationId('doc', sourceId, incidentId),
    schema: 'Documentation',
    properties: props({ document: ftmId.source(sourceId), entity: ftmId.incident(incidentId), role: 'reports on' }),
  };
}

export interface MakerAtIncident {
  makerId: string;
  incidentId: string;
  occurredFrom: string | null;
  components: number;
  items: number;
  partNumbers: string[];
}

/** The evidence relation at the heart of Remnant: parts made by this organisation were recovered at this incident. */
export function makerLinkEntity(m: MakerAtIncident): FtmEntity {
  const parts = m.partNumbers.slice(0, 50);
  return {
    id: relationId('mk', m.makerId, m.incidentId),
    schema: 'UnknownLink',
    properties: props({
      subject: ftmId.organisation(m.makerId),
      object: ftmId.incident(m.incidentId),
      role: 'manufacturer of recovered components',
      date: m.occurredFrom,
      description: `${m.components} component(s) in ${m.items} recovered item(s)${parts.length ? `; part numbers: ${parts.join(', ')}` : ''}`,
    }),
  };
}

export interface ConfirmedMatch {
  organisationId: string;
  listSlug: string;
  listTitle: string;
  reference: string;
  caption: string;
  programmes: string[];
  listedOn: string | null;
}

/**
 * A sanctions designation of one of our organisations: a screening match a reviewer confirmed
 * (table `screening_matches`, status confirmed, not stale), with the list's own reference.
 */
export function sanctionEntity(m: ConfirmedMatch): FtmEntity {
  return {
    id: relationId('sanc', m.organisationId, m.listSlug, m.reference),
    schema: 'Sanction',
    properties: props({
      entity: ftmId.organisation(m.organisationId),
      authority: m.listTitle,
      authorityId: m.reference,
      program: m.programmes,
      listingDate: m.listedOn,
      summary: `confirmed match with the list entry "${m.caption}"`,
    }),
  };
}
