import { describe, expect, it } from 'vitest';
import { decideRoute, decideWrite, strictest, auditActionFor, POLICY, type Principal } from '../../src/access/policy.js';
import { redact, coarsen, WITHHELD } from '../../src/access/redact.js';

/** The pure rules, checked against the wording rather than against themselves. */

const ME = 'aaaaaaaa-0000-0000-0000-000000000001';
const OTHER = 'bbbbbbbb-0000-0000-0000-000000000002';
const who = (p: Principal) => ({ principal: p, actorId: p === 'public' ? null : ME });

describe('roles', () => {
  it('field investigators create incidents, items, components and evidence, and edit only their own unpublished records', () => {
    for (const t of ['incidents', 'items', 'components', 'evidence-files', 'sources', 'custody-events']) {
      expect(decideWrite({ ...who('field'), action: 'create', recordType: t }).allow, t).toBe(true);
    }
    for (const t of ['claims', 'organisations', 'findings']) expect(decideWrite({ ...who('field'), action: 'create', recordType: t }).allow, t).toBe(false);
    expect(decideWrite({ ...who('field'), action: 'update', existing: { createdBy: ME, visibility: 'internal' } }).allow).toBe(true);
    expect(decideWrite({ ...who('field'), action: 'update', existing: { createdBy: OTHER, visibility: 'internal' } }).allow).toBe(false);
    expect(decideWrite({ ...who('field'), action: 'update', existing: { createdBy: ME, visibility: 'public' } }).allow).toBe(false);
    expect(decideWrite({ ...who('field'), action: 'delete', existing: { createdBy: OTHER, visibility: 'restricted' } }).allow).toBe(false);
    // A change to something without an owner (no record given) needs an analyst or above.
    expect(decideWrite({ ...who('field'), action: 'delete' }).allow).toBe(false);
    expect(decideWrite({ ...who('analyst'), action: 'delete' }).allow).toBe(true);
    expect(decideWrite({ ...who('viewer'), action: 'update' }).allow).toBe(false);
  });

  it('analysts edit all unpublished work but not published records, and cannot publish', () => {
    expect(decideWrite({ ...who('analyst'), action: 'update', existing: { createdBy: OTHER, visibility: 'internal' } }).allow).toBe(true);
    expect(decideWrite({ ...who('analyst'), action: 'delete', existing: { createdBy: OTHER, visibility: 'restricted' } }).allow).toBe(true);
    expect(decideWrite({ ...who('analyst'), action: 'update', existing: { createdBy: OTHER, visibility: 'public' } }).allow).toBe(false);
    expect(decideWrite({ ...who('analyst'), action: 'update', existing: { createdBy: ME, visibility: 'internal' }, visibility: 'public' }).allow).toBe(false);
    expect(decideWrite({ ...who('analyst'), action: 'create', visibility: 'public' }).allow).toBe(false);
    // Moving between restricted and internal is not publishing.
    expect(decideWrite({ ...who('analyst'), action: 'update', existing: { createdBy: OTHER, visibility: 'internal' }, visibility: 'restricted' }).allow).toBe(true);
  });

  it('reviewers and admins publish and change published records; viewers and the public change nothing', () => {
    for (const p of ['reviewer', 'admin'] as const) {
      expect(decideWrite({ ...who(p), action: 'update', existing: { createdBy: OTHER, visibility: 'internal' }, visibility: 'public' }).allow).toBe(true);
      expect(decideWrite({ ...who(p), action: 'update', existing: { createdBy: OTHER, visibility: 'public' }, visibility: 'internal' }).allow).toBe(true);
    }
    const v = decideWrite({ ...who('viewer'), action: 'create' });
    expect(v).toMatchObject({ allow: false, status: 403 });
    const anon = decideWrite({ ...who('public'), action: 'create' });
    expect(anon).toMatchObject({ allow: false, status: 401 });
  });

  it('gates routes by declared permission, token scope and one-time passwords', () => {
    expect(decideRoute({ principal: 'public', permission: 'public', method: 'GET' }).allow).toBe(true);
    expect(decideRoute({ principal: 'public', permission: 'read', method: 'GET' })).toMatchObject({ allow: false, status: 401 });
    expect(decideRoute({ principal: 'viewer', permission: 'write', method: 'POST' })).toMatchObject({ allow: false, status: 403 });
    expect(decideRoute({ principal: 'field', permission: 'write', method: 'POST' }).allow).toBe(true);
    expect(decideRoute({ principal: 'analyst', permission: 'review', method: 'POST' }).allow).toBe(false);
    expect(decideRoute({ principal: 'field', permission: 'edit', method: 'DELETE' }).allow).toBe(false);
    expect(decideRoute({ principal: 'analyst', permission: 'edit', method: 'DELETE' }).allow).toBe(true);
    expect(decideRoute({ principal: 'reviewer', permission: 'admin', method: 'GET' }).allow).toBe(false);
    expect(decideRoute({ principal: 'admin', permission: 'write', method: 'POST', scope: 'read' })).toMatchObject({ allow: false, status: 403 });
    expect(decideRoute({ principal: 'admin', permission: 'read', method: 'POST', scope: 'read' }).allow).toBe(true);
    expect(decideRoute({ principal: 'admin', permission: 'write', method: 'POST', mustChangePassword: true }).allow).toBe(false);
    expect(decideRoute({ principal: 'admin', permission: 'read', method: 'POST', mustChangePassword: true, allowWithOneTimePassword: true }).allow).toBe(true);
  });

  it('keeps each action open to a superset of the roles of the action above it', () => {
    // read:public ⊇ read:internal ⊇ create ⊇ edit:unpublished ⊇ edit:published ⊇ manage:users
    const chain = ['read:public', 'read:internal', 'create', 'edit:unpublished', 'edit:published', 'manage:users'] as const;
    for (let i = 1; i < chain.length; i++) for (const r of POLICY[chain[i]!]) expect(POLICY[chain[i - 1]!]).toContain(r);
  });
});

describe('derived data and publishing', () => {
  it('takes the strictest visibility of its inputs', () => {
    expect(strictest([])).toBe('public');
    expect(strictest(['public', 'public'])).toBe('public');
    expect(strictest(['public', 'internal', 'public'])).toBe('internal');
    expect(strictest(['internal', 'restricted', 'public'])).toBe('restricted');
  });

  it('names publishing and withdrawing in the audit log', () => {
    expect(auditActionFor({ visibility: 'internal' }, { visibility: 'public' })).toBe('publish');
    expect(auditActionFor({ visibility: 'public' }, { visibility: 'restricted' })).toBe('unpublish');
    expect(auditActionFor({ visibility: 'internal' }, { visibility: 'restricted' })).toBeNull();
    expect(auditActionFor({ visibility: 'public' }, { visibility: 'public' })).toBeNull();
  });
});

describe('redaction for the public', () => {
  const incident = { id: 'i1', createdBy: ME, updatedBy: OTHER, lat: 49.98765, lon: 36.23456, locationPrecision: 'exact', locationSensitive: true, title: 'Strike' };

  it('removes user identities and coarsens a sensitive location to ~0.1° and region precision', () => {
    const r = redact('incidents', incident, null);
    expect(r).toMatchObject({ createdBy: null, updatedBy: null, lat: 50, lon: 36.2, locationPrecision: 'region', title: 'Strike' });
    expect(incident.lat).toBe(49.98765); // the store's row is not changed in place
  });

  it('leaves a non-sensitive location alone, and everything alone for signed-in users', () => {
    expect(redact('incidents', { ...incident, locationSensitive: false }, null)).toMatchObject({ lat: 49.98765, locationPrecision: 'exact' });
    const signedIn = redact('incidents', incident, { id: ME, username: 'x', role: 'viewer' });
    expect(signedIn).toEqual(incident);
  });

  it('withholds custody holders, field-note authors, file names and confirmers', () => {
    expect(redact('custody-events', { holder: 'Sgt. Ivan Petrenko', notes: 'met at checkpoint 4', place: 'Izium' }, null)).toEqual({ holder: WITHHELD, notes: null, place: null });
    expect(redact('sources', { kind: 'field_note', author: 'Investigator X' }, null)).toMatchObject({ author: null });
    expect(redact('sources', { kind: 'news_report', author: 'Reuters staff' }, null)).toMatchObject({ author: 'Reuters staff' });
    const f = redact('evidence-files', { id: '12345678-aaaa', originalName: 'petrenko_home.jpg', mediaType: 'image/jpeg', gpsLat: 48.123456, gpsLon: 37.654321 }, null);
    expect(f).toMatchObject({ originalName: 'evidence-12345678.jpg', gpsLat: null, gpsLon: null });
    const c = redact('components', { fieldStatus: { partNumber: { state: 'confirmed', by: ME, at: 'now' } } }, null);
    expect(c.fieldStatus).toEqual({ partNumber: { state: 'confirmed', by: null, at: 'now' } });
  });

  it('coarsens to one decimal without negative zero', () => {
    expect(coarsen(-0.04)).toBe(0);
    expect(Object.is(coarsen(-0.04), -0)).toBe(false);
    expect(coarsen(-33.86)).toBe(-33.9);
    expect(coarsen(179.99)).toBe(180);
  });
});
