import { sql } from 'kysely';
import { distance } from 'fastest-levenshtein';
import type { DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';

/**
 * Typo-tolerant search over the names a person types from memory: makers and other organisations
 * (name and aliases), part numbers and places (incident places, recovery places). Full-text search
 * (each list's `q`) needs the word spelt right; here "Infinion" finds Infineon and "Xilnx" Xilinx.
 *
 * Two steps: PostgreSQL proposes candidates whose words are trigram-similar to a query word
 * (pg_trgm `similarity`, the trigram index over distinct part numbers for components), then each
 * candidate is ranked by edit distance between the query word and its closest word — trigrams alone
 * rank "Infinite" beside "Infineon" for "Infinion" (both 0.5), one edit against two does not.
 */

export type SearchKind = 'organisation' | 'part_number' | 'place';

export interface SearchHit {
  kind: SearchKind;
  /** The record to open: the organisation, or null for part numbers and places (a list filtered by `label`). */
  id: string | null;
  label: string;
  /** Country (organisations), the number of components (part numbers) or of incidents and items (places). */
  detail: string | null;
  count: number;
  /** The word of the label the query came closest to. */
  matched: string;
  /** 1 for an exact or contained match, else 1 − edits ÷ length of the longer word. */
  score: number;
}

/** Candidates below this trigram similarity are not considered (pg_trgm's own default for `%`). */
const MIN_SIMILARITY = 0.3;
/** Ranked hits below this are dropped: two edits in a five-letter word is another word. */
const MIN_SCORE = 0.6;
const PER_KIND = 50;

export function queryWords(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))];
}

/** How close `label` is to the query words: the mean over query words of the best word score. Pure. */
export function rank(label: string, words: readonly string[]): { score: number; matched: string } {
  const own = label.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const whole = label.toLowerCase();
  let total = 0;
  let matched = '';
  for (const q of words) {
    let best = 0;
    let bestWord = '';
    if (whole.includes(q)) {
      best = 1;
      bestWord = own.find((w) => w.includes(q)) ?? q;
    } else {
      for (const w of own) {
        const s = 1 - distance(q, w) / Math.max(q.length, w.length);
        if (s > best) {
          best = s;
          bestWord = w;
        }
      }
    }
    total += best;
    if (!matched) matched = bestWord;
  }
  return { score: words.length ? total / words.length : 0, matched };
}

const wordsArray = (words: readonly string[]) => sql`${[...words]}::text[]`;

export async function typoSearch(db: DB, actor: Actor | null, q: string, limit: number): Promise<{ hits: SearchHit[] }> {
  const words = queryWords(q);
  // The answer never repeats the query: a public answer carries only what the records say.
  if (words.length === 0) return { hits: [] };
  const qws = wordsArray(words);
  // Some word of `col` is trigram-similar to a query word, or contains it.
  const similar = (col: string) => sql<boolean>`EXISTS (
    SELECT 1 FROM unnest(regexp_split_to_array(lower(${sql.ref(col)}), '[^[:alnum:]]+')) w, unnest(${qws}) qw
    WHERE similarity(w, qw) >= ${MIN_SIMILARITY} OR strpos(lower(${sql.ref(col)}), qw) > 0)`;

  const [orgs, parts, places] = await Promise.all([
    db.selectFrom('organisations as o')
      .where(readableBy(actor, 'o'))
      .where((eb) => eb.or([similar('o.name'), sql<boolean>`EXISTS (SELECT 1 FROM unnest(o.aliases) AS a(alias) WHERE ${similar('a.alias')})`]))
      .select(['o.id', 'o.name', 'o.country', 'o.aliases'])
      .limit(PER_KIND * 4)
      .execute(),
    // Distinct part numbers through their trigram index (migration 0004), then counted among the
    // components the actor may read, through the part key: a part number only restricted
    // components carry is not shown.
    db.selectFrom('components as c')
      .where(readableBy(actor, 'c'))
      .where(sql<boolean>`c.part_key = ANY (ARRAY(
        SELECT remnant_part_key(p.part_number) FROM component_part_numbers p, unnest(${qws}) qw
        WHERE p.part_number % qw OR strpos(lower(p.part_number), qw) > 0 LIMIT ${PER_KIND * 4}))`)
      .where('c.partNumber', 'is not', null)
      .select(['c.partNumber', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('c.partNumber')
      .execute(),
    db.selectFrom(
      db.selectFrom('incidents as i').where(readableBy(actor, 'i')).where('i.placeName', 'is not', null).select(sql<string>`i.place_name`.as('place'))
        .unionAll(db.selectFrom('items as t').where(readableBy(actor, 't')).where('t.recoveredPlace', 'is not', null).select(sql<string>`t.recovered_place`.as('place')))
        .as('p'),
    )
      .where(similar('p.place'))
      .select(['p.place', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('p.place')
      .limit(PER_KIND * 4)
      .execute(),
  ]);

  const hits: SearchHit[] = [];
  for (const o of orgs) {
    // An alias can be the closer spelling ("Xilinx" for "AMD Xilinx Inc."): the best of name and aliases.
    const names = [o.name, ...((o.aliases as string[] | null) ?? [])];
    const best = names.map((n) => rank(n, words)).sort((a, b) => b.score - a.score)[0]!;
    hits.push({ kind: 'organisation', id: o.id, label: o.name, detail: (o.country) ?? null, count: 1, ...best });
  }
  for (const p of parts) hits.push({ kind: 'part_number', id: null, label: p.partNumber as string, detail: null, count: Number(p.n), ...rank(p.partNumber as string, words) });
  for (const p of places) hits.push({ kind: 'place', id: null, label: p.place, detail: null, count: Number(p.n), ...rank(p.place, words) });
  const ranked = hits
    .filter((h) => h.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.count - a.count || a.label.localeCompare(b.label));
  return { hits: ranked.slice(0, limit) };
}
