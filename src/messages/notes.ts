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

/** The findings' notes (`note`, `notes`). */
const NOTE_KEYS: ReadonlySet<string> = new Set(['note', 'notes']);
export function localiseNotes<T>(value: T, lang: Language): T {
  return localiseKeys(value, lang, NOTE_KEYS);
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

/** What still refers to a record (`GET …/:id/references`): each `label` ("items", "claims (filed under it)"). */
const LABEL_KEYS: ReadonlySet<string> = new Set(['label']);
export function localiseReferenceLabels<T>(value: T, lang: Language): T {
  return localiseKeys(value, lang, LABEL_KEYS);
}
