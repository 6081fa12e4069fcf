/**
 * The built screening index as plain typed arrays and maps (what
 * `IndexDataBuilder` produces and `MatchIndex` reads), and the small
 * conventions both sides must agree on: name kinds and schema kinds stored
 * as their position in a fixed list, how many words of a name count, and how
 * birth dates are read.
 */
import type { DeletionIndex } from './deletion-index.js';
import { parsePartialDate } from './dates.js';
import type { SchemaKind, NameKind } from './types.js';

export const KINDS: readonly NameKind[] = ['primary', 'alias', 'weak', 'previous', 'original'];
export const SCHEMA_KINDS: readonly SchemaKind[] = ['person', 'organisation', 'vessel', 'aircraft', 'other'];

export const MAX_QUERY_NAMES = 32;
export const MAX_NAME_TOKENS = 16;

/** Birth dates as the scorer compares them: parsed, partial kept, duplicates dropped. */
export function birthDates(raw: readonly string[] | undefined): string[] {
  if (!raw?.length) return [];
  const out: string[] = [];
  for (const r of raw) {
    const d = parsePartialDate(r);
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

export interface IndexData {
  terms: string[];
  termIds: Map<string, number>;
  termKey: Int32Array;
  idf: Float32Array;
  keys: string[];
  keyIds: Map<string, number>;
  termPostStart: Int32Array;
  termPost: Int32Array;
  keyPostStart: Int32Array;
  keyPost: Int32Array;
  nameTokStart: Int32Array;
  nameTok: Int32Array;
  nameEntity: Int32Array;
  nameKind: Uint8Array;
  nameValue: string[];
  consonantalNames: Set<number>;
  nameInvNorm: Float32Array;
  entityKey: Int32Array;
  entityList: Int32Array;
  entitySchema: string[];
  entitySchemaKind: Uint8Array;
  entityRef: string[];
  entityNameStart: Int32Array;
  entityCountryStart: Int32Array;
  entityCountry: Int32Array;
  countries: string[];
  identifierEntities: Map<string, number[]>;
  entityIdentifiers: Map<number, string[]>;
  entityBirthDates: Map<number, string[]>;
  fuzzy: DeletionIndex;
}
