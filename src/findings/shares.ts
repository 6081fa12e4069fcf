/**
 * Percentages that add up. Rounding each share on its own can make a published breakdown sum to
 * 99.9 or 100.1, which a reviewer rightly reads as an error; the largest-remainder method hands the
 * missing tenths to the shares that lost most in rounding, so the shares always sum to exactly 100.
 * Pure: numbers in, numbers out.
 */

/**
 * Shares of `values` in percent with `decimals` places, summing to exactly 100 (as integers of
 * 10^-decimals) whenever the total is positive. Ties in the remainder go to the larger value, then
 * to the earlier position, so the result does not depend on anything but the input order.
 */
export function largestRemainderShares(values: readonly number[], decimals = 1): number[] {
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`value ${i} must be a finite non-negative number, got ${v}`);
  }
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return values.map(() => 0);
  const scale = 10 ** decimals;
  const target = 100 * scale;
  const exact = values.map((v) => (v * target) / total);
  const floors = exact.map((x) => Math.floor(x));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, rem: exact[i]! - floors[i]!, v }))
    .sort((a, b) => b.rem - a.rem || b.v - a.v || a.i - b.i);
  for (const o of order) {
    if (missing <= 0) break;
    floors[o.i]! += 1;
    missing -= 1;
  }
  return floors.map((f) => f / scale);
}

/** One share of a whole, in percent with one decimal (0 when the whole is empty). */
export function shareOf(part: number, whole: number, decimals = 1): number {
  if (whole <= 0) return 0;
  const scale = 10 ** decimals;
  return Math.round((part / whole) * 100 * scale) / scale;
}
