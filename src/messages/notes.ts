import { translateText } from './templates.js';
import type { Language } from './languages.js';

/**
 * A findings answer with its notes in `lang`: every `note` string and every string of a `notes`
 * list, at any depth (the findings' notes sit in many sub-objects). Figures, ids and labels are
 * left alone; English is returned untouched.
 */
export function localiseNotes<T>(value: T, lang: Language): T {
  if (lang === 'en') return value;
  return walk(value, lang) as T;
}

function walk(v: unknown, lang: Language): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, lang));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'note' && typeof x === 'string') out[k] = translateText(lang, x);
    else if (k === 'notes' && Array.isArray(x)) out[k] = x.map((n) => (typeof n === 'string' ? translateText(lang, n) : walk(n, lang)));
    else out[k] = walk(x, lang);
  }
  return out;
}
