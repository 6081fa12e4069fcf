import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { analystSession, type AnalystSession } from './support/analyst.js';

/**
 * Reading a report in Chromium: an analyst pastes a seed report (the US at the Security Council,
 * February 2024), accepts two candidates, edits one before accepting it, rejects one, files the
 * edited claim ("3 times") under the demo case's launches topic and sees the server's conflict with
 * the ledger's existing claim (at least 9 occasions).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = browserAvailable();
const report = readFileSync(path.join(root, 'eval/claims/reports/seed-003-us-nine-launches.txt'), 'utf8').replace(/^#.*\n/gm, '');

describe.skipIf(!run)('reading a report in the web app', () => {
  let session: AnalystSession;
  let server: RunningServer;
  let ctx: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    session = await analystSession('reader', 'Report Reader');
    ({ server, ctx, page, problems } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const candidate = (text: RegExp) => page.locator('li[data-candidate]').filter({ hasText: text });

  it('pastes a report, accepts two, edits one, rejects one, and sees the conflict the server computes', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Read a report' }).click();
    await page.getByLabel('Title').fill('US official: at least nine launches');
    await page.getByLabel('Published on').fill('2024-02-10');
    await page.getByLabel('Text').fill(report);
    await page.getByRole('button', { name: 'Read the report' }).click();
    await page.getByRole('heading', { name: 'Candidate claims' }).waitFor();
    // The report is shown with its candidates highlighted.
    expect(await page.locator('mark[data-span]').count()).toBeGreaterThan(5);

    const nine = candidate(/at least 9 occasions/).filter({ hasText: 'Robert Wood' });
    await nine.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => nine.getAttribute('data-state')).toBe('accepted');
    const five = candidate(/^5 missiles/);
    await five.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => five.getAttribute('data-state')).toBe('accepted');

    const three = candidate(/^3 occasions/);
    await three.getByRole('button', { name: 'Edit' }).click();
    await three.getByLabel('Organisation').fill('South Korean Mission to the UN');
    await three.getByLabel('Counts').fill('launches');
    await three.getByRole('button', { name: 'Save and accept' }).click();
    await expect.poll(() => three.getAttribute('data-state')).toBe('accepted');

    const containers = candidate(/1,000 containers/);
    await containers.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => containers.getAttribute('data-state')).toBe('rejected');

    await three.getByLabel('Topic').selectOption({ label: 'DPRK ballistic missiles launched by Russia against Ukraine' });
    await three.getByRole('button', { name: 'File' }).click();
    const conflict = three.locator('.conflict').first();
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/^Conflict: /);

    // What the page showed is what the server stored.
    const sourceId = page.url().split('/ingest/')[1]!;
    const stored = await (await ctx.request.get(`${server.url}/api/sources/${sourceId}/candidates`)).json() as { state: string; claimId: string | null; proposal: { quantity: number | null } }[];
    expect(stored.filter((c) => c.state === 'accepted')).toHaveLength(3);
    expect(stored.filter((c) => c.state === 'rejected')).toHaveLength(1);
    const threeId = stored.find((c) => c.state === 'accepted' && c.proposal.quantity === 3)!.claimId;
    const claim = await (await ctx.request.get(`${server.url}/api/claims/${threeId}`)).json() as Record<string, unknown>;
    expect(claim).toMatchObject({ speakerOrganisation: 'South Korean Mission to the UN', countsWhat: 'launches', status: 'unverified' });
    expect(problems).toEqual([]);
  }, 120_000);
});
