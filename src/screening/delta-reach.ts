/**
 * Which organisations a list's delta can reach (pure: no database). The
 * added and changed entries form a small index of their own, which finds
 * candidates cheaply; since its word rarities are not the whole list's,
 * candidates are taken `CANDIDATE_MARGIN` below the review threshold, and
 * each is confirmed by scoring the query against that entry in the whole
 * index, as screening would. See `delta.ts` for how it is used.
 */
import { MatchIndex, type IndexEntityInput, type MatchQuery } from './match-index.js';
import type { ScoringConfig } from './score.js';

export const CANDIDATE_MARGIN = 0.2;

export class DeltaReach {
  private readonly small: MatchIndex;
  private readonly cutoff: number;

  constructor(
    private readonly full: MatchIndex,
    changed: readonly IndexEntityInput[],
    private readonly scoring: ScoringConfig,
    private readonly reviewThreshold: number,
  ) {
    this.small = MatchIndex.from([...changed]);
    this.cutoff = Math.max(0.01, reviewThreshold - CANDIDATE_MARGIN);
  }

  /** True when an added or changed entry scores at or above the review threshold against `q`. */
  reaches(q: MatchQuery): boolean {
    if (this.small.entityCount === 0) return false;
    for (const h of this.small.match(q, { cutoff: this.cutoff, limit: 10, config: this.scoring })) {
      const hit = this.full.scoreEntity(this.full.findByKey(h.key), q, this.scoring);
      if (hit && hit.result.score >= this.reviewThreshold) return true;
    }
    return false;
  }
}
