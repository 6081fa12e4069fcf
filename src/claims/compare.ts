/**
 * A claim set against a computed finding: "claimed more than 290 components; documented here: N".
 * The verdict says whether the documented figure falls within what the claim asserts; the text
 * shows both, so a reader sees the numbers rather than a bare tick. Pure.
 */
import type { MetricValue } from '../findings/index.js';
import { describeQuantity, describeWindow, inRange, quantityRange, type ClaimFacts } from './values.js';

export interface Comparison {
  claimId: string;
  verdict: 'matches' | 'differs' | 'not comparable';
  claimed: string;
  documented: string;
  text: string;
}

export function compareWithFinding(
  claim: ClaimFacts, topic: { kind: 'quantity' | 'date' | 'statement'; unit: string | null }, finding: MetricValue | null, illustrative: boolean,
): Comparison {
  const tag = illustrative ? ' (computed over illustrative records)' : '';
  const notComparable = (claimed: string, why: string): Comparison => ({
    claimId: claim.id, verdict: 'not comparable', claimed, documented: why, text: `claimed: ${claimed}; ${why}`,
  });
  if (topic.kind === 'quantity') {
    if (claim.quantity === null) return notComparable('no figure', 'the claim states no figure');
    const claimed = describeQuantity(claim.quantity, claim.quantityQualifier, topic.unit);
    if (!finding) return notComparable(claimed, 'nothing documented here yet');
    if (finding.kind !== 'number') return notComparable(claimed, `the finding is a date (${finding.text})`);
    const ok = inRange(finding.value, quantityRange(claim.quantity, claim.quantityQualifier, topic.unit));
    return {
      claimId: claim.id, verdict: ok ? 'matches' : 'differs', claimed, documented: finding.text + tag,
      text: `claimed ${claimed}; documented here: ${finding.text}${tag}`,
    };
  }
  if (topic.kind === 'date') {
    if (!claim.eventFrom) return notComparable('no date', 'the claim states no date');
    const w = { from: claim.eventFrom, to: claim.eventTo ?? claim.eventFrom };
    const claimed = describeWindow(w.from, w.to);
    if (!finding) return notComparable(claimed, 'nothing documented here yet');
    if (finding.kind !== 'date') return notComparable(claimed, `the finding is a number (${finding.text})`);
    const ok = !(finding.window.to < w.from || w.to < finding.window.from);
    return {
      claimId: claim.id, verdict: ok ? 'matches' : 'differs', claimed, documented: finding.text + tag,
      text: `claimed ${claimed}; documented here: ${finding.text}${tag}`,
    };
  }
  return notComparable('a statement', 'statements are not compared with figures');
}
