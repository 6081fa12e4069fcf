/**
 * FollowTheMoney entities as JSON lines (OpenSanctions `entities.ftm.json`):
 * one `{id, schema, properties, datasets, target, last_seen, …}` per line.
 * Only named "thing" schemas become list entities. Entities explicitly
 * marked `target: false` (owners, relatives and other context that is not
 * itself sanctioned) are skipped. `Sanction` records carry the programme and
 * the UN reference of the entity they name, which may come before or after
 * that entity, hence `patch` items.
 */
import { parseListDate } from '../dates.js';
import { normaliseCountries } from '../countries.js';
import { asListSchema, type Chunks, type ListEntity, type ListIdentifier, type ListItem, type ListName } from '../types.js';
import { clean, isoDate, textLines } from './chunks.js';

const ENTITY_SCHEMAS = new Set(['Person', 'Organization', 'Company', 'LegalEntity', 'PublicBody', 'Vessel', 'Airplane']);

const COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry', 'flag', 'registrationCountry'];
const ID_PROPS = [
  'registrationNumber', 'idNumber', 'taxNumber', 'innCode', 'ogrnCode', 'okpoCode', 'leiCode', 'swiftBic', 'imoNumber',
  'mmsi', 'passportNumber', 'vatCode', 'dunsCode', 'uniqueEntityId', 'callSign', 'icaoCode', 'serialNumber',
];

/** UN Security Council references look like KPe.001, QDi.123, IRe.004. */
export const UN_REFERENCE = /\b[A-Z]{2}[ie]\.\d{3}\b/g;

interface FtmLine {
  id?: unknown;
  schema?: unknown;
  caption?: unknown;
  properties?: Record<string, unknown>;
  target?: unknown;
  datasets?: unknown;
  last_seen?: unknown;
  last_change?: unknown;
}

function strings(props: Record<string, unknown>, key: string): string[] {
  const v = props[key];
  if (!Array.isArray(v)) return typeof v === 'string' ? [clean(v)].filter(Boolean) : [];
  return v.filter((x): x is string => typeof x === 'string').map(clean).filter(Boolean);
}

export function ftmToEntity(line: FtmLine): ListEntity | null {
  const id = typeof line.id === 'string' ? line.id : '';
  const schema = typeof line.schema === 'string' ? line.schema : '';
  if (!id || !ENTITY_SCHEMAS.has(schema) || line.target === false) return null;
  const p = line.properties ?? {};
  const names: ListName[] = [];
  const add = (values: string[], kind: ListName['kind']) => {
    for (const value of values) if (!names.some((n) => n.value === value)) names.push({ value, kind });
  };
  const primary = strings(p, 'name');
  const caption = (typeof line.caption === 'string' && clean(line.caption)) || primary[0] || '';
  if (!caption) return null;
  add([caption], 'primary');
  add(primary, 'alias');
  add(strings(p, 'alias'), 'alias');
  add(strings(p, 'weakAlias'), 'weak');
  add(strings(p, 'previousName'), 'previous');
  const identifiers: ListIdentifier[] = ID_PROPS.flatMap((k) => strings(p, k).map((value) => ({ type: k, value })));
  const unsc = strings(p, 'unscId');
  return {
    reference: id,
    schema: asListSchema(schema),
    caption,
    names,
    countries: normaliseCountries(COUNTRY_PROPS.flatMap((k) => strings(p, k))),
    addresses: strings(p, 'address'),
    identifiers,
    programmes: [...strings(p, 'program'), ...strings(p, 'programId')],
    otherReferences: unsc,
    listedOn: isoDate(strings(p, 'createdAt')[0]),
    birthDates: [...new Set(strings(p, 'birthDate').map(parseListDate).filter((d): d is string => d !== null))],
    notes: strings(p, 'notes')[0] ?? null,
  };
}

export async function* parseFtm(chunks: Chunks): AsyncGenerator<ListItem> {
  let lineNo = 0;
  let latest: string | null = null;
  let entities = 0;
  const sanctions = new Map<string, { programmes: string[]; otherReferences: string[] }>();
  for await (const raw of textLines(chunks)) {
    lineNo++;
    const text = raw.trim();
    if (!text) continue;
    let line: FtmLine;
    try {
      line = JSON.parse(text) as FtmLine;
    } catch {
      throw new Error(`line ${lineNo}: not valid JSON`);
    }
    if (typeof line !== 'object' || line === null || typeof line.schema !== 'string') {
      throw new Error(`line ${lineNo}: not a FollowTheMoney entity (no schema)`);
    }
    const seen = isoDate(typeof line.last_seen === 'string' ? line.last_seen : null);
    if (seen && (!latest || seen > latest)) latest = seen;
    if (line.schema === 'Sanction') {
      const p = line.properties ?? {};
      const info = {
        programmes: [...strings(p, 'program'), ...strings(p, 'programId')],
        otherReferences: strings(p, 'unscId'),
      };
      for (const target of strings(p, 'entity')) {
        const prev = sanctions.get(target);
        if (prev) {
          prev.programmes.push(...info.programmes);
          prev.otherReferences.push(...info.otherReferences);
        } else sanctions.set(target, { programmes: [...info.programmes], otherReferences: [...info.otherReferences] });
        yield { type: 'patch', reference: target, ...info };
      }
      continue;
    }
    const entity = ftmToEntity(line);
    if (!entity) continue;
    const s = sanctions.get(entity.reference);
    if (s) {
      entity.programmes = [...new Set([...entity.programmes, ...s.programmes])];
      entity.otherReferences = [...new Set([...entity.otherReferences, ...s.otherReferences])];
    }
    entities++;
    yield { type: 'entity', entity };
  }
  if (lineNo === 0) throw new Error('empty file');
  yield { type: 'meta', meta: { versionDate: latest, title: entities ? 'FollowTheMoney entities' : null } };
}
