import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';
import { evidencePackage } from '../../src/package/index.js';

/** The text a PDF draws: its content streams inflated (pdfkit writes text as hex strings in TJ). */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  let out = '';
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const end = s.indexOf('endstream', m.index);
    try {
      const body = inflateSync(Buffer.from(s.slice(m.index + m[0].length, end), 'latin1')).toString('latin1');
      // Kerning numbers sit between the hex strings of one TJ array: drop them to rejoin words.
      out += body.replace(/>\s*-?[\d.]+\s*</g, '><').replace(/<([0-9a-f]+)>/gi, (_x, h: string) => Buffer.from(h, 'hex').toString('latin1')) + '\n';
    } catch {
      /* not deflated (images): skip */
    }
  }
  return out;
}

let db: TestDatabase;
let caseId: string;
let itemId: string;
beforeAll(async () => {
  db = await freshDatabase();
  await loadDemoIfFirstStart(db.db);
  caseId = (await db.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
  itemId = (await db.db.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId).orderBy('itemId').executeTakeFirstOrThrow()).itemId;
  // The canary: restricted, created by an analyst, never granted to anyone else.
  const ana = await db.db.insertInto('users').values({ username: 'ana', displayName: 'Ana', role: 'analyst' }).returning('id').executeTakeFirstOrThrow();
  await evidence.create(db.db, { id: ana.id, username: 'ana', role: 'analyst' }, evidence.components, { itemId, markingRaw: 'CANARYRESTRICTED', visibility: 'restricted' });
}, 120_000);
afterAll(() => {});

const viewer = async () => ({ id: (await db.db.insertInto('users').values({ username: `v${Date.now()}`, displayName: 'V', role: 'viewer' }).returning('id').executeTakeFirstOrThrow()).id, username: 'v', role: 'viewer' as const });

describe('evidence packages', () => {
  it('are reproducible: the same data and timestamp give the same bytes', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const a = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'case', id: caseId }, at);
    const b = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'case', id: caseId }, at);
    expect(a.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a.pdf, b.pdf)).toBe(0);
    const c = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'case', id: caseId }, new Date('2026-01-03T00:00:00Z'));
    expect(Buffer.compare(a.pdf, c.pdf)).not.toBe(0);
  });

  it('never contains a restricted record the reader may not see; the appendix lists records and hashes', async () => {
    const v = await viewer();
    const item = await evidencePackage(db.db, v, { kind: 'item', id: itemId });
    const text = pdfText(item.pdf);
    expect(text).not.toContain('CANARYRESTRICTED');
    expect(text).toContain('Appendix: records and file hashes');
    expect(item.recordIds.some((r) => r.startsWith(`item ${itemId}`))).toBe(true);
    for (const id of item.recordIds.slice(0, 5)) expect(text).toContain(id);
    // The admin may read it, so the admin's package shows it: the check above can fail.
    expect(pdfText((await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'item', id: itemId })).pdf)).toContain('CANARYRESTRICTED');
    // The public package: published records only, the canary never.
    const pub = await evidencePackage(db.db, null, { kind: 'case', id: caseId });
    const pubText = pdfText(pub.pdf);
    expect(pubText).toContain('Audience: public');
    expect(pubText).not.toContain('CANARYRESTRICTED');
  });
  it('shows supply chains with the diversion point, trace requests and sanctions reviews to signed-in readers, never to the public', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const internal = pdfText((await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'case', id: caseId }, at)).pdf);
    expect(internal).toContain('Trace requests and supply chains');
    // The demo's chain via Singapore and Hong Kong: the suspected diversion is at Harbour Line's sale to the broker.
    expect(internal).toMatch(/Diversion point: Harbour Line Components Ltd \(illustrative\)/);
    expect(internal).toContain('HL-SO-2210-031');
    expect(internal).toContain('Sanctions screening and its review');
    expect(internal).not.toContain('Not in the public package');
    const pub = pdfText((await evidencePackage(db.db, null, { kind: 'case', id: caseId }, at)).pdf);
    expect(pub).toContain('Not in the public package: tracing records are never published.');
    expect(pub).toContain('Not in the public package: screening matches and their rulings are for signed-in readers.');
    expect(pub).not.toContain('Diversion point');
    expect(pub).not.toContain('HL-SO-2210-031');
    expect(pub).not.toContain('Harbour Line');
  });
});
