import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { seedCase } from './support/seed.js';
import { withExifDate } from './support/photo.js';
import { signInThroughForm } from './support/session.js';

/**
 * The web app in a real Chromium against the real built server: the main views open without a
 * console error, an investigator adds a component by its marking and sees it counted, uploads a
 * photo and sees its hash, and searches. Screenshots of the views land in docs/screenshots/.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The README's pictures are refreshed on purpose (REMNANT_SCREENSHOTS=1), so that an ordinary test
// run does not leave eleven changed PNGs in everyone's working tree.
const SHOTS = process.env.REMNANT_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : path.join(os.tmpdir(), 'remnant-screenshots');
const run = browserAvailable();

/** Browser-side code (a string, so the Node type-check needs no DOM types): draws a circuit board, returns JPEG base64. */
const DRAW_BOARD = `(() => {
  const c = document.createElement('canvas');
  c.width = 640;
  c.height = 480;
  const g = c.getContext('2d');
  const grad = g.createLinearGradient(0, 0, 640, 480);
  grad.addColorStop(0, '#2f4f3a');
  grad.addColorStop(1, '#15241b');
  g.fillStyle = grad;
  g.fillRect(0, 0, 640, 480);
  g.fillStyle = '#1c1c1c';
  g.fillRect(220, 170, 200, 140);
  g.strokeStyle = '#c0a060';
  for (let i = 0; i < 14; i++) {
    g.beginPath();
    g.moveTo(230 + i * 13, 170); g.lineTo(230 + i * 13, 150);
    g.moveTo(230 + i * 13, 310); g.lineTo(230 + i * 13, 330);
    g.stroke();
  }
  g.fillStyle = '#d8d8d8';
  g.font = '20px monospace';
  g.fillText('TI 2041', 270, 230);
  g.fillText('TMS320F28335', 250, 260);
  return c.toDataURL('image/jpeg', 0.85).split(',')[1];
})()`;

describe.skipIf(!run)('web app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let itemId: string;
  let problems: string[] = [];
  let page: Page;
  /** The analyst's session for API calls that set up a test (cookie and CSRF token). */
  let headers: Record<string, string> = {};
  /** A reviewer signed in through the form, for the views that only reviewers act on. */
  let reviewerCtx: BrowserContext | undefined;
  /** A new account of this role, signed in through the form in a browser context of its own. */
  const signedIn = async (username: string, role: string, displayName: string): Promise<BrowserContext> => {
    const password = `correct horse battery staple ${username}`;
    const r = server.cli(['user', 'add', username, '--role', role, '--display-name', displayName, '--password-stdin'], `${password}\n`);
    expect(r.status, r.stderr).toBe(0);
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });
    const p = await newPage(c, problems);
    await signInThroughForm(p, server.url, username, password, displayName);
    await p.close();
    return c;
  };
  const asReviewer = async (): Promise<BrowserContext> => (reviewerCtx ??= await signedIn('e2e-reviewer', 'reviewer', 'E2E Reviewer'));

  const shot = async (name: string) => {
    // Let charts finish their entry animation and fonts settle before the picture.
    await page.waitForTimeout(450);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build` (npm test does it when stale)');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launch();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });

    const paths = ((await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> }).paths;
    headers = {};
    if (paths['/api/auth/login']) {
      // Accounts are deployed: create an analyst and sign in through the form, as a person would.
      const r = server.cli(['user', 'add', 'e2e', '--role', 'analyst', '--display-name', 'E2E Analyst', '--password-stdin'], 'correct horse battery staple e2e\n');
      expect(r.status, r.stderr).toBe(0);
      page = await newPage(ctx, problems);
      await signInThroughForm(page, server.url, 'e2e', 'correct horse battery staple e2e', 'E2E Analyst');
      const me = (await (await ctx.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
      const cookies = await ctx.cookies();
      headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      headers['x-csrf-token'] = me.csrfToken;
      await page.close();
    }
    // The demo case when it is loaded on first start; otherwise a small illustrative case.
    const items = (await (await fetch(`${server.url}/api/items?limit=1&sort=label`, { headers })).json()) as { data: { id: string }[]; total: number };
    itemId = items.total > 0 ? items.data[0]!.id : (await seedCase(server.url, headers)).itemId;
  }, 120_000);

  afterEach(() => {
    const seen = problems;
    problems = [];
    expect(seen, 'console errors or uncaught exceptions').toEqual([]);
  });

  afterAll(async () => {
    await reviewerCtx?.close();
    await browser?.close();
    await server?.stop();
  });

  it('opens the dashboard with findings, charts, map and timeline', async () => {
    page = await newPage(ctx, problems);
    await page.goto(server.url);
    // The heading is the case's title once the cases load, so wait for the figures instead.
    await page.getByRole('region', { name: 'Headline findings' }).waitFor();
    await page.getByRole('region', { name: 'Components by maker country' }).locator('svg').first().waitFor();
    await page.locator('.map-land').first().waitFor();
    expect(Number((await page.locator('.stat .value').first().textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await shot('dashboard');
    // Drill down from a chart, by keyboard-reachable table: the records behind one bar.
    const byCountry = page.getByRole('region', { name: 'Components by maker country' });
    await byCountry.getByRole('button', { name: 'Table' }).click();
    await byCountry.getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Components made by companies in/ }).waitFor();
    await page.getByRole('table').waitFor();
    await page.goto(`${server.url}/map`);
    await page.locator('.map-dot').first().waitFor();
    await page.locator('.incident-list button').first().click();
    await page.getByRole('heading', { name: 'Items recovered' }).waitFor();
    await shot('map');
    await page.close();
  });

  it('opens an item: findings, components grouped by sub-assembly, similar items', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/items/${itemId}`);
    await page.getByTestId('finding-components').waitFor();
    await shot('item-findings');
    await page.getByRole('link', { name: /^Components/ }).click();
    await page.getByRole('table').waitFor();
    await shot('item-components');
    await page.getByRole('link', { name: 'Similar items' }).click();
    await page.locator('section[aria-label="Similar items"] :is(article, .state)').first().waitFor();
    await shot('item-similar');
    await page.getByRole('link', { name: 'History' }).click();
    await page.locator('section[aria-label="History"] :is(li, .state)').first().waitFor();
    await page.close();
  });

  it('adds a component by its marking and sees it counted in the findings', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/items/${itemId}`);
    const count = async () => Number((await page.getByTestId('finding-components').locator('.value').textContent())!.replace(/\D/g, ''));
    await page.getByTestId('finding-components').waitFor();
    const before = await count();

    await page.getByRole('link', { name: 'Enter components' }).first().click();
    const marking = page.getByLabel('Marking');
    await marking.waitFor();
    await marking.fill('TI 2231\nLM2596S');
    await page.getByLabel('Sub-assembly').fill('power');
    await page.getByLabel('Position').fill('U7');
    // Typed over whatever the identification engine suggests (each suggestion also has a "confirm" box).
    const derived = (field: string) => page.locator(`#derived-${field}`);
    await derived('partNumber').fill('LM2596S');
    await derived('makerId').fill('Texas Instruments');
    await derived('makerCountry').fill('US');
    await shot('component-entry');
    await marking.press('Control+Enter');
    await page.getByRole('region', { name: 'Saved in this session' }).getByText('TI 2231 · LM2596S').waitFor();
    // The form is ready for the next component at once.
    await expect.poll(() => marking.inputValue()).toBe('');

    // A bad HS code is refused by the API and the message shows beside that field.
    await marking.fill('XYZ 1234');
    await derived('hs6').fill('85x');
    await page.getByRole('button', { name: 'Save component' }).click();
    await page.locator('#derived-hs6-error').waitFor();
    expect(await page.locator('#derived-hs6-error').textContent()).toContain('six digits');
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));

    await page.getByRole('link', { name: 'Findings' }).click();
    await page.getByTestId('finding-components').waitFor();
    await expect.poll(count).toBe(before + 1);
    await page.close();
  });

  it('opens a component from its item: derived fields with who confirmed them, a change, and its history', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/items/${itemId}/components`);
    // The component entered in the test above (the table draws the first 150 rows: filter to it); its marking cell opens its page.
    await page.getByLabel('Filter components').fill('LM2596S');
    await page.getByRole('table').getByRole('link', { name: /LM2596S/ }).first().click();
    await page.getByRole('heading', { name: 'LM2596S', exact: true }).waitFor();
    const fields = page.getByRole('region', { name: 'Derived fields' });
    const field = (name: string) => fields.locator(`dd[data-field="${name}"]`);
    await field('partNumber').getByText('confirmed by E2E Analyst').waitFor();
    await field('makerId').getByRole('link', { name: 'Texas Instruments' }).waitFor();
    await page.getByRole('region', { name: 'Readings' }).locator(':is(article, p, .notice)').first().waitFor();
    await page.getByRole('region', { name: 'Evidence' }).locator(':is(.gallery, .state)').first().waitFor();
    await shot('component');
    // Overriding a field makes it the analyst's statement, and the change is in the record's history.
    await fields.getByRole('button', { name: 'Change lot' }).click();
    await fields.getByLabel('Lot').fill('E2E-LOT-7');
    await fields.getByRole('button', { name: 'Save' }).click();
    await field('lot').getByText('E2E-LOT-7').waitFor();
    await field('lot').getByText('confirmed by E2E Analyst').waitFor();
    await page.getByRole('button', { name: 'Show the history of this component' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('create', { exact: true }).waitFor();
    await history.getByRole('rowheader', { name: 'lot' }).waitFor();
    await page.close();
    // The public opens a published component (the demo case's are): its fields, no history, no editing.
    const publicCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await newPage(publicCtx, problems);
    const published = (await (await fetch(`${server.url}/api/components?limit=1`)).json()) as { data: { id: string }[] };
    expect(published.data.length).toBe(1);
    await page.goto(`${server.url}/components/${published.data[0]!.id}`);
    await page.getByRole('region', { name: 'Derived fields' }).locator('dd').first().waitFor();
    await page.getByRole('region', { name: 'Readings' }).locator(':is(article, p, .notice)').first().waitFor();
    expect(await page.getByRole('button', { name: /history/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Change / }).count()).toBe(0);
    await publicCtx.close();
  });

  it('uploads a photo and shows its hash and EXIF time', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/items/${itemId}/evidence`);
    await page.getByRole('heading', { name: 'Evidence gallery' }).waitFor();
    // A real JPEG drawn by the browser, with a capture time added to its EXIF.
    const b64 = await page.evaluate<string>(DRAW_BOARD);
    const jpeg = withExifDate(Buffer.from(b64, 'base64'), '2024:01:03 10:15:00');
    await page.locator('input[type=file]').setInputFiles({ name: 'guidance-board.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByText('✓ Hash verified').waitFor();
    // EXIF gives no time zone here: the camera's clock as written, never labelled UTC (issue 18).
    await page.getByText('taken 2024-01-03 10:15:00, local camera time, time zone unknown').first().waitFor();
    await page.locator('.gallery figure img').first().waitFor();
    // A function, not a string: a string predicate is run by eval in the page, which the CSP refuses
    // (it only passed while the images were complete at the first look; thumbnails now load after).
    await expect.poll(() => page.locator('.gallery img').evaluateAll((els) => els.every((e) => {
      const img = e as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    }))).toBe(true);
    await shot('evidence');
    await page.close();
  });

  it('searches across everything', async () => {
    page = await newPage(ctx, problems);
    await page.goto(server.url);
    await page.getByRole('region', { name: 'Headline findings' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('LM2596S');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Components' }).getByText('LM2596S').first().waitFor();
    await page.getByLabel('Search everything').fill('Kharkiv');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('region', { name: 'Incidents' }).waitFor();
    await shot('search');
    await page.close();
  });

  it('opens every other view without a console error', async () => {
    page = await newPage(ctx, problems);
    for (const [path, heading] of [
      ['/items', 'Items'], ['/sources', 'Sources'], ['/organisations', 'Organisations'], ['/components', 'All components'],
      ['/search', 'Search'], ['/no-such-page', 'Not found'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('[role=status]').first().waitFor({ state: 'detached' }).catch(() => undefined);
    }
    await page.close();
    // The public, signed out: published records only, and still no console error.
    const publicCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await newPage(publicCtx, problems);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
    await page.locator(':is([aria-label="Headline findings"], .state)').first().waitFor();
    for (const [path, heading] of [['/claims', 'Claims ledger'], ['/tracing', 'Tracing'], ['/screening', 'Screening'], ['/import', 'Import']] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('[role=status]').first().waitFor({ state: 'detached' }).catch(() => undefined);
    }
    await publicCtx.close();
  });

  it('follows a trace request: overdue filter, a reply recorded as a transfer with a follow-up, a refused status change', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/tracing`);
    const requests = page.getByRole('region', { name: 'Trace requests' });
    await requests.getByRole('table').waitFor();
    await page.getByRole('region', { name: 'Shared intermediaries' }).locator(':is(table, .state)').first().waitFor();
    await shot('tracing');
    await page.getByLabel('Overdue only').check();
    await requests.getByText(/overdue on/).waitFor();
    await requests.getByRole('table').getByRole('link', { name: /^TR-/ }).first().click();
    await page.getByRole('region', { name: 'Chains' }).locator('.chain').first().waitFor();
    // The organisation answered: it sold the parts on to a company not yet in the database.
    const reply = page.getByRole('region', { name: 'Record a reply' });
    await reply.getByLabel(/new buyer.s name/).fill('E2E Onward Trading FZE');
    await reply.getByLabel(/country/).fill('AE');
    await reply.getByLabel('Transfer date').fill('2023-06-01');
    await reply.getByLabel('Quantity').fill('40');
    await reply.getByLabel('Assessment').selectOption('diversion_suspected');
    await reply.getByLabel(/follow-up request/).check();
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('trace-request');
    await reply.getByRole('button', { name: 'Record reply' }).click();
    // The follow-up is a draft to the buyer; the new transfer ends each chain.
    await page.getByText('Trace request to E2E Onward Trading FZE').waitFor();
    const chains = page.getByRole('region', { name: 'Chains' });
    await chains.getByText('diversion suspected').first().waitFor();
    await chains.getByRole('link', { name: 'E2E Onward Trading FZE' }).first().waitFor();
    // A date in the future is refused by the API, and the refusal shows beside the control.
    const status = page.getByRole('group', { name: 'Change status' });
    await status.getByLabel('On (optional)').fill('2099-01-01');
    await status.getByRole('button', { name: 'Mark sent' }).click();
    await status.getByRole('alert').getByText(/in the future/).waitFor();
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));
    // The item page has a tracing tab: how many of its components are traced, the requests, the chains.
    await page.goto(`${server.url}/items/${itemId}/tracing`);
    await page.getByRole('region', { name: 'Tracing summary' }).getByText(/components traced/).waitFor();
    await page.getByRole('region', { name: 'Tracing summary' }).locator(':is(ul, .state)').first().waitFor();
    await page.close();
  });

  it('offers a field investigator no status change or reply on a trace request, which the API would refuse', async () => {
    const fieldCtx = await signedIn('e2e-field', 'field', 'E2E Field');
    try {
      const p = await newPage(fieldCtx, problems);
      await p.goto(`${server.url}/tracing`);
      const link = p.getByRole('region', { name: 'Trace requests' }).getByRole('table').getByRole('link', { name: /^TR-/ }).first();
      const href = await link.getAttribute('href');
      await link.click();
      await p.getByRole('region', { name: 'Status and deadlines' }).getByText('Reply due').waitFor();
      expect(await p.getByRole('group', { name: 'Change status' }).count()).toBe(0);
      expect(await p.getByRole('region', { name: 'Record a reply' }).count()).toBe(0);
      // The API agrees: a field investigator may not change a request someone else made.
      const id = href!.split('/').pop()!;
      const me = (await (await fieldCtx.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
      const res = await fieldCtx.request.post(`${server.url}/api/trace-requests/${id}/transition`, { data: { to: 'closed' }, headers: { 'x-csrf-token': me.csrfToken } });
      expect(res.status()).toBe(403);
      await p.close();
    } finally {
      await fieldCtx.close();
    }
  });

  it('opens a trace request from an item for one of its components and files a reply with it', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/items/${itemId}/tracing`);
    await page.getByRole('button', { name: 'New trace request' }).click();
    const form = page.getByRole('region', { name: 'New trace request' });
    // The addressee is searched by name; the component entered above (LM2596S) was made by it.
    await form.getByLabel('Find organisation by name').fill('Texas Instruments');
    const option = form.locator('option', { hasText: /^Texas Instruments/ }).first();
    await option.waitFor({ state: 'attached' });
    await form.getByLabel('Addressee', { exact: true }).selectOption((await option.getAttribute('value')));
    // With no component ticked the API refuses, and says so beside the list.
    await form.getByRole('button', { name: 'Select none' }).click();
    await form.getByRole('button', { name: 'Create trace request' }).click();
    await form.locator('#new-trace-components-error').getByText('name at least one component').waitFor();
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));
    await form.getByRole('checkbox', { name: /^LM2596S U7/ }).check();
    await form.getByLabel('Case context').fill('E2E: regulator board recovered from a downed drone.');
    await form.getByRole('button', { name: 'Create trace request' }).click();
    await page.getByText(/^Trace request to Texas Instruments.* about one component\.$/).waitFor();
    await page.getByRole('heading', { name: /^TR-/ }).waitFor();
    // Its reply, filed as correspondence, is listed with the request.
    const letters = page.getByRole('region', { name: 'Correspondence' });
    await letters.getByText('No correspondence filed yet.').waitFor();
    await letters.getByLabel('Correspondence file').setInputFiles({ name: 'e2e-reply.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% E2E reply\n%%EOF\n') });
    await letters.getByLabel('What it is').selectOption('Reply received');
    await letters.getByLabel('Caption').fill('from the sales office');
    await letters.getByRole('button', { name: 'File correspondence' }).click();
    const filed = letters.getByRole('list', { name: 'Filed correspondence' });
    await filed.getByRole('link', { name: 'e2e-reply.pdf' }).waitFor();
    await filed.getByText('Reply received: from the sales office').waitFor();
    await page.close();
  });

  it('reviews a sanctions-screening match: confirm with a reason, shown on the organisation page', async () => {
    const res = await fetch(`${server.url}/api/organisations`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Korea Ryonbong General Corp', kind: 'distributor', country: 'KP', illustrative: true, visibility: 'internal' }) });
    expect(res.status).toBe(201);
    const orgId = ((await res.json()) as { id: string }).id;
    // A part it made, so that the item's findings count a sanctioned maker once the match is confirmed.
    const made = await fetch(`${server.url}/api/components`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ itemId, markingRaw: 'RYONBONG\nE2E-1', partNumber: 'E2E-1', makerId: orgId, illustrative: true, visibility: 'internal' }) });
    expect(made.status).toBe(201);

    page = await newPage(await asReviewer(), problems);
    await page.goto(`${server.url}/screening`);
    // A reviewer uploads the list; importing it re-screens every organisation: the new one matches a listed entity.
    const upload = page.getByRole('region', { name: 'Import a list' });
    await upload.getByLabel('List file').setInputFiles(path.join(root, 'test/fixtures/lists/un-consolidated.xml'));
    await upload.getByRole('button', { name: 'Import and screen' }).click();
    await upload.getByRole('status').getByText(/Screened \d+ organisations?/).waitFor();
    const match = page.getByRole('article', { name: /^Korea Ryonbong General Corp and / });
    await match.waitFor();
    await match.getByText(/Name match:/).waitFor();
    // No reason: the API refuses, and says so beside the field.
    await match.getByRole('button', { name: 'Confirm' }).click();
    await match.getByRole('alert').waitFor();
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));
    await match.getByLabel('Reason').fill('Same name and country as the UN listing KPe.002 (illustrative test)');
    await shot('screening');
    await match.getByRole('button', { name: 'Confirm' }).click();
    await match.waitFor({ state: 'detached' });
    await page.close();

    // An analyst sees the confirmed listing, who confirmed it and why, and no review controls.
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/organisations/${orgId}`);
    const screening = page.getByRole('region', { name: 'Sanctions screening' });
    await screening.getByText('listed', { exact: true }).waitFor();
    await screening.getByText(/Confirmed by E2E Reviewer/).waitFor();
    // The item's findings name it as a sanctioned maker, with the list reference.
    await page.goto(`${server.url}/items/${itemId}`);
    const sanctioned = page.getByRole('region', { name: 'Sanctioned parties' });
    await sanctioned.getByRole('link', { name: 'Korea Ryonbong General Corp' }).waitFor();
    await sanctioned.getByText(/sanctioned: .* KPe\.002/).first().waitFor();
    await page.goto(`${server.url}/organisations/${orgId}`);
    // The organisation's history, from the audit log: created by the analyst's token.
    await page.getByRole('button', { name: 'Show the history of this organisation' }).click();
    await page.getByRole('region', { name: 'History' }).getByText('create', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'History' }).getByText(/by E2E Analyst/).waitFor();
    await page.goto(`${server.url}/screening`);
    await page.getByLabel('Status').selectOption('confirmed');
    await page.getByRole('article', { name: /^Korea Ryonbong General Corp and / }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
    await page.close();
  });

  it('rules on a claim in the ledger as a reviewer: status, reason, who and when', async () => {
    page = await newPage(await asReviewer(), problems);
    await page.goto(`${server.url}/claims`);
    const claim = page.getByRole('region', { name: 'Ledger' }).locator('.claim').first();
    await claim.getByRole('button', { name: /^Rule on the claim/ }).click();
    const form = claim.getByRole('form', { name: 'Ruling' });
    await form.getByLabel('Status').selectOption('disputed');
    await form.getByLabel('Reason').fill('Contradicted by the dated briefing record (illustrative test ruling)');
    await shot('claims-ruling');
    await form.getByRole('button', { name: 'Save ruling' }).click();
    await claim.getByText(/^Disputed by E2E Reviewer/).waitFor();
    await claim.getByText('Contradicted by the dated briefing record (illustrative test ruling)').waitFor();
    await page.close();
    // The analyst reads the ruling but is offered no ruling control.
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/claims`);
    await page.getByRole('region', { name: 'Ledger' }).getByText(/^Disputed by E2E Reviewer/).waitFor();
    expect(await page.getByRole('button', { name: /^Rule on the claim/ }).count()).toBe(0);
    await page.close();
  });

  it('imports a table: dry run lists every problem, the mapping is overridden, then committed', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/import`);
    const csv = 'name,country,kind\nE2E Import Trading Ltd,HK,distributor\nE2E Second Import Co,Atlantis,distributor\n';
    await page.getByLabel('Table (CSV or XLSX)').setInputFiles({ name: 'organisations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Records').selectOption('organisations');
    await page.getByRole('button', { name: 'Run dry run', exact: true }).click();
    const found = page.getByRole('region', { name: 'Problems' });
    await found.getByRole('cell', { name: 'Atlantis' }).waitFor();
    expect(await found.getByRole('row').count()).toBe(2);
    await shot('import');
    // Leave the country column out: the dry run passes and the two rows can be committed.
    const mapping = page.getByRole('region', { name: 'Column mapping' });
    await mapping.getByLabel('Country').selectOption('');
    await mapping.getByRole('button', { name: 'Run dry run with this mapping' }).click();
    await found.getByText('No problem found.').waitFor();
    await found.getByRole('button', { name: 'Commit 2 rows' }).click();
    await found.getByText('Committed: 2 added, 0 updated, 0 unchanged.').waitFor();
    await page.close();
  });

  it('reads the claims ledger, a source with its claims, organisations, and works on a phone', async () => {
    page = await newPage(ctx, problems);
    await page.goto(`${server.url}/claims`);
    await page.getByRole('heading', { name: 'Claims ledger' }).waitFor();
    await page.getByRole('region', { name: 'All claims' }).getByRole('table').waitFor();
    await shot('claims');
    await page.getByRole('region', { name: 'All claims' }).getByRole('link').first().click();
    await page.locator('.reader').waitFor();
    await shot('source-reader');
    await page.goto(`${server.url}/organisations`);
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Components made by/ }).waitFor();
    await page.close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'en-GB', timezoneId: 'UTC', storageState: await ctx.storageState() });
    page = await newPage(phone, problems);
    await page.goto(`${server.url}/items/${itemId}`);
    await page.getByTestId('finding-components').waitFor();
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
    await page.locator('.map-land').first().waitFor();
    await page.goto(`${server.url}/items/${itemId}`);
    await page.getByTestId('finding-components').waitFor();
    await shot('phone-item');
    await phone.close();
  });
});
