import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';
import { exportResource } from '../../src/transfer/export.js';
import { importFile } from '../../src/transfer/import.js';

/**
 * Export → import into an empty database gives the same records: same ids, same values, the same
 * suggested/confirmed state of every derived component field. Only who and when differ (the
 * importer is the author of the copy).
 */
let a: TestDatabase;
let b: TestDatabase;
let dir: string;
const ORDER = ['organisations', 'sources', 'claims', 'incidents', 'items', 'components'] as const;

beforeAll(async () => {
  a = await freshDatabase();
  b = await freshDatabase();
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'remnant-roundtrip-'));
  const S = SYSTEM_ACTOR;
  const parent = await evidence.create(a.db, S, evidence.organisations, { name: 'Parent Holdings', kind: 'other', country: 'CN', aliases: ['PH; Ltd', 'Парент'] });
  await evidence.create(a.db, S, evidence.organisations, {
    name: 'Shenzhen Example "Electronics", Co.', kind: 'distributor', country: 'CN', parentId: parent.id, parentFrom: '2019-01-01', parentTo: '2023-06-30',
    website: 'https://example.invalid', notes: 'line one\nline two\ttabbed', externalId: 'ORG-1', visibility: 'public',
  });
  const src = await evidence.create(a.db, S, evidence.sources, {
    kind: 'research_report', title: 'Silent Contract, p. 12', publisher: 'RUSI', url: 'https://rusi.invalid/report', publishedOn: '2024-08-01', language: 'en',
    summary: 'Components, "quoted", with commas, and = signs', fullText: 'Full text\r\nwith CRLF and a backslash \\ and 💥',
  });
  const claim = await evidence.create(a.db, S, evidence.claims, {
    sourceId: src.id, speaker: 'Andriy Kostin', saidOn: '2024-02-20', quantity: 24, quantityQualifier: 'at_least', countsWhat: 'KN-23 launches', eventFrom: '2023-12-30', eventTo: '2024-02-15',
  });
  await a.pool.query(`UPDATE claims SET status = 'corroborated', status_reason = 'matches debris', status_by = $1, status_at = now() WHERE id = $2`, [S.id, claim.id]);
  const inc = await evidence.create(a.db, S, evidence.incidents, {
    title: 'Strike on Kharkiv', occurredFrom: '2024-01-02', occurredTo: '2024-01-03', placeName: 'Kharkiv', lat: 49.9935, lon: 36.2304, locationPrecision: 'locality',
    locationSensitive: true, weaponTypes: ['KN-23', 'KN-24'], sourceIds: [src.id], claimIds: [claim.id], illustrative: true,
  });
  const item = await evidence.create(a.db, S, evidence.items, {
    label: 'KN-23 remnant A', incidentId: inc.id, weaponModel: 'KN-23', identificationConfidence: 'probable', recoveredOn: '2024-01-03', recoveredLat: 49.99, recoveredLon: 36.23,
  });
  const maker = await evidence.create(a.db, S, evidence.organisations, { name: 'Texas Instruments', kind: 'manufacturer', country: 'US' });
  await evidence.create(a.db, S, evidence.components, { itemId: item.id, markingRaw: 'STM32F405\nRGT6\nGH25Q 93\nCHN 215', subAssembly: 'Guidance', position: 'U1' });
  await evidence.create(a.db, S, evidence.components, { itemId: item.id, markingRaw: 'TI 7805', makerId: maker.id, partNumber: 'UA7805', quantity: 3, notes: 'x' });
  const c3 = await evidence.create(a.db, S, evidence.components, { itemId: item.id, markingRaw: 'ADSP-21060\nKS-160\n2341' });
  // One field confirmed as suggested by a person, through the API's `confirm`.
  if (c3.partNumber) await evidence.update(a.db, S, evidence.components, c3.id as string, { confirm: ['partNumber'] });
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const IGNORED = new Set(['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'statusBy', 'statusAt', 'suggestion']);
/** What a component's stored window means (migration 0006): derived on import as on create, compared in the snapshot, never read from a file. */
const WINDOW_MEANING = new Set(['ambiguous', 'envelopeFrom', 'envelopeTo']);

async function snapshot(db: TestDatabase, resource: string): Promise<Record<string, unknown>[]> {
  const spec = evidence.RESOURCES.find((s) => s.name === resource)!;
  const page = await evidence.list(db.db, SYSTEM_ACTOR, spec, { limit: 500, offset: 0, filters: {}, sort: 'createdAt' });
  return page.data
    .map((r) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) {
        if (IGNORED.has(k)) continue;
        // Who confirmed and when belong to the copy; the state must survive.
        if (k === 'fieldStatus') out[k] = Object.fromEntries(Object.entries(v as Record<string, { state: string }>).map(([f, s]) => [f, s.state]));
        else out[k] = v;
      }
      return out;
    })
    .sort((x, y) => String(x.id).localeCompare(String(y.id)));
}

async function exportTo(db: TestDatabase, resource: string): Promise<string> {
  const file = path.join(dir, `${resource}.csv`);
  const out = fs.createWriteStream(file);
  await exportResource(db.db, SYSTEM_ACTOR, resource, 'csv', out);
  await new Promise((r) => out.end(r));
  return file;
}

describe('export → import round trip', () => {
  it('gives the same records in an empty database, and re-importing changes nothing', async () => {
    const files: Record<string, string> = {};
    for (const r of ORDER) files[r] = await exportTo(a, r);
    for (const r of ORDER) {
      const report = await importFile(b.db, SYSTEM_ACTOR, { file: files[r]!, resource: r, dryRun: false });
      expect({ resource: r, errors: report.problems.filter((p) => p.severity === 'error') }).toEqual({ resource: r, errors: [] });
      expect(report.committed).toBe(true);
      // Our own exports map without help: every exported field a person can write is imported.
      expect(report.unmappedHeaders.filter((h) => !IGNORED.has(h) && !WINDOW_MEANING.has(h) && h !== 'textSha256')).toEqual([]);
    }
    for (const r of ORDER) expect({ r, rows: await snapshot(b, r) }).toEqual({ r, rows: await snapshot(a, r) });

    for (const r of ORDER) {
      const again = await importFile(b.db, SYSTEM_ACTOR, { file: files[r]!, resource: r, dryRun: false });
      expect({ r, counts: again.counts }).toMatchObject({ r, counts: { inserted: 0, updated: 0 } });
    }
    for (const r of ORDER) expect({ r, rows: await snapshot(b, r) }).toEqual({ r, rows: await snapshot(a, r) });
  });
});
