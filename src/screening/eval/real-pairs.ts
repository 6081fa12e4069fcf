/**
 * Labelled pairs derived from real list entries (`entries.json`), so the
 * evaluation measures what screening meets: a listed person's or company's
 * own names in other scripts and other romanisations (true pairs), other
 * listed entries sharing name words with it (false pairs), and the same name
 * with the entry's own or a different birth date or identifier.
 *
 * Pure and deterministic. The held-out split is fixed by a stable hash of the
 * entry id (about three entries in ten), decided before any tuning: a pair
 * is held out when any entry it involves is, so nothing a dev pair shows
 * belongs to a held-out entry.
 */
import entriesJson from './entries.json' with { type: 'json' };

export type ScriptGroup = 'korean' | 'cyrillic' | 'chinese' | 'arabic';
export type PairGroup = ScriptGroup | 'identifiers' | 'birth-date';
export type Split = 'dev' | 'heldout';

export interface RealName {
  value: string;
  script: 'latin' | 'hangul' | 'han' | 'cyrillic' | 'arabic';
  /** A different name for the same entry (a nom de guerre, a maiden or English name), not a spelling of one. */
  other?: boolean;
}

export interface RealEntry {
  id: string;
  group: PairGroup;
  list: string;
  ref: string;
  version: string;
  schema: string;
  countries: string[];
  names: RealName[];
  birthDates: string[];
  identifiers: { type: string; value: string }[];
  /**
   * The split chosen by hand when the entry was added (a batch committed
   * before the matcher was run on it); otherwise the stable hash decides.
   */
  split?: Split;
  /** Entries added together and reported separately (`--batch`), e.g. an untuned group. */
  batch?: string;
}

export interface RealQuery {
  name: string;
  schema: string;
  countries: string[];
  birthDates: string[];
  identifiers: string[];
}

export interface RealPair {
  group: PairGroup;
  category: string;
  split: Split;
  match: boolean;
  /** The entry the query is compared with, and which of its names it keeps. */
  entity: string;
  names: string[];
  /** The entry the query's name comes from. */
  from: string;
  query: RealQuery;
  /** list, reference and version of the entries involved. */
  source: string;
  /** The batch of the entries involved, when either has one. */
  batch?: string;
}

export const ENTRIES: readonly RealEntry[] = (entriesJson as { entries: RealEntry[] }).entries;

/** FNV-1a, 32 bits: stable across runs and platforms. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const FIXED_SPLIT = new Map(ENTRIES.flatMap((e) => (e.split ? [[e.id, e.split] as const] : [])));

export function splitOf(entryId: string): Split {
  return FIXED_SPLIT.get(entryId) ?? (stableHash(entryId) % 10 < 3 ? 'heldout' : 'dev');
}

function sourceOf(e: RealEntry): string {
  return `${e.list} ${e.ref} (${e.version})`;
}

/** Lower-case Latin words of a name, for finding look-alike entries (not the matcher's normalisation). */
function words(value: string): string[] {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !COMMON.has(w));
}

// Words every second entry of a group shares: no evidence of a look-alike.
const COMMON = new Set(['al', 'bin', 'abu', 'abd', 'the', 'and', 'of', 'co', 'ltd', 'jsc', 'pjsc', 'corporation', 'company', 'group', 'china', 'chinese', 'korea', 'bank', 'joint', 'stock', 'public', 'limited', 'technology']);

function singleWord(value: string): boolean {
  return value.trim().split(/[\s\-]+/).length === 1;
}

function query(e: RealEntry, name: string, extra: Partial<RealQuery> = {}): RealQuery {
  return { name, schema: e.schema, countries: [], birthDates: [], identifiers: [], ...extra };
}

/** The birth date a query gives to contradict a listed one: another decade, same precision. */
function otherDate(d: string): string {
  const year = Number(d.slice(0, 4));
  return `${year + 9}${d.slice(4)}`;
}

export function derivePairs(entries: readonly RealEntry[] = ENTRIES): RealPair[] {
  const pairs: RealPair[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const push = (p: Omit<RealPair, 'split' | 'source'>): void => {
    const a = byId.get(p.from)!;
    const b = byId.get(p.entity)!;
    const split: Split = splitOf(a.id) === 'heldout' || splitOf(b.id) === 'heldout' ? 'heldout' : 'dev';
    const batch = a.batch ?? b.batch;
    pairs.push({ ...p, split, source: a === b ? sourceOf(a) : `${sourceOf(a)} vs ${sourceOf(b)}`, ...(batch ? { batch } : {}) });
  };

  for (const e of entries) {
    const spellings = e.names.filter((n) => !n.other);
    const latin = spellings.filter((n) => n.script === 'latin');
    const original = spellings.filter((n) => n.script !== 'latin');
    const group = e.group;

    if (group !== 'identifiers') {
      // Across scripts, both ways: each original-script name against the
      // Latin names only, and each Latin name against the originals only.
      for (const o of original) {
        push({ group, category: `${o.script} to latin`, match: true, entity: e.id, names: latin.map((n) => n.value), from: e.id, query: query(e, o.value) });
      }
      if (original.length) {
        for (const l of latin.slice(0, 2)) {
          if (singleWord(l.value)) continue;
          push({ group, category: `latin to ${original[0]!.script}`, match: true, entity: e.id, names: original.map((n) => n.value), from: e.id, query: query(e, l.value) });
        }
      }
      // Other romanisations the lists give: each against the entry's other Latin spellings.
      for (const l of latin) {
        const rest = latin.filter((n) => n !== l).map((n) => n.value);
        if (!rest.length || singleWord(l.value)) continue;
        push({ group, category: 'romanisation', match: true, entity: e.id, names: rest, from: e.id, query: query(e, l.value) });
      }
      // Look-alikes: the two other entries sharing most name words.
      const mine = new Set(latin.flatMap((n) => words(n.value)));
      const alike = entries
        .filter((f) => f !== e && f.group === group)
        .map((f) => ({ f, shared: new Set(f.names.filter((n) => n.script === 'latin').flatMap((n) => words(n.value)).filter((w) => mine.has(w))).size }))
        .filter((x) => x.shared > 0)
        .sort((x, y) => y.shared - x.shared || (x.f.id < y.f.id ? -1 : 1))
        .slice(0, 2);
      for (const { f } of alike) {
        push({ group, category: 'look-alike', match: false, entity: f.id, names: f.names.map((n) => n.value), from: e.id, query: query(e, latin[0]!.value) });
        if (original.length && f.names.some((n) => n.script === original[0]!.script)) {
          push({ group, category: 'look-alike (original script)', match: false, entity: f.id, names: f.names.map((n) => n.value), from: e.id, query: query(e, original[0]!.value) });
        }
      }
    }

    // Birth dates: the listed date (and its year alone) agree; another date vetoes.
    if (e.schema === 'Person' && e.birthDates.length && latin.length) {
      const d = e.birthDates[0]!;
      const all = e.names.map((n) => n.value);
      push({ group: 'birth-date', category: 'same date', match: true, entity: e.id, names: all, from: e.id, query: query(e, latin[0]!.value, { birthDates: [d] }) });
      if (d.length > 4) {
        push({ group: 'birth-date', category: 'same year', match: true, entity: e.id, names: all, from: e.id, query: query(e, latin[0]!.value, { birthDates: [d.slice(0, 4)] }) });
      }
      push({ group: 'birth-date', category: 'other date', match: false, entity: e.id, names: all, from: e.id, query: query(e, latin[0]!.value, { birthDates: [otherDate(d)] }) });
    }

    // Identifiers: the listed one (written differently) agrees; another entry's of the same kind vetoes.
    if (e.identifiers.length) {
      const all = e.names.map((n) => n.value);
      for (const id of e.identifiers) {
        push({ group: 'identifiers', category: `same ${id.type}`, match: true, entity: e.id, names: all, from: e.id, query: query(e, all[0]!, { identifiers: [written(id)] }) });
        // An ISIN names one of an issuer's many securities: another never contradicts.
        if (id.type === 'isin') continue;
        const other = entries.find((f) => f !== e && f.identifiers.some((x) => x.type === id.type && x.value !== id.value));
        const theirs = other?.identifiers.find((x) => x.type === id.type);
        if (theirs) {
          push({ group: 'identifiers', category: `other ${id.type}`, match: false, entity: e.id, names: all, from: e.id, query: query(e, all[0]!, { identifiers: [written(theirs)] }) });
        }
      }
    }
  }
  return pairs;
}

/** How a query might write an identifier: with its prefix, spaces or lower case. */
function written(id: { type: string; value: string }): string {
  switch (id.type) {
    case 'imo':
      return `IMO ${id.value}`;
    case 'isin':
    case 'lei':
      return id.value.toLowerCase();
    case 'inn':
    case 'ogrn':
      return id.value.replace(/(\d{4})(?=\d)/g, '$1 ');
    default:
      return id.value;
  }
}
