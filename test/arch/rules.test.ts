import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixture/', import.meta.url));

interface Violation { from: string; to: string; rule: { name: string } }

/** dependency-cruiser with the project's own rules over a tree that breaks each rule once. */
async function cruiseFixture(outputType: 'json' | 'err'): Promise<{ code: number; stdout: string }> {
  const args = [`${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`, 'src', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', outputType];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: fixture, maxBuffer: 16 << 20 });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  it('fail on a tree that breaks each of them, naming every broken import and only those', { timeout: 60_000 }, async () => {
    // The exit status is what CI sees (`npm run check` uses the err output, which exits with the error count).
    expect((await cruiseFixture('err')).code).toBe(7);
    const violations = (JSON.parse((await cruiseFixture('json')).stdout) as { summary: { violations: Violation[] } }).summary.violations;
    const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
    expect(found).toEqual([
      'face-only: src/alpha/up.ts → src/http/app.ts',
      'face-only: src/beta/skip.ts → src/alpha/inner.ts',
      'no-tests-in-src: src/beta/uses-test.ts → test/helper.ts',
      'no-upward: src/alpha/up.ts → src/http/app.ts',
      'pure-no-io: src/calendar/db.ts → src/db/index.ts',
      'pure-no-io: src/markings/io.ts → fs',
      'pure-no-io: src/markings/io.ts → node_modules/pg/esm/index.mjs',
    ]);
    // The import through alpha's face is allowed.
    expect(violations.some((v) => v.from === 'src/beta/clean.ts')).toBe(false);
  });
});
