import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./lint-fixture/${name}`, import.meta.url));

/** The project's own eslint.config.js over one fixture file (which `npm run lint` itself ignores). */
async function lint(name: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, ignore: false, cache: false });
  const [result] = await eslint.lintFiles([fixture(name)]);
  return (result?.messages ?? []).map((m) => `${m.line}: ${m.ruleId ?? m.message}`);
}

describe('the lint step (eslint.config.js, `npm run lint` in `npm run check`)', () => {
  it('fails on a floating promise, which only the type-checked rules can see', { timeout: 120_000 }, async () => {
    expect(await lint('floating.ts')).toEqual(['9: @typescript-eslint/no-floating-promises']);
  });

  it('passes the same calls when each promise is awaited or explicitly handled', { timeout: 120_000 }, async () => {
    expect(await lint('handled.ts')).toEqual([]);
  });
});
