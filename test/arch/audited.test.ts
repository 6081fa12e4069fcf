import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditedTables, findUnauditedWrites, scanSrc } from './audited-writes.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const fixture = fileURLToPath(new URL('./audited-fixture/writes.ts', import.meta.url));
const tables = auditedTables(fs.readFileSync(`${src}db/schema.ts`, 'utf8'));

/** Writes to audited tables that are not someone's change to a record, each with its reason. */
const NOT_A_CHANGE: Record<string, string> = {
  'evidence/photos.ts': 'fills in facts derived from a stored photo (thumbnail sizes, perceptual hash) at start-up: the record is not changed by anyone',
};

describe('every write to an audited table is an audited write (src/audit `audited`)', () => {
  it('knows the audited tables from the generated schema: those that record who changed a row', () => {
    expect(tables.has('components') && tables.has('traceRequests') && tables.has('claims')).toBe(true);
    expect(tables.has('auditLog') || tables.has('sessions')).toBe(false);
  });

  it('the scanner catches writes outside audited(…) and lets those inside it, or in an Audited<…> helper, through', () => {
    const found = findUnauditedWrites('writes.ts', fs.readFileSync(fixture, 'utf8'), tables).map((w) => `${w.line} ${w.write}`);
    expect(found).toEqual(["9 insertInto('items')", '10 UPDATE components', '11 deleteFrom(table)']);
  });

  it('src/ writes audited tables only inside audited writes', () => {
    const found = scanSrc(src, tables).filter((w) => !NOT_A_CHANGE[w.file]).map((w) => `${w.file}:${w.line} ${w.write}`);
    expect(found, 'run the write in audited(db, (trx) => …), or take the connection as Audited<DB> in a helper').toEqual([]);
  });
});
