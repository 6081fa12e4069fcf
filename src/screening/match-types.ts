/**
 * What callers of the screening index hand it and get back: listed entities
 * to index, queries, options and hits. Types only (and the default cutoff),
 * so the index's parts and its callers share one vocabulary.
 */
import type { FeatureExplanation, FeatureName, ScoreResult, ScoringConfig } from './score.js';
import type { NameKind } from './types.js';

export interface IndexEntityInput {
  /** Caller's id for the entity (the `list_entities` primary key). */
  key: number;
  listId: number;
  reference: string;
  schema: string;
  /** The primary name first: it becomes the caption. */
  names: readonly { value: string; kind: NameKind }[];
  countries: readonly string[];
  identifiers: readonly string[];
  /** ISO dates, possibly partial ('1957', '1957-05'), as the list gives them. */
  birthDates?: readonly string[];
}

export interface MatchQuery {
  schema?: string;
  names: readonly string[];
  countries?: readonly string[];
  identifiers?: readonly string[];
  birthDates?: readonly string[];
}

export interface MatchOptions {
  /** Results returned, best first (yente's default is 5). */
  limit?: number;
  /**
   * Results scoring below this are not returned at all (default 0.5). It
   * also bounds the work: the lower it is, the more common words must be
   * read to be sure nothing above it is missed.
   */
  cutoff?: number;
  config?: ScoringConfig;
  /** Attach feature explanations (costs string building). */
  explain?: boolean;
  /** Names fully scored per query; more is slower and rarely finds more. */
  candidates?: number;
  /** Only entities of these lists. */
  listIds?: readonly number[];
}

export interface MatchHit {
  /** Position in the index; stable only for this index instance. */
  entity: number;
  key: number;
  listId: number;
  reference: string;
  schema: string;
  caption: string;
  result: ScoreResult;
  features?: Partial<Record<FeatureName, number>>;
  explanations?: Partial<Record<FeatureName, FeatureExplanation>>;
}

export const DEFAULT_CUTOFF = 0.5;
