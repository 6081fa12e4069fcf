import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { pngWithMetadata } from '../support/photos.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { ROLES, type Actor, type Role } from '../../src/access/index.js';
import { guardedForeignKeys } from '../../src/access/links.js';
import * as evidence from '../../src/evidence/index.js';
import { RESOURCES } from '../../src/evidence/specs.js';
import { LINK_FIELDS } from '../../src/evidence/files.js';
import { cases } from '../../src/cases/spec.js';
import { claimTopics } from '../../src/claims/schema.js';
import type { ResourceSpec } from '../../src/evidence/store.js';

/**
 * Links respect access (issue 16): every foreign key a write can set, found from the resource table
 * and the database's own foreign keys, is tried as every role with a restricted record of another
 * user as its target. The answer must be the one a nonexistent id gets (400, same words), never a
 * 2xx — except for admins, who can read every record and so may link to it.
 */
const SPECS: ResourceSpec[] = [...RESOURCES, cases, claimTopics];

/** The smallest valid create body of each resource, foreign keys left out (filled per case). */
const BASE: Record<string, Record<string, unknown>> = {
  organisations: { name: 'Link test maker', kind: 'other' },
  sources: { kind: 'news_report', title: 'Link test source' },
  claims: { quotedText: 'link test' },
  incidents: { title: 'Link test incident', occurredFrom: '2024-01-02' },
  items: { label: 'Link test item' },
  'custody-events': { holder: 'Link test holder', heldFrom: '2024-03-01T00:00:00Z' },
  components: { markingRaw: 'LM358' },
  cases: { title: 'Link test case' },
  'claim-topics': { title: 'Link test topic', kind: 'statement' },
};

let app: App;
let database: TestDatabase;
const actors = new Map<string, Actor>();
/** Per table: a record the roles under test may read (internal), and one restricted to its owner. */
const readable = new Map<string, string>();
const hidden = new Map<string, string>();

interface LinkField { spec: ResourceSpec; field: string; table: string; list: boolean }
const linkFields: LinkField[] = [];

beforeAll(async () => {
  ({ app, database } = await testApp({ resolveActor: async (req) => actors.get(String(req.headers['x-test-as'])) ?? null }));
  for (const role of ROLES) actors.set(role, await testUser(database, role, `links-${role}`));
  const owner = await testUser(database, 'analyst', 'links-owner');
  const admin = actors.get('admin')!;

  // Targets, in dependency order, each created through the store as its owner would.
  const make = async (actor: Actor, spec: ResourceSpec, visibility: string) => {
    const body: Record<string, unknown> = { ...BASE[spec.name], visibility };
    for (const [field, table] of await guardedForeignKeys(database.db, spec.table)) {
      if (spec.create.shape[field] && !spec.create.shape[field].safeParse(undefined).success) body[field] = readable.get(table);
    }
    return (await evidence.create(database.db, actor, spec, body)).id as string;
  };
  for (const spec of SPECS) {
    readable.set(spec.table, await make(admin, spec, 'internal'));
    hidden.set(spec.table, await make(owner, spec, 'restricted'));
  }

  for (const spec of SPECS) {
    for (const [field, table] of await guardedForeignKeys(database.db, spec.table)) {
      if (spec.create.shape[field]) linkFields.push({ spec, field, table, list: false });
    }
    for (const link of spec.links ?? []) {
      const table = (await guardedForeignKeys(database.db, link.table)).get(link.otherColumn);
      if (table) linkFields.push({ spec, field: link.field, table, list: true });
    }
  }
  // An upload links through one of LINK_FIELDS (trace correspondence sets its request itself, checked by tracing).
  for (const [field, table] of await guardedForeignKeys(database.db, 'evidenceFiles')) {
    if ((LINK_FIELDS as readonly string[]).includes(field)) linkFields.push({ spec: { name: 'evidence-files', table: 'evidenceFiles' } as ResourceSpec, field, table, list: false });
  }
});

function bodyWith(f: LinkField, id: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...BASE[f.spec.name] };
  // Required foreign keys other than the one under test point at readable records.
  for (const [k, s] of Object.entries(f.spec.create.shape)) {
    if (k !== f.field && k.endsWith('Id') && !s.safeParse(undefined).success) body[k] = readable.get(k === 'sourceId' ? 'sources' : 'items');
  }
  // A claim topic scoped to a finding names the finding's metric.
  if (f.field.startsWith('finding')) Object.assign(body, { kind: 'quantity', findingMetric: 'components' });
  body[f.field] = f.list ? [id] : id;
  return body;
}

async function post(role: Role, f: LinkField, id: string) {
  if (f.spec.name === 'evidence-files') {
    const boundary = 'LINKTESTBOUNDARY';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      pngWithMetadata({ marker: randomUUID(), lat: 50.45, lon: 30.52 }),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({
      method: 'POST', url: `/api/evidence-files?${f.field}=${id}`, payload,
      headers: { 'x-test-as': role, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  return app.inject({ method: 'POST', url: `/api/${f.spec.name}`, payload: bodyWith(f, id), headers: { 'x-test-as': role } });
}

/** The 400's field errors with the id taken out, so that "hidden" and "missing" can be compared. */
function errorsOf(res: { json(): unknown }, id: string): unknown {
  const body = res.json() as { errors?: { field: string; message: string }[]; title?: string };
  return { title: body.title, errors: body.errors?.map((e) => ({ ...e, message: e.message.replaceAll(id, '<id>') })) };
}

describe('links respect access', () => {
  it('finds every link field the issue names in the resource table', () => {
    const names = linkFields.map((f) => `${f.spec.name}.${f.field}`);
    for (const n of [
      'components.itemId', 'components.makerId', 'items.incidentId', 'custody-events.itemId', 'claims.sourceId', 'incidents.sourceIds',
      'incidents.claimIds', 'organisations.parentId', 'cases.itemIds', 'cases.sourceIds', 'cases.incidentIds', 'cases.claimIds',
      'evidence-files.itemId', 'evidence-files.componentId', 'evidence-files.sourceId', 'claim-topics.findingItemId',
    ]) expect(names).toContain(n);
    expect(names.length).toBeGreaterThanOrEqual(16);
  });

  it('answers a restricted target like a nonexistent one, for every link field and every role', async () => {
    const report: string[] = [];
    for (const f of linkFields) {
      for (const role of ROLES) {
        const target = hidden.get(f.table)!;
        const missing = randomUUID();
        const [h, m] = [await post(role, f, target), await post(role, f, missing)];
        const where = `${role} ${f.spec.name}.${f.field}`;
        if (role === 'admin') {
          // Admins read everything: the same link is allowed (the rule blocks no more than it must).
          expect(h.statusCode, `${where}: ${h.body}`).toBe(201);
          expect(m.statusCode, where).toBe(400);
          continue;
        }
        expect(h.statusCode, `${where}: ${h.body}`).toBe(m.statusCode);
        expect(h.statusCode, where).toBeGreaterThanOrEqual(400);
        if (h.statusCode === 400) {
          expect(errorsOf(h, target), where).toEqual(errorsOf(m, missing));
          expect(JSON.stringify(errorsOf(h, target)), where).toContain(f.field);
        }
        report.push(`${where}: ${h.statusCode}`);
      }
    }
    // Writers of every kind met the rule, not only the policy's 403.
    expect(report.filter((r) => r.endsWith(': 400')).length).toBeGreaterThan(linkFields.length);
  });

  it('refuses a PATCH that links a record to a restricted one, and keeps links already in place', async () => {
    const analyst = actors.get('analyst')!;
    for (const f of linkFields.filter((x) => x.spec.name !== 'evidence-files')) {
      const own = await evidence.create(database.db, analyst, f.spec, { ...bodyWith(f, readable.get(f.table)!), visibility: 'internal' });
      const url = `/api/${f.spec.name}/${own.id}`;
      const target = hidden.get(f.table)!;
      const missing = randomUUID();
      const h = await app.inject({ method: 'PATCH', url, payload: { [f.field]: f.list ? [target] : target }, headers: { 'x-test-as': 'analyst' } });
      const m = await app.inject({ method: 'PATCH', url, payload: { [f.field]: f.list ? [missing] : missing }, headers: { 'x-test-as': 'analyst' } });
      expect(h.statusCode, `${f.spec.name}.${f.field}: ${h.body}`).toBe(400);
      expect(errorsOf(h, target)).toEqual(errorsOf(m, missing));
      // Unchanged links pass: an edit of another field does not re-ask about them.
      const keep = await app.inject({ method: 'PATCH', url, payload: { [f.field]: f.list ? [readable.get(f.table)] : readable.get(f.table) }, headers: { 'x-test-as': 'analyst' } });
      expect(keep.statusCode, `${f.spec.name}.${f.field}: ${keep.body}`).toBe(200);
    }
  });
});
