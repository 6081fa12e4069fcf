import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { signInThroughForm } from './support/session.js';

/**
 * Offline capture in the field, in Chromium with the network cut (issue 23): sign in, go offline,
 * capture an incident, an item, three components and two photos, reload while offline (the service
 * worker serves the app, IndexedDB keeps the records), go online, and the sync puts each on the
 * server exactly once — also when the browser sends them all again. A record whose parent was deleted
 * on the server meanwhile is shown as a conflict with both versions. The app is installable: a
 * manifest and a registered service worker controlling the page.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = process.env.REMNANT_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : path.join(os.tmpdir(), 'remnant-screenshots');
const WATCH = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`;
const COFFEE = readFileSync(path.join(root, 'test/fixtures/photos/coffee.jpg'));
const CHIP = readFileSync(path.join(root, 'test/fixtures/tracing/chip.jpg'));
const run = browserAvailable();

describe.skipIf(!run)('offline capture in the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let csrf = '';
  const api = async <T>(p: string): Promise<T> => {
    const r = await ctx.request.get(`${server.url}${p}`);
    expect(r.status(), `${p}: ${await r.text()}`).toBe(200);
    return (await r.json()) as T;
  };
  const waitingCount = async () => Number(/\((\d+)\)/.exec((await page.getByTestId('waiting').textContent()) ?? '')?.[1]);
  const form = (name: string) => page.getByRole('form', { name });

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/sw.js'))) throw new Error('the web app is not built with its service worker: run `npm run build`');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    await ctx.addInitScript(WATCH);
    const password = 'correct horse battery staple field';
    expect(server.cli(['user', 'add', 'fieldteam', '--role', 'field', '--display-name', 'Field Team', '--password-stdin'], `${password}\n`).status).toBe(0);
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    // Offline, the browser logs each refused request; only uncaught errors count here.
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughForm(page, server.url, 'fieldteam', password, 'Field Team');
    csrf = ((await (await ctx.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is installable: a manifest, and a service worker that controls the page', async () => {
    await page.goto(`${server.url}/capture`);
    await page.getByRole('heading', { name: 'Capture in the field' }).waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await (await ctx.request.get(new URL(href!, server.url).href)).json()) as { name: string; start_url: string; display: string; icons: unknown[] };
    expect(manifest).toMatchObject({ start_url: '/capture', display: 'standalone' });
    expect(manifest.icons.length).toBeGreaterThan(0);
    const registration = () => page.evaluate(async () => {
      const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<{ scope: string; active: { state: string } | null }> } } }).navigator;
      const reg = await nav.serviceWorker.ready;
      return { scope: reg.scope, state: reg.active?.state };
    });
    // Activation (precaching every file) takes a moment after `ready`.
    await expect.poll(registration, { timeout: 30_000 }).toEqual({ scope: `${server.url}/`, state: 'activated' });
    // clientsClaim: the page that registered it is controlled after a reload at the latest.
    await page.reload();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null)).toBe(true);
  }, 60_000);

  it('captures offline, keeps it across a reload, and syncs each record once', async () => {
    await ctx.setOffline(true);
    await page.getByText('Offline: kept on this device').waitFor();
    const title = `Crater near Kharkiv ${Date.now()}`;
    await form('Incident').getByLabel('Title').fill(title);
    await form('Incident').getByLabel('Date').fill('2024-01-02');
    await form('Incident').getByLabel('Place').fill('Kharkiv');
    await form('Incident').getByRole('button', { name: 'Keep on this device' }).click();
    await expect.poll(waitingCount).toBe(1);
    await form('Item').getByLabel('Label').fill('Guidance section, field find');
    await form('Item').getByLabel('Weapon model').fill('KN-23');
    await form('Item').getByRole('button', { name: 'Keep on this device' }).click();
    await expect.poll(waitingCount).toBe(2);
    // Live identification with no network, by the same rules the server runs, in the item's context:
    // a bare `113` on a KN-23 is the Juche year 113 = 2024 (on an item with no weapon named it is not).
    const identified = form('Component').getByTestId('offline-identification');
    await form('Component').getByLabel('Marking as read').fill('113');
    await expect.poll(() => identified.textContent()).toContain('2024');
    await form('Component').getByLabel('Marking as read').fill('STM32F407VGT6');
    await expect.poll(() => identified.textContent()).toContain('STMicroelectronics');
    for (const [i, marking] of ['STM32F407VGT6', 'ADS1256IDBR', 'K4B4G1646E'].entries()) {
      await form('Component').getByLabel('Marking as read').fill(marking);
      await form('Component').getByRole('button', { name: 'Keep on this device' }).click();
      await expect.poll(waitingCount).toBe(3 + i);
    }
    for (const [i, [name, buffer]] of ([['coffee.jpg', COFFEE], ['chip.jpg', CHIP]] as const).entries()) {
      await form('Photo').getByLabel('Photo').setInputFiles({ name, mimeType: 'image/jpeg', buffer });
      await form('Photo').getByRole('button', { name: 'Keep on this device' }).click();
      await expect.poll(waitingCount).toBe(6 + i);
    }

    // Reload with no network: the service worker serves the app, IndexedDB still has all seven.
    await page.reload();
    await page.getByRole('heading', { name: 'Capture in the field' }).waitFor();
    await expect.poll(waitingCount).toBe(7);
    expect(await page.locator('[data-testid=captured] li[data-status=waiting]').count()).toBe(7);
    await page.screenshot({ path: path.join(SHOTS, 'capture-offline.png'), fullPage: true });

    await ctx.setOffline(false);
    // Back online, the page sends what waits by itself.
    await expect.poll(waitingCount, { timeout: 30_000 }).toBe(0);
    expect(await page.locator('[data-testid=captured] li[data-status=synced]').count()).toBe(7);
    // The server identified each component again and stored what the device had shown.
    expect(await page.getByTestId('server-agrees').count()).toBe(3);
    expect(await page.getByTestId('server-differs').count()).toBe(0);

    const itemHref = await page.locator('[data-testid=captured] li[data-kind=items] a').getAttribute('href');
    const itemId = itemHref!.split('/').pop()!;
    const check = async () => {
      const incidents = await api<{ data: { id: string; title: string }[] }>(`/api/incidents?q=${encodeURIComponent(title)}`);
      expect(incidents.data.filter((r) => r.title === title)).toHaveLength(1);
      const item = await api<{ incidentId: string }>(`/api/items/${itemId}`);
      expect(item.incidentId).toBe(incidents.data.find((r) => r.title === title)!.id);
      const comps = await api<{ total: number; data: { markingRaw: string }[] }>(`/api/components?itemId=${itemId}`);
      expect(comps.data.map((c) => c.markingRaw).sort()).toEqual(['ADS1256IDBR', 'K4B4G1646E', 'STM32F407VGT6']);
      const files = await api<{ total: number; data: { originalName: string }[] }>(`/api/evidence-files?itemId=${itemId}&withComponents=true`);
      expect(files.data.map((f) => f.originalName).sort()).toEqual(['chip.jpg', 'coffee.jpg']);
      return incidents.data.find((r) => r.title === title)!.id;
    };
    const incidentId = await check();
    const history = await api<{ data: { action: string; after: { capture?: { offline: boolean; capturedAt: string; syncedAt: string } } }[] }>(`/api/incidents/${incidentId}/history`);
    expect(history.data).toHaveLength(1);
    expect(history.data[0]!.after.capture).toMatchObject({ offline: true });

    // As if every answer had been lost: the browser sends all seven again; still one of each.
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const idb = (globalThis as unknown as { indexedDB: { open(n: string): { onsuccess: unknown; onerror: unknown; result: any } } }).indexedDB;
      const open = idb.open('remnant-capture');
      open.onerror = reject;
      open.onsuccess = () => {
        const tx = open.result.transaction('records', 'readwrite');
        const store = tx.objectStore('records');
        const all = store.getAll();
        all.onsuccess = () => { for (const r of all.result) store.put({ ...r, status: 'waiting' }); };
        tx.oncomplete = () => resolve();
      };
    }));
    await page.reload();
    // Opened online with records waiting, the page sends them at once; the server takes all seven again.
    await expect.poll(() => page.getByTestId('sync-result').textContent(), { timeout: 30_000 }).toBe('Sent: 7; conflicts: 0');
    expect(await waitingCount()).toBe(0);
    await check();
  }, 120_000);

  it('shows a record whose incident was deleted on the server meanwhile as a conflict, with both versions', async () => {
    await form('Incident').getByLabel('Title').fill('Storage yard, to be withdrawn');
    await form('Incident').getByLabel('Date').fill('2024-02-07');
    await form('Incident').getByRole('button', { name: 'Keep on this device' }).click();
    // Captured while online: sent at once.
    await expect.poll(waitingCount, { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid=captured] li[data-kind=incidents][data-status=synced]').count()).toBe(2);
    const listed = await api<{ data: { id: string; title: string }[] }>(`/api/incidents?q=${encodeURIComponent('Storage yard')}`);
    const withdrawn = listed.data.find((r) => r.title === 'Storage yard, to be withdrawn')!.id;

    await ctx.setOffline(true);
    await page.getByText('Offline: kept on this device').waitFor();
    await form('Item').getByLabel('Incident').selectOption({ label: 'Incident: Storage yard, to be withdrawn' });
    await form('Item').getByLabel('Label').fill('Fin, storage yard');
    await form('Item').getByRole('button', { name: 'Keep on this device' }).click();
    await expect.poll(waitingCount).toBe(1);
    // Meanwhile a colleague deletes the incident on the server.
    const del = await ctx.request.delete(`${server.url}/api/incidents/${withdrawn}`, { headers: { 'x-csrf-token': csrf } });
    expect(del.status(), await del.text()).toBe(204);

    await ctx.setOffline(false);
    const conflict = page.locator('[data-testid=captured] li[data-status=conflict]');
    await conflict.waitFor({ timeout: 30_000 });
    await conflict.getByText('Your version (on this device)').waitFor();
    expect(await conflict.locator('dl').first().textContent()).toContain('Fin, storage yard');
    await conflict.getByText('The server\'s answer').waitFor();
    await conflict.getByText(/no longer on the server/).waitFor();
    await conflict.screenshot({ path: path.join(SHOTS, 'capture-conflict.png') });
    // Kept, not sent, not overwritten: the item is on no server list.
    const items = await api<{ data: { label: string }[] }>(`/api/items?q=${encodeURIComponent('Fin, storage yard')}`);
    expect(items.data.filter((i) => i.label === 'Fin, storage yard')).toHaveLength(0);
    // The investigator decides: discarding removes it from the device (after a confirmation), nothing else.
    page.once('dialog', (d) => void d.accept());
    await conflict.getByRole('button', { name: 'Discard from this device' }).click();
    await expect.poll(() => page.locator('[data-testid=captured] li[data-status=conflict]').count()).toBe(0);
    expect(await page.locator('[data-testid=captured] li[data-kind=incidents][data-status=synced]').count()).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
