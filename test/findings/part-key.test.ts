import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { normalisePartNumber } from '../../src/findings/index.js';
import { MAKERS } from '../../src/reference/index.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/**
 * The part key is written twice: `normalisePartNumber` in TypeScript (findings' similarity) and
 * `remnant_part_key()` in SQL (the stored `components.part_key` that findings group by). Both run
 * here over the same few thousand inputs; any input on which they differ fails the test.
 */

function evalInputs(): string[] {
  const out: string[] = [];
  for (const line of readFileSync(new URL('../../eval/markings/markings.jsonl', import.meta.url), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { marking: string; truth?: { partNumber?: string | null } };
    out.push(rec.marking, ...rec.marking.split(/\n/));
    if (rec.truth?.partNumber) out.push(rec.truth.partNumber, rec.truth.partNumber.toLowerCase());
  }
  return out;
}

function catalogueInputs(): string[] {
  // The prefixes makers print, as typed by hand: lower case, spaced, with an ordering suffix.
  return MAKERS.flatMap((m) => (m.prefixes ?? []).flatMap((p) => [p.p, `${p.p.toLowerCase()}-12 cs`, `${p.p} 1688/tr`]));
}

const EDGE_CASES = [
  '', ' ', '-', ' - _ / . ', '\t\n\r\f\v', 'ltc-1688 cs', 'LTC1688CS', 'stm32f405 / rgt6', 'ad620.an', 'max_232', 'lm317v', 'vvv', 'VV-v',
  'sn74hc595n\v', 'a\u00a0b', 'ß-123', 'ﬁ123', 'ı1', 'é2', 'Ω7', '５V', 'ПАРТ-1', '部品 7', 'x\\y', "o'neil", 'a,b;c', '\u200bz',
];

describe('remnant_part_key() in SQL and normalisePartNumber() in TypeScript', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });

  async function sqlKeys(inputs: string[]): Promise<(string | null)[]> {
    const r = await sql<{ k: string | null }>`SELECT remnant_part_key(x) AS k FROM unnest(${inputs}::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i`.execute(t.db);
    return r.rows.map((row) => row.k);
  }

  /** TypeScript gives '' where SQL gives NULL (an empty key is no key): compared as such. */
  function mismatches(inputs: string[], keys: (string | null)[]): { input: string; ts: string; sql: string | null }[] {
    return inputs.map((input, i) => ({ input, ts: normalisePartNumber(input), sql: keys[i]! })).filter((m) => (m.ts || null) !== m.sql);
  }

  it('agree on the eval markings, the catalogue prefixes and the edge cases', async () => {
    const inputs = [...evalInputs(), ...catalogueInputs(), ...EDGE_CASES];
    expect(inputs.length).toBeGreaterThan(2000);
    expect(mismatches(inputs, await sqlKeys(inputs))).toEqual([]);
  });

  it('agree on generated part numbers with separators, case and whitespace mixed in', async () => {
    const chars = fc.constantFrom(...'ABCXYZabcvxyz0123456789 -_/.\t\n\r\f\v'.split(''));
    const inputs = fc.sample(fc.string({ unit: chars, maxLength: 16 }), { numRuns: 2000, seed: 17 });
    expect(mismatches(inputs, await sqlKeys(inputs))).toEqual([]);
  });
});
