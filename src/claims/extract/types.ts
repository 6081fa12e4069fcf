import type { Qualifier } from '../values.js';

/** A candidate claim proposed from a report's text: an analyst accepts, edits or rejects it. */
export interface Candidate {
  /** 'quantity': a figure with what it counts; 'statement': an attributed statement without a figure. */
  kind: 'quantity' | 'statement';
  /** The sentence (or the quoted span) the candidate stands on, exactly as in the source text. */
  text: string;
  /** Character offsets of `text` in the source text (`source.slice(start, end) === text`). */
  start: number;
  end: number;
  quantity: number | null;
  quantityQualifier: Qualifier | null;
  /** What the figure counts ('missiles', 'components', 'countries', 'percent of components'…). */
  quantityKind: string | null;
  /** The words the figure was read from ("at least nine occasions"), with their offsets. */
  figure: { text: string; start: number; end: number } | null;
  speaker: string | null;
  speakerOrg: string | null;
  /** When it was said: YYYY-MM-DD, YYYY-MM or YYYY. */
  dateSaid: string | null;
  weapon: string | null;
  place: string | null;
  /** When the counted event happened (or the "as of" date of a running total): YYYY-MM-DD, YYYY-MM or YYYY. */
  eventDate: string | null;
  /** 0..1: how much of the claim was read with certainty (a figure, what it counts, who said it). */
  confidence: number;
  /** Why the confidence is what it is, in words. */
  notes: string[];
}

export interface ExtractOptions {
  /** The report's publication date (YYYY-MM-DD): resolves "February 6th", "last February", "on Wednesday". */
  published?: string | null;
  /**
   * Who published the report (a page's `og:site_name`, a `# publisher:` line). When it is a body
   * rather than a news outlet (an air force's or an institute's own statement), figures nobody
   * else is named for are its own.
   */
  publisher?: string | null;
}
