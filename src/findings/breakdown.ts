/**
 * Turns grouped rows (as the database returns them) into a breakdown whose shares add up to 100.
 * Pure: the SQL side groups, this side labels, caps and rounds.
 */
import { largestRemainderShares } from './shares.js';
import type { Breakdown, Bucket } from './types.js';

export interface GroupRow {
  key: string | null;
  units: number;
  records: number;
  ids: string[] | null;
}

export interface BreakdownOptions {
  /** Total units of the whole (may exceed the rows' sum when rows were capped in SQL). */
  totalUnits: number;
  totalRecords: number;
  label: (key: string | null) => string;
  idLimit: number;
  /** Keep at most this many known buckets; the rest become one "other" bucket. */
  limit?: number;
  /** Distinct known keys when rows were capped in SQL (otherwise counted from rows). */
  distinct?: number;
  /** Sort buckets by key instead of by size (years, tiers). */
  sortByKey?: boolean;
}

export function toBreakdown(rows: readonly GroupRow[], opts: BreakdownOptions): Breakdown {
  const known = rows.filter((r) => r.key !== null);
  const unknown = rows.find((r) => r.key === null);
  const sorted = [...known].sort((a, b) =>
    opts.sortByKey ? (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0) : b.units - a.units || (a.key! < b.key! ? -1 : 1),
  );
  const limit = opts.limit ?? Infinity;
  const shown = sorted.slice(0, limit);
  const buckets: Omit<Bucket, 'share'>[] = shown.map((r) => bucket(r, opts.label(r.key), opts.idLimit));
  const shownUnits = shown.reduce((a, r) => a + r.units, 0) + (unknown?.units ?? 0);
  const shownRecords = shown.reduce((a, r) => a + r.records, 0) + (unknown?.records ?? 0);
  const otherUnits = opts.totalUnits - shownUnits;
  if (otherUnits > 0) {
    // Rows beyond the cap are not listed one by one; their units still count towards 100%.
    buckets.push({ key: '__other__', label: 'all others', units: otherUnits, records: opts.totalRecords - shownRecords, ids: [], truncated: true });
  }
  if (unknown) buckets.push(bucket(unknown, opts.label(null), opts.idLimit));
  const shares = largestRemainderShares(buckets.map((b) => b.units));
  return {
    totalUnits: opts.totalUnits,
    distinct: opts.distinct ?? known.length,
    buckets: buckets.map((b, i) => ({ ...b, share: shares[i]! })),
  };
}

function bucket(r: GroupRow, label: string, idLimit: number): Omit<Bucket, 'share'> {
  const ids = (r.ids ?? []).slice(0, idLimit);
  return { key: r.key, label, units: r.units, records: r.records, ids, truncated: ids.length < r.records };
}
