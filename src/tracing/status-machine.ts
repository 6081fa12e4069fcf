import { daysBetween, replyDueFor, rightOfReplyAfterReply, rightOfReplyDueFor, addDays, toDayNumber, InvalidDate } from './deadlines.js';

/**
 * The life of a trace request. Pure: the caller supplies the request's current state, the date the
 * event happened and today's date; nothing here reads a clock or a database.
 *
 *   draft ──► sent ──► acknowledged ──► replied ──► closed
 *     │        │  └──────────────────► declined ─► closed
 *     │        └──► no_reply (after the reply due date) ──► replied | declined | closed
 *     └──► closed (abandoned draft)
 *
 * Every state except `closed` can be closed. A late answer after `no_reply` is still recorded
 * (companies do answer late, and the answer matters more than the lateness).
 */

export const TRACE_STATUSES = ['draft', 'sent', 'acknowledged', 'replied', 'declined', 'no_reply', 'closed'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<TraceStatus, readonly TraceStatus[]>> = {
  draft: ['sent', 'closed'],
  sent: ['acknowledged', 'replied', 'declined', 'no_reply', 'closed'],
  acknowledged: ['replied', 'declined', 'no_reply', 'closed'],
  replied: ['closed'],
  declined: ['closed'],
  no_reply: ['replied', 'declined', 'closed'],
  closed: [],
};

export type DateField = 'sentOn' | 'acknowledgedOn' | 'repliedOn' | 'declinedOn' | 'noReplyOn' | 'closedOn';

/** The date column each transition sets (the day the event happened, not the day it was recorded). */
export const DATE_SET_BY: Readonly<Record<Exclude<TraceStatus, 'draft'>, DateField>> = {
  sent: 'sentOn',
  acknowledged: 'acknowledgedOn',
  replied: 'repliedOn',
  declined: 'declinedOn',
  no_reply: 'noReplyOn',
  closed: 'closedOn',
};

export interface TraceState {
  status: TraceStatus;
  sentOn: string | null;
  acknowledgedOn: string | null;
  repliedOn: string | null;
  declinedOn: string | null;
  noReplyOn: string | null;
  closedOn: string | null;
  replyDue: string | null;
  rightOfReplyDue: string | null;
}

export type TraceChanges = Partial<Omit<TraceState, 'status'>> & { status: TraceStatus };

export class TransitionRefused extends Error {
  constructor(
    /** `transition`: the move is not allowed from this state (a 409); `date`: the date given is wrong (a 400 on `on`). */
    readonly kind: 'transition' | 'date',
    readonly from: TraceStatus,
    readonly to: string,
    readonly allowed: readonly TraceStatus[],
    message: string,
  ) {
    super(message);
  }
}

export function allowedFrom(status: TraceStatus): readonly TraceStatus[] {
  return TRANSITIONS[status];
}

export function isTraceStatus(s: string): s is TraceStatus {
  return (TRACE_STATUSES as readonly string[]).includes(s);
}

function describeAllowed(from: TraceStatus): string {
  const allowed = TRANSITIONS[from];
  return allowed.length ? `from ${from} the allowed transitions are: ${allowed.join(', ')}` : `${from} is final; no transition leaves it`;
}

/** The latest date already recorded: a new event cannot have happened before it. */
function latestRecorded(state: TraceState): { field: DateField; date: string } | null {
  let best: { field: DateField; date: string } | null = null;
  for (const field of Object.values(DATE_SET_BY)) {
    const d = state[field];
    if (d && (!best || toDayNumber(d) > toDayNumber(best.date))) best = { field, date: d };
  }
  return best;
}

/**
 * Applies `to` on date `on` (the day the letter left, the reply arrived, …) and returns the columns
 * to write, or throws `TransitionRefused` saying what is allowed instead.
 */
export function applyTransition(state: TraceState, to: string, on: string, today: string): TraceChanges {
  const from = state.status;
  if (!isTraceStatus(to)) {
    throw new TransitionRefused('transition', from, to, TRANSITIONS[from], `"${to}" is not a status; statuses are ${TRACE_STATUSES.join(', ')}`);
  }
  if (to === from || !TRANSITIONS[from].includes(to)) {
    throw new TransitionRefused('transition', from, to, TRANSITIONS[from], `cannot go from ${from} to ${to}; ${describeAllowed(from)}`);
  }
  try {
    toDayNumber(on);
  } catch (e) {
    throw new TransitionRefused('date', from, to, TRANSITIONS[from], (e as InvalidDate).message);
  }
  if (daysBetween(today, on) > 0) {
    throw new TransitionRefused('date', from, to, TRANSITIONS[from], `${on} is in the future (today is ${today} UTC); record events on the day they happened`);
  }
  const latest = latestRecorded(state);
  if (latest && daysBetween(latest.date, on) < 0) {
    throw new TransitionRefused('date', from, to, TRANSITIONS[from], `${on} is before ${latest.date}, already recorded as ${latest.field}; events are recorded in the order they happened`);
  }
  const changes: TraceChanges = { status: to, [DATE_SET_BY[to as Exclude<TraceStatus, 'draft'>]]: on };
  switch (to) {
    case 'sent':
      changes.replyDue = replyDueFor(on);
      changes.rightOfReplyDue = rightOfReplyDueFor(on);
      break;
    case 'no_reply':
      // Calling a request unanswered before its deadline would misreport the company.
      if (state.replyDue && daysBetween(state.replyDue, on) <= 0) {
        throw new TransitionRefused('transition', from, to, TRANSITIONS[from],
          `the reply is not due until ${state.replyDue}; no reply can be recorded from ${addDays(state.replyDue, 1)}`);
      }
      break;
    case 'replied':
    case 'declined':
      if (state.rightOfReplyDue) changes.rightOfReplyDue = rightOfReplyAfterReply(state.rightOfReplyDue, on);
      break;
    default:
      break;
  }
  return changes;
}
