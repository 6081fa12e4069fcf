import { describe, expect, it } from 'vitest';
import { assembleChain, findCycle, type HopLike, type AskedLike } from '../../src/tracing/chain.js';

let n = 0;
function hop(sellerId: string, buyerId: string, transferDate: string | null = null, assessment: HopLike['assessment'] = 'unknown'): HopLike {
  n += 1;
  return { id: `h${String(n).padStart(3, '0')}`, sellerId, buyerId, transferDate, assessment };
}

describe('cycle detection', () => {
  it('finds a cycle and returns the closing path', () => {
    expect(findCycle([hop('M', 'A'), hop('A', 'B'), hop('B', 'C')])).toBeNull();
    expect(findCycle([hop('M', 'A'), hop('A', 'B'), hop('B', 'A')])).toEqual(['A', 'B', 'A']);
    expect(findCycle([hop('X', 'X')])).toEqual(['X', 'X']);
  });

  it('copes with long chains without recursion limits', () => {
    const hops = Array.from({ length: 50_000 }, (_, i) => hop(`o${i}`, `o${i + 1}`));
    expect(findCycle(hops)).toBeNull();
    hops.push(hop('o50000', 'o0'));
    expect(findCycle(hops)?.length).toBe(50_002);
  });

  it('sees a diamond (two routes to one holder) as no cycle', () => {
    expect(findCycle([hop('M', 'A'), hop('M', 'B'), hop('A', 'C'), hop('B', 'C')])).toBeNull();
  });
});

describe('chain ordering', () => {
  it('orders hops from the maker whatever order they arrive in', () => {
    const a = hop('M', 'D1', '2021-05-01', 'legal');
    const b = hop('D1', 'D2', '2022-01-10', 'legal');
    const c = hop('D2', 'B1', '2022-06-01', 'unknown');
    const chain = assembleChain('M', [c, a, b]);
    expect(chain.hops.map((h) => h.id)).toEqual([a.id, b.id, c.id]);
    expect(chain.holders).toEqual(['M', 'D1', 'D2', 'B1']);
    expect(chain.lastKnownHolderId).toBe('B1');
    expect(chain.lastLegalTransferHopId).toBe(b.id);
    expect(chain.status).toBe('open');
    expect(chain.breaks).toEqual([{ holderId: 'B1', position: 3, kind: 'not_asked', gap: false, requestId: null }]);
  });

  it('follows holders, not dates, and warns when dates run backwards', () => {
    const a = hop('M', 'D1', '2022-05-01');
    const b = hop('D1', 'D2', '2021-01-10');
    const chain = assembleChain('M', [b, a]);
    expect(chain.hops.map((h) => h.id)).toEqual([a.id, b.id]);
    expect(chain.warnings.join(' ')).toContain('dated before the transfer preceding it');
  });

  it('marks a break where the holder did not reply, and infers the diversion point after the last legal transfer', () => {
    const a = hop('M', 'D1', '2021-05-01', 'legal');
    const b = hop('D1', 'BR', '2022-01-10', 'legal');
    const asked: AskedLike[] = [
      { organisationId: 'M', requestId: 'r1', status: 'replied' },
      { organisationId: 'D1', requestId: 'r2', status: 'replied' },
      { organisationId: 'BR', requestId: 'r3', status: 'no_reply' },
    ];
    const chain = assembleChain('M', [a, b], asked);
    expect(chain.status).toBe('broken');
    expect(chain.breaks).toEqual([{ holderId: 'BR', position: 2, kind: 'no_reply', gap: false, requestId: 'r3' }]);
    expect(chain.diversionPoint).toEqual({ holderId: 'BR', hopId: null, basis: 'inferred_after_last_legal_transfer' });
  });

  it('puts the diversion point at the seller of the first transfer assessed as diversion', () => {
    const a = hop('M', 'D1', '2021-05-01', 'legal');
    const b = hop('D1', 'FRONT', '2022-01-10', 'diversion_suspected');
    const c = hop('FRONT', 'END', '2022-03-01', 'legal');
    const chain = assembleChain('M', [a, b, c]);
    expect(chain.status).toBe('diverted');
    expect(chain.lastLegalTransferHopId).toBe(a.id);
    expect(chain.diversionPoint).toEqual({ holderId: 'D1', hopId: b.id, basis: 'assessed' });
    // A "legal" transfer after a suspected diversion contradicts it: said, not hidden.
    expect(chain.warnings.join(' ')).toContain('after the suspected diversion are assessed legal');
  });

  it('marks a gap where the maker sale is unknown, with the reason from the requests', () => {
    const b = hop('D1', 'D2', '2022-01-10');
    const chain = assembleChain('M', [b], [{ organisationId: 'M', requestId: 'r1', status: 'declined' }]);
    expect(chain.holders).toEqual(['M', 'D1', 'D2']);
    expect(chain.breaks[0]).toEqual({ holderId: 'M', position: 0, kind: 'declined', gap: true, requestId: 'r1' });
    expect(chain.warnings.join(' ')).toContain('no transfer from the maker');
  });

  it('marks a gap in the middle and resumes at the next known holder', () => {
    const a = hop('M', 'D1', '2021-01-01');
    const c = hop('D3', 'D4', '2022-01-01');
    const chain = assembleChain('M', [c, a], [{ organisationId: 'D1', requestId: 'r2', status: 'sent' }]);
    expect(chain.hops.map((h) => h.id)).toEqual([a.id, c.id]);
    expect(chain.holders).toEqual(['M', 'D1', 'D3', 'D4']);
    expect(chain.breaks.map((b) => [b.holderId, b.kind, b.gap])).toEqual([['D1', 'awaiting_reply', true], ['D4', 'not_asked', false]]);
  });

  it('follows the longer branch when a holder has two outgoing transfers, and lists the other as unplaced', () => {
    const short = hop('M', 'X', '2020-01-01');
    const long1 = hop('M', 'D1', '2021-01-01');
    const long2 = hop('D1', 'D2', '2021-06-01');
    const chain = assembleChain('M', [short, long1, long2]);
    expect(chain.hops.map((h) => h.id)).toEqual([long1.id, long2.id]);
    expect(chain.unplacedHopIds).toEqual([short.id]);
  });

  it('never loops on stored data that holds a cycle', () => {
    const a = hop('M', 'A');
    const b = hop('A', 'B');
    const back = hop('B', 'A');
    const chain = assembleChain('M', [a, b, back]);
    expect(chain.hops.map((h) => h.id)).toEqual([a.id, b.id]);
    expect(chain.unplacedHopIds).toEqual([back.id]);
    expect(chain.warnings[0]).toContain('cycle');
  });

  it('reports an untraced component with the state of its request to the maker', () => {
    const chain = assembleChain('M', [], [{ organisationId: 'M', requestId: 'r1', status: 'sent' }]);
    expect(chain.status).toBe('untraced');
    expect(chain.breaks).toEqual([{ holderId: 'M', position: 0, kind: 'awaiting_reply', gap: false, requestId: 'r1' }]);
  });

  it('starts at the first seller when the maker is unknown', () => {
    const a = hop('D1', 'D2', '2021-01-01');
    const b = hop('D2', 'D3', '2021-02-01');
    const chain = assembleChain(null, [b, a]);
    expect(chain.holders).toEqual(['D1', 'D2', 'D3']);
    expect(chain.breaks).toHaveLength(1);
  });
});

describe('long chains', () => {
  it('orders a chain of 20,000 shuffled hops without recursion or quadratic work', () => {
    const hops = Array.from({ length: 20_000 }, (_, i) => ({ id: `x${i}`, sellerId: i === 0 ? 'M' : `o${i}`, buyerId: `o${i + 1}`, transferDate: null, assessment: 'unknown' as const }));
    const shuffled = [...hops].reverse();
    const chain = assembleChain('M', shuffled);
    expect(chain.hops.map((h) => h.id)).toEqual(hops.map((h) => h.id));
    expect(chain.lastKnownHolderId).toBe('o20000');
  });
});
