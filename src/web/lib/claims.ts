/**
 * Groups claims that count the same thing, so disagreeing numbers can be read side by side. Pure: kept
 * apart from the ledger view and unit-tested. Until the claims API reports conflicts itself (issue 3),
 * "the same thing" is: same weapon type and same normalised "counts what".
 */
export interface ClaimLike {
  id: string;
  weaponType: string | null;
  countsWhat: string | null;
  quantity: number | null;
  quantityQualifier: string | null;
}

export function claimTopic(c: Pick<ClaimLike, 'weaponType' | 'countsWhat'>): string | null {
  if (!c.countsWhat) return null;
  const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return `${norm(c.weaponType)}|${norm(c.countsWhat)}`;
}

/** True when two quantities cannot both be right, given their qualifiers ("at least 20" and "24" agree). */
export function quantitiesConflict(a: Pick<ClaimLike, 'quantity' | 'quantityQualifier'>, b: Pick<ClaimLike, 'quantity' | 'quantityQualifier'>): boolean {
  if (a.quantity === null || b.quantity === null) return false;
  const range = (c: Pick<ClaimLike, 'quantity' | 'quantityQualifier'>): [number, number] => {
    const q = c.quantity!;
    switch (c.quantityQualifier) {
      case 'at_least': return [q, Infinity];
      case 'more_than': return [q + 1e-9, Infinity];
      case 'at_most': return [-Infinity, q];
      case 'less_than': return [-Infinity, q - 1e-9];
      case 'about': return [q * 0.9, q * 1.1];
      default: return [q, q];
    }
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a1 < b0 || b1 < a0;
}

export interface ClaimGroup<T extends ClaimLike> {
  topic: string;
  claims: T[];
  conflicting: boolean;
}

export function groupClaims<T extends ClaimLike>(claims: readonly T[]): ClaimGroup<T>[] {
  const m = new Map<string, T[]>();
  for (const c of claims) {
    const t = claimTopic(c);
    if (t) m.set(t, [...(m.get(t) ?? []), c]);
  }
  return [...m.entries()]
    .filter(([, cs]) => cs.length > 1)
    .map(([topic, cs]) => ({ topic, claims: cs, conflicting: cs.some((a, i) => cs.slice(i + 1).some((b) => quantitiesConflict(a, b))) }))
    .sort((a, b) => Number(b.conflicting) - Number(a.conflicting) || b.claims.length - a.claims.length);
}
