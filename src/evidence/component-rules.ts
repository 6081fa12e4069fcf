/**
 * The component rules, in one place: what the identification engine suggests for a component,
 * which of its values fit the record, what the item's context says (recovery date, DPRK), which
 * fields are suggested and which confirmed, what a stored production window means, and whether a
 * confirmation matches the suggestion the person saw. Pure: no database, HTTP or clock. The API's
 * create and update (`components.ts`), the bulk import (`transfer/import.ts`), `POST /api/identify`
 * and `POST /api/components/suggest` all call these, so that for one marking and one item they
 * cannot disagree; the web app renders what those routes return.
 */
import { suggestComponentFields, suggestionFrom, type ComponentSuggestion, type IdentifyResult, type SuggestionContext } from '../markings/index.js';
import { componentCreate, DERIVED_FIELDS, type DerivedField } from './resources.js';

export type { ComponentSuggestion, SuggestedWindow, SuggestionContext } from '../markings/index.js';

// ---------------------------------------------------------------- the item's context

/** What the rules read from an item (and its incident) to identify its components. */
export interface ItemFacts {
  recoveredOn?: string | null;
  usedOn?: string | null;
  weaponModel?: string | null;
  weaponFamily?: string | null;
  /** The item's own production mark (`주체113`, `Juche 113`). */
  productionMarks?: string | null;
  /** The weapon types of the item's incident. */
  incidentWeaponTypes?: readonly string[] | null;
}

/**
 * Words that make a weapon or recovery context North Korean: the US/ROK designations of DPRK
 * missiles and rockets (KN-xx, e.g. KN-23 = Hwasong-11Ga, KN-24, KN-25), the Hwasong, Pukguksong,
 * Nodong/Rodong, Taepodong and Musudan families, the country's names, and the Juche calendar
 * (Juche, 주체) or the country's own name (조선) in a production mark. The KN-xx and Hwasong
 * designations are those used in the UN Panel of Experts reports (S/2024/215) and the CSIS
 * Missile Threat pages.
 */
export const DPRK_CONTEXT = /\b(?:KN-?\d{2}|Hwasong|Hwaseong|Pukguksong|Nodong|Rodong|Taepodong|Musudan|DPRK|North\s+Korean?|Juche)\b|주체|조선/i;

/** True when the item's weapon model or family, its production mark or its incident's weapon types are North Korean. */
export function isDprkContext(item: ItemFacts): boolean {
  const texts = [item.weaponModel, item.weaponFamily, item.productionMarks, ...(item.incidentWeaponTypes ?? [])];
  return texts.some((t) => typeof t === 'string' && DPRK_CONTEXT.test(t));
}

/**
 * The context every path identifies a component's marking in: the item's recovery date (else its
 * use date: nothing on it was made later) and whether the item is North Korean. `dprk` is always
 * present, so that two paths can never differ by one leaving it out.
 */
export function suggestionContextOf(item: ItemFacts | null): SuggestionContext & { dprk: boolean } {
  const recoveryDate = item?.recoveredOn ?? item?.usedOn ?? null;
  return { ...(recoveryDate ? { recoveryDate } : {}), dprk: item ? isDprkContext(item) : false };
}

/**
 * When an item's facts change (its weapon model or family, production mark, recovery or use date,
 * or its incident's weapon types), the components whose suggestion rested on them are suggested
 * anew. The suggestion under the new context, or null when the marking reads the same under both
 * contexts (the change does not touch it) or the context itself did not change.
 */
export function resuggestion(marking: string, before: ItemFacts | null, after: ItemFacts | null): ComponentSuggestion | null {
  const was = suggestionContextOf(before), now = suggestionContextOf(after);
  if (was.dprk === now.dprk && was.recoveryDate === now.recoveryDate) return null;
  const next = componentSuggestion(marking, now);
  return sameSuggestion(componentSuggestion(marking, was), next) ? null : next;
}

/** Two suggestions propose the same thing (key order aside: both come from `componentSuggestion`). */
function sameSuggestion(a: ComponentSuggestion, b: ComponentSuggestion): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------- the suggestion

/** The suggestion's field behind each derived field (the maker is suggested by name; its record is found or created on write). */
export const SUGGESTED_KEY = {
  partNumber: 'partNumber',
  makerId: 'makerName',
  makerCountry: 'makerCountry',
  dateCodeText: 'dateCodeText',
  productionFrom: 'productionFrom',
  productionTo: 'productionTo',
  lot: 'lot',
  category: 'category',
  hs6: 'hs6',
  chplTier: 'chplTier',
} as const satisfies Record<DerivedField, keyof ComponentSuggestion>;

const MAX_MAKER_NAME = 500;

/** A suggested value the record's column takes (the engine's word is checked like anyone's), else null. */
function fitting(field: DerivedField, v: string | null): string | null {
  if (v === null) return null;
  if (field === 'makerId') {
    const name = v.trim();
    return name ? name.slice(0, MAX_MAKER_NAME) : null;
  }
  const shape = componentCreate.shape as Record<string, { safeParse(x: unknown): { success: boolean } }>;
  return shape[field]!.safeParse(v).success ? v : null;
}

/**
 * The suggestion for a marking in an item's context, exactly as it is stored and shown: each
 * derived value is the engine's where the record's column takes it, null where it does not. A
 * window whose either end does not fit is dropped whole (with its alternatives), so a stored
 * window never ends before it starts.
 */
export function componentSuggestion(marking: string, context: SuggestionContext): ComponentSuggestion {
  return fitted(suggestComponentFields(marking, context));
}

/** Every reading of an identification shaped as a component suggestion, best first: the first is what a create stores. */
export function readingSuggestions(result: IdentifyResult): ComponentSuggestion[] {
  if (result.readings.length === 0) return [fitted(suggestionFrom(null, result))];
  return result.readings.map((r) => fitted(suggestionFrom(r, result)));
}

/** A suggestion with each value the record's column cannot take made null (see componentSuggestion). */
function fitted(s: ComponentSuggestion): ComponentSuggestion {
  const out: ComponentSuggestion = { ...s };
  for (const f of DERIVED_FIELDS) {
    const key = SUGGESTED_KEY[f];
    (out as unknown as Record<string, unknown>)[key] = fitting(f, s[key]);
  }
  if (out.productionFrom === null || out.productionTo === null) {
    Object.assign(out, { productionFrom: null, productionTo: null, window: null, alternatives: [], ambiguous: false, envelopeFrom: null, envelopeTo: null });
  }
  return out;
}

/** The value a suggestion proposes for a derived field (the maker by name), or null. */
export function suggestedValue(s: Partial<ComponentSuggestion> | null | undefined, field: DerivedField): string | null {
  const v = s?.[SUGGESTED_KEY[field]];
  return typeof v === 'string' ? v : null;
}

/** The suggestion as the derived fields a form shows (the maker by name): what "Confirm" sends back as `expect`. */
export function fieldsOf(s: Partial<ComponentSuggestion>): Record<DerivedField, string | null> {
  return Object.fromEntries(DERIVED_FIELDS.map((f) => [f, suggestedValue(s, f)])) as Record<DerivedField, string | null>;
}

// ---------------------------------------------------------------- suggested or confirmed

export type FieldStatus = Record<string, { state: 'suggested' | 'confirmed'; by: string | null; at: string }>;

/** Fields the caller sent are a person's statement: confirmed by them. */
export function confirmStated(status: FieldStatus, input: Record<string, unknown>, actorId: string, at: string): void {
  for (const f of DERIVED_FIELDS) if (f in input) status[f] = { state: 'confirmed', by: actorId, at };
}

/**
 * Applies a new suggestion: every field a person has not confirmed takes the suggested value (the
 * maker as the organisation id the caller resolved) and becomes a suggestion made `at`.
 */
export function applySuggestion(values: Record<string, unknown>, status: FieldStatus, s: ComponentSuggestion, makerId: string | null, at: string): void {
  for (const f of DERIVED_FIELDS) {
    if (status[f]?.state === 'confirmed') continue;
    values[f] = f === 'makerId' ? makerId : suggestedValue(s, f);
    status[f] = { state: 'suggested', by: null, at };
  }
}

/** Whether the maker is still the engine's to propose (no person confirmed it). */
export function makerIsSuggested(status: FieldStatus): boolean {
  return status.makerId?.state !== 'confirmed';
}

/**
 * A confirmation names fields and, from a screen, the values that screen showed (`expect`, in the
 * suggestion's terms: the maker by name). Each expected value must be the current suggestion's,
 * or the person would confirm something they never saw. Returns the mismatches.
 */
export function confirmationMismatches(
  confirm: readonly DerivedField[], expect: Partial<Record<DerivedField, string | null>> | undefined, current: Partial<ComponentSuggestion> | null,
): { field: DerivedField; shown: string | null; suggested: string | null }[] {
  if (!expect) return [];
  const out: { field: DerivedField; shown: string | null; suggested: string | null }[] = [];
  for (const f of confirm) {
    if (!(f in expect)) continue;
    const shown = expect[f] ?? null;
    const suggested = suggestedValue(current, f);
    if (shown !== suggested) out.push({ field: f, shown, suggested });
  }
  return out;
}

// ---------------------------------------------------------------- what a stored window means

export interface WindowMeaning {
  /** The window in force is the engine's pick among several it could not tell apart. */
  ambiguous: boolean;
  /** With `ambiguous`: the span of the window and its alternatives (the conservative window). */
  envelopeFrom: string | null;
  envelopeTo: string | null;
}

/**
 * A window is ambiguous while it is the engine's suggestion and the date word had other surviving
 * readings. A person confirming either end, typing a window or picking an alternative decides it.
 */
export function windowMeaning(status: FieldStatus, s: Partial<ComponentSuggestion> | null | undefined): WindowMeaning {
  const decided = status.productionFrom?.state === 'confirmed' || status.productionTo?.state === 'confirmed';
  if (decided || !s?.ambiguous) return { ambiguous: false, envelopeFrom: null, envelopeTo: null };
  return { ambiguous: true, envelopeFrom: s.envelopeFrom ?? null, envelopeTo: s.envelopeTo ?? null };
}
