/**
 * Deadline arithmetic for trace requests. Pure: no clock is read here; callers pass `today`.
 *
 * Every date is a calendar date (`YYYY-MM-DD`) in UTC. Deadlines count calendar days, not
 * business days: the letters say "within 28 days", weekends and holidays differ by country, and
 * a rule that any reader can check with a calendar is worth more than one that is slightly kinder.
 *
 * Rules (documented in docs/tracing.md):
 * - reply due          = sent on + 28 days. A reply dated on the due day is on time.
 * - right of reply due = reply due + 28 days, fixed when the request is sent so it can be printed
 *   in the letter; if a reply (or a refusal) arrives later than the reply due date, it is pushed to
 *   reply date + 28, so that every respondent has at least 28 days after its own reply to comment
 *   on what will be said about it.
 */
import { addDays, daysBetween, toDayNumber } from '../calendar/index.js';

// Tracing's modules take their day arithmetic and "today" from the shared calendar through here.
export { addDays, daysBetween, toDayNumber, InvalidDate, today as utcToday } from '../calendar/index.js';

export const REPLY_DAYS = 28;
export const RIGHT_OF_REPLY_DAYS = 28;

export function replyDueFor(sentOn: string): string {
  return addDays(sentOn, REPLY_DAYS);
}

export function rightOfReplyDueFor(sentOn: string): string {
  return addDays(replyDueFor(sentOn), RIGHT_OF_REPLY_DAYS);
}

/** The right-of-reply date after a reply on `repliedOn`: never less than 28 days after that reply. */
export function rightOfReplyAfterReply(currentDue: string, repliedOn: string): string {
  const extended = addDays(repliedOn, RIGHT_OF_REPLY_DAYS);
  return toDayNumber(extended) > toDayNumber(currentDue) ? extended : currentDue;
}

export type DeadlinePhase = 'not_sent' | 'awaiting_reply' | 'reply_overdue' | 'right_of_reply_expired' | 'answered';

export interface DeadlineState {
  phase: DeadlinePhase;
  /** Days past the reply due date (0 while not overdue). */
  daysOverdue: number;
  /** Days left until the reply is due (0 once it is due or past). */
  daysLeft: number;
}

/**
 * Where a request stands against its deadlines on `today`. Only requests still waiting for an
 * answer (sent or acknowledged) can be overdue; the due day itself is not overdue.
 */
export function deadlineState(req: { status: string; replyDue: string | null; rightOfReplyDue: string | null }, today: string): DeadlineState {
  if (!req.replyDue) return { phase: 'not_sent', daysOverdue: 0, daysLeft: 0 };
  if (req.status !== 'sent' && req.status !== 'acknowledged') return { phase: 'answered', daysOverdue: 0, daysLeft: 0 };
  const late = daysBetween(req.replyDue, today);
  if (late <= 0) return { phase: 'awaiting_reply', daysOverdue: 0, daysLeft: Math.abs(late) };
  const rorLate = req.rightOfReplyDue ? daysBetween(req.rightOfReplyDue, today) : 0;
  return { phase: rorLate > 0 ? 'right_of_reply_expired' : 'reply_overdue', daysOverdue: late, daysLeft: 0 };
}
