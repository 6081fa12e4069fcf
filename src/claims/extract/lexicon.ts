import weapons from './data/weapons.json' with { type: 'json' };
import nouns from './data/nouns.json' with { type: 'json' };
import verbs from './data/verbs.json' with { type: 'json' };
import roles from './data/roles.json' with { type: 'json' };
import places from './data/places.json' with { type: 'json' };
import organisations from './data/organisations.json' with { type: 'json' };

/**
 * The gazetteers (versioned JSON in ./data) compiled into matchers. Acronyms (no lower-case
 * letter) match with their case, so "CAR" is Conflict Armament Research and "car" is not; other
 * names match in any case. Word edges are Unicode-aware so Ukrainian names match as whole words.
 */
export interface Hit { start: number; end: number; text: string; canonical: string; kind?: string }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]");
const isAcronym = (s: string) => !/\p{Ll}/u.test(s);

class Matcher {
  private readonly exact: RegExp | null;
  private readonly folded: RegExp | null;
  private readonly byKey = new Map<string, { canonical: string; kind?: string }>();

  constructor(entries: { canonical: string; aliases: string[]; kind?: string }[]) {
    const acr: string[] = [];
    const other: string[] = [];
    for (const e of entries) {
      for (const a of [e.canonical, ...e.aliases]) {
        const key = isAcronym(a) ? a : a.toLowerCase();
        if (!this.byKey.has(key.replace(/’/g, "'"))) this.byKey.set(key.replace(/’/g, "'"), { canonical: e.canonical, kind: e.kind });
        (isAcronym(a) ? acr : other).push(a);
      }
    }
    const build = (list: string[], flags: string) => list.length === 0 ? null
      : new RegExp(`(?<![\\p{L}\\p{N}-])(?:${[...new Set(list)].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}\\p{N}]|-\\p{L})`, flags);
    this.exact = build(acr, 'gu');
    this.folded = build(other, 'giu');
  }

  /** Every non-overlapping match in `text`, leftmost-longest, in order. */
  all(text: string, offset = 0): Hit[] {
    const hits: Hit[] = [];
    for (const [re, fold] of [[this.folded, true], [this.exact, false]] as const) {
      if (!re) continue;
      for (const m of text.matchAll(re)) {
        const key = (fold ? m[0].toLowerCase() : m[0]).replace(/’/g, "'");
        const found = this.byKey.get(key) ?? this.byKey.get(m[0].replace(/’/g, "'"));
        if (found) hits.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], canonical: found.canonical, kind: found.kind });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Hit[] = [];
    for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1]!.end) kept.push(h);
    return kept;
  }

  /** The kind of the entry whose canonical name this is. */
  kindOf(canonical: string): string | undefined {
    return this.byKey.get(isAcronym(canonical) ? canonical : canonical.toLowerCase().replace(/’/g, "'"))?.kind;
  }

  canonical(name: string): string | null {
    return this.byKey.get(isAcronym(name) ? name : name.toLowerCase().replace(/’/g, "'"))?.canonical ?? null;
  }
}

export const WEAPONS = new Matcher(weapons.entries);
export const PLACES = new Matcher(places.entries);
export const ORGANISATIONS = new Matcher(organisations.entries);
export const COUNTRIES = new Matcher(organisations.countries.map((c) => ({
  canonical: (organisations.countryCanonical as Record<string, string>)[c] ?? c, aliases: [c],
})));
const demonyms = organisations.demonyms as Record<string, string>;
export const DEMONYMS = new Matcher(Object.entries(demonyms).map(([d, c]) => ({ canonical: c, aliases: [d] })));
/** A country's canonical name → its demonym ("Russia" → "Russian"). */
export const DEMONYM_OF = new Map(Object.entries(demonyms).map(([d, c]) => [c, d]));
export const MEDIA = new Set(organisations.entries.filter((e) => e.kind === 'media').map((e) => e.canonical));
export const DEFINITES = new RegExp(`\\b(?:${organisations.definites.map(escape).join('|')})\\b`, 'gi');

/** A countable noun (lower case, singular or plural) → the quantity kind it counts. */
export const NOUN_KIND = new Map<string, string>();
for (const [kind, forms] of Object.entries(nouns.kinds)) for (const f of forms) NOUN_KIND.set(f, kind);
export const SKIP_BEFORE_NOUN = new Set(nouns.skipBetween);

export const REPORTING_VERBS = new Set(verbs.verbs);
export const REPORTING_PHRASES = verbs.phrases;
export const MEDIA_VERBS = new Set(verbs.mediaOnly);
export const ROLE_WORDS = new Set(roles.roles.flatMap((r) => r.split(' ')));
export const ROLES = roles.roles;

/** The organisation's name as the ledger writes it, or null when the gazetteer does not know it. */
export function canonicalOrganisation(name: string): string | null {
  return ORGANISATIONS.canonical(name) ?? COUNTRIES.canonical(name);
}

export const LEXICON_VERSIONS = {
  weapons: weapons.version, nouns: nouns.version, verbs: verbs.version, roles: roles.version, places: places.version, organisations: organisations.version,
};
