/**
 * Types of the identification engine. Everything here is plain data so that
 * readings can be returned over HTTP, printed by the CLI or stored as
 * suggestions without conversion.
 */

/** One possible production window read from one token of a marking. */
export interface DateReading {
  /** First day the part could have been made (ISO date, inclusive). */
  from: string;
  /** Last day the part could have been made (ISO date, inclusive, never after "today"). */
  to: string;
  /** Identifier of the rule that produced the reading, e.g. `ecia-yyww`. */
  rule: string;
  /** The characters the rule read, exactly as printed. */
  chars: string;
  /** The whole token the characters come from (e.g. `PQ208AGQ0525` for `0525`). */
  token: string;
  /** 0..1; readings of the same token share the probability mass between them. */
  confidence: number;
  /** Human explanation, e.g. "2023, ISO week 41". */
  note: string;
}

/** A reading that a rule produced but the context ruled out; kept so analysts see why. */
export interface RejectedDate {
  from: string;
  to: string;
  rule: string;
  chars: string;
  reason: string;
}

export type WarningCode =
  | 'week-53-short-year'
  | 'after-recovery'
  | 'before-introduction'
  | 'clone-risk'
  | 'ambiguous-prefix'
  | 'ambiguous-date'
  | 'unconfirmed-rule'
  | 'maker-conflict'
  | 'undecoded-date'
  | 'no-date'
  | 'truncated'
  /** A look-alike character was read the other way (O/0, I/1, S/5, B/8, Z/2, G/6) because the knowledge base supports it. */
  | 'ocr-corrected'
  /** No maker is likely enough to name: the reading says maker unknown and lists the candidates. */
  | 'maker-unknown';

export interface Warning {
  code: WarningCode;
  message: string;
}

export interface MakerParent {
  id: string;
  name: string;
  country: string | null;
  /** Year the maker was acquired by, merged into or spun off to the parent. */
  year: number | null;
}

export interface MakerSummary {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 of the headquarters. */
  country: string | null;
  /** The immediate owner (acquirer), with the year of the acquisition. */
  parent: MakerParent | null;
  /** The top of the ownership chain when it is longer than one step (Actel → Microsemi → Microchip). */
  ultimateParent: MakerParent | null;
  /** JEDEC JEP106 manufacturer code as `bank:0xID` (7-bit id, parity stripped), when known. */
  jep106: string | null;
}

/** How a maker was attributed: what was read, and how sure we are. */
export type MakerEvidence = 'logo' | 'logo+prefix' | 'prefix' | 'ambiguous-prefix' | 'context'
  /** From the knowledge base: a family printed without its letters, a topside code, a maker's serial line. */
  | 'family-letters' | 'topside-code' | 'serial-format' | 'layout';

export interface Classification {
  category: string | null;
  hs6: string | null;
  chplTier: string | null;
  reason: string;
}

export interface Reading {
  /** 0..1, relative weight among the readings of the same marking. */
  confidence: number;
  maker: MakerSummary | null;
  makerEvidence: MakerEvidence | null;
  /** Other makers sharing an ambiguous prefix (empty when attribution is unique). */
  makerCandidates: string[];
  partNumber: string | null;
  family: string | null;
  category: string | null;
  hs6: string | null;
  chplTier: string | null;
  classificationReason: string;
  /** Introduction year of the family where catalogued (or given in the context). */
  introduced: number | null;
  /** Surviving production windows, best first. */
  dates: DateReading[];
  rejectedDates: RejectedDate[];
  /** The token the best window was read from; `dates` of other tokens follow its readings. */
  dateToken: string | null;
  /** Assembly site code and, where the maker's convention names it, the site. */
  site: { code: string; name: string | null } | null;
  /** Country of assembly printed on the part (ISO alpha-2), e.g. from `CHN`. */
  assemblyCountry: string | null;
  lot: string | null;
  /**
   * Who owned the maker when the part was made, when every window of the date token falls
   * wholly before or wholly after the acquisition (a 2023 LTC part was made under Analog Devices).
   */
  ownerAtProduction: MakerParent | null;
  warnings: Warning[];
  /** Steps of reasoning, in order, for display. */
  reasoning: string[];
}

export interface IdentifyContext {
  /**
   * "Today" for future checks, as an ISO date or a Date. The pure core takes it as given; the
   * face (`index.ts`), the API and the CLI supply the current date when the caller does not.
   */
  today?: string | Date;
  /** The item's recovery (or use) date: nothing on it was produced later. */
  recoveryDate?: string | Date;
  /** Same as `recoveryDate` (the name the items table uses); `recoveryDate` wins when both are given. */
  recoveredOn?: string | Date;
  /** Introduction year of the part, when known from outside the catalogue. */
  introducedYear?: number;
  /** A maker already confirmed by the analyst (catalogue id, name, alias or logo text). */
  maker?: string;
  /** Build the `reasoning` text (default true); bulk callers that only need the fields can skip it. */
  explain?: boolean;
  /**
   * The item's weapon or recovery context is DPRK. Then a bare two- or three-digit word may be a
   * Juche year (Gregorian = Juche + 1911) and that reading ranks first; otherwise such a word is
   * never read as a Juche year (a `91` on a TI regulator is not 2002). A marking that itself
   * prints DPRK (`PRK`, `DPRK`) or the word Juche (`주체`) counts as DPRK too.
   */
  dprk?: boolean;
}

export interface IdentifyResult {
  marking: string;
  /** The printed lines as read (after splitting on ` / ` and new lines). */
  lines: string[];
  /** Best first; at least one reading, which may have no maker. */
  readings: Reading[];
  /** Warnings about the marking as a whole (e.g. truncated input). */
  warnings: Warning[];
}

/** The best single suggestion, shaped for a component record. */
export interface ComponentSuggestion {
  partNumber: string | null;
  /** Canonical maker name from the catalogue. */
  makerName: string | null;
  makerCountry: string | null;
  dateCodeText: string | null;
  /** Envelope of the surviving windows of the chosen date token: ambiguity widens it, never hides. */
  productionFrom: string | null;
  productionTo: string | null;
  hs6: string | null;
  chplTier: string | null;
  category: string | null;
  lot: string | null;
  confidence: number;
  /** Warning messages, for display. */
  warnings: string[];
  // Fields added beyond the lead's placeholder shape.
  /** Catalogue id of the maker (`ref_makers.id`). */
  makerCatalogueId: string | null;
  makerParent: MakerParent | null;
  family: string | null;
  assemblyCountry: string | null;
  warningCodes: WarningCode[];
  /** Date rule of the chosen window, e.g. `ecia-yyww`. */
  dateRule: string | null;
  classificationReason: string;
}
