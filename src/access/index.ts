import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { Forbidden, Unauthorized } from '../problems.js';

/**
 * Access: who is acting and what they may see. The one home of permission rules; routes and
 * contexts ask here instead of re-deciding at the call site.
 */
export type Role = 'admin' | 'reviewer' | 'analyst' | 'field' | 'viewer';
export type Visibility = 'restricted' | 'internal' | 'public';

export interface Actor {
  id: string;
  username: string;
  role: Role;
}

/** Records loaded by Remnant itself (demo case, imports run from the CLI without an account). */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000001', username: 'system', role: 'admin' };

export const ROLES: readonly Role[] = ['admin', 'reviewer', 'analyst', 'field', 'viewer'];


/**
 * The rows an actor may read: the public sees only published records; signed-in users see
 * internal and public ones, and restricted ones they created (named-user grants extend this).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readableBy(actor: Actor | null, alias?: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return (eb) => {
    if (!actor) return eb(col('visibility'), '=', 'public');
    if (actor.role === 'admin') return eb.lit(true);
    return eb.or([eb(col('visibility'), '<>', 'restricted'), eb(col('createdBy'), '=', actor.id)]);
  };
}

export type WriteAction = 'create' | 'update' | 'delete';

/** Throws unless `actor` may perform `action` on a record (existing is absent on create). */
export function assertCanWrite(actor: Actor | null, action: WriteAction, existing?: { createdBy: string; visibility: Visibility }): void {
  if (!actor) throw new Unauthorized('sign in to change records');
  switch (actor.role) {
    case 'admin':
    case 'analyst':
    case 'reviewer':
      return;
    case 'field':
      if (action === 'create') return;
      if (existing && existing.createdBy === actor.id && existing.visibility !== 'public') return;
      throw new Forbidden('field investigators may change only their own unpublished records');
    case 'viewer':
      throw new Forbidden('viewers may not change records');
  }
}
