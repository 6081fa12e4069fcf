import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import type { RouteEntry } from '../../src/http/access.js';
import { account, signIn, tokenFor, type Browser } from './support.js';

/**
 * The role × route matrix, generated from Fastify's own route table (collected by an onRoute hook
 * as routes are added), so every route is covered — including routes added after this test was
 * written. Each route is called by the public, by a signed-in browser of every role (cookie and
 * CSRF header) and with a read-only API token, and must be refused (401/403) exactly where the
 * expectation below says, and never elsewhere.
 *
 * The expectation is written out here from the wording, not imported from the policy
 * module, so that a wrong policy fails this test instead of agreeing with it.
 */
type Who = 'public' | 'viewer' | 'field' | 'analyst' | 'reviewer' | 'admin' | 'read-token';
const WHO: Who[] = ['public', 'viewer', 'field', 'analyst', 'reviewer', 'admin', 'read-token'];

const ALLOWED: Record<RouteEntry['permission'], Who[]> = {
  public: ['public', 'viewer', 'field', 'analyst', 'reviewer', 'admin', 'read-token'],
  read: ['viewer', 'field', 'analyst', 'reviewer', 'admin', 'read-token'],
  write: ['field', 'analyst', 'reviewer', 'admin'],
  edit: ['analyst', 'reviewer', 'admin'],
  review: ['reviewer', 'admin'],
  admin: ['admin'],
};

/** Undeclared routes: reads open (filtered by visibility), everything else needs a writer. */
function expectedDefault(method: string): RouteEntry['permission'] {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method) ? 'public' : 'write';
}

let app: App;
let database: TestDatabase;
const browsers = new Map<Who, Browser>();
const passwords = new Map<Who, { username: string; password: string }>();
let readToken: string;

beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
  for (const role of ['viewer', 'field', 'analyst', 'reviewer', 'admin'] as const) {
    const a = await account(database, `matrix-${role}`, role);
    passwords.set(role, a);
    browsers.set(role, await signIn(app, a.username, a.password));
  }
  readToken = (await tokenFor(app, database, 'matrix-reader', 'admin', 'read')).token;
});

function concreteUrl(url: string): string {
  return url
    .replace(/:([A-Za-z_]+)(\([^)]*\))?/g, (_, name: string) => (name === 'recordType' ? 'items' : /id$/i.test(name) ? randomUUID() : 'x'))
    .replace(/\*/g, 'x');
}

async function call(who: Who, route: RouteEntry) {
  const headers: Record<string, string> = {};
  const b = browsers.get(who);
  if (b) {
    headers.cookie = b.cookie;
    headers['x-csrf-token'] = b.csrf;
  }
  if (who === 'read-token') headers.authorization = `Bearer ${readToken}`;
  const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
  const r = await app.inject({ method: route.method as 'GET', url: concreteUrl(route.url), headers, ...(hasBody ? { payload: {} } : {}) });
  // A route that ends the session (sign-out) must not turn the rest of the matrix into the public.
  if (b && route.method !== 'GET') {
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b.cookie } });
    if (me.json().user === null) {
      const p = passwords.get(who)!;
      browsers.set(who, await signIn(app, p.username, p.password));
    }
  }
  return r;
}

describe('role × route matrix', () => {
  it('covers the routes of every area, each with a known permission', () => {
    const table = app.routeTable;
    expect(table.length).toBeGreaterThan(40);
    for (const must of ['GET /api/items', 'POST /api/items', 'DELETE /api/evidence-files/:id', 'POST /api/auth/login', 'GET /api/audit', 'POST /api/publish']) {
      expect(table.map((r) => `${r.method} ${r.url}`)).toContain(must);
    }
    for (const r of table) {
      expect(Object.keys(ALLOWED)).toContain(r.permission);
      if (!r.declared) expect(r.permission, `${r.method} ${r.url}`).toBe(expectedDefault(r.method));
    }
  });

  it('refuses exactly the roles the route\u2019s permission excludes, and no others', async () => {
    const wrong: string[] = [];
    const rows: string[] = [];
    for (const route of app.routeTable) {
      const cells: string[] = [];
      for (const who of WHO) {
        const r = await call(who, route);
        const refused = r.statusCode === 401 || r.statusCode === 403;
        const shouldRefuse = !ALLOWED[route.permission].includes(who);
        cells.push(`${who}:${r.statusCode}`);
        if (refused !== shouldRefuse) {
          wrong.push(`${route.method} ${route.url} [${route.permission}] as ${who}: got ${r.statusCode} ${r.body.slice(0, 160)}`);
          continue;
        }
        if (shouldRefuse) {
          const expected = who === 'public' ? 401 : 403;
          if (r.statusCode !== expected) wrong.push(`${route.method} ${route.url} as ${who}: refused with ${r.statusCode}, expected ${expected}`);
          if (!String(r.headers['content-type']).includes('application/problem+json')) wrong.push(`${route.method} ${route.url} as ${who}: refusal is not a problem+json`);
        }
      }
      rows.push(`${route.method} ${route.url} [${route.permission}${route.declared ? '' : ', default'}] ${cells.join(' ')}`);
    }
    if (process.env.REMNANT_PRINT_MATRIX) process.stdout.write(rows.join('\n') + '\n');
    expect(wrong).toEqual([]);
    // Hundreds of requests: a loaded machine needs more than the default 30 s; no timing is asserted.
  }, 600_000);

  it('checks "replace" on create-or-replace routes: only the owner or an analyst and above replaces a shared record', async () => {
    // POST /api/import-profiles saves by name: a new name creates, a taken one replaces. Written out
    // from the issue (16): a field investigator may save new profiles and replace their own, not others'.
    const REPLACES_OTHERS: Who[] = ['analyst', 'reviewer', 'admin'];
    const save = (who: Who, name: string, header: string) => {
      const b = browsers.get(who)!;
      return app.inject({
        method: 'POST', url: '/api/import-profiles', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf },
        payload: { name, resource: 'components', mapping: { markingRaw: header } },
      });
    };
    const wrong: string[] = [];
    for (const who of ['field', 'analyst', 'reviewer', 'admin'] as const) {
      const shared = `shared-by-admin-for-${who}`;
      expect((await save('admin', shared, 'Marking')).statusCode).toBe(200);
      const r = await save(who, shared, `Overwritten by ${who}`);
      const allowed = REPLACES_OTHERS.includes(who);
      if ((r.statusCode === 200) !== allowed || (!allowed && r.statusCode !== 403)) wrong.push(`replace another's profile as ${who}: ${r.statusCode} ${r.body.slice(0, 160)}`);
      const kept = (await app.inject({ method: 'GET', url: '/api/import-profiles', headers: { cookie: browsers.get('admin')!.cookie } })).json().data
        .find((p: { name: string }) => p.name === shared);
      if ((kept.mapping.markingRaw === 'Marking') === allowed) wrong.push(`as ${who}: the stored profile is ${JSON.stringify(kept.mapping)}`);
      // Everyone who may write creates new profiles and replaces their own.
      const own = `own-of-${who}`;
      const c = await save(who, own, 'First');
      const again = await save(who, own, 'Second');
      if (c.statusCode !== 200 || again.statusCode !== 200) wrong.push(`own profile as ${who}: create ${c.statusCode}, replace ${again.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every cookie-authenticated write without the CSRF header', async () => {
    const admin = browsers.get('admin')!;
    const wrong: string[] = [];
    for (const route of app.routeTable) {
      if (['GET', 'HEAD', 'OPTIONS'].includes(route.method) || route.url === '/api/auth/login') continue;
      const r = await app.inject({ method: route.method as 'POST', url: concreteUrl(route.url), headers: { cookie: admin.cookie }, payload: {} });
      if (r.statusCode !== 403) wrong.push(`${route.method} ${route.url}: ${r.statusCode}`);
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
