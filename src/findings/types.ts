/**
 * The shape of computed findings. Plain data, so that the API, the CLI and the web app show the
 * same numbers. Every figure carries the ids of the records it counted (up to a limit, with
 * `truncated` set beyond it; `/api/findings/records` pages through all of them).
 */
import type { DateWindow, ProductionMark, ProductionToUse } from './dates.js';
import type { Similarity } from './similarity.js';
import type { SanctionedMatch } from '../screening/index.js';

import type { Scope } from '../scope.js';

export type { Scope };

export interface ScopeInfo {
  kind: Scope['kind'];
  id: string | null;
  label: string;
}

/** The records behind a figure. */
export interface RecordRefs {
  /** What the ids are ids of. */
  table: 'components' | 'items' | 'organisations';
  count: number;
  ids: string[];
  /** More records were counted than ids listed (see `idLimit`). */
  truncated: boolean;
}

export interface Bucket {
  /** Country code, organisation id, year, tier or part number; null for "unknown". */
  key: string | null;
  label: string;
  units: number;
  records: number;
  /** Percent of the breakdown's total units, one decimal, largest-remainder rounded (sums to 100). */
  share: number;
  /** Component ids in this bucket. */
  ids: string[];
  truncated: boolean;
}

export interface Breakdown {
  /** Units the shares are of. */
  totalUnits: number;
  /** Distinct known keys (e.g. 8 countries); the unknown bucket is not counted. */
  distinct: number;
  buckets: Bucket[];
}

export interface ItemTimeline {
  itemId: string;
  label: string;
  /** Newest production lower bound among the item's visible components. */
  noEarlierThan: string | null;
  mark: ProductionMark | null;
  use: DateWindow | null;
  interval: ProductionToUse | null;
}

export interface SimilarItem {
  itemId: string;
  label: string;
  similarity: Similarity;
}

export interface SimilarPairOut {
  a: { itemId: string; label: string };
  b: { itemId: string; label: string };
  similarity: Similarity;
}

export interface Findings {
  scope: ScopeInfo;
  /** Whose view these figures are: `public` counts published records only. */
  audience: string;
  computedAt: string;
  /** How much of what was counted is illustrative (demo) data rather than documented evidence. */
  illustrative: { components: number; items: number; all: boolean; note: string | null };
  items: RecordRefs;
  components: {
    records: RecordRefs;
    /** Documented units: Σ quantity (one record may stand for several identical parts). */
    units: number;
    partNumbers: { count: number; top: Bucket[] };
    /** Units without a part number. */
    unidentifiedUnits: number;
  };
  makers: Breakdown;
  /** By the country of the maker's headquarters. */
  makerCountries: Breakdown;
  /** By the country of the maker's ultimate parent (following parent links still in force). */
  makerCountriesByParent: Breakdown;
  dateCodes: {
    datedUnits: number;
    datedRecords: number;
    /** Dated records whose window is the engine's pick among several windows the date code allows, undecided by a person. */
    ambiguousRecords: number;
    /** Dated records whose window no person has confirmed (still the engine's suggestion). */
    unconfirmedRecords: number;
    /** Which window of an ambiguous component the figures use: the stored one or its envelope. */
    windows: 'suggested' | 'conservative';
    /** Percent of units with a readable production window. */
    share: number;
    /** Shares of the dated units by production year. */
    byYear: Breakdown;
  };
  noEarlierThan: {
    date: string;
    /** The components that set the date. */
    refs: RecordRefs;
    note: string;
    /** Whether any component it rests on has an ambiguous window (null: not listed for a scope this large). */
    ambiguous: boolean | null;
    /** Of `refs`, those whose window is ambiguous, and those whose window no person confirmed. */
    restsOnAmbiguous: RecordRefs | null;
    restsOnUnconfirmed: RecordRefs | null;
    /** The same bound with every ambiguous window counted as its envelope (never later than `date`). */
    conservativeDate: string;
  } | null;
  /** Per item: own mark, newest part, use date and the interval between production and use. */
  timelines: ItemTimeline[];
  chplTiers: Breakdown;
  similarity: {
    thresholds: { identicalAt: number; sisterAt: number };
    /** Item scope: other items most like this one. */
    similarItems: SimilarItem[];
    /** Group scopes: pairs of items in the scope at or above the sister threshold. */
    pairs: SimilarPairOut[];
    note: string | null;
  };
  /** From the tracing context; null until a component in scope has a documented transfer. */
  intermediaries: {
    tracedComponents: number;
    byCountry: Breakdown;
    /** By UN M49 sub-region (e.g. Eastern Asia). */
    byRegion: Breakdown;
    note: string;
  } | null;
  /**
   * Makers and intermediaries in scope with a confirmed sanctions match (screening). Null for the
   * public: screening decisions are never published (docs/findings.md).
   */
  sanctioned: {
    /** False until a sanctions list is loaded: the counts below are then zero and mean nothing. */
    screened: boolean;
    /** Titles of the lists loaded (screened against). */
    listsLoaded: string[];
    /** The figure in words, as screens show it ("not screened: no sanctions list loaded" before any list). */
    summary: string;
    /** Distinct makers of counted components with a confirmed match. */
    makers: number;
    /** Distinct holders in trade on the scope's chains (not the maker) with a confirmed match. */
    intermediaries: number;
    parties: SanctionedParty[];
    note: string;
  } | null;
  notes: string[];
}

/** A sanctioned maker or intermediary, with the components that lead to it and the matches behind it. */
export interface SanctionedParty {
  organisationId: string;
  name: string;
  roles: ('maker' | 'intermediary')[];
  /** Components in scope it made, or whose chains pass through it. */
  components: RecordRefs;
  /** The confirmed matches as screening reports them, without the matcher's score. */
  matches: Omit<SanctionedMatch, 'score'>[];
}

export interface FindingsOptions {
  /** Ids listed per figure (default 1000 for an item, 200 for groups; 0 lists none). */
  idLimit?: number;
  /** Buckets listed for makers, part numbers and items (the rest are summed into "other"). */
  bucketLimit?: number;
  /** Count illustrative (demo) records too (default true; they are reported as such). */
  includeIllustrative?: boolean;
  /** Ambiguous production windows as stored (`suggested`, default) or as the envelope of their readings (`conservative`). */
  windows?: 'suggested' | 'conservative';
  /** Similarity thresholds; false skips similarity. */
  similarity?: false | { identicalAt?: number; sisterAt?: number; maxItems?: number };
}
