import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // One embedded PostgreSQL serves the run; each test file gets its own database from a template.
    pool: 'forks',
    // Generous: real servers, PostgreSQL and a browser on a 2-core machine that may be busy.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/no-skip-reporter.ts'],
  },
});
