/**
 * The identification context's face. `identify.ts` is the pure engine (it takes "today" as an
 * input); this face is the boundary where a caller that does not say what day it is gets the
 * current date, and where a reading is shaped into a component suggestion.
 */
import { identify as identifyPure, MAX_INPUT_CHARS } from './identify.js';
import type { ComponentSuggestion as EngineSuggestion, DateReading, IdentifyContext, IdentifyResult, Reading } from './types.js';

// `ComponentSuggestion` below (with its window's alternatives) replaces the engine's base shape.
export type * from './types.js';
export { RULES, GENERIC_RULES } from './rules.js';
export { MAX_INPUT_CHARS };
/** The look-alike of a character (O/0, I/1, S/5, B/8, Z/2, G/6), or 0: the one table of print and OCR confusions (OCR's near-miss matcher reads it too). */
export { lookAlike } from './confusions.js';

import { today as todayIso } from '../calendar/index.js';

/** Today's date in UTC as `YYYY-MM-DD` (the shared calendar decides it): the default for callers that do not give one. */
export { todayIso };

/** Identifies a marking; `context.today` defaults to the current date. */
export function identify(marking: string, context: IdentifyContext = {}): IdentifyResult {
  return identifyPure(marking, context.today === undefined ? { ...context, today: todayIso() } : context);
}

/** The context the evidence store passes: the item's recovery date and DPRK context, plus optional narrowing. */
export interface SuggestionContext {
  recoveryDate?: string;
  recoveredOn?: string;
  today?: string;
  maker?: string;
  introducedYear?: number;
  /** The item's weapon or recovery context is North Korean (see `src/evidence/component-rules.ts`). */
  dprk?: boolean;
}

/** One production window a date code allows, as a suggestion carries it. */
export interface SuggestedWindow {
  from: string;
  to: string;
  rule: string;
  /** The characters the rule read, exactly as printed. */
  chars: string;
  confidence: number;
  note: string;
}

/**
 * A component suggestion with what its production window means: the best reading's first window
 * is the suggestion (`productionFrom`/`productionTo`, the same window the engine ranks first),
 * the other surviving windows of the same date word are `alternatives`, and `ambiguous` says there
 * are any. `envelopeFrom`/`envelopeTo` span the window and every alternative: the conservative
 * figure when the choice between them is not made.
 */
export interface ComponentSuggestion extends EngineSuggestion {
  window: SuggestedWindow | null;
  alternatives: SuggestedWindow[];
  ambiguous: boolean;
  envelopeFrom: string | null;
  envelopeTo: string | null;
}

/** The best reading of a marking shaped as a component's derived fields (see `suggestionFrom`). */
export function suggestComponentFields(marking: string, context: SuggestionContext = {}): ComponentSuggestion {
  const result = identify(marking, context);
  return suggestionFrom(result.readings[0] ?? null, result);
}

function windowOf(d: DateReading): SuggestedWindow {
  return { from: d.from, to: d.to, rule: d.rule, chars: d.chars, confidence: d.confidence, note: d.note };
}

/**
 * Shapes a reading as a component suggestion. The window is the reading's first (best) window,
 * never a blend: a blend of 2002, 2012 and 2022 is a window no rule read. The other windows of
 * the same date word are kept as alternatives beside it, so the ambiguity stays visible.
 */
export function suggestionFrom(best: Reading | null, result: IdentifyResult): ComponentSuggestion {
  const warnings = [...result.warnings, ...(best?.warnings ?? [])];
  const first = best?.dateToken ? best.dates.find((d) => d.token === best.dateToken) ?? null : null;
  const alternatives: SuggestedWindow[] = [];
  let envelopeFrom = first?.from ?? null, envelopeTo = first?.to ?? null;
  if (best && first) {
    for (const d of best.dates) {
      if (d === first || d.token !== best.dateToken) continue;
      alternatives.push(windowOf(d));
      if (d.from < envelopeFrom!) envelopeFrom = d.from;
      if (d.to > envelopeTo!) envelopeTo = d.to;
    }
  }
  return {
    partNumber: best?.partNumber ?? null,
    makerName: best?.maker?.name ?? null,
    makerCountry: best?.maker?.country ?? null,
    dateCodeText: best?.dateToken ?? null,
    productionFrom: first?.from ?? null,
    productionTo: first?.to ?? null,
    hs6: best?.hs6 ?? null,
    chplTier: best?.chplTier ?? null,
    category: best?.category ?? null,
    lot: best?.lot ?? null,
    confidence: best?.confidence ?? 0,
    warnings: warnings.map((w) => w.message),
    makerCatalogueId: best?.maker?.id ?? null,
    makerParent: best?.maker?.parent ?? null,
    family: best?.family ?? null,
    assemblyCountry: best?.assemblyCountry ?? null,
    warningCodes: warnings.map((w) => w.code),
    dateRule: first?.rule ?? null,
    classificationReason: best?.classificationReason ?? '',
    window: first ? windowOf(first) : null,
    alternatives,
    ambiguous: alternatives.length > 0,
    envelopeFrom: alternatives.length > 0 ? envelopeFrom : null,
    envelopeTo: alternatives.length > 0 ? envelopeTo : null,
  };
}
