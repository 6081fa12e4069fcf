import { ValidationProblem } from './problems.js';

/**
 * What a figure, a graph or an export is about: one item, incident or case, every item of a weapon
 * model, or the whole database. One type for findings, tracing and the exports, so a scope given
 * to one means the same in the others.
 */
export type Scope =
  | { kind: 'item'; id: string }
  | { kind: 'case'; id: string }
  | { kind: 'incident'; id: string }
  | { kind: 'weaponModel'; model: string }
  | { kind: 'all' };

/** The query parameters that name a scope (every API route that takes one accepts these). */
export interface ScopeQuery {
  itemId?: string;
  incidentId?: string;
  caseId?: string;
  weaponModel?: string;
}

/** At most one scope parameter; none means the whole database. */
export function scopeFromQuery(q: ScopeQuery): Scope {
  const given = (['itemId', 'incidentId', 'caseId', 'weaponModel'] as const).filter((k) => q[k] !== undefined);
  if (given.length > 1) {
    throw new ValidationProblem(given.slice(1).map((f) => ({ field: f, message: `give one scope only (${given.join(' and ')} were both given)` })));
  }
  if (q.itemId) return { kind: 'item', id: q.itemId };
  if (q.incidentId) return { kind: 'incident', id: q.incidentId };
  if (q.caseId) return { kind: 'case', id: q.caseId };
  if (q.weaponModel !== undefined) {
    if (!q.weaponModel.trim()) throw new ValidationProblem([{ field: 'weaponModel', message: 'must not be empty' }]);
    return { kind: 'weaponModel', model: q.weaponModel.trim() };
  }
  return { kind: 'all' };
}
