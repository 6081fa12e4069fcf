import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSplices, scanTree } from './sql-splices.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const fixture = fileURLToPath(new URL('./sql-fixture/splices.ts', import.meta.url));
const knownFile = fileURLToPath(new URL('./sql-splices-known.json', import.meta.url));

describe('no text spliced into SQL', () => {
  it('the scanner catches sql.raw of a variable and untagged SQL templates, and lets parameters, quoted identifiers, literals and prose through', () => {
    const found = findSplices('splices.ts', fs.readFileSync(fixture, 'utf8')).map((s) => `${s.line} ${s.kind}`);
    expect(found).toEqual(['9 sql.raw', '10 template', '11 template']);
  });

  it('src/ splices nothing beyond the known sites, and the known list is no longer than what is left', () => {
    // Every statement is a Kysely `sql` template now (a raw pg client gets one compiled by
    // `sqlText()`, src/db/sql-text.ts), so the known list is empty; it stays as the place a
    // justified exception would have to be argued, and it may only shrink.
    const known = JSON.parse(fs.readFileSync(knownFile, 'utf8')) as Record<string, number>;
    const counts: Record<string, number> = {};
    for (const s of scanTree(src)) counts[s.file] = (counts[s.file] ?? 0) + 1;
    const over = Object.entries(counts).filter(([f, n]) => n > (known[f] ?? 0)).map(([f, n]) => `${f}: ${n} (known ${known[f] ?? 0})`);
    const stale = Object.entries(known).filter(([f, n]) => (counts[f] ?? 0) < n).map(([f, n]) => `${f}: ${counts[f] ?? 0} (known ${n}: lower it)`);
    expect(over, 'new SQL splices: use sql`…${value}` for values and sql.ref/sql.table/sql.id for identifiers').toEqual([]);
    expect(stale, 'splices were mended: shrink test/arch/sql-splices-known.json').toEqual([]);
  });
});
