import { translateText } from './templates.js';
import type { Language } from './languages.js';

/**
 * An answer with the sentences under the given keys in `lang`: a string, or each string of a list,
 * at any depth (notes, warnings and reasons sit in many sub-objects). Figures, ids and labels are
 * left alone, and a sentence the catalogue does not know passes unchanged; English is returned
 * untouched, so an English reader pays nothing.
 */
export function localiseKeys<T>(value: T, lang: Language, keys: ReadonlySet<string>): T {
  if (lang === 'en') return value;
  return walk(value, lang, keys) as T;
}

function walk(v: unknown, lang: Language, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, lang, keys));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (keys.has(k) && typeof x === 'string') out[k] = translateText(lang, x);
    else if (keys.has(k) && Array.isArray(x)) out[k] = x.map((n) => (typeof n === 'string' ? translateText(lang, n) : walk(n, lang, keys)));
    else out[k] = walk(x, lang, keys);
  }
  return out;
}

/**
 * `localiseKeys` for an answer whose language is not yet known: the reader's language is looked up
 * (which may cost a query for a signed-in user) only when the answer has something under those keys
 * to say, so an answer without words pays one walk and nothing more.
 */
export async function localiseWorded<T>(value: T, language: () => Promise<Language>, keys: ReadonlySet<string>): Promise<T> {
  return hasWords(value, keys) ? localiseKeys(value, await language(), keys) : value;
}

function hasWords(v: unknown, keys: ReadonlySet<string>): boolean {
  if (Array.isArray(v)) return v.some((x) => hasWords(x, keys));
  if (v === null || typeof v !== 'object') return false;
  for (const [k, x] of Object.entries(v)) {
    if (keys.has(k) && ((typeof x === 'string' && x !== '') || (Array.isArray(x) && x.length > 0))) return true;
    if (hasWords(x, keys)) return true;
  }
  return false;
}

type Language$ = () => Promise<Language>;

// The keys each kind of answer says its sentences under, made once (not per response).
const NOTE_KEYS: ReadonlySet<string> = new Set(['note', 'notes']);
const LABEL_KEYS: ReadonlySet<string> = new Set(['label']);
const WARNING_KEYS: ReadonlySet<string> = new Set(['warnings']);
const DETAIL_KEYS: ReadonlySet<string> = new Set(['detail']);
const LEDGER_KEYS: ReadonlySet<string> = new Set(['reason', 'caveat', 'text', 'documented']);

/** `note` and `notes`: the findings' notes (src/findings/) and report-ingest candidates' notes (src/claims/extract/). */
export const localiseNotes = <T>(value: T, language: Language$): Promise<T> => localiseWorded(value, language, NOTE_KEYS);

/** What still refers to a record (`GET …/:id/references`): each `label` ("items", "claims (filed under it)"). */
export const localiseReferenceLabels = <T>(value: T, language: Language$): Promise<T> => localiseWorded(value, language, LABEL_KEYS);

/** A supply chain's `warnings` (src/tracing/chain.ts). */
export const localiseChainWarnings = <T>(value: T, language: Language$): Promise<T> => localiseWorded(value, language, WARNING_KEYS);

/** A screening match's explanation lines (`explanations.<feature>.detail`, src/screening/score.ts). */
export const localiseMatchDetails = <T>(value: T, language: Language$): Promise<T> => localiseWorded(value, language, DETAIL_KEYS);

/** The ledger's conflict reasons and caveats and its comparisons with findings (src/claims/). */
export const localiseLedger = <T>(value: T, language: Language$): Promise<T> => localiseWorded(value, language, LEDGER_KEYS);
