import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importFile } from '../../src/transfer/import.js';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-import-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  return p;
}

async function count(table: string): Promise<number> {
  const r = await database.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0].n as number;
}

describe('CSV import of components', () => {
  it('imports a component table, creating items and makers by name, and a re-import changes nothing', async () => {
    const csv = [
      'Item,Marking,Manufacturer,Country of origin,Part No.,Qty,Sub-assembly',
      'KN-23 sample A,"TI 7805\nCHN 2312",Texas Instruments,USA,UA7805,2,Guidance',
      'KN-23 sample A,ADI AD9361,Analog Devices,US,AD9361,1,Datalink',
      'KN-23 sample B,XC7Z020 1CLG400C,Xilinx,United States,XC7Z020,1,Computer',
    ].join('\n');
    const f = await file('components.csv', csv);
    const dry = await importFile(database.db, SYSTEM_ACTOR, { file: f, dryRun: true });
    expect(dry.problems).toEqual([]);
    expect(dry.resource).toBe('components');
    expect(dry.counts.inserted).toBe(3);
    expect(dry.counts.createdItems).toBe(2);
    expect(dry.committed).toBe(false);
    expect(await count('components')).toBe(0);

    const r = await importFile(database.db, SYSTEM_ACTOR, { file: f, dryRun: false });
    expect(r.committed).toBe(true);
    expect(r.counts).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, createdItems: 2, createdMakers: 3 });
    expect(await count('components')).toBe(3);
    const rows = await database.pool.query(`SELECT c.marking_raw, c.part_number, c.maker_country, c.quantity,
        remnant_field_status(c.field_status_extra, c.suggested_at, c.confirmed_fields, c.confirmed_by, c.confirmed_at) AS field_status, o.name AS maker, i.label
      FROM components c JOIN items i ON i.id = c.item_id LEFT JOIN organisations o ON o.id = c.maker_id ORDER BY c.part_number`);
    expect(rows.rows[0]).toMatchObject({ part_number: 'AD9361', maker: 'Analog Devices', maker_country: 'US', label: 'KN-23 sample A' });
    expect(rows.rows[1].marking_raw).toBe('TI 7805\nCHN 2312');
    expect(rows.rows[1].quantity).toBe(2);
    expect(rows.rows[1].field_status.partNumber.state).toBe('confirmed');
    expect(rows.rows[1].field_status.lot.state).toBe('suggested');

    const again = await importFile(database.db, SYSTEM_ACTOR, { file: f, dryRun: false });
    expect(again.committed).toBe(true);
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, createdItems: 0, createdMakers: 0 });
    expect(await count('components')).toBe(3);
    expect(await count('items')).toBe(2);
    const audit = await database.pool.query(`SELECT after FROM audit_log WHERE action = 'import' ORDER BY seq`);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0].after.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('with rebuildIndexes writes the same way and leaves every index of the table as it was', async () => {
    const indexes = async () => (await database.pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'components' ORDER BY 1`)).rows;
    const before = await indexes();
    expect(before.length).toBeGreaterThan(5);
    const csv = [
      'Item,Marking,Manufacturer,Country of origin,Part No.,Qty,Sub-assembly',
      'KN-23 sample A,"TI 7805\nCHN 2312",Texas Instruments,USA,UA7805,2,Guidance',
      'KN-23 sample C,ADI AD9361,Analog Devices,US,AD9361,1,Datalink',
    ].join('\n');
    const r = await importFile(database.db, SYSTEM_ACTOR, { file: await file('more.csv', csv), dryRun: false, rebuildIndexes: true });
    expect(r.committed).toBe(true);
    expect(r.counts).toMatchObject({ inserted: 1, unchanged: 1, createdItems: 1 });
    expect(await indexes()).toEqual(before);
    expect(await count('components')).toBe(4);
  });

  it('gives the records it creates time-ordered ids (UUIDv7 layout), and a re-import still finds them', async () => {
    const csv = [
      'Item,Marking,Manufacturer,Country of origin,Part No.,Qty,Sub-assembly',
      'KN-23 sample D,STM32F405 RGT6,STMicroelectronics,CH,STM32F405,1,Computer',
      'KN-23 sample D,ADI AD9363,Analog Devices,US,AD9363,1,Datalink',
      'KN-23 sample E,NXP MPC5643L,NXP,NL,MPC5643L,1,Guidance',
    ].join('\n');
    const f = await file('ordered.csv', csv);
    // The clock a version-7 id carries; a random (version 4) id's first 48 bits are nowhere near it.
    const millis = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    const from = Date.now();
    const r = await importFile(database.db, SYSTEM_ACTOR, { file: f, dryRun: false });
    const to = Date.now();
    expect(r.counts).toMatchObject({ inserted: 3, createdItems: 2 });
    const ids = (await database.pool.query(`SELECT c.id AS component, i.id AS item FROM components c JOIN items i ON i.id = c.item_id
      WHERE i.label IN ('KN-23 sample D', 'KN-23 sample E')`)).rows.flatMap((x) => [x.component as string, x.item as string]);
    expect(ids).toHaveLength(6);
    for (const id of ids) {
      expect(id[14], id).toBe('7');
      expect('89ab').toContain(id[19]);
      // A second of slack either side: the test is about the layout, not the clock.
      expect(millis(id)).toBeGreaterThanOrEqual(from - 1000);
      expect(millis(id)).toBeLessThanOrEqual(to + 1000);
    }
    const again = await importFile(database.db, SYSTEM_ACTOR, { file: f, dryRun: false });
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, createdItems: 0 });
    expect(await count('components')).toBe(7);
  });
});
