import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { signInThroughForm } from './support/session.js';

/**
 * A marking read from its photo, in Chromium (issue 23): on a component's page the photo opens in
 * the viewer, a box is drawn around the marking with the pointer, "Read marking" returns the text
 * as an editable suggestion with its confidence, the suggest route identifies it, and "Save as the
 * marking" stores it on the component — with no CSP violation.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = process.env.REMNANT_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : path.join(os.tmpdir(), 'remnant-screenshots');
const WATCH = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`;
const MARKING = readFileSync(path.join(root, 'test/fixtures/ocr/stm32f407.jpg'));
const run = browserAvailable();

describe.skipIf(!run)('reading a marking from a photo in the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let componentId: string;
  let csrf: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build`');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });
    await ctx.addInitScript(WATCH);
    const password = 'correct horse battery staple ocr';
    expect(server.cli(['user', 'add', 'ocr', '--role', 'field', '--display-name', 'Field Reader', '--password-stdin'], `${password}\n`).status).toBe(0);
    page = await newPage(ctx, problems);
    await signInThroughForm(page, server.url, 'ocr', password, 'Field Reader');
    csrf = ((await (await ctx.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const headers = { 'x-csrf-token': csrf };
    const item = await ctx.request.post(`${server.url}/api/items`, { headers, data: { label: 'Guidance section', recoveredOn: '2024-01-03' } });
    expect(item.status()).toBe(201);
    const component = await ctx.request.post(`${server.url}/api/components`, { headers, data: { itemId: ((await item.json()) as { id: string }).id, markingRaw: 'unread' } });
    expect(component.status()).toBe(201);
    componentId = ((await component.json()) as { id: string }).id;
    const upload = await ctx.request.post(`${server.url}/api/evidence-files?componentId=${componentId}&slot=photo`, {
      headers, multipart: { file: { name: 'board.jpg', mimeType: 'image/jpeg', buffer: MARKING } },
    });
    expect(upload.status()).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws a box on the photo, reads the marking, identifies it and saves it as the marking', async () => {
    await page.goto(`${server.url}/components/${componentId}`);
    await page.getByRole('button', { name: 'View board.jpg' }).click();
    const viewer = page.getByRole('dialog', { name: 'Photo viewer: board.jpg' });
    const tool = viewer.getByRole('region', { name: 'Read the marking from this photo' });
    await tool.waitFor();
    const picture = tool.getByRole('img', { name: 'The photo, to draw a box around the marking' });
    await expect.poll(() => picture.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(201);
    const read = tool.getByRole('button', { name: 'Read marking' });
    expect(await read.isDisabled()).toBe(true);

    // The box: pressed near the top left corner, dragged to the bottom right, with pointer events.
    const b = (await picture.boundingBox())!;
    await page.mouse.move(b.x + 2, b.y + 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width - 2, b.y + b.height - 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await tool.getByTestId('marking-box').boundingBox())?.width ?? 0).toBeGreaterThan(b.width - 8);
    expect(await tool.getByLabel("Box in the photo's pixels").textContent()).toMatch(/^\d+×\d+ px at \d, \d$/);

    await read.click();
    const suggestion = tool.getByLabel('Suggested marking (edit it to match the photo)');
    await expect.poll(() => suggestion.inputValue(), { timeout: 30_000 }).toBe('STM32F407\nVGT6\nCHN 2315');
    await tool.getByText(/^confidence \d+%$/).waitFor();
    // Identified by the server's suggest route, in the item's context.
    await tool.getByText('STMicroelectronics').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'ocr-read-marking.png') });

    await tool.getByRole('button', { name: 'Save as the marking' }).click();
    await tool.getByText("Saved as the component's marking.").waitFor();
    const stored = (await (await ctx.request.get(`${server.url}/api/components/${componentId}`)).json()) as { markingRaw: string; partNumber: string | null };
    expect(stored.markingRaw).toBe('STM32F407\nVGT6\nCHN 2315');
    expect(stored.partNumber).toMatch(/^STM32F407/);
    expect(await page.evaluate('window.__csp')).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
