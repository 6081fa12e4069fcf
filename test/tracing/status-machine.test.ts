import { describe, expect, it } from 'vitest';
import { applyTransition, TRACE_STATUSES, TRANSITIONS, TransitionRefused, type TraceState, type TraceStatus } from '../../src/tracing/status-machine.js';

const blank: TraceState = {
  status: 'draft', sentOn: null, acknowledgedOn: null, repliedOn: null, declinedOn: null, noReplyOn: null, closedOn: null, replyDue: null, rightOfReplyDue: null,
};
const TODAY = '2024-12-31';

function refused(fn: () => unknown): TransitionRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof TransitionRefused) return e;
    throw e;
  }
  throw new Error('expected the transition to be refused');
}

describe('trace request status machine', () => {
  it('sending sets the sent date and both deadlines', () => {
    const c = applyTransition(blank, 'sent', '2024-02-01', TODAY);
    expect(c).toEqual({ status: 'sent', sentOn: '2024-02-01', replyDue: '2024-02-29', rightOfReplyDue: '2024-03-28' });
  });

  it('refuses draft → replied and says which transitions are allowed', () => {
    const e = refused(() => applyTransition(blank, 'replied', '2024-02-01', TODAY));
    expect(e.kind).toBe('transition');
    expect(e.message).toBe('cannot go from draft to replied; from draft the allowed transitions are: sent, closed');
    expect(e.allowed).toEqual(['sent', 'closed']);
  });

  it('allows exactly the transitions in the table, from every state', () => {
    const sent: TraceState = { ...blank, sentOn: '2024-01-01', replyDue: '2024-01-29', rightOfReplyDue: '2024-02-26' };
    for (const from of TRACE_STATUSES) {
      for (const to of TRACE_STATUSES) {
        const state: TraceState = from === 'draft' ? blank : { ...sent, status: from };
        const ok = TRANSITIONS[from].includes(to);
        // no_reply needs the deadline passed: use a date after it for that one.
        const on = '2024-06-01';
        if (ok) expect(applyTransition(state, to, on, TODAY).status, `${from} → ${to}`).toBe(to);
        else expect(refused(() => applyTransition(state, to, on, TODAY)).kind, `${from} → ${to}`).toBe('transition');
      }
    }
  });

  it('says closed is final', () => {
    const closed: TraceState = { ...blank, status: 'closed', closedOn: '2024-01-01' };
    expect(refused(() => applyTransition(closed, 'sent', '2024-02-01', TODAY)).message).toContain('closed is final');
  });

  it('sets the date field of each event and extends the right of reply after a late reply', () => {
    const sent = { ...blank, ...applyTransition(blank, 'sent', '2024-01-15', TODAY) };
    expect(applyTransition(sent, 'acknowledged', '2024-01-20', TODAY)).toEqual({ status: 'acknowledged', acknowledgedOn: '2024-01-20' });
    // Replied on time: the right of reply stays at sent + 56.
    expect(applyTransition(sent, 'replied', '2024-02-01', TODAY)).toEqual({ status: 'replied', repliedOn: '2024-02-01', rightOfReplyDue: '2024-03-11' });
    // Replied late (after 2024-02-12): 28 days after the reply.
    expect(applyTransition(sent, 'declined', '2024-03-01', TODAY)).toEqual({ status: 'declined', declinedOn: '2024-03-01', rightOfReplyDue: '2024-03-29' });
  });

  it('records no reply only after the reply due date', () => {
    const sent = { ...blank, ...applyTransition(blank, 'sent', '2024-01-15', TODAY) };
    const e = refused(() => applyTransition(sent, 'no_reply', '2024-02-12', TODAY));
    expect(e.message).toBe('the reply is not due until 2024-02-12; no reply can be recorded from 2024-02-13');
    expect(applyTransition(sent, 'no_reply', '2024-02-13', TODAY)).toEqual({ status: 'no_reply', noReplyOn: '2024-02-13' });
    // A late answer after no reply is still recorded.
    const silent = { ...sent, status: 'no_reply' as TraceStatus, noReplyOn: '2024-02-13' };
    expect(applyTransition(silent, 'replied', '2024-04-01', TODAY).status).toBe('replied');
  });

  it('refuses dates in the future, before earlier events, or impossible', () => {
    const sent = { ...blank, ...applyTransition(blank, 'sent', '2024-01-15', TODAY) };
    expect(refused(() => applyTransition(blank, 'sent', '2025-01-01', TODAY)).message).toContain('in the future');
    const before = refused(() => applyTransition(sent, 'acknowledged', '2024-01-10', TODAY));
    expect(before.kind).toBe('date');
    expect(before.message).toContain('before 2024-01-15, already recorded as sentOn');
    expect(refused(() => applyTransition(sent, 'replied', '2024-02-30', TODAY)).kind).toBe('date');
  });

  it('names the statuses when given something else', () => {
    expect(refused(() => applyTransition(blank, 'answered', '2024-01-01', TODAY)).message).toContain('statuses are draft, sent');
  });
});
