/**
 * Chains of custody in trade: from a component's maker, through each transfer (hop) that replies
 * to trace requests revealed, to the last known holder. Pure: callers load hops and requests.
 *
 * Semantics (also in docs/tracing.md):
 * - A hop is one transfer seller → buyer. The chain starts at the maker and follows, at each
 *   holder, the hop whose seller is that holder. When several hops leave one holder (conflicting
 *   or lot-level information), the one leading to the longest onward chain is followed, then the
 *   earliest; the others are reported as `unplaced`, never silently dropped.
 * - A gap is a place where the next known hop does not start at the current holder (e.g. the
 *   maker's own sale is unknown but a later transfer is). The walk resumes at the next hop.
 * - A break is a place where the chain stops: the holder did not reply, declined, replied
 *   without naming a next holder, has not been asked yet, or has yet to answer.
 * - The last legal transfer is the last hop assessed `legal` before the first hop assessed
 *   `diversion_suspected`. The diversion point is the seller of that first suspected hop (where
 *   the part left legal trade); failing such an assessment, when the chain is broken, it is
 *   inferred to be at or after the buyer of the last legal transfer.
 * - A cycle (a part returning to a holder it already passed) is refused when hops are written
 *   (`findCycle`); should one exist anyway, the walk never revisits a holder.
 */

export type Assessment = 'legal' | 'diversion_suspected' | 'unknown';

export interface HopLike {
  id: string;
  sellerId: string;
  buyerId: string;
  /** Date of the transfer, `YYYY-MM-DD`, when known. */
  transferDate: string | null;
  assessment: Assessment;
}

/** A trace request about this component: who was asked and how it stands. */
export interface AskedLike {
  organisationId: string;
  requestId: string;
  status: string;
}

export type BreakKind = 'no_reply' | 'declined' | 'no_onward_record' | 'awaiting_reply' | 'not_asked';

export interface ChainBreak {
  /** The holder at which the chain stops (or before a gap). */
  holderId: string;
  /** Number of ordered hops before the break (0 = at the maker). */
  position: number;
  kind: BreakKind;
  /** True when the walk picks up again after this break (a gap); false at the end of the chain. */
  gap: boolean;
  /** The request that explains the break, if any. */
  requestId: string | null;
}

export interface DiversionPoint {
  holderId: string;
  hopId: string | null;
  basis: 'assessed' | 'inferred_after_last_legal_transfer';
}

export type ChainStatus = 'untraced' | 'open' | 'broken' | 'diverted';

export interface Chain<H extends HopLike> {
  /** Hops in order from the maker. */
  hops: H[];
  /** Holders in order: the first holder (maker when known) then each hop's buyer; gaps insert the resuming seller. */
  holders: string[];
  lastKnownHolderId: string | null;
  lastLegalTransferHopId: string | null;
  diversionPoint: DiversionPoint | null;
  breaks: ChainBreak[];
  /** Hops not on the walked chain: branches from a holder already passed, or closing a cycle. */
  unplacedHopIds: string[];
  status: ChainStatus;
  warnings: string[];
}

export class CycleError extends Error {
  constructor(readonly path: string[]) {
    super(`these transfers form a cycle: ${path.join(' → ')}`);
  }
}

function dateKey(d: string | null): string {
  // Undated hops sort after dated ones: a known date is the stronger ordering evidence.
  return d ?? '9999-12-31';
}

function compareHops(a: HopLike, b: HopLike): number {
  const d = dateKey(a.transferDate).localeCompare(dateKey(b.transferDate));
  return d !== 0 ? d : a.id.localeCompare(b.id);
}

/**
 * A directed cycle among seller → buyer edges, as the holder path that closes it (first holder
 * repeated at the end), or null. Iterative DFS so a long chain cannot overflow the stack.
 */
export function findCycle(hops: readonly Pick<HopLike, 'sellerId' | 'buyerId'>[]): string[] | null {
  const out = new Map<string, string[]>();
  for (const h of hops) {
    if (h.sellerId === h.buyerId) return [h.sellerId, h.buyerId];
    const list = out.get(h.sellerId) ?? [];
    list.push(h.buyerId);
    out.set(h.sellerId, list);
  }
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = finished
  for (const start of [...out.keys()].sort()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const iters: number[] = [0];
    state.set(start, 1);
    while (path.length) {
      const node = path[path.length - 1]!;
      const next = out.get(node) ?? [];
      const i = iters[iters.length - 1]!;
      if (i >= next.length) {
        state.set(node, 2);
        path.pop();
        iters.pop();
        continue;
      }
      iters[iters.length - 1] = i + 1;
      const child = next[i]!;
      const s = state.get(child);
      if (s === 1) return [...path.slice(path.indexOf(child)), child];
      if (s === undefined) {
        state.set(child, 1);
        path.push(child);
        iters.push(0);
      }
    }
  }
  return null;
}

/** Which break a holder represents, from the requests sent to it about this component. */
export function breakKindFor(asked: readonly AskedLike[], holderId: string): { kind: BreakKind; requestId: string | null } {
  const mine = asked.filter((a) => a.organisationId === holderId);
  // The most informative request wins: an answer beats a pending request beats silence.
  const rank: Record<string, [number, BreakKind]> = {
    replied: [0, 'no_onward_record'],
    closed: [1, 'no_onward_record'],
    acknowledged: [2, 'awaiting_reply'],
    sent: [3, 'awaiting_reply'],
    declined: [4, 'declined'],
    no_reply: [5, 'no_reply'],
    draft: [6, 'not_asked'],
  };
  let best: AskedLike | null = null;
  for (const a of mine) {
    if (!best || (rank[a.status]?.[0] ?? 9) < (rank[best.status]?.[0] ?? 9)) best = a;
  }
  if (!best) return { kind: 'not_asked', requestId: null };
  // A request closed without any answer is, for the chain, silence.
  if (best.status === 'closed') return { kind: 'not_asked', requestId: best.requestId };
  return { kind: rank[best.status]?.[1] ?? 'not_asked', requestId: best.requestId };
}

/**
 * Longest onward path (in hops) from each holder over the given hops. Iterative post-order, so a
 * chain of any length cannot overflow the stack; an edge back to a holder still being explored
 * (a cycle) counts as one hop and is not followed.
 */
function onwardLengths(hops: readonly HopLike[]): (holder: string) => number {
  const out = new Map<string, string[]>();
  for (const h of hops) {
    const list = out.get(h.sellerId);
    if (list) list.push(h.buyerId);
    else out.set(h.sellerId, [h.buyerId]);
  }
  const memo = new Map<string, number>();
  const active = new Set<string>();
  const solve = (root: string): number => {
    const stack: { node: string; i: number; best: number }[] = [{ node: root, i: 0, best: 0 }];
    active.add(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top.node) ?? [];
      if (top.i < next.length) {
        const child = next[top.i++]!;
        const known = memo.get(child);
        if (known !== undefined) top.best = Math.max(top.best, 1 + known);
        else if (active.has(child)) top.best = Math.max(top.best, 1);
        else {
          active.add(child);
          stack.push({ node: child, i: 0, best: 0 });
        }
        continue;
      }
      stack.pop();
      active.delete(top.node);
      memo.set(top.node, top.best);
      const parent = stack[stack.length - 1];
      if (parent) parent.best = Math.max(parent.best, 1 + top.best);
    }
    return memo.get(root)!;
  };
  return (holder) => memo.get(holder) ?? solve(holder);
}

/**
 * Orders the hops of one component (or lot) into a chain from `makerId` and marks breaks, the last
 * legal transfer and the diversion point. `asked` lists the trace requests about it.
 */
export function assembleChain<H extends HopLike>(makerId: string | null, hops: readonly H[], asked: readonly AskedLike[] = []): Chain<H> {
  const warnings: string[] = [];
  if (hops.length === 0) {
    const breaks: ChainBreak[] = [];
    if (makerId) {
      const b = breakKindFor(asked, makerId);
      breaks.push({ holderId: makerId, position: 0, kind: b.kind, gap: false, requestId: b.requestId });
    }
    return {
      hops: [], holders: makerId ? [makerId] : [], lastKnownHolderId: makerId, lastLegalTransferHopId: null, diversionPoint: null,
      breaks, unplacedHopIds: [], status: 'untraced', warnings,
    };
  }
  const cycle = findCycle(hops);
  if (cycle) warnings.push(`the recorded transfers form a cycle (${cycle.join(' → ')}); the chain follows each holder once`);

  const sorted = [...hops].sort(compareHops);
  const remaining = new Set<H>(sorted);
  // Outgoing hops per seller, date-ordered: each step looks only at the current holder's sales.
  const bySeller = new Map<string, H[]>();
  for (const h of sorted) {
    const list = bySeller.get(h.sellerId);
    if (list) list.push(h);
    else bySeller.set(h.sellerId, [h]);
  }
  const onward = onwardLengths(hops);
  const ordered: H[] = [];
  const holders: string[] = [];
  const visited = new Set<string>();
  const breaks: ChainBreak[] = [];
  const unplaced: string[] = [];

  const pickFrom = (holder: string): H | null => {
    let best: H | null = null;
    for (const h of bySeller.get(holder) ?? []) {
      if (!remaining.has(h) || visited.has(h.buyerId)) continue;
      if (!best || onward(h.buyerId) > onward(best.buyerId)) best = h; // date-ordered: ties keep the earliest
    }
    return best;
  };
  /** Where the walk resumes after a gap: a hop whose seller nobody among the rest sold to. */
  const pickRoot = (): H | null => {
    const buyers = new Set<string>();
    for (const h of remaining) if (!visited.has(h.sellerId)) buyers.add(h.buyerId);
    for (const h of remaining) {
      if (!visited.has(h.sellerId) && !visited.has(h.buyerId) && !buyers.has(h.sellerId)) return h;
    }
    // Only a cycle among the rest is left: start anywhere not yet visited.
    for (const h of remaining) if (!visited.has(h.sellerId) && !visited.has(h.buyerId)) return h;
    return null;
  };

  let current: string | null = null;
  const startsAtMaker = makerId !== null && hops.some((h) => h.sellerId === makerId);
  if (makerId !== null) {
    current = makerId;
    holders.push(makerId);
    visited.add(makerId);
  }
  for (;;) {
    let next = current !== null ? pickFrom(current) : null;
    if (!next) {
      const root = pickRoot();
      if (!root) break;
      if (current !== null) {
        const b = breakKindFor(asked, current);
        breaks.push({ holderId: current, position: ordered.length, kind: b.kind, gap: true, requestId: b.requestId });
      }
      next = root;
      holders.push(root.sellerId);
      visited.add(root.sellerId);
    }
    remaining.delete(next);
    const prev = ordered[ordered.length - 1];
    if (prev?.transferDate && next.transferDate && next.transferDate < prev.transferDate) {
      warnings.push(`transfer ${next.id} (${next.transferDate}) is dated before the transfer preceding it (${prev.transferDate})`);
    }
    ordered.push(next);
    holders.push(next.buyerId);
    visited.add(next.buyerId);
    current = next.buyerId;
  }
  for (const h of remaining) unplaced.push(h.id);
  if (unplaced.length) warnings.push(`${unplaced.length} transfer(s) branch off the chain or repeat a holder and are listed as unplaced`);
  if (makerId !== null && !startsAtMaker) warnings.push('no transfer from the maker is recorded; the chain starts after a gap');

  const last = ordered[ordered.length - 1]!;
  const lastKnownHolderId = last.buyerId;
  const endBreak = breakKindFor(asked, lastKnownHolderId);
  breaks.push({ holderId: lastKnownHolderId, position: ordered.length, kind: endBreak.kind, gap: false, requestId: endBreak.requestId });

  let lastLegal: H | null = null;
  let firstDiversion: H | null = null;
  for (const h of ordered) {
    if (h.assessment === 'diversion_suspected') {
      firstDiversion = h;
      break;
    }
    if (h.assessment === 'legal') lastLegal = h;
  }
  if (firstDiversion) {
    const after = ordered.slice(ordered.indexOf(firstDiversion) + 1).filter((h) => h.assessment === 'legal');
    if (after.length) warnings.push(`${after.length} transfer(s) after the suspected diversion are assessed legal; check the assessments`);
  }
  const brokenEnd = endBreak.kind === 'no_reply' || endBreak.kind === 'declined' || endBreak.kind === 'no_onward_record';
  let diversionPoint: DiversionPoint | null = null;
  if (firstDiversion) diversionPoint = { holderId: firstDiversion.sellerId, hopId: firstDiversion.id, basis: 'assessed' };
  else if (lastLegal && brokenEnd) diversionPoint = { holderId: lastLegal.buyerId, hopId: null, basis: 'inferred_after_last_legal_transfer' };

  const status: ChainStatus = firstDiversion ? 'diverted' : brokenEnd ? 'broken' : 'open';
  return {
    hops: ordered, holders, lastKnownHolderId, lastLegalTransferHopId: lastLegal?.id ?? null, diversionPoint,
    breaks, unplacedHopIds: unplaced, status, warnings,
  };
}
