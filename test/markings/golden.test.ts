import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { identify } from '../../src/markings/identify.js';
import { GOLDEN_FILE, goldenCases, goldenLine } from './golden.js';

/**
 * The engine's answers on the golden corpus (the benchmark's 10,000 markings, the table cases under
 * a dozen contexts, 3,000 random and mutated strings) are exactly those recorded before it was
 * tuned for speed: every field, every reasoning line, in order.
 */
describe('golden answers', () => {
  const recorded = brotliDecompressSync(readFileSync(GOLDEN_FILE)).toString('utf8').split('\n').filter(Boolean);
  const cases = goldenCases();

  it('covers the same cases as the recording', () => {
    expect(recorded.length).toBe(cases.length);
  });

  it('gives the recorded answer for every case', () => {
    let mismatches = 0;
    let first: { expected: unknown; actual: unknown } | null = null;
    for (let i = 0; i < cases.length; i++) {
      const actual = goldenLine(cases[i]!);
      if (actual === recorded[i]) continue;
      mismatches++;
      first ??= { expected: JSON.parse(recorded[i]!), actual: JSON.parse(actual) };
    }
    if (first) expect(first.actual, `${mismatches} of ${cases.length} answers differ; the first`).toEqual(first.expected);
    expect(mismatches).toBe(0);
  });

  it('gives the same fields without the reasoning text', () => {
    for (const c of cases) {
      if (c.ctx.explain === false) continue;
      const full = identify(c.marking, c.ctx);
      const lean = identify(c.marking, { ...c.ctx, explain: false });
      for (const r of full.readings) r.reasoning = [];
      expect(JSON.stringify(lean), c.marking).toBe(JSON.stringify(full));
    }
  });
});
