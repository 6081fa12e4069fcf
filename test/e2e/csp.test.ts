import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The web app works under its Content-Security-Policy (src/http/security-headers.ts): every
 * `securitypolicyviolation` the browser raises is collected — charts drawn and hovered (ECharts'
 * tooltips), the map, fonts, the API docs — and must be none. The headers themselves are the
 * server's answer, read from the real responses.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = browserAvailable();

/** Browser-side (a string: the Node type-check has no DOM types): remember every CSP violation. */
const WATCH = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));`;

describe.skipIf(!run)('the web app under its CSP', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build`');
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript(WATCH);
    const password = 'correct horse battery staple csp';
    expect(server.cli(['user', 'add', 'csp', '--role', 'analyst', '--password-stdin'], `${password}\n`).status).toBe(0);
    const page = await newPage(ctx, problems);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username').fill('csp');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const violations = (page: Page) => page.evaluate<string[]>('window.__csp');

  it('sends a strict policy that forbids framing', async () => {
    const res = await fetch(server.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('draws and hovers the dashboard charts and the map, and opens the API docs, without a violation', async () => {
    const page = await newPage(ctx, problems);
    await page.goto(server.url);
    const chart = page.getByRole('region', { name: 'Components by maker country' }).locator('svg, canvas').first();
    await chart.waitFor();
    await page.locator('.map-land').first().waitFor();
    // Hover over the chart until ECharts writes its tooltip ("<label>: <count>", styled by script).
    const region = page.getByRole('region', { name: 'Components by maker country' });
    const tooltip = region.locator('div').filter({ hasText: /^[^\n]+: \d+$/ }).last();
    // The mouse only reaches what is on screen: the chart may sit below the fold as the dashboard grows.
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    let shown = false;
    for (let y = 0.1; y < 1 && !shown; y += 0.1) {
      for (let x = 0.2; x < 1 && !shown; x += 0.2) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
        shown = await tooltip.isVisible();
      }
    }
    expect(shown, 'a chart tooltip appeared').toBe(true);
    await page.goto(`${server.url}/map`);
    await page.locator('.map-dot').first().waitFor();
    await page.locator('.map-dot').first().hover();
    expect(await page.evaluate('document.fonts.status')).toBe('loaded');
    expect(await violations(page)).toEqual([]);
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
  });
});
