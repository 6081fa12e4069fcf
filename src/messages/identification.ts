import { translateText } from './templates.js';
import type { Language } from './languages.js';

/**
 * The markings engine's answer with its sentences in `lang`: reasoning lines, warnings, date-code
 * notes, set-aside reasons and the classification reason. Codes, rules, dates and names are data
 * and stay as they are. Typed by the fields it touches only, so the engine's shape can grow (the
 * engine is reworked apart from this) without this module following it; English is returned as is.
 */
interface Warning { message: string }
interface Note { note: string }
interface Reason { reason: string }
interface ReadingLike {
  reasoning?: string[];
  warnings?: Warning[];
  dates?: Note[];
  rejectedDates?: Reason[];
  classificationReason?: string;
}
interface SuggestionLike {
  warnings?: string[];
  classificationReason?: string;
  window?: Note | null;
  alternatives?: Note[];
}

export function localiseIdentification<T extends { readings?: ReadingLike[]; warnings?: Warning[]; suggestion?: SuggestionLike }>(result: T, lang: Language): T {
  if (lang === 'en') return result;
  const tr = (s: string) => translateText(lang, s);
  const out: T = { ...result };
  if (result.warnings) out.warnings = result.warnings.map((w) => ({ ...w, message: tr(w.message) }));
  if (result.readings) out.readings = result.readings.map((r) => localiseReading(r, tr));
  if (result.suggestion) out.suggestion = localiseSuggestion(result.suggestion, tr);
  return out;
}

export function localiseReading<R extends ReadingLike>(r: R, tr: (s: string) => string): R {
  return {
    ...r,
    ...(r.reasoning ? { reasoning: r.reasoning.map(tr) } : {}),
    ...(r.warnings ? { warnings: r.warnings.map((w) => ({ ...w, message: tr(w.message) })) } : {}),
    ...(r.dates ? { dates: r.dates.map((d) => ({ ...d, note: tr(d.note) })) } : {}),
    ...(r.rejectedDates ? { rejectedDates: r.rejectedDates.map((d) => ({ ...d, reason: tr(d.reason) })) } : {}),
    ...(r.classificationReason !== undefined ? { classificationReason: tr(r.classificationReason) } : {}),
  };
}

export function localiseSuggestion<S extends SuggestionLike>(s: S, tr: (s: string) => string): S {
  return {
    ...s,
    ...(s.warnings ? { warnings: s.warnings.map(tr) } : {}),
    ...(s.classificationReason !== undefined ? { classificationReason: tr(s.classificationReason) } : {}),
    ...(s.window ? { window: { ...s.window, note: tr(s.window.note) } } : {}),
    ...(s.alternatives ? { alternatives: s.alternatives.map((a) => ({ ...a, note: tr(a.note) })) } : {}),
  };
}
