import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { Forbidden, Unauthorized } from '../problems.js';
import { decideWrite, type Role, type Visibility, type WriteAction } from './policy.js';

/**
 * Access: who is acting and what they may see. The one home of permission rules; routes and
 * contexts ask here instead of re-deciding at the call site. The rules themselves are data in
 * `policy.ts`; redaction for the public is in `redact.ts`; docs/access.md explains the model.
 */
export {
  ROLES, PRINCIPALS, POLICY, PERMISSIONS, FIELD_CREATES, can, decideRoute, decideWrite, defaultPermission, isSafeMethod, permissionsOf, strictest, auditActionFor,
  type Role, type Visibility, type Principal, type Action, type Permission, type TokenScope, type WriteAction, type Decision,
} from './policy.js';
export { redact, coarsen, WITHHELD } from './redact.js';
export { canSeeJob } from './jobs.js';
export { assertLinkable, guardedForeignKeys, linkProblems, recordNoun, unreadableIds, type LinkTarget } from './links.js';
export { USER_LANGUAGES, languageOf, setOwnLanguage, type UserLanguage } from './language.js';
/** Accounts, sessions and tokens, sign-in limits, grants and publishing, and readable history: what http/ and cli/ call. */
export * as accounts from './accounts.js';
export { readableHistory } from './history.js';
export { setVisibility, grant, listGrants, revokeGrant, assertPublishable } from './publication.js';
export { listSignIns } from './sign-ins.js';
export { PASSWORD_MAX, safeEqual } from './secrets.js';
export { releaseLoginAttempt, reserveLoginAttempt, TooManyAttempts } from './login-limit.js';
export { resolveSession, resolveToken, ensureFirstAdmin } from './accounts.js';

export interface Actor {
  id: string;
  username: string;
  role: Role;
}

/** Records loaded by Remnant itself (demo case, imports run from the CLI without an account). */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000001', username: 'system', role: 'admin' };

/**
 * The rows an actor may read: the public sees only published records; signed-in users see
 * internal and public ones, and restricted ones they created or were granted by name
 * (`record_grants`); admins see everything.
 *
 * The grant test refers to the outer row's `id`; `record_grants` has no `id` column of its own,
 * so an unqualified `id` (no alias given) still resolves to the row being filtered.
 */
// A filter for any table or alias with visibility and created_by: Kysely's types cannot name "some table
// with these columns", so the builder it takes is left open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readableBy(actor: Actor | null, alias?: string): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return (eb) => {
    if (!actor) return eb(col('visibility'), '=', 'public');
    if (actor.role === 'admin') return eb.lit(true);
    return eb.or([
      eb(col('visibility'), '<>', 'restricted'),
      eb(col('createdBy'), '=', actor.id),
      eb.exists(
        eb
          .selectFrom('recordGrants as remnantGrant')
          .select(eb.lit(1).as('one'))
          .whereRef('remnantGrant.recordId', '=', col('id'))
          .where('remnantGrant.userId', '=', actor.id),
      ),
    ]);
  };
}

export interface WriteChange {
  /** Resource name (`items`, `evidence-files`, `findings`…): field investigators create only some kinds. */
  recordType?: string;
  /** The visibility the write sets, if any: publishing needs a reviewer. */
  visibility?: unknown;
}

/**
 * Throws unless `actor` may perform `action` on a record (`existing` is absent on create). Callers
 * pass what the write changes so that publishing by the back door (a PATCH setting
 * `visibility: 'public'`) meets the same rule as the publish endpoint.
 */
export function assertCanWrite(
  actor: Actor | null,
  action: WriteAction,
  existing?: { createdBy: string; visibility: Visibility },
  change: WriteChange = {},
): void {
  const v = change.visibility;
  const d = decideWrite({
    principal: actor ? actor.role : 'public',
    actorId: actor?.id ?? null,
    action,
    recordType: change.recordType,
    existing,
    visibility: v === 'public' || v === 'internal' || v === 'restricted' ? v : undefined,
  });
  if (d.allow) return;
  throw d.status === 401 ? new Unauthorized(d.reason) : new Forbidden(d.reason);
}
