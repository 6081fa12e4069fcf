/**
 * Candidate generation for a query: reads the postings of the query's
 * probes, rarest first, into an evidence accumulator per listed name, and
 * returns the few dozen names worth scoring in full. Holds the per-index
 * scratch arrays (one slot per listed name), so one instance serves one
 * query at a time.
 */
import { minQueryRecall } from './score.js';
import type { Probe, PreparedQueryName } from './query-probes.js';

/** Up to this many touched names, all are re-ranked by the common words. */
const REFINE_ALL = 20_000;
/** Longest postings ever scanned in full. */
const MAX_SCAN = 200_000;

export class CandidateFinder {
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;
  private heapIds = new Int32Array(0);
  private heapScores = new Float64Array(0);

  /** `nameInvNorm`: per listed name, 1 / its own weight (ranks evidence cosine-like). */
  constructor(private readonly nameInvNorm: Float32Array) {
    const names = nameInvNorm.length;
    this.acc = new Float32Array(names);
    this.touched = new Int32Array(names);
  }

  /** Bytes of the scratch arrays. */
  get bytes(): number {
    return this.acc.byteLength + this.touched.byteLength;
  }

  /**
   * The k best of `items[0..count)` with accumulated evidence of at least
   * `floor`, best first, ranked cosine-like (evidence over the name's own
   * weight, so long names do not win by size): a min-heap in typed arrays.
   */
  private topK(items: Int32Array, count: number, k: number, floor: number): number[] {
    if (k <= 0) return [];
    if (this.heapIds.length < k) {
      this.heapIds = new Int32Array(k);
      this.heapScores = new Float64Array(k);
    }
    const ids = this.heapIds;
    const sc = this.heapScores;
    const acc = this.acc;
    const inv = this.nameInvNorm;
    let size = 0;
    for (let i = 0; i < count; i++) {
      const n = items[i]!;
      const a = acc[n]!;
      if (a < floor) continue;
      const r = a * inv[n]!;
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (sc[p]! <= r) break;
          ids[c] = ids[p]!;
          sc[c] = sc[p]!;
          c = p;
        }
        ids[c] = n;
        sc[c] = r;
      } else if (r > sc[0]!) {
        let p = 0;
        for (;;) {
          const l = 2 * p + 1;
          if (l >= size) break;
          const m = l + 1 < size && sc[l + 1]! < sc[l]! ? l + 1 : l;
          if (sc[m]! >= r) break;
          ids[p] = ids[m]!;
          sc[p] = sc[m]!;
          p = m;
        }
        ids[p] = n;
        sc[p] = r;
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => sc[b]! - sc[a]!);
    return order.map((i) => ids[i]!);
  }

  /**
   * Listed names (positions in the index) worth scoring in full for the
   * query names `prepared`, at most `maxCandidates`, best first. `target`
   * is the name score a listed name must be able to reach (the cutoff less
   * any bonus the query can still earn).
   */
  find(prepared: readonly PreparedQueryName[], target: number, maxCandidates: number): number[] {
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;

    // 1. Candidates. A listed name can only reach the cutoff if it shares
    // words carrying enough of the query's weight: with precision at most 1,
    // a name F1 of c needs recall of at least c / (2 − c). So the most
    // expensive words (the common ones: "Korea", "Trading", "Kim") can be
    // left out of candidate generation as long as what is left out weighs
    // less than that; every listed name that could still reach the cutoff
    // shares some word that is read. Those left out only re-rank (step 3).
    const refine: Probe[] = [];
    const scan = (pr: Probe) => {
      if (pr.df === 0 || pr.df > MAX_SCAN) return;
      const end = pr.start[pr.term + 1]!;
      for (let i = pr.start[pr.term]!; i < end; i++) {
        const n = pr.post[i]!;
        if (acc[n] === 0) touched[nTouched++] = n;
        acc[n]! += pr.weight;
      }
    };
    for (const p of prepared) {
      const minRecall = minQueryRecall(target, p.name.consonantal === true);
      let total = 0;
      let reachable = 0;
      for (const g of p.groups) {
        total += g.weight;
        if (g.probes.length) reachable += g.weight;
      }
      // Words nothing in the list resembles: no listed name can match enough.
      if (total === 0 || reachable < minRecall * total) continue;
      const byCost = [...p.groups].filter((g) => g.probes.length).sort((x, y) => y.cost - x.cost);
      let skipped = 0;
      const read = new Set<Probe>();
      const left = new Set<Probe>();
      for (const g of byCost) {
        if (skipped + g.weight < minRecall * total) {
          skipped += g.weight;
          for (const pr of g.probes) left.add(pr);
        } else {
          for (const pr of g.probes) read.add(pr);
        }
      }
      for (const pr of read) scan(pr);
      for (const pr of left) if (!read.has(pr)) refine.push(pr);
    }
    // 2. Probes left out of generation add their evidence to the names
    // already touched, so that among many names sharing one word the ones
    // sharing more win. Per probe, the cheaper of walking its postings and
    // binary-searching them once per touched name. When very many names are
    // touched, only a wide shortlist is refined.
    let best = 0;
    for (let i = 0; i < nTouched; i++) if (acc[touched[i]!]! > best) best = acc[touched[i]!]!;
    let pool: Int32Array = touched;
    let poolSize = nTouched;
    if (nTouched > REFINE_ALL) {
      pool = Int32Array.from(this.topK(touched, nTouched, maxCandidates * 8, best * 0.1));
      poolSize = pool.length;
    }
    if (refine.length && poolSize > maxCandidates) {
      for (const pr of refine) {
        const lo = pr.start[pr.term]!;
        const hi = pr.start[pr.term + 1]!;
        if (hi - lo < poolSize * Math.log2(hi - lo + 2)) {
          for (let i = lo; i < hi; i++) {
            const n = pr.post[i]!;
            if (acc[n]! > 0) acc[n]! += pr.weight;
          }
        } else {
          for (let i = 0; i < poolSize; i++) {
            const n = pool[i]!;
            if (contains(pr.post, lo, hi, n)) acc[n]! += pr.weight;
          }
        }
      }
      best = 0;
      for (let i = 0; i < poolSize; i++) if (acc[pool[i]!]! > best) best = acc[pool[i]!]!;
    }
    // 3. Shortlist by evidence relative to the name's own weight (so long
    // names do not win by size). Names with a tenth of the best evidence or
    // less are not ranked: a word and its key and joins count separately, so
    // a near-exact rival can pile up several times the evidence of a true
    // match spelt differently.
    const shortlist = this.topK(pool, poolSize, maxCandidates, best * 0.1);
    for (let i = 0; i < nTouched; i++) acc[touched[i]!] = 0;
    return shortlist;

  }
}

function contains(post: Int32Array, lo: number, hi: number, n: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = post[mid]!;
    if (v === n) return true;
    if (v < n) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
