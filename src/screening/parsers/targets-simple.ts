/**
 * OpenSanctions `targets.simple.csv`: one row per sanctioned target with a
 * header (id, schema, name, aliases, birth_date, countries, addresses,
 * identifiers, sanctions, phones, emails, [program_ids,] dataset,
 * first_seen, last_seen, last_change). Multiple values in a cell are joined
 * with ";". Columns are found by header name, since `program_ids` was added
 * later and older exports lack it.
 */
import { parseListDate } from '../dates.js';
import { normaliseCountries } from '../countries.js';
import { asListSchema, type Chunks, type ListItem } from '../types.js';
import { clean, isoDate } from './chunks.js';
import { csvRows } from './csv-rows.js';
import { UN_REFERENCE } from './ftm.js';

const REQUIRED = ['id', 'schema', 'name'];

function split(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell.split(';').map(clean).filter(Boolean);
}

export async function* parseTargetsSimple(chunks: Chunks): AsyncGenerator<ListItem> {
  let header: string[] | null = null;
  let latest: string | null = null;
  for await (const r of csvRows(chunks)) {
    if (!header) {
      header = r.map((h) => h.trim().toLowerCase());
      const missing = REQUIRED.filter((h) => !header!.includes(h));
      if (missing.length) throw new Error(`not a targets.simple.csv: missing column(s) ${missing.join(', ')}`);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = r[i] ?? ''));
    const id = clean(row['id']);
    const name = clean(row['name']);
    if (!id || !name) continue;
    const seen = isoDate(row['last_seen']);
    if (seen && (!latest || seen > latest)) latest = seen;
    const identifiers = split(row['identifiers']);
    const refs = [...`${row['sanctions'] ?? ''} ${row['identifiers'] ?? ''} ${row['program_ids'] ?? ''}`.matchAll(UN_REFERENCE)].map((m) => m[0]);
    yield {
      type: 'entity',
      entity: {
        reference: id,
        schema: asListSchema(clean(row['schema'])),
        caption: name,
        names: [
          { value: name, kind: 'primary' },
          ...split(row['aliases'])
            .filter((a) => a !== name)
            .map((value) => ({ value, kind: 'alias' as const })),
        ],
        countries: normaliseCountries(split(row['countries'])),
        addresses: split(row['addresses']),
        identifiers: identifiers.map((value) => ({ type: 'identifier', value })),
        programmes: split(row['program_ids']),
        otherReferences: [...new Set(refs)],
        // first_seen is when OpenSanctions first saw the entry, not the listing date.
        listedOn: null,
        birthDates: [...new Set(split(row['birth_date']).map(parseListDate).filter((d): d is string => d !== null))],
        notes: clean(row['sanctions']) || null,
      },
    };
  }
  if (!header) throw new Error('empty file');
  yield { type: 'meta', meta: { versionDate: latest, title: 'OpenSanctions targets' } };
}
