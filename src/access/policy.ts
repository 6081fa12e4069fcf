/**
 * The access policy as data: which role may do which action, what a route's declared permission
 * requires, and the decision for one write. Pure (no database, no HTTP), so that the rules can be
 * read in one screen and tested exhaustively; `index.ts` and `src/http/access.ts` apply them.
 */
export type Role = 'admin' | 'reviewer' | 'analyst' | 'field' | 'viewer';
export type Visibility = 'restricted' | 'internal' | 'public';
/** Who is asking: a role, or `public` for an anonymous visitor. */
export type Principal = Role | 'public';

export const ROLES: readonly Role[] = ['admin', 'reviewer', 'analyst', 'field', 'viewer'];
export const PRINCIPALS: readonly Principal[] = ['public', ...ROLES];

export type Action =
  | 'read:public' // published records, redacted
  | 'read:internal' // internal records, and restricted ones created by or granted to the reader
  | 'create' // new records (field investigators: only the kinds in FIELD_CREATES)
  | 'edit:own' // change or delete one's own unpublished records
  | 'edit:unpublished' // change or delete anyone's unpublished records
  | 'edit:published' // change or delete published records
  | 'publish' // make a record public, withdraw it, release an aggregate
  | 'rule' // rule on claims (corroborated, disputed, refuted)
  | 'manage:users' // accounts, roles, everyone's tokens
  | 'read:audit'; // the whole audit log and its verification

/** The roles × actions table. docs/access.md renders the same table; change both together. */
export const POLICY: Readonly<Record<Action, readonly Principal[]>> = {
  'read:public': ['public', 'viewer', 'field', 'analyst', 'reviewer', 'admin'],
  'read:internal': ['viewer', 'field', 'analyst', 'reviewer', 'admin'],
  create: ['field', 'analyst', 'reviewer', 'admin'],
  'edit:own': ['field', 'analyst', 'reviewer', 'admin'],
  'edit:unpublished': ['analyst', 'reviewer', 'admin'],
  'edit:published': ['reviewer', 'admin'],
  publish: ['reviewer', 'admin'],
  rule: ['reviewer', 'admin'],
  'manage:users': ['admin'],
  'read:audit': ['admin'],
};

/** What field investigators may create: what they find on the ground (not claims, organisations or findings). */
export const FIELD_CREATES: ReadonlySet<string> = new Set(['incidents', 'items', 'components', 'custody-events', 'sources', 'evidence-files']);

export function can(principal: Principal, action: Action): boolean {
  return POLICY[action].includes(principal);
}

/**
 * A route's declared permission (`config: { permission }`): the coarse gate checked before the
 * handler runs. Record-level rules (own records, published records, visibility) follow in the store.
 */
export type Permission = 'public' | 'read' | 'write' | 'edit' | 'review' | 'admin';
export const PERMISSIONS: readonly Permission[] = ['public', 'read', 'write', 'edit', 'review', 'admin'];

export const PERMISSION_ACTION: Readonly<Record<Permission, Action>> = {
  public: 'read:public',
  read: 'read:internal',
  write: 'edit:own',
  // Changing shared things no one owns (import profiles, settings): analysts and above.
  edit: 'edit:unpublished',
  review: 'publish',
  admin: 'manage:users',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * A route that declares nothing: reads are open and filtered by visibility (every store read goes
 * through `readableBy`), anything else needs a signed-in writer. Writes are never open by omission.
 */
export function defaultPermission(method: string): Permission {
  return isSafeMethod(method) ? 'public' : 'write';
}

export type TokenScope = 'read' | 'read-write';

export interface RouteRequest {
  principal: Principal;
  permission: Permission;
  method: string;
  /** Scope of the API token the request came with; absent for sessions. */
  scope?: TokenScope;
  /** The account still has a printed one-time password. */
  mustChangePassword?: boolean;
  /** The route stays usable with a one-time password (sign out, change password). */
  allowWithOneTimePassword?: boolean;
}

export type Decision = { allow: true } | { allow: false; status: 401 | 403; reason: string };

const ALLOW: Decision = { allow: true };

export function decideRoute(r: RouteRequest): Decision {
  if (r.permission === 'public') return ALLOW;
  if (r.principal === 'public') return { allow: false, status: 401, reason: 'sign in first (this needs an account)' };
  const action = PERMISSION_ACTION[r.permission];
  if (!can(r.principal, action)) {
    return { allow: false, status: 403, reason: `a ${r.principal} may not do this (it needs the "${r.permission}" permission: ${rolesFor(action).join(', ')})` };
  }
  if (r.scope === 'read' && r.permission !== 'read') {
    return { allow: false, status: 403, reason: 'this API token is read-only; create a read-write token to change records' };
  }
  if (r.mustChangePassword && !isSafeMethod(r.method) && !r.allowWithOneTimePassword) {
    return { allow: false, status: 403, reason: 'replace your one-time password first (POST /api/auth/password)' };
  }
  return ALLOW;
}

/**
 * The route permissions a principal holds (what `decideRoute` would let through for a write), for
 * clients that offer only what the server will allow: the web app asks `GET /api/auth/me`.
 */
export function permissionsOf(principal: Principal, scope?: TokenScope, mustChangePassword = false): Permission[] {
  return PERMISSIONS.filter((permission) => decideRoute({ principal, permission, method: permission === 'public' || permission === 'read' ? 'GET' : 'POST', scope, mustChangePassword }).allow);
}

export function rolesFor(action: Action): Role[] {
  return ROLES.filter((r) => can(r, action));
}

export type WriteAction = 'create' | 'update' | 'delete';

export interface WriteRequest {
  principal: Principal;
  actorId: string | null;
  action: WriteAction;
  /** Resource name (`items`, `evidence-files`, `findings`…); absent means "a record". */
  recordType?: string;
  /** The stored record for update and delete. */
  existing?: { createdBy: string; visibility: Visibility };
  /** The visibility the write asks for, if it sets one. */
  visibility?: Visibility;
}

/** The decision for one write to one record. */
export function decideWrite(w: WriteRequest): Decision {
  if (w.principal === 'public') return { allow: false, status: 401, reason: 'sign in to change records' };
  const p = w.principal;
  const deny = (reason: string): Decision => ({ allow: false, status: 403, reason });
  if (w.action === 'create') {
    if (!can(p, 'create')) return deny(`a ${p} may not create records`);
    if (p === 'field' && w.recordType !== undefined && !FIELD_CREATES.has(w.recordType)) {
      return deny(`field investigators create ${[...FIELD_CREATES].join(', ')}; ask an analyst to add ${w.recordType}`);
    }
    if (w.visibility === 'public' && !can(p, 'publish')) return deny('only a reviewer may publish; create the record as internal or restricted');
    return ALLOW;
  }
  const ex = w.existing;
  // No record given (settings-like things without an owner or visibility, e.g. import profiles):
  // the role must be able to change other people's unpublished work.
  if (!ex) return can(p, 'edit:unpublished') ? ALLOW : deny(`a ${p} may not change this`);
  if (ex.visibility === 'public') {
    if (!can(p, 'edit:published')) return deny('this record is published; only a reviewer may change, withdraw or delete it');
  } else if (ex.createdBy === w.actorId) {
    if (!can(p, 'edit:own')) return deny(`a ${p} may not change records`);
  } else if (!can(p, 'edit:unpublished')) {
    return deny(p === 'field' ? 'field investigators may change only their own unpublished records' : `a ${p} may not change records`);
  }
  const changesPublication = w.action === 'update' && w.visibility !== undefined && w.visibility !== ex.visibility && (w.visibility === 'public' || ex.visibility === 'public');
  if (changesPublication && !can(p, 'publish')) return deny('only a reviewer may publish a record or withdraw a published one');
  return ALLOW;
}

/** Derived data is as closed as its most closed input. */
export function strictest(visibilities: Iterable<Visibility>): Visibility {
  let out: Visibility = 'public';
  for (const v of visibilities) {
    if (v === 'restricted') return 'restricted';
    if (v === 'internal') out = 'internal';
  }
  return out;
}

/** The audit action a write records: publishing and withdrawing are named, not buried in "update". */
export function auditActionFor(before: { visibility?: unknown } | null, after: { visibility?: unknown } | null): 'publish' | 'unpublish' | null {
  const was = before?.visibility;
  const is = after?.visibility;
  if (was === is || was === undefined || is === undefined) return null;
  if (is === 'public') return 'publish';
  if (was === 'public') return 'unpublish';
  return null;
}
