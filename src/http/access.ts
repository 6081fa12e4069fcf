import fastifyCookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { DB } from '../db/index.js';
import type { App, ActorResolver } from './app.js';
import { decideRoute, defaultPermission, isSafeMethod, PERMISSIONS, type Actor, type Permission, type TokenScope, resolveSession, resolveToken, safeEqual } from '../access/index.js';
import { Forbidden, Unauthorized } from '../problems.js';

/**
 * Where HTTP meets access: who is asking (session cookie, bearer token, or nobody), CSRF on
 * cookie-authenticated writes, and the route's declared permission, all decided in one onRequest
 * hook before any body is read. Routes declare `config: { permission }`; the rules themselves live
 * in `src/access/policy.ts`.
 */

export const SESSION_COOKIE = 'remnant_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  /** How the request authenticated. `injected`: a resolver passed to buildApp (tests, embedding). */
  via: 'session' | 'token' | 'injected' | 'none';
  scope?: TokenScope;
  sessionSha256?: string;
  csrfToken?: string;
  tokenId?: string;
  displayName?: string;
  mustChangePassword: boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission;
  /** Whether the route declared its permission (false: the method's default applies). */
  declared: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth;
  }
  interface FastifyInstance {
    /** Every route with its effective permission, collected as routes are added (the role × route matrix reads it). */
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    /** Who may call this route; see docs/working-together.md "Declaring a route's permission". */
    permission?: Permission;
    /** `false` exempts a cookie-authenticated write from the CSRF header (only sign-in needs it). */
    csrf?: boolean;
    /** The route stays usable while the account still has a printed one-time password. */
    allowWithOneTimePassword?: boolean;
  }
}

const NONE: RequestAuth = Object.freeze({ via: 'none', mustChangePassword: false });

async function resolveFromCredentials(db: DB, request: FastifyRequest): Promise<{ actor: Actor | null; auth: RequestAuth }> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A script sending a bad token should hear so, not silently become the public.
    if (!m) throw new Unauthorized('use "Authorization: Bearer <token>" with a personal API token');
    const t = await resolveToken(db, m[1]!);
    if (!t) throw new Unauthorized('the API token is unknown, expired or revoked');
    return { actor: t.actor, auth: { via: 'token', scope: t.scope, tokenId: t.tokenId, displayName: t.displayName, mustChangePassword: t.mustChangePassword } };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const s = await resolveSession(db, cookie);
    // An expired or ended session is simply the public: the web app then shows the sign-in page.
    if (s) {
      return {
        actor: s.actor,
        auth: { via: 'session', sessionSha256: s.sessionSha256, csrfToken: s.csrfToken, displayName: s.displayName, mustChangePassword: s.mustChangePassword },
      };
    }
  }
  return { actor: null, auth: NONE };
}

export interface AccessOptions {
  db: DB;
  /** Replaces credential checking (tests acting as a given role, embedding). CSRF then does not apply. */
  resolveActor?: ActorResolver;
}

export async function installAccess(app: App, opts: AccessOptions): Promise<void> {
  await app.register(fastifyCookie);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const declared = route.config?.permission;
    if (declared !== undefined && !PERMISSIONS.includes(declared)) {
      throw new Error(`route ${String(route.method)} ${route.url}: permission "${String(declared)}" is not one of ${PERMISSIONS.join(', ')}`);
    }
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routeTable.push({ method: String(method), url: route.url ?? route.path, permission: declared ?? defaultPermission(String(method)), declared: declared !== undefined });
    }
  });

  app.decorateRequest('auth', null as unknown as RequestAuth);
  app.addHook('onRequest', async (request) => {
    if (opts.resolveActor) {
      request.actor = await opts.resolveActor(request);
      request.auth = request.actor ? { via: 'injected', mustChangePassword: false } : NONE;
    } else {
      const r = await resolveFromCredentials(opts.db, request);
      request.actor = r.actor;
      request.auth = r.auth;
    }
    if (request.is404) return;
    const config = request.routeOptions.config;
    const method = request.method;
    if (request.auth.via === 'session' && !isSafeMethod(method) && config.csrf !== false) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, request.auth.csrfToken ?? '')) {
        throw new Forbidden(`send the ${CSRF_HEADER} header with the token from sign-in or GET /api/auth/me`);
      }
    }
    const d = decideRoute({
      principal: request.actor ? request.actor.role : 'public',
      permission: config.permission ?? defaultPermission(method),
      method,
      scope: request.auth.scope,
      mustChangePassword: request.auth.mustChangePassword,
      allowWithOneTimePassword: config.allowWithOneTimePassword === true,
    });
    if (!d.allow) throw d.status === 401 ? new Unauthorized(d.reason) : new Forbidden(d.reason);
  });
}
