/**
 * The one shape every sanctions-list parser produces, whatever the source
 * format. Parsers stay pure (they read chunks, not files), so the importer,
 * the matcher and the tests all agree on this single vocabulary.
 */

/** FollowTheMoney schema names, kept verbatim so `/api/match` can echo them. */
export type ListSchema =
  | 'Person'
  | 'Organization'
  | 'Company'
  | 'LegalEntity'
  | 'PublicBody'
  | 'Vessel'
  | 'Airplane'
  | 'Thing';

/** Coarse kinds used for the schema-compatibility feature. */
export type SchemaKind = 'person' | 'organisation' | 'vessel' | 'aircraft' | 'other';

/**
 * How a list presents a name. UN "Low" quality aliases and OFAC "weak" a.k.a.s
 * are kept but discounted: lists themselves say they are unreliable.
 */
export type NameKind = 'primary' | 'alias' | 'weak' | 'previous' | 'original';

export interface ListName {
  value: string;
  kind: NameKind;
}

export interface ListIdentifier {
  /** Free text from the list, e.g. "Passport", "Registration ID", "IMO". */
  type: string;
  value: string;
}

export interface ListEntity {
  /** The list's own reference: `KPe.001` (UN), `12345` (OFAC ent_num), an FtM id. */
  reference: string;
  schema: ListSchema;
  /** Display name as the list spells it (stray whitespace collapsed). */
  caption: string;
  names: ListName[];
  /** ISO 3166-1 alpha-2, lower case; unknown country strings are dropped. */
  countries: string[];
  addresses: string[];
  identifiers: ListIdentifier[];
  /** Sanctions programmes or regimes (`DPRK`, `NPWMD`, `UN-SC1718`). */
  programmes: string[];
  /** Other lists' references named in this entry, e.g. a UN number on an OFAC row. */
  otherReferences: string[];
  /** ISO date (YYYY-MM-DD) the entry was listed, when the list says. */
  listedOn: string | null;
  /** Birth dates as partial ISO dates ('1944', '1944-10', '1944-10-13'), persons only. */
  birthDates: string[];
  notes: string | null;
}

export type ListFormat = 'un' | 'ofac' | 'ofac-xml' | 'ftm' | 'targets';

export interface ListMeta {
  /** ISO date the publisher says this version was generated or published. */
  versionDate: string | null;
  title: string | null;
}

/**
 * Parsers yield a stream of these. Metadata may arrive at any point (UN puts
 * it on the root element, targets.simple.csv only implies it via
 * `last_change`), and FtM sanction records can name an entity already emitted,
 * hence the `patch` item.
 */
export type ListItem =
  | { type: 'meta'; meta: Partial<ListMeta> }
  | { type: 'entity'; entity: ListEntity }
  | { type: 'patch'; reference: string; programmes: string[]; otherReferences: string[] };

/** Raw bytes or text, as read from a file, an upload or a test string. */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export function schemaKind(schema: string): SchemaKind {
  switch (schema) {
    case 'Person':
      return 'person';
    case 'Organization':
    case 'Company':
    case 'PublicBody':
      return 'organisation';
    case 'Vessel':
      return 'vessel';
    case 'Airplane':
      return 'aircraft';
    default:
      // LegalEntity is FtM's "person or organisation": it conflicts with nothing.
      return 'other';
  }
}

/** True when one side cannot possibly be the other (a person is not a company). */
export function schemasConflict(a: SchemaKind, b: SchemaKind): boolean {
  if (a === 'other' || b === 'other') return false;
  return a !== b;
}

/** Yente and FtM call the abstract "person or organisation" LegalEntity. */
export const SCHEMAS: readonly ListSchema[] = [
  'Person',
  'Organization',
  'Company',
  'LegalEntity',
  'PublicBody',
  'Vessel',
  'Airplane',
  'Thing',
];

export function asListSchema(value: string | undefined | null, fallback: ListSchema = 'LegalEntity'): ListSchema {
  if (value && (SCHEMAS as readonly string[]).includes(value)) return value as ListSchema;
  return fallback;
}
