import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { signInThroughForm } from './support/session.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/**
 * Evidence that travels, in a real Chromium against the built server: an admin asks for the demo
 * KN-23 item's evidence package and gets a PDF of several pages; exports the case's signed bundle
 * from the case view, has it verified on the admin page, and the CLI imports it into a second,
 * empty database with the same records.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = browserAvailable();

/** Pages in a PDF: page objects (`/Type /Page`, not `/Pages`). pdfkit writes them uncompressed. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe.skipIf(!run)('evidence packages and bundles in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let problems: string[] = [];
  let second: TestDatabase;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'remnant-e2e-bundle-'));

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build` (npm test does it when stale)');
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC', acceptDownloads: true });
    const password = 'correct horse battery staple admin';
    const r = server.cli(['user', 'add', 'e2e-admin', '--role', 'admin', '--display-name', 'E2E Admin', '--password-stdin'], `${password}\n`);
    expect(r.status, r.stderr).toBe(0);
    page = await newPage(ctx, problems);
    await signInThroughForm(page, server.url, 'e2e-admin', password, 'E2E Admin');
    second = await freshDatabase();
  }, 120_000);

  afterEach(() => {
    const seen = problems;
    problems = [];
    expect(seen, 'console errors or uncaught exceptions').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the demo KN-23 item\'s evidence package from its page', async () => {
    const items = (await (await ctx.request.get(`${server.url}/api/items?limit=100`)).json()) as { data: { id: string; label: string; weaponModel: string | null }[] };
    const item = items.data.find((i) => /KN-23/i.test(`${i.weaponModel ?? ''} ${i.label}`)) ?? items.data[0]!;
    await page.goto(`${server.url}/items/${item.id}`);
    await page.getByRole('heading', { level: 1, name: item.label }).waitFor();
    await page.getByRole('button', { name: 'Evidence package (PDF)' }).click();
    const link = page.getByTestId('package-download');
    await link.waitFor({ timeout: 60_000 });
    const href = await link.getAttribute('href');
    // The link the user clicks downloads the file the job made.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(dir, 'item.pdf');
    await download.saveAs(file);
    const pdf = await (await ctx.request.get(`${server.url}${href}`)).body();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(3);
    expect(download.suggestedFilename()).toMatch(/^remnant-item-.*\.pdf$/);
  }, 120_000);

  it('exports the case\'s bundle, verifies it on the admin page, and the CLI imports it into an empty database', async () => {
    const dash = (await (await ctx.request.get(`${server.url}/api/dashboard`)).json()) as { cases: { id: string; title: string }[] };
    const caseId = dash.cases[0]!.id;
    await page.goto(`${server.url}/?case=${caseId}`);
    await page.getByRole('button', { name: 'Export bundle' }).click();
    const link = page.getByTestId('bundle-download');
    await link.waitFor({ timeout: 90_000 });
    const bundle = await (await ctx.request.get(`${server.url}${await link.getAttribute('href')}`)).body();
    const file = path.join(dir, 'case.tar');
    writeFileSync(file, bundle);

    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Bundle file (.tar)').setInputFiles(file);
    await page.getByRole('button', { name: 'Verify only' }).click();
    const report = page.getByTestId('verification-report');
    await report.waitFor({ timeout: 60_000 });
    await expect(report.getByText('Every hash and the signature check out.').count()).resolves.toBe(1);

    const env = { ...process.env, DATABASE_URL: second.url, REMNANT_DATA_DIR: dir };
    const imported = spawnSync(process.execPath, [path.join(root, 'bin/remnant.js'), 'bundle', 'import', file, '--allow-untrusted'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(imported.status, imported.stderr).toBe(0);
    // The same components as the case holds on the exporting instance.
    const source = new pg.Pool({ connectionString: server.env.DATABASE_URL, max: 1 });
    try {
      const want = await source.query(`SELECT count(*)::int AS n FROM components WHERE item_id IN (SELECT item_id FROM case_items WHERE case_id = $1)
        OR item_id IN (SELECT id FROM items WHERE incident_id IN (SELECT incident_id FROM case_incidents WHERE case_id = $1))`, [caseId]);
      const got = await second.pool.query('SELECT count(*)::int AS n FROM components');
      expect(got.rows[0].n).toBeGreaterThan(0);
      expect(got.rows[0].n).toBe(want.rows[0].n);
    } finally {
      await source.end();
    }
    const cases = await second.pool.query('SELECT id::text FROM cases');
    expect(cases.rows.map((r) => r.id)).toEqual([caseId]);
  }, 240_000);
});
