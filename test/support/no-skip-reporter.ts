import type { Reporter, TestModule } from 'vitest/node';

/**
 * In CI a skipped test is a failure: the PostgreSQL and browser tests must run, not quietly step
 * aside. Locally a skip is allowed (e.g. REMNANT_SKIP_BROWSER=1 on a machine without Chromium).
 */
export default class NoSkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (!process.env.CI) return;
    const skipped: string[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        if (t.result().state === 'skipped') skipped.push(`${m.moduleId} > ${t.fullName}`);
      }
    }
    if (skipped.length > 0) {
      process.stderr.write(`\nCI forbids skipped tests; ${skipped.length} skipped:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
      // Vitest sets the exit code itself when it ends; decide the final one last.
      process.exitCode = 1;
      process.once('exit', () => {
        process.exitCode = 1;
      });
    }
  }
}
