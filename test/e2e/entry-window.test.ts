import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 15 in a real Chromium: the component entry form shows the server's suggestion, and after
 * "Confirm all suggestions" and a save, the stored window is the window the form displayed (not a
 * blend of readings), confirmed. On a DPRK item `113` is displayed and stored as Juche 113; the item's
 * findings say when "built no earlier than" rests on an ambiguous window; on the component page the
 * stored window, its alternatives and a pick of another window agree with the API.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = browserAvailable();

describe.skipIf(!run)('entry form: the displayed window is the stored window', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build`');
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    const password = 'correct horse battery staple window';
    const r = server.cli(['user', 'add', 'e2e-window', '--role', 'analyst', '--display-name', 'Window Analyst', '--password-stdin'], `${password}\n`);
    expect(r.status, r.stderr).toBe(0);
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username').fill('e2e-window');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByText('Window Analyst').waitFor();
    const me = (await (await ctx.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
    headers.cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    headers['x-csrf-token'] = me.csrfToken;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Types a marking on the item's entry form, confirms every suggestion, saves; the displayed window and the stored component. */
  const enterConfirmed = async (itemId: string, marking: string) => {
    await page.goto(`${server.url}/items/${itemId}/enter`);
    await page.getByLabel('Marking').fill(marking);
    const from = page.locator('#derived-productionFrom');
    const to = page.locator('#derived-productionTo');
    await expect.poll(() => from.inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Confirm all suggestions' }).click();
    const shown = [await from.inputValue(), await to.inputValue()];
    const shownPart = await page.locator('#derived-partNumber').inputValue();
    await page.getByRole('button', { name: 'Save component' }).click();
    await page.getByRole('region', { name: 'Saved in this session' }).getByText(marking.split('\n').join(' · ')).waitFor();
    const list = await api<{ data: { id: string; markingRaw: string }[] }>('GET', `/api/components?itemId=${itemId}&limit=100`);
    const id = list.data.find((c) => c.markingRaw === marking)!.id;
    const stored = await api<Record<string, unknown> & { fieldStatus: Record<string, { state: string }> }>('GET', `/api/components/${id}`);
    return { shown, shownPart, stored };
  };

  it('stores, confirmed, the window the form displayed', async () => {
    const item = await api<{ id: string }>('POST', '/api/items', { label: 'regulator board (e2e)', weaponModel: 'Kh-101', recoveredOn: '2024-01-03' });
    const { shown, shownPart, stored } = await enterConfirmed(item.id, 'TI 21A AB7K LM2596S');
    // TI's year-month code 21A: January 2022 first (2012 and 2002 are alternatives), never 2002–2022.
    expect(shown).toEqual(['2022-01-01', '2022-01-31']);
    expect([stored.productionFrom, stored.productionTo]).toEqual(shown);
    expect(stored.partNumber).toBe(shownPart);
    expect(stored.fieldStatus.productionFrom!.state).toBe('confirmed');
    expect(stored.fieldStatus.productionTo!.state).toBe('confirmed');
    expect(stored.ambiguous).toBe(false);
    expect(problems).toEqual([]);
  });

  it('reads 113 as Juche 113 on a DPRK item, and stores what it showed', async () => {
    const item = await api<{ id: string }>('POST', '/api/items', { label: 'KN-23 actuator (e2e)', weaponModel: 'KN-23', recoveredOn: '2024-08-15' });
    const { shown, stored } = await enterConfirmed(item.id, '113');
    expect(shown).toEqual(['2024-01-01', '2024-08-15']);
    expect([stored.productionFrom, stored.productionTo]).toEqual(shown);
    expect(problems).toEqual([]);
  });

  it('shows the stored window and its alternatives on the component page, and a pick is stored', async () => {
    const item = await api<{ id: string }>('POST', '/api/items', { label: 'datalink board (e2e)', recoveredOn: '2024-01-03' });
    const c = await api<{ id: string; productionFrom: string; ambiguous: boolean }>('POST', '/api/components', { itemId: item.id, markingRaw: 'TI 21A AB7K LM2596S' });
    expect(c.ambiguous).toBe(true);
    // The item's findings say "built no earlier than" rests on it, and give the conservative bound.
    await page.goto(`${server.url}/items/${item.id}`);
    await page.getByTestId('no-earlier-than-basis').getByText(/ambiguous date code: conservatively/).waitFor();
    await page.goto(`${server.url}/components/${c.id}`);
    const window = page.getByTestId('stored-window');
    await window.getByText('ambiguous').waitFor();
    await window.getByRole('list', { name: 'Windows the date code allows' }).getByRole('listitem').nth(2).waitFor();
    await window.getByRole('button', { name: 'Use this window' }).first().click();
    await expect.poll(async () => (await api<{ productionFrom: string }>('GET', `/api/components/${c.id}`)).productionFrom).toBe('2012-01-01');
    const after = await api<{ ambiguous: boolean; fieldStatus: Record<string, { state: string }> }>('GET', `/api/components/${c.id}`);
    expect(after.ambiguous).toBe(false);
    expect(after.fieldStatus.productionFrom!.state).toBe('confirmed');
    await window.getByText('stored').waitFor();
    expect(problems).toEqual([]);
  });
});
