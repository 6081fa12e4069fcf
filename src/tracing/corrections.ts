import { DATE_SET_BY, type DateField, type TraceState } from './status-machine.js';
import { daysBetween, replyDueFor, rightOfReplyAfterReply, rightOfReplyDueFor, toDayNumber, InvalidDate } from './deadlines.js';

/**
 * Correcting the dates of a trace request's events after the fact. Pure: the caller supplies the
 * stored state, the corrections and today's date.
 *
 * Why it exists: a request marked "sent" without a date records today; when the real letter left a
 * week earlier and the reply arrived before today, the status machine (rightly) refuses a reply dated
 * before the recorded sending. The fix is to correct the sending date, not to bend the order rule.
 *
 * Rules, each refused with the field it concerns:
 * - only the dates of events that happened can be corrected (a draft has no sending date to move);
 *   the acknowledgement may be added to a request that went past it unrecorded, or removed;
 * - no date in the future;
 * - the events stay in the order they happened: sent ≤ acknowledged ≤ replied / declined ≤ closed,
 *   and "no reply" only after the reply was due;
 * - deadlines follow the corrected sending date (reply due = sent + 28, right of reply = reply due
 *   + 28, pushed to answer + 28 after a late answer), so the schema's checks hold.
 */

export type Corrections = Partial<Record<DateField, string | null>>;

export interface DateProblem {
  field: DateField;
  message: string;
}

/** Statuses that come after an acknowledgement could have been received (it may be added or removed). */
const ACK_POSSIBLE = new Set(['sent', 'replied', 'declined', 'no_reply', 'closed']);

const LABEL: Record<DateField, string> = {
  sentOn: 'sent', acknowledgedOn: 'acknowledged', repliedOn: 'replied', declinedOn: 'declined', noReplyOn: 'no reply', closedOn: 'closed',
};

/**
 * The columns to write for `corrections`, or the problems found (every one, each naming its field).
 * Fields absent from `corrections` keep their stored value; `null` clears (acknowledgedOn only).
 */
export function correctDates(state: TraceState, corrections: Corrections, today: string): { changes: Partial<TraceState> } | { problems: DateProblem[] } {
  const problems: DateProblem[] = [];
  const next: TraceState = { ...state };
  for (const [k, v] of Object.entries(corrections) as [DateField, string | null | undefined][]) {
    if (v === undefined || !(Object.values(DATE_SET_BY) as string[]).includes(k)) continue;
    if (v === null) {
      if (k !== 'acknowledgedOn') problems.push({ field: k, message: `the ${LABEL[k]} date cannot be removed; it records the request's status` });
      else if (state.status === 'acknowledged') problems.push({ field: k, message: 'the request is acknowledged; its acknowledgement date cannot be removed' });
      else next[k] = null;
      continue;
    }
    try {
      toDayNumber(v);
    } catch (e) {
      problems.push({ field: k, message: (e as InvalidDate).message });
      continue;
    }
    const recorded = state[k] !== null;
    const addingAck = k === 'acknowledgedOn' && state.sentOn !== null && ACK_POSSIBLE.has(state.status);
    if (!recorded && !addingAck) {
      problems.push({ field: k, message: state.status === 'draft' && k === 'sentOn'
        ? 'the request is a draft: mark it sent (with the day the letter left) instead of correcting a date'
        : `the request has no ${LABEL[k]} date to correct (status ${state.status})` });
      continue;
    }
    if (daysBetween(today, v) > 0) {
      problems.push({ field: k, message: `${v} is in the future (today is ${today} UTC)` });
      continue;
    }
    next[k] = v;
  }
  if (problems.length) return { problems };

  // Order: each event on or after the one before it.
  const before = (a: DateField, b: DateField, strict = false) => {
    const x = next[a];
    const y = next[b];
    if (!x || !y) return;
    const d = daysBetween(x, y);
    if (d < 0 || (strict && d === 0)) {
      const changed: DateField = corrections[b] !== undefined ? b : a;
      problems.push({ field: changed, message: `${LABEL[b]} (${y}) must be ${strict ? 'after' : 'on or after'} ${LABEL[a]} (${x})` });
    }
  };
  before('sentOn', 'acknowledgedOn');
  before('sentOn', 'repliedOn');
  before('sentOn', 'declinedOn');
  before('acknowledgedOn', 'repliedOn');
  before('acknowledgedOn', 'declinedOn');
  for (const f of ['sentOn', 'acknowledgedOn', 'repliedOn', 'declinedOn', 'noReplyOn'] as const) before(f, 'closedOn');

  if (next.sentOn) {
    next.replyDue = replyDueFor(next.sentOn);
    let right = rightOfReplyDueFor(next.sentOn);
    const answered = next.repliedOn ?? next.declinedOn;
    if (answered) right = rightOfReplyAfterReply(right, answered);
    next.rightOfReplyDue = right;
    if (next.noReplyOn && daysBetween(next.replyDue, next.noReplyOn) <= 0) {
      problems.push({ field: corrections.noReplyOn !== undefined ? 'noReplyOn' : 'sentOn', message: `no reply can be recorded only after the reply was due (${next.replyDue}); no reply is dated ${next.noReplyOn}` });
    }
  }
  if (problems.length) return { problems: dedupe(problems) };

  const changes: Partial<TraceState> = {};
  for (const k of [...Object.values(DATE_SET_BY), 'replyDue', 'rightOfReplyDue'] as (keyof TraceState)[]) {
    if (k !== 'status' && next[k] !== state[k]) (changes as Record<string, unknown>)[k] = next[k];
  }
  return { changes };
}

function dedupe(ps: DateProblem[]): DateProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => !seen.has(`${p.field}:${p.message}`) && !!seen.add(`${p.field}:${p.message}`));
}
