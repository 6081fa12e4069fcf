import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.REMNANT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run. A missing browser fails the run in CI (and by default); only an
 * explicit REMNANT_SKIP_BROWSER=1 outside CI skips them, so they can never be skipped silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI || process.env.REMNANT_SKIP_BROWSER !== '1') {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or, outside CI only, set REMNANT_SKIP_BROWSER=1 to skip the browser tests`);
  }
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page that records every console error and uncaught exception. Tests assert the list is empty at
 * the end: a view that logs an error is a failing view.
 */
export async function newPage(ctx: BrowserContext, problems: string[]): Promise<Page> {
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught on ${page.url()}: ${e.message}`));
  // Well under the test timeout, so a missing element fails with its locator named.
  page.setDefaultTimeout(20_000);
  return page;
}
