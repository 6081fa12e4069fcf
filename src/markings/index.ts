/**
 * The identification context's face. `identify.ts` is the pure engine (it takes "today" as an
 * input); this face is the boundary where a caller that does not say what day it is gets the
 * current date, and where a reading is shaped into a component suggestion.
 */
import { identify as identifyPure, MAX_INPUT_CHARS } from './identify.js';
import type { ComponentSuggestion, IdentifyContext, IdentifyResult, Reading } from './types.js';

export type * from './types.js';
export { RULES, GENERIC_RULES } from './rules.js';
export { MAX_INPUT_CHARS };

/** Today's date in UTC as `YYYY-MM-DD`: the default "today" for callers that do not give one. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Identifies a marking; `context.today` defaults to the current date. */
export function identify(marking: string, context: IdentifyContext = {}): IdentifyResult {
  return identifyPure(marking, context.today === undefined ? { ...context, today: todayIso() } : context);
}

/** The context the evidence store passes: the item's recovery date, plus optional narrowing. */
export interface SuggestionContext {
  recoveryDate?: string;
  recoveredOn?: string;
  today?: string;
  maker?: string;
  introducedYear?: number;
}

/**
 * The best reading of a marking shaped as a component's derived fields. The production window is
 * the envelope of every surviving reading of the best date token, so ambiguity widens the window
 * instead of being guessed away; the warnings say why.
 */
export function suggestComponentFields(marking: string, context: SuggestionContext = {}): ComponentSuggestion {
  const result = identify(marking, context);
  return suggestionFrom(result.readings[0] ?? null, result);
}

export function suggestionFrom(best: Reading | null, result: IdentifyResult): ComponentSuggestion {
  const warnings = [...result.warnings, ...(best?.warnings ?? [])];
  let from: string | null = null, to: string | null = null, rule: string | null = null;
  if (best?.dateToken) {
    for (const d of best.dates) {
      if (d.token !== best.dateToken) continue;
      rule ??= d.rule;
      if (from === null || d.from < from) from = d.from;
      if (to === null || d.to > to) to = d.to;
    }
  }
  return {
    partNumber: best?.partNumber ?? null,
    makerName: best?.maker?.name ?? null,
    makerCountry: best?.maker?.country ?? null,
    dateCodeText: best?.dateToken ?? null,
    productionFrom: from,
    productionTo: to,
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
    dateRule: rule,
    classificationReason: best?.classificationReason ?? '',
  };
}
