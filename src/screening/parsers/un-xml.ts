/**
 * UN Security Council Consolidated List (consolidated.xml): a root
 * `CONSOLIDATED_LIST dateGenerated="…"` holding `INDIVIDUALS/INDIVIDUAL` and
 * `ENTITIES/ENTITY`. Quirks of the real file handled here: empty
 * `ALIAS_NAME`/`QUALITY` placeholders, several aliases in one element
 * separated by "; ", stray and doubled spaces, an acronym in parentheses at
 * the end of an entity's name ("… CORPORATION (KOMID)"), free-text country
 * names, and `NAME_ORIGINAL_SCRIPT` in Korean, Arabic or Cyrillic.
 */
import { parseListDate } from '../dates.js';
import { normaliseCountries } from '../countries.js';
import { splitTrailingAcronym } from '../normalise.js';
import type { Chunks, ListEntity, ListIdentifier, ListItem, ListName, NameKind } from '../types.js';
import { clean, isoDate } from './chunks.js';
import { childText, children, values, xmlRecords, type XmlNode } from './xml-records.js';

/** UN alias QUALITY values; "Low" aliases are the panel's own doubtful ones. */
const QUALITY: Record<string, NameKind> = {
  good: 'alias',
  'a.k.a.': 'alias',
  aka: 'alias',
  low: 'weak',
  'f.k.a.': 'previous',
  fka: 'previous',
};


function aliasNames(node: XmlNode): ListName[] {
  const out: ListName[] = [];
  const aliasTag = node.tag === 'INDIVIDUAL' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS';
  for (const alias of children(node, aliasTag)) {
    const raw = childText(alias, 'ALIAS_NAME');
    const quality = clean(childText(alias, 'QUALITY')).toLowerCase();
    const kind = QUALITY[quality] ?? 'alias';
    for (const part of raw.split(/;\s*/)) {
      const value = clean(part);
      // Placeholders: an empty element, or "na"/"-" in older exports.
      if (!value || /^(n\/?a|-+)$/i.test(value)) continue;
      out.push({ value, kind });
    }
  }
  return out;
}

function address(node: XmlNode): { text: string; country: string } {
  const parts = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY', 'NOTE'].map((t) => clean(childText(node, t)));
  return { text: parts.filter(Boolean).join(', '), country: parts[4]! };
}

export function unRecordToEntity(node: XmlNode): ListEntity | null {
  const isPerson = node.tag === 'INDIVIDUAL';
  const reference = clean(childText(node, 'REFERENCE_NUMBER')) || clean(childText(node, 'DATAID'));
  if (!reference) return null;
  const primary = clean(['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((t) => clean(childText(node, t))).join(' '));
  if (!primary) return null;

  const names: ListName[] = [];
  const { name: caption, acronym } = isPerson ? { name: primary, acronym: null } : splitTrailingAcronym(primary);
  names.push({ value: caption, kind: 'primary' });
  if (acronym) names.push({ value: acronym, kind: 'alias' });
  const original = clean(childText(node, 'NAME_ORIGINAL_SCRIPT'));
  if (original) names.push({ value: original, kind: 'original' });
  names.push(...aliasNames(node));

  const addresses: string[] = [];
  const countryTexts: string[] = [];
  for (const a of children(node, isPerson ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) {
    const { text, country } = address(a);
    if (text) addresses.push(text);
    if (country) countryTexts.push(country);
  }
  if (isPerson) countryTexts.push(...values(node, 'NATIONALITY'));

  const identifiers: ListIdentifier[] = [];
  for (const doc of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = clean(childText(doc, 'NUMBER'));
    if (number) identifiers.push({ type: clean(childText(doc, 'TYPE_OF_DOCUMENT')) || 'Document', value: number });
  }

  // EXACT dates, YEAR alone, or a FROM_YEAR–TO_YEAR range (each year of it, up to five).
  const birthDates: string[] = [];
  for (const d of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const exact = parseListDate(clean(childText(d, 'DATE'))) ?? parseListDate(clean(childText(d, 'YEAR')));
    if (exact) birthDates.push(exact);
    const from = Number(clean(childText(d, 'FROM_YEAR')));
    const to = Number(clean(childText(d, 'TO_YEAR')));
    if (from > 1800 && to >= from && to - from <= 5) for (let y = from; y <= to; y++) birthDates.push(String(y));
  }

  const programme = clean(childText(node, 'UN_LIST_TYPE'));
  const listedOn = isoDate(childText(node, 'LISTED_ON'));
  const notes = clean(childText(node, 'COMMENTS1')) || null;
  const dedup = new Map<string, ListName>();
  for (const n of names) if (!dedup.has(n.value.toLowerCase())) dedup.set(n.value.toLowerCase(), n);
  return {
    reference,
    schema: isPerson ? 'Person' : 'Organization',
    caption,
    names: [...dedup.values()],
    countries: normaliseCountries(countryTexts),
    addresses: [...new Set(addresses)],
    identifiers,
    programmes: programme ? [programme] : [],
    otherReferences: [],
    listedOn,
    birthDates: [...new Set(birthDates)],
    notes,
  };
}

export async function* parseUnXml(chunks: Chunks): AsyncGenerator<ListItem> {
  let sawRoot = false;
  for await (const ev of xmlRecords(chunks, new Set(['INDIVIDUAL', 'ENTITY']))) {
    if (ev.type === 'root') {
      if (ev.tag !== 'CONSOLIDATED_LIST') throw new Error(`not a UN consolidated list: root element is <${ev.tag}>`);
      sawRoot = true;
      yield {
        type: 'meta',
        meta: { versionDate: isoDate(ev.attributes['dateGenerated']), title: 'UN Security Council Consolidated List' },
      };
    } else if (ev.type === 'record') {
      const entity = unRecordToEntity(ev.node);
      if (entity) yield { type: 'entity', entity };
    }
  }
  if (!sawRoot) throw new Error('empty XML document');
}

