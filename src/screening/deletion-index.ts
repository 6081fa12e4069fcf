/**
 * Finds vocabulary words within one edit of a misspelt query word without
 * scanning the vocabulary (the symmetric-deletion idea behind SymSpell): a
 * word and every variant of it with one letter deleted are hashed; two words
 * within one insertion, deletion, substitution or transposition share at
 * least one such hash. Hashes and word ids live in two parallel typed arrays
 * sorted by hash, so a lookup is a handful of binary searches.
 */
import { levenshtein } from './similarity.js';

/** 32-bit FNV-1a; collisions only cost a wasted verification. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function variants(word: string): Set<number> {
  const out = new Set<number>([fnv1a(word)]);
  for (let i = 0; i < word.length; i++) out.add(fnv1a(word.slice(0, i) + word.slice(i + 1)));
  return out;
}

/** Two 16-bit LSD radix passes: linear time for millions of pairs. */
function sortPairs(hashes: Uint32Array, ids: Int32Array): void {
  const n = hashes.length;
  const h2 = new Uint32Array(n);
  const i2 = new Int32Array(n);
  const count = new Int32Array(65537);
  for (const [src, srcIds, dst, dstIds, shift] of [
    [hashes, ids, h2, i2, 0],
    [h2, i2, hashes, ids, 16],
  ] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((src[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & 0xffff;
      const at = count[d]!++;
      dst[at] = src[i]!;
      dstIds[at] = srcIds[i]!;
    }
  }
}

export class DeletionIndex {
  private constructor(
    private readonly hashes: Uint32Array,
    private readonly ids: Int32Array,
    private readonly words: readonly string[],
  ) {}

  /** Indexes `words[i]` for every i that `eligible` accepts. */
  static build(words: readonly string[], eligible: (word: string, id: number) => boolean): DeletionIndex {
    let total = 0;
    const sets = new Array<Set<number> | null>(words.length);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!eligible(w, i)) {
        sets[i] = null;
        continue;
      }
      const v = variants(w);
      sets[i] = v;
      total += v.size;
    }
    const hashes = new Uint32Array(total);
    const ids = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < words.length; i++) {
      const v = sets[i];
      if (!v) continue;
      for (const h of v) {
        hashes[k] = h;
        ids[k] = i;
        k++;
      }
      sets[i] = null;
    }
    sortPairs(hashes, ids);
    return new DeletionIndex(hashes, ids, words);
  }

  get size(): number {
    return this.hashes.length;
  }

  get bytes(): number {
    return this.hashes.byteLength + this.ids.byteLength;
  }

  private lowerBound(h: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Ids of indexed words at Levenshtein distance 1 from `word` (2 for words of
   * eight letters or more, which lets a transposition through), excluding
   * `word` itself.
   */
  neighbours(word: string): number[] {
    const found: number[] = [];
    const maxDistance = word.length >= 8 ? 2 : 1;
    for (const h of variants(word)) {
      for (let at = this.lowerBound(h); at < this.hashes.length && this.hashes[at] === h; at++) {
        const id = this.ids[at]!;
        if (found.includes(id)) continue;
        const candidate = this.words[id]!;
        if (candidate === word) continue;
        if (Math.abs(candidate.length - word.length) > 1) continue;
        if (levenshtein(candidate, word) <= maxDistance) found.push(id);
      }
    }
    return found;
  }
}
