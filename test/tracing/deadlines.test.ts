import { describe, expect, it } from 'vitest';
import {
  addDays, daysBetween, deadlineState, replyDueFor, rightOfReplyAfterReply, rightOfReplyDueFor, toDayNumber, utcToday,
} from '../../src/tracing/deadlines.js';

describe('deadline arithmetic (calendar days, UTC)', () => {
  it('counts 28 calendar days from sending, across month ends and leap days', () => {
    expect(replyDueFor('2024-01-15')).toBe('2024-02-12');
    // 2024 is a leap year: 1 February + 28 days is 29 February, not 1 March.
    expect(replyDueFor('2024-02-01')).toBe('2024-02-29');
    expect(replyDueFor('2023-02-01')).toBe('2023-03-01');
    expect(replyDueFor('2024-12-10')).toBe('2025-01-07');
  });

  it('puts the right of reply 28 days after the reply due date', () => {
    expect(rightOfReplyDueFor('2024-01-15')).toBe('2024-03-11');
    expect(daysBetween('2024-01-15', rightOfReplyDueFor('2024-01-15'))).toBe(56);
  });

  it('extends the right of reply to 28 days after a late reply, never shortens it', () => {
    // Due 2024-03-11; a reply on 2024-03-01 leaves it; a reply on 2024-03-05 pushes it to 2024-04-02.
    expect(rightOfReplyAfterReply('2024-03-11', '2024-02-01')).toBe('2024-03-11');
    expect(rightOfReplyAfterReply('2024-03-11', '2024-03-05')).toBe('2024-04-02');
  });

  it('is not moved by daylight-saving changes or the server time zone', () => {
    // The last Sunday of March is 23 hours long in most of Europe; a day count must still be 1.
    expect(daysBetween('2024-03-30', '2024-03-31')).toBe(1);
    expect(addDays('2024-10-26', 2)).toBe('2024-10-28');
    // 23:30 in UTC-10 is already the next day in UTC: the UTC date counts.
    expect(utcToday(new Date('2024-05-01T09:30:00Z'))).toBe('2024-05-01');
    expect(utcToday(new Date('2024-04-30T23:30:00-10:00'))).toBe('2024-05-01');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(() => toDayNumber('2023-02-29')).toThrow(/not a calendar date/);
    expect(() => toDayNumber('2024-13-01')).toThrow(/not a calendar date/);
    expect(() => toDayNumber('1/2/2024')).toThrow(/YYYY-MM-DD/);
  });

  it('is overdue from the day after the due date, and says when the right of reply has run out', () => {
    const req = { status: 'sent', replyDue: '2024-02-12', rightOfReplyDue: '2024-03-11' };
    expect(deadlineState(req, '2024-02-10')).toEqual({ phase: 'awaiting_reply', daysOverdue: 0, daysLeft: 2 });
    expect(deadlineState(req, '2024-02-12')).toEqual({ phase: 'awaiting_reply', daysOverdue: 0, daysLeft: 0 });
    expect(deadlineState(req, '2024-02-13')).toEqual({ phase: 'reply_overdue', daysOverdue: 1, daysLeft: 0 });
    expect(deadlineState(req, '2024-03-11').phase).toBe('reply_overdue');
    expect(deadlineState(req, '2024-03-12')).toEqual({ phase: 'right_of_reply_expired', daysOverdue: 29, daysLeft: 0 });
    expect(deadlineState({ ...req, status: 'replied' }, '2024-04-01').phase).toBe('answered');
    expect(deadlineState({ status: 'draft', replyDue: null, rightOfReplyDue: null }, '2024-04-01').phase).toBe('not_sent');
  });
});
