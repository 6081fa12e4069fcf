/**
 * OFAC Specially Designated Nationals list, in either of its public forms:
 *
 * - the legacy CSV release: `sdn.csv` (ent_num, SDN_Name, SDN_Type, Program,
 *   Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
 *   Remarks; no header; `-0-` for null; a stray EOF byte 0x1A as the last
 *   line) joined by ent_num with its companions `alt.csv` (aliases) and
 *   `add.csv` (addresses);
 * - `sdn.xml`: `sdnList/publshInformation/Publish_Date` (OFAC's spelling) and
 *   one `sdnEntry` per listing.
 *
 * The CSV release carries no publication date; the importer asks for one.
 */
import { parseListDate } from '../dates.js';
import { normaliseCountries } from '../countries.js';
import type { Chunks, ListEntity, ListIdentifier, ListItem, ListName, ListSchema } from '../types.js';
import { clean, isoDate } from './chunks.js';
import { csvRows } from './csv-rows.js';
import { child, childText, children, xmlRecords, type XmlNode } from './xml-records.js';

function value(v: string | undefined): string {
  const c = clean(v);
  return c === '-0-' ? '' : c;
}

function schemaOf(type: string): ListSchema {
  switch (type.toLowerCase()) {
    case 'individual':
      return 'Person';
    case 'vessel':
      return 'Vessel';
    case 'aircraft':
      return 'Airplane';
    default:
      // Entities have SDN_Type "-0-" in the CSV and "Entity" in the XML.
      return 'Organization';
  }
}

/** "DPRK3] [NPWMD" → ["DPRK3", "NPWMD"]. */
function programmes(raw: string): string[] {
  return raw
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter(Boolean);
}

const ID_LABELS =
  /^(Passport|Registration (?:ID|Number)|Tax ID No\.|National ID No\.|Identification Number|SWIFT\/BIC|IMO|MMSI|Vessel Registration Identification|Business Registration (?:Number|Document #)|Company Number|Unified Social Credit Code \(USCC\)|Government Gazette Number|C\.R\. No\.|Enterprise Number)\s+(.+)$/;

/**
 * Remarks hold semicolon-separated facts: identifiers ("Registration ID
 * 1234 (Korea, North)"), nationality, "Linked To: …". Only what the matcher
 * uses is pulled out.
 */
export function parseRemarks(remarks: string): { identifiers: ListIdentifier[]; countries: string[]; aliases: string[]; birthDates: string[] } {
  const identifiers: ListIdentifier[] = [];
  const countries: string[] = [];
  const aliases: string[] = [];
  const birthDates: string[] = [];
  for (const raw of remarks.split(/;\s*/)) {
    const part = raw.trim().replace(/\.$/, '');
    // "DOB 12 Oct 1954", "alt. DOB 1955", "DOB 1960 to 1962".
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/i.exec(part);
    if (dob) {
      const range = /^(\d{4})\s+to\s+(\d{4})$/.exec(dob[1]!.trim());
      if (range && Number(range[2]) - Number(range[1]) <= 5) {
        for (let y = Number(range[1]); y <= Number(range[2]); y++) birthDates.push(String(y));
      } else {
        const d = parseListDate(dob[1]!);
        if (d) birthDates.push(d);
      }
      continue;
    }
    const id = ID_LABELS.exec(part);
    if (id) {
      const number = id[2]!.replace(/\s*\([^)]*\)\s*$/, '').replace(/^IMO\s+/, '').trim();
      if (number) identifiers.push({ type: id[1]!, value: number });
      continue;
    }
    const nat = /^(?:Nationality|Citizen|nationality|citizen)\s+(.+)$/.exec(part);
    if (nat) countries.push(nat[1]!);
    for (const m of part.matchAll(/a\.k\.a\.\s+'([^']+)'/g)) aliases.push(m[1]!);
  }
  return { identifiers, countries, aliases, birthDates };
}

interface Companions {
  aliases: Map<string, ListName[]>;
  addresses: Map<string, { text: string; country: string }[]>;
}

async function readCompanions(alt: Chunks | undefined, add: Chunks | undefined): Promise<Companions> {
  const aliases = new Map<string, ListName[]>();
  const addresses = new Map<string, { text: string; country: string }[]>();
  if (alt) {
    for await (const r of csvRows(alt)) {
      const ent = value(r[0]);
      const name = value(r[3]);
      if (!/^\d+$/.test(ent) || !name) continue;
      const type = value(r[2]).toLowerCase();
      const kind = type === 'fka' ? 'previous' : 'alias';
      const list = aliases.get(ent) ?? [];
      list.push({ value: name, kind });
      aliases.set(ent, list);
    }
  }
  if (add) {
    for await (const r of csvRows(add)) {
      const ent = value(r[0]);
      if (!/^\d+$/.test(ent)) continue;
      const parts = [value(r[2]), value(r[3]), value(r[4])].filter(Boolean);
      const list = addresses.get(ent) ?? [];
      list.push({ text: parts.join(', '), country: value(r[4]) });
      addresses.set(ent, list);
    }
  }
  return { aliases, addresses };
}

/**
 * `sdn` is required; `alt` and `add` are read first (a few megabytes) so the
 * main file can stream.
 */
export async function* parseOfacCsv(files: { sdn: Chunks; alt?: Chunks; add?: Chunks }): AsyncGenerator<ListItem> {
  const companions = await readCompanions(files.alt, files.add);
  yield { type: 'meta', meta: { title: 'OFAC Specially Designated Nationals (SDN) List' } };
  let rows = 0;
  for await (const r of csvRows(files.sdn)) {
    const ent = value(r[0]);
    // The trailing 0x1A byte, blank lines, or a header someone added.
    if (!/^\d+$/.test(ent)) continue;
    if (r.length < 3) throw new Error(`sdn.csv row ${ent} has ${r.length} columns, expected 12`);
    rows++;
    const name = value(r[1]);
    if (!name) continue;
    const remarks = value(r[11]);
    const facts = parseRemarks(remarks);
    const addresses = companions.addresses.get(ent) ?? [];
    const names: ListName[] = [{ value: name, kind: 'primary' }, ...(companions.aliases.get(ent) ?? [])];
    for (const a of facts.aliases) if (!names.some((n) => n.value === a)) names.push({ value: a, kind: 'alias' });
    const flag = value(r[9]);
    yield {
      type: 'entity',
      entity: {
        reference: ent,
        schema: schemaOf(value(r[2])),
        caption: name,
        names,
        countries: normaliseCountries([...addresses.map((a) => a.country), ...facts.countries, flag]),
        addresses: addresses.map((a) => a.text).filter(Boolean),
        identifiers: [
          ...facts.identifiers,
          ...(value(r[5]) ? [{ type: 'Call Sign', value: value(r[5]) }] : []),
        ],
        programmes: programmes(value(r[3])),
        otherReferences: [],
        listedOn: null,
        birthDates: facts.birthDates,
        notes: remarks || null,
      },
    };
  }
  if (rows === 0) throw new Error('sdn.csv contains no SDN rows');
}

function xmlName(node: XmlNode): string {
  const last = clean(childText(node, 'lastName'));
  const first = clean(childText(node, 'firstName'));
  return last && first ? `${last}, ${first}` : last || first;
}

export function sdnEntryToEntity(node: XmlNode): ListEntity | null {
  const uid = clean(childText(node, 'uid'));
  const name = xmlName(node);
  if (!uid || !name) return null;
  const names: ListName[] = [{ value: name, kind: 'primary' }];
  for (const aka of children(child(node, 'akaList') ?? node, 'aka')) {
    const v = xmlName(aka);
    if (!v) continue;
    const type = clean(childText(aka, 'type')).toLowerCase();
    const weak = clean(childText(aka, 'category')).toLowerCase() === 'weak';
    names.push({ value: v, kind: weak ? 'weak' : type === 'f.k.a.' ? 'previous' : 'alias' });
  }
  const addresses: string[] = [];
  const countryTexts: string[] = [];
  for (const a of children(child(node, 'addressList') ?? node, 'address')) {
    const parts = ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country'].map((t) => clean(childText(a, t)));
    const text = parts.filter(Boolean).join(', ');
    if (text) addresses.push(text);
    if (parts[6]) countryTexts.push(parts[6]);
  }
  for (const list of ['nationalityList', 'citizenshipList']) {
    for (const n of child(node, list)?.children ?? []) countryTexts.push(childText(n, 'country'));
  }
  const identifiers: ListIdentifier[] = [];
  for (const id of children(child(node, 'idList') ?? node, 'id')) {
    const number = clean(childText(id, 'idNumber'));
    if (number) identifiers.push({ type: clean(childText(id, 'idType')) || 'Identifier', value: number });
    const c = clean(childText(id, 'idCountry'));
    if (c && /nationality|citizen/i.test(childText(id, 'idType'))) countryTexts.push(c);
  }
  const vessel = child(node, 'vesselInfo');
  if (vessel) countryTexts.push(childText(vessel, 'vesselFlag'));
  return {
    reference: uid,
    schema: schemaOf(clean(childText(node, 'sdnType'))),
    caption: name,
    names,
    countries: normaliseCountries(countryTexts),
    addresses,
    identifiers,
    programmes: children(child(node, 'programList') ?? node, 'program').map((p) => clean(p.text)).filter(Boolean),
    otherReferences: [],
    listedOn: null,
    birthDates: [...new Set(children(child(node, 'dateOfBirthList') ?? node, 'dateOfBirthItem').map((d) => parseListDate(clean(childText(d, 'dateOfBirth')))).filter((d): d is string => d !== null))],
    notes: clean(childText(node, 'remarks')) || null,
  };
}

export async function* parseOfacXml(chunks: Chunks): AsyncGenerator<ListItem> {
  let sawRoot = false;
  for await (const ev of xmlRecords(chunks, new Set(['sdnEntry']), new Set(['publshInformation', 'publishInformation']))) {
    if (ev.type === 'root') {
      if (ev.tag !== 'sdnList') throw new Error(`not an OFAC sdn.xml: root element is <${ev.tag}>`);
      sawRoot = true;
      yield { type: 'meta', meta: { title: 'OFAC Specially Designated Nationals (SDN) List' } };
    } else if (ev.type === 'header') {
      yield { type: 'meta', meta: { versionDate: isoDate(childText(ev.node, 'Publish_Date')) } };
    } else {
      const entity = sdnEntryToEntity(ev.node);
      if (entity) yield { type: 'entity', entity };
    }
  }
  if (!sawRoot) throw new Error('empty XML document');
}
