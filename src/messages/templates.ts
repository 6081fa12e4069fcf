import { CATALOGUES, LINE_NAMESPACES, render, type Namespace } from './catalogue.js';
import type { Language } from './languages.js';

/**
 * Translation at the edge. Domain code (the markings engine, validation, imports) speaks English
 * sentences; each English catalogue entry with `{{placeholders}}` is also a pattern that recognises
 * such a sentence and recovers its key and parameters, which are then rendered in the language
 * asked for. So the engine need not change to be translated, and a sentence without an entry is
 * found by a test (test/messages/identify-coverage.test.ts) rather than shipped half-English.
 *
 * Parameters are translated too when they are themselves catalogued (a record type, a role, a
 * date-code note, a nested warning); anything else (part numbers, names, dates) passes unchanged.
 */
export interface Recognised {
  ns: Namespace;
  key: string;
  params: Record<string, string | number>;
}

interface Template {
  ns: Namespace;
  /** The key to render: plural forms (`x_one`, `x_other`) render as `x` with a count. */
  key: string;
  plural: boolean;
  re: RegExp;
  names: string[];
  /** Characters of fixed text: the more, the more specific, and the earlier it is tried. */
  literal: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,[^}]*)?\}\}/g;
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A pattern with less fixed text than this would match nearly anything: refused when compiled. */
const MIN_LITERAL = 3;
/** Placeholders by these names hold a number, and match only one, so they cannot swallow a clause before them. */
const NUMERIC = new Set(['n', 'count', 'year', 'limit', 'records']);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compile(ns: Namespace, key: string, english: string): Template {
  const names: string[] = [];
  let source = '';
  let literal = 0;
  let last = 0;
  for (const m of english.matchAll(PLACEHOLDER)) {
    const text = english.slice(last, m.index);
    source += escapeRe(text);
    literal += text.length;
    const name = m[1]!;
    // A name used twice must match the same text both times.
    source += names.includes(name) ? `\\k<${name}>` : `(?<${name}>${NUMERIC.has(name) ? '-?\\d+(?:\\.\\d+)?' : '[\\s\\S]+?'})`;
    if (!names.includes(name)) names.push(name);
    last = m.index + m[0].length;
  }
  const tail = english.slice(last);
  source += escapeRe(tail);
  literal += tail.length;
  if (names.length && literal < MIN_LITERAL) throw new Error(`message ${ns}:${key} "${english}" has too little fixed text to be recognised`);
  const plural = PLURAL.test(key);
  return { ns, key: key.replace(PLURAL, ''), plural, re: new RegExp(`^${source}$`), names, literal };
}

function compileAll(namespaces: readonly Namespace[]): { exact: Map<string, Template>; patterns: Template[] } {
  const exact = new Map<string, Template>();
  const patterns: Template[] = [];
  for (const ns of namespaces) {
    for (const [key, english] of Object.entries(CATALOGUES.en[ns])) {
      const t = compile(ns, key, english);
      if (t.names.length === 0) {
        if (!exact.has(english)) exact.set(english, t);
      } else patterns.push(t);
    }
  }
  patterns.sort((a, b) => b.literal - a.literal);
  return { exact, patterns };
}

// Compiled once, when the module loads.
const LINES = compileAll(LINE_NAMESPACES);
const FRAGMENTS = compileAll(['fragments']);

function match(set: { exact: Map<string, Template>; patterns: Template[] }, text: string): Recognised | null {
  const e = set.exact.get(text);
  if (e) return { ns: e.ns, key: e.key, params: e.plural ? { count: 1 } : {} };
  for (const t of set.patterns) {
    const m = t.re.exec(text);
    if (!m) continue;
    const params: Record<string, string | number> = { ...m.groups };
    // "one reading" has no number in it: its plural form says it.
    if (t.plural) params.count = params.count === undefined ? 1 : Number(params.count);
    return { ns: t.ns, key: t.key, params };
  }
  return null;
}

/** The catalogue entry an English sentence is an instance of, or null: what the coverage tests ask. */
export function recognise(text: string): Recognised | null {
  return match(LINES, text) ?? match(FRAGMENTS, text);
}

const MAX_DEPTH = 4;

function renderRecognised(lang: Language, r: Recognised, depth: number): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(r.params)) {
    params[name] = typeof value === 'string' && name !== 'count' ? translatePart(lang, value, depth + 1) : value;
  }
  return render(lang, r.ns, r.key, params);
}

/** A parameter: a catalogued sentence or fragment, a "; "-separated list of them, or left as it is. */
function translatePart(lang: Language, value: string, depth: number): string {
  if (depth > MAX_DEPTH || value.length === 0) return value;
  const r = match(FRAGMENTS, value) ?? match(LINES, value);
  if (r) return renderRecognised(lang, r, depth);
  if (value.includes('; ')) return value.split('; ').map((p) => translatePart(lang, p, depth + 1)).join('; ');
  return translateList(lang, value, depth) ?? value;
}

/**
 * A list of catalogued fragments ("2 items, 1 cases", "3 files and 1 follow-up"), each part in
 * `lang`; null unless every part is catalogued, so a name with a comma in it is never cut up.
 */
function translateList(lang: Language, value: string, depth: number): string | null {
  for (const [sep, word] of [[', ', null], [' and ', 'list.and']] as const) {
    if (!value.includes(sep)) continue;
    const parts = value.split(sep).map((p) => match(FRAGMENTS, p));
    if (parts.some((r) => r === null)) continue;
    const joiner = word ? ` ${render(lang, 'fragments', word)} ` : sep;
    return parts.map((r) => renderRecognised(lang, r!, depth + 1)).join(joiner);
  }
  return null;
}

/**
 * An English sentence in `lang`. English, and any sentence the catalogue does not know, comes back
 * exactly as given: a client that asks for nothing gets the bytes it always got.
 */
export function translateText(lang: Language, text: string): string {
  if (lang === 'en') return text;
  const r = match(LINES, text) ?? match(FRAGMENTS, text);
  if (r) return renderRecognised(lang, r, 0);
  // A sentence made of catalogued clauses ("bound; caveat; caveat"), each translated on its own.
  return text.includes('; ') ? text.split('; ').map((part) => translatePart(lang, part, 1)).join('; ') : text;
}
