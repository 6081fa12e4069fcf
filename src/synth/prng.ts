/**
 * Seeded, dependency-free randomness for the synthetic data generator. Every record is a function
 * of (seed, stream, index) alone — not of the records generated before it — so a record can be
 * regenerated on its own, streams can be produced in any order, and the same seed always gives
 * the same data on every machine (only 32-bit integer arithmetic; no Math.random, no clock).
 */

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection on uint32. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers into one 32-bit hash (order-sensitive). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Numbers beyond 32 bits (seeds, large indices) contribute both halves.
    const lo = p >>> 0;
    const hi = Math.floor(p / 0x1_0000_0000) >>> 0;
    h = mix32((h ^ lo) + 0x7f4a7c15);
    if (hi !== 0) h = mix32((h ^ hi) + 0x7f4a7c15);
  }
  return h;
}

/** FNV-1a of a string, for naming streams. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's small fast counter), seeded from a hash. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0xdeadbeef);
    this.b = mix32(seed + 0x41c64e6d);
    this.c = mix32(seed ^ 0x12345678);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; `weights` parallel to `items`, any positive scale. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

/** The generator of one record: seeded by the data set's seed, the stream's name and the index. */
export function rngFor(seed: number, stream: string, index: number): Rng {
  return new Rng(hash32(seed, hashString(stream), index));
}

const HEX = '0123456789abcdef';

/**
 * A deterministic UUID for record `index` of `stream`. Version 8 (RFC 9562's "custom" version)
 * rather than 4: the ids are not random, and the version nibble lets anyone tell a synthetic id
 * from one PostgreSQL generated.
 */
export function synthUuid(seed: number, stream: string, index: number): string {
  const s = hashString(stream);
  let hex = '';
  for (let k = 0; k < 4; k++) {
    const w = hash32(seed, s, index, k);
    for (let j = 28; j >= 0; j -= 4) hex += HEX[(w >>> j) & 15];
  }
  // xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx
  const variant = HEX[8 + (parseInt(hex[16]!, 16) & 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
