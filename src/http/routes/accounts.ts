import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, isoDateTime, requiredText, text } from '../../fields.js';
import { PERMISSIONS, ROLES, USER_LANGUAGES, languageOf, permissionsOf, setOwnLanguage, accounts, grant, listGrants, revokeGrant, releaseLoginAttempt, reserveLoginAttempt, TooManyAttempts, PASSWORD_MAX, listSignIns } from '../../access/index.js';
import { SESSION_COOKIE } from '../access.js';
import { Forbidden, Unauthorized } from '../../problems.js';

/**
 * Accounts over HTTP: sign-in, sign-out and "who am I" (the contract with the web app in
 * docs/working-together.md), users (admins), personal API tokens, and named-user grants on
 * restricted records. Each route declares its permission; src/http/access.ts enforces it.
 */

const role = z.enum(ROLES as [string, ...string[]]);
const language = z.enum(USER_LANGUAGES).nullable().describe('the web app language this user chose (issue 24); null: not chosen');
const me = z.object({ id, username: z.string(), displayName: z.string(), role, mustChangePassword: z.boolean(), language });
const userView = z.object({
  id, username: z.string(), displayName: z.string(), role, disabled: z.boolean(),
  mustChangePassword: z.boolean().optional(), hasPassword: z.boolean().optional(), createdAt: z.string().optional(),
});
const tokenView = z.object({
  id, userId: id, name: z.string(), prefix: z.string(), scope: z.enum(['read', 'read-write']), createdAt: z.string(),
  expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
const grantView = z.object({ recordId: id, recordType: z.string(), userId: id, username: z.string(), displayName: z.string(), grantedBy: id, grantedAt: z.string() });
const recordType = text(100).regex(/^[a-z][a-z0-9-]*$/, 'must be a record type such as components');


export default async function accountRoutes(app: App): Promise<void> {
  const tags = ['accounts'];

  app.post('/api/auth/login', {
    config: {
      permission: 'public',
      csrf: false,
    },
    schema: {
      tags, summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for writes', operationId: 'login',
      body: z.object({ username: text(100), password: z.string().max(PASSWORD_MAX + 100) }),
      response: { 200: z.object({ user: me, csrfToken: z.string() }) },
    },
  }, async (req, reply) => {
    const username = req.body.username.trim().toLowerCase();
    // Counted in the database, so every server on it shares the limit (src/access/login-limit.ts).
    let attempt: string;
    try {
      attempt = await reserveLoginAttempt(app.db, username, req.ip);
    } catch (e) {
      if (e instanceof TooManyAttempts) void reply.header('retry-after', String(e.retryAfterSeconds));
      throw e;
    }
    const r = await accounts.login(app.db, username, req.body.password, req.headers['user-agent'] ?? null);
    await releaseLoginAttempt(app.db, attempt);
    void reply.setCookie(SESSION_COOKIE, r.sessionToken, { httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto', maxAge: r.maxAgeSeconds });
    return {
      user: { id: r.actor.id, username: r.actor.username, displayName: r.displayName, role: r.actor.role, mustChangePassword: r.mustChangePassword, language: await languageOf(app.db, r.actor.id) },
      csrfToken: r.csrfToken,
    };
  });

  app.post('/api/auth/logout', {
    config: { permission: 'public', allowWithOneTimePassword: true },
    schema: { tags, summary: 'Sign out: ends the session and clears its cookie', operationId: 'logout', response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.auth.via === 'session' && req.auth.sessionSha256 && req.actor) await accounts.logout(app.db, req.auth.sessionSha256, req.actor);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Who is signed in, and the CSRF token to send with writes', operationId: 'me',
      response: {
        200: z.object({
          user: me.nullable(), csrfToken: z.string().nullable(),
          permissions: z.array(z.enum(PERMISSIONS)).describe('the route permissions this caller holds (src/access/policy.ts): clients offer only what the server allows'),
        }),
      },
    },
  }, async (req) => {
    if (!req.actor) return { user: null, csrfToken: null, permissions: permissionsOf('public') };
    const displayName = req.auth.displayName ?? (await accounts.getUser(app.db, req.actor.id).catch(() => null))?.displayName ?? req.actor.username;
    return {
      user: { id: req.actor.id, username: req.actor.username, displayName, role: req.actor.role, mustChangePassword: req.auth.mustChangePassword, language: await languageOf(app.db, req.actor.id) },
      csrfToken: req.auth.via === 'session' ? (req.auth.csrfToken ?? null) : null,
      permissions: permissionsOf(req.actor.role, req.auth.scope, req.auth.mustChangePassword),
    };
  });

  // 'read': every signed-in user, viewers too, may choose the language they read the app in.
  app.patch('/api/auth/me', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Change your own settings: the language of the web app (audited)', operationId: 'update_me',
      body: z.object({ language }),
      response: { 200: z.object({ language }) },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return { language: await setOwnLanguage(app.db, req.actor, req.body.language) };
  });

  app.post('/api/auth/password', {
    config: { permission: 'read', allowWithOneTimePassword: true },
    schema: {
      tags, summary: 'Replace your password (required after a one-time password); ends your other sessions', operationId: 'change_password',
      body: z.object({ currentPassword: z.string().max(PASSWORD_MAX + 100), newPassword: z.string().max(PASSWORD_MAX + 100) }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    // A leaked API token must not be enough to take the account over.
    if (req.auth.via === 'token') throw new Forbidden('change your password from a signed-in session, not with an API token');
    await accounts.changeOwnPassword(app.db, req.actor, req.body.currentPassword, req.body.newPassword, req.auth.sessionSha256 ?? null);
    return reply.status(204).send(null);
  });

  // -- users -----------------------------------------------------------------------------------

  app.get('/api/users', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Accounts (names and roles; admins also see account state)', operationId: 'list_users', response: { 200: z.object({ data: z.array(userView) }) } },
  }, async (req) => {
    const users = await accounts.listUsers(app.db);
    const admin = req.actor?.role === 'admin';
    return { data: users.map((u) => (admin ? u : { id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled })) };
  });

  app.get('/api/users/:id', {
    config: { permission: 'read' },
    schema: { tags, summary: 'One account', operationId: 'get_user', params: idParams, response: { 200: userView } },
  }, async (req) => {
    const u = await accounts.getUser(app.db, req.params.id);
    return req.actor?.role === 'admin' ? u : { id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled };
  });

  app.post('/api/users', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Create an account; without a password, a one-time password is returned once', operationId: 'create_user',
      body: z.object({ username: text(63), displayName: requiredText(200).optional(), role, password: z.string().max(PASSWORD_MAX + 100).optional() }),
      response: { 201: z.object({ user: userView, oneTimePassword: z.string().nullable() }) },
    },
  }, async (req, reply) => {
    const r = await accounts.createUser(app.db, req.actor!, { ...req.body, role: req.body.role as accounts.UserView['role'] });
    return reply.status(201).send({ user: r.user, oneTimePassword: r.password });
  });

  app.patch('/api/users/:id', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Change an account: display name, role, disabled (disabling or a role change ends its sessions)', operationId: 'update_user',
      params: idParams, body: z.object({ displayName: requiredText(200).optional(), role: role.optional(), disabled: z.boolean().optional() }),
      response: { 200: userView },
    },
  }, async (req) => accounts.updateUser(app.db, req.actor!, req.params.id, { ...req.body, role: req.body.role as accounts.UserView['role'] | undefined }));

  app.post('/api/users/:id/reset-password', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Give an account a new one-time password (returned once) and end its sessions', operationId: 'reset_password',
      params: idParams, response: { 200: z.object({ user: userView, oneTimePassword: z.string() }) },
    },
  }, async (req) => {
    const r = await accounts.resetPassword(app.db, req.actor!, req.params.id);
    return { user: r.user, oneTimePassword: r.password };
  });

  app.get('/api/sign-ins', {
    config: { permission: 'admin' },
    schema: {
      tags, summary: 'Sign-in history: every sign-in and sign-out, newest first; page with beforeSeq (admins)', operationId: 'list_sign_ins',
      querystring: z.object({ userId: id.optional(), beforeSeq: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: {
        200: z.object({
          data: z.array(z.object({
            seq: z.number(), at: z.string(), action: z.enum(['login', 'logout']), userId: id.nullable(), username: z.string().nullable(),
            displayName: z.string().nullable(), via: z.string().nullable(),
          })),
          nextBeforeSeq: z.number().nullable(),
        }),
      },
    },
  }, async (req) => {
    const data = await listSignIns(app.db, req.query);
    return { data, nextBeforeSeq: data.length === req.query.limit ? data[data.length - 1]!.seq : null };
  });

  // -- personal API tokens ---------------------------------------------------------------------

  app.get('/api/tokens', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Your API tokens (admins: ?all=true for everyone\u2019s)', operationId: 'list_tokens',
      querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ data: z.array(tokenView) }) },
    },
  }, async (req) => {
    const all = req.query.all === 'true';
    if (all && req.actor!.role !== 'admin') throw new Forbidden('only admins list everyone\u2019s tokens');
    return { data: await accounts.listTokens(app.db, req.actor!, all) };
  });

  app.post('/api/tokens', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Create a personal API token; the secret is shown only in this response', operationId: 'create_token',
      body: z.object({ name: requiredText(200), scope: z.enum(['read', 'read-write']), expiresAt: isoDateTime.nullish() }),
      response: { 201: z.object({ token: tokenView, secret: z.string() }) },
    },
  }, async (req, reply) => {
    // A token minting tokens would outlive its own revocation.
    if (req.auth.via === 'token') throw new Forbidden('create API tokens from a signed-in session, not with another token');
    const r = await accounts.createToken(app.db, req.actor!, req.body);
    return reply.status(201).send(r);
  });

  app.delete('/api/tokens/:id', {
    config: { permission: 'read' },
    schema: { tags, summary: 'Revoke an API token (yours; admins: anyone\u2019s)', operationId: 'revoke_token', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await accounts.revokeToken(app.db, req.actor!, req.params.id, req.actor!.role === 'admin');
    return reply.status(204).send(null);
  });

  // -- named-user grants on restricted records -------------------------------------------------

  app.get('/api/grants', {
    config: { permission: 'read' },
    schema: {
      tags, summary: 'Who besides its creator may read a restricted record', operationId: 'list_grants',
      querystring: z.object({ recordType, recordId: id }), response: { 200: z.object({ data: z.array(grantView) }) },
    },
  }, async (req) => ({ data: await listGrants(app.db, req.actor!, req.query.recordType, req.query.recordId) }));

  app.post('/api/grants', {
    config: { permission: 'write' },
    schema: {
      tags, summary: 'Let a named user read a restricted record (its creator or an admin)', operationId: 'grant',
      body: z.object({ recordType, recordId: id, userId: id }), response: { 200: z.object({ data: z.array(grantView) }) },
    },
  }, async (req) => ({ data: await grant(app.db, req.actor!, req.body.recordType, req.body.recordId, req.body.userId) }));

  app.delete('/api/grants/:recordType/:recordId/:userId', {
    config: { permission: 'write' },
    schema: {
      tags, summary: 'Withdraw a named user\u2019s access to a restricted record', operationId: 'revoke_grant',
      params: z.object({ recordType, recordId: id, userId: id }), response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await revokeGrant(app.db, req.actor!, req.params.recordType, req.params.recordId, req.params.userId);
    return reply.status(204).send(null);
  });
}
