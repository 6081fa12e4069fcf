import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { geoMercator } from 'd3-geo';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { signInThroughForm } from './support/session.js';

/**
 * Every record made in the web app, as an investigator would on a new strike: an incident placed by
 * clicking the map, a source with its text and document, a claim from it linked to the incident, an
 * organisation, a recovered item with its custody and a component, and a case grouping them — then
 * the case's dashboard and the claims ledger show them. Deleting asks what still refers to a record.
 * An admin creates an analyst account and a read-only token (each secret shown once). Every form is
 * drawn at 1440 px and 390 px (no sideways scrolling on a phone) into docs/screenshots/ with
 * REMNANT_SCREENSHOTS=1.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = process.env.REMNANT_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : path.join(os.tmpdir(), 'remnant-screenshots');
const run = browserAvailable();

const KHARKIV = { lat: 49.9935, lon: 36.2304 };
// A made-up word in every title, so that searches find this test's records and none of the demo case's.
const TAG = 'Zorvex';

describe.skipIf(!run)('records made and corrected in the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let problems: string[] = [];
  const contexts: BrowserContext[] = [];

  /** A new account of `role`, signed in through the form in a browser context of its own. */
  const signedIn = async (username: string, role: string, displayName: string): Promise<BrowserContext> => {
    const password = `correct horse battery staple ${username}`;
    const r = server.cli(['user', 'add', username, '--role', role, '--display-name', displayName, '--password-stdin'], `${password}\n`);
    expect(r.status, r.stderr).toBe(0);
    const c = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });
    contexts.push(c);
    const p = await newPage(c, problems);
    await signInThroughForm(p, server.url, username, password, displayName);
    await p.close();
    return c;
  };

  /** The API as the signed-in browser context, for checking what a form stored. */
  const apiGet = async <T,>(c: BrowserContext, url: string): Promise<T> => {
    const r = await c.request.get(`${server.url}${url}`);
    expect(r.status(), `${url}: ${await r.text()}`).toBe(200);
    return (await r.json()) as T;
  };

  /** The form at 1440 px, then at 390 px: no sideways scrolling, and the save button reachable. */
  const shootForm = async (page: Page, name: string, button: string) => {
    // From the top: a full-page picture of a scrolled page draws the sticky bars mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `form-${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${name} form scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
    const save = page.getByRole('button', { name: button, exact: true });
    await save.scrollIntoViewIfNeeded();
    expect(await save.isVisible()).toBe(true);
    const box = (await save.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, `form-${name}-phone.png`), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  };

  /** The message shown beside a labelled field. */
  const errorBeside = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.error');

  /** Clicks the map where (lat, lon) is drawn, projecting as WorldMap does (fitted to the world, or around the one point shown). */
  const clickMap = async (page: Page, at: { lat: number; lon: number }, around: { lat: number; lon: number } | null) => {
    const svg = page.locator('.map-wrap > svg');
    const box = (await svg.boundingBox())!;
    const vb = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
    const [w, h] = [vb[2]!, vb[3]!];
    const proj = geoMercator();
    if (around) {
      proj.fitExtent([[24, 24], [w - 24, h - 24]], { type: 'MultiPoint', coordinates: [[around.lon - 7, around.lat - 4], [around.lon + 7, around.lat + 4]] });
    } else {
      proj.fitExtent([[24, 24], [w - 24, h - 24]], { type: 'Sphere' });
    }
    const [x, y] = proj([at.lon, at.lat])!;
    await page.mouse.click(box.x + (x * box.width) / w, box.y + (y * box.height) / h);
  };

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build`');
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launch();
  }, 120_000);

  afterEach(() => {
    const seen = problems;
    problems = [];
    expect(seen, 'console errors or uncaught exceptions').toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('records a strike from the map to a case, then sees it in the case dashboard and the claims ledger', async () => {
    const ctx = await signedIn('e2e-records', 'analyst', 'E2E Recorder');
    const page = await newPage(ctx, problems);

    // -- incident: an empty form is refused field by field, in plain words -----------------------
    await page.goto(`${server.url}/new`);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByRole('heading', { name: 'New incident' }).waitFor();
    await page.getByRole('button', { name: 'Create incident', exact: true }).click();
    await expect.poll(() => errorBeside(page, 'Title').textContent()).toBe('is required');
    expect(await errorBeside(page, 'Date').textContent()).toBe('is required');
    expect(await page.content()).not.toContain('Invalid input');
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));
    // A fresh form for the picture (the refused attempt's messages stay until the next save).
    await page.reload();

    await page.getByLabel('Title', { exact: true }).fill(`${TAG} strike on Kharkiv`);
    await page.getByLabel('Date', { exact: true }).fill('2024-01-02');
    await page.getByLabel('Place name').fill('Kharkiv');
    // The place on the map: a click on the world map, then, with the map centred there, a second to refine.
    await page.locator('.map-land').first().waitFor();
    await clickMap(page, KHARKIV, null);
    await expect.poll(() => page.getByLabel('Latitude').inputValue()).not.toBe('');
    const first = { lat: Number(await page.getByLabel('Latitude').inputValue()), lon: Number(await page.getByLabel('Longitude').inputValue()) };
    expect(Math.abs(first.lat - KHARKIV.lat)).toBeLessThan(2);
    expect(Math.abs(first.lon - KHARKIV.lon)).toBeLessThan(2);
    await page.waitForTimeout(200);
    await clickMap(page, KHARKIV, first);
    await expect.poll(async () => Math.abs(Number(await page.getByLabel('Latitude').inputValue()) - KHARKIV.lat)).toBeLessThan(0.1);
    expect(Math.abs(Number(await page.getByLabel('Longitude').inputValue()) - KHARKIV.lon)).toBeLessThan(0.1);
    expect(await page.getByLabel('Location precision').inputValue()).toBe('locality');
    await page.getByLabel('Weapon types').fill('KN-23');
    await shootForm(page, 'incident', 'Create incident');
    await page.getByRole('button', { name: 'Create incident', exact: true }).click();
    await page.waitForURL(/\/map\?incident=/);
    const incidentId = new URL(page.url()).searchParams.get('incident')!;
    const incident = await apiGet<{ occurredFrom: string; lat: number; locationPrecision: string; weaponTypes: string[] }>(ctx, `/api/incidents/${incidentId}`);
    expect(incident).toMatchObject({ occurredFrom: '2024-01-02', locationPrecision: 'locality', weaponTypes: ['KN-23'] });
    expect(Math.abs(incident.lat - KHARKIV.lat)).toBeLessThan(0.1);

    // -- source: pasted text and a document ---------------------------------------------------
    await page.goto(`${server.url}/sources/new`);
    await page.getByLabel('Kind').selectOption('official_statement');
    await page.getByLabel('Title', { exact: true }).fill(`${TAG} briefing on missile launches (illustrative)`);
    await page.getByLabel('Publisher').fill('Example Ministry');
    await page.getByLabel('URL').fill('https://example.org/briefing');
    await page.getByLabel('Published on').fill('2024-02-20');
    await page.getByLabel('Language', { exact: true }).fill('en');
    await page.getByLabel('Full text (pasted)').fill('Officials said that at least 20 North Korean missiles had been launched by February.');
    await page.getByLabel('Document (optional)').setInputFiles({ name: 'briefing.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% E2E briefing\n%%EOF\n') });
    await page.getByLabel('Illustrative (training or demo data, never evidence)').check();
    await shootForm(page, 'source', 'Create source');
    await page.getByRole('button', { name: 'Create source', exact: true }).click();
    await page.waitForURL(/\/sources\/[0-9a-f-]{36}$/);
    const sourceId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: `${TAG} briefing on missile launches (illustrative)` }).waitFor();
    const files = await apiGet<{ data: { originalName: string }[] }>(ctx, `/api/evidence-files?sourceId=${sourceId}`);
    expect(files.data.map((f) => f.originalName)).toEqual(['briefing.pdf']);

    // -- claim: said "in February 2024" (a month), at least 20 missiles ------------------------
    await page.goto(`${server.url}/claims/new`);
    const sourcePick = page.getByRole('group', { name: 'Source' });
    await sourcePick.getByRole('searchbox').fill(TAG);
    await sourcePick.getByRole('button', { name: /briefing on missile launches/ }).click();
    await page.getByLabel('Speaker', { exact: true }).fill('Example spokesperson');
    await page.getByLabel("Speaker's organisation").fill('Example Ministry');
    await page.getByLabel('Said on: precision').selectOption('month');
    await page.getByLabel('Said on', { exact: true }).fill('2024-02');
    await page.getByLabel('Qualifier').selectOption('at_least');
    await page.getByLabel('Quantity').fill('20');
    await page.getByLabel('What it counts').fill('missiles launched');
    await page.getByLabel('Weapon type').fill('KN-23');
    await page.getByLabel('Quoted text').fill(`${TAG}: at least 20 North Korean missiles had been launched`);
    await shootForm(page, 'claim', 'Create claim');
    await page.getByRole('button', { name: 'Create claim', exact: true }).click();
    await page.waitForURL(/\/claims\?claim=/);
    const claimId = new URL(page.url()).searchParams.get('claim')!;
    const claim = await apiGet<{ saidOn: string; quantity: number; sourceId: string }>(ctx, `/api/claims/${claimId}`);
    expect(claim).toMatchObject({ saidOn: '2024-02-01', quantity: 20, sourceId });
    const ledger = await apiGet<{ unfiled?: { id: string; saidOnPrecision: string }[]; topics: { claims: { id: string; saidOnPrecision: string }[] }[] }>(ctx, '/api/ledger');
    const inLedger = [...(ledger.unfiled ?? []), ...ledger.topics.flatMap((t) => t.claims)].find((c) => c.id === claimId);
    expect(inLedger?.saidOnPrecision).toBe('month');
    // Changing the claim starts from the month as said, not from a day.
    await page.goto(`${server.url}/claims/${claimId}/edit`);
    await expect.poll(() => page.getByLabel('Said on: precision').inputValue()).toBe('month');
    expect(await page.getByLabel('Said on', { exact: true }).inputValue()).toBe('2024-02');

    // -- the claim and source linked to the incident (changing the incident) --------------------
    await page.goto(`${server.url}/incidents/${incidentId}/edit`);
    await page.getByRole('heading', { name: 'Change incident' }).waitFor();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe(`${TAG} strike on Kharkiv`);
    for (const [group, find, pick] of [['Sources', TAG, /briefing on missile launches/], ['Claims', TAG, /Example spokesperson/]] as const) {
      const picker = page.getByRole('group', { name: group, exact: true });
      await picker.getByRole('searchbox').fill(find);
      await picker.getByRole('button', { name: pick }).click();
    }
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/map\?incident=/);
    const linked = await apiGet<{ sourceIds: string[]; claimIds: string[] }>(ctx, `/api/incidents/${incidentId}`);
    expect(linked).toMatchObject({ sourceIds: [sourceId], claimIds: [claimId] });

    // -- organisation: a country typed as a name is refused beside the field ---------------------
    await page.goto(`${server.url}/organisations/new`);
    await page.getByLabel('Name', { exact: true }).fill(`${TAG} Components GmbH`);
    await page.getByLabel('Kind').selectOption('distributor');
    await page.getByLabel('Aliases').fill(`${TAG} Bauteile\n${TAG} Components Co., Ltd`);
    await page.getByLabel('Country').fill('Germany');
    await page.getByRole('button', { name: 'Create organisation', exact: true }).click();
    await expect.poll(() => errorBeside(page, 'Country').textContent()).toContain('two-letter');
    problems = problems.filter((p) => !p.includes('400 (Bad Request)'));
    await page.getByLabel('Country').fill('DE');
    await shootForm(page, 'organisation', 'Create organisation');
    await page.getByRole('button', { name: 'Create organisation', exact: true }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    const org = await apiGet<{ aliases: string[]; country: string }>(ctx, `/api/organisations/${page.url().split('/').pop()}`);
    expect(org).toMatchObject({ country: 'DE', aliases: [`${TAG} Bauteile`, `${TAG} Components Co., Ltd`] });

    // -- item from the incident, its custody, and a component through the component form -------
    await page.goto(`${server.url}/items/new?incident=${incidentId}`);
    await page.getByRole('group', { name: 'Incident' }).getByText(`${TAG} strike on Kharkiv`).waitFor();
    await page.getByLabel('Label').fill(`${TAG} debris, Kharkiv`);
    await page.getByLabel('Weapon model').fill('KN-23');
    await page.getByLabel('Identification confidence').selectOption('probable');
    await page.getByLabel('Recovered on').fill('2024-01-03');
    await shootForm(page, 'item', 'Create item');
    await page.getByRole('button', { name: 'Create item', exact: true }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    const itemId = page.url().split('/').pop()!;

    await page.getByRole('link', { name: 'Change item' }).click();
    const custody = page.getByRole('region', { name: 'Chain of custody' });
    await custody.getByLabel('Holder').fill('Example forensic unit');
    await custody.getByLabel('Held from').fill('2024-01-03T10:00');
    await custody.getByLabel('Place').fill('Kharkiv');
    await custody.getByRole('button', { name: 'Add custody event' }).click();
    await custody.getByText('Example forensic unit').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'form-item-custody.png'), fullPage: true });

    await page.goto(`${server.url}/items/${itemId}/enter`);
    const marking = page.getByLabel('Marking');
    await marking.fill('TI 2041\nTMS320F28335');
    await page.locator('#derived-partNumber').fill('TMS320F28335');
    await page.locator('#derived-makerId').fill('Texas Instruments');
    await page.locator('#derived-makerCountry').fill('US');
    await page.getByRole('button', { name: 'Save component' }).click();
    await page.getByRole('region', { name: 'Saved in this session' }).getByText('TI 2041 · TMS320F28335').waitFor();

    // -- a case grouping them -------------------------------------------------------------------
    await page.goto(`${server.url}/cases/new`);
    await page.getByLabel('Title', { exact: true }).fill(`${TAG} investigation`);
    for (const [group, pick] of [['Incidents', /strike on Kharkiv/], ['Items', /debris, Kharkiv/], ['Sources', /briefing on missile launches/], ['Claims', /Example spokesperson/]] as const) {
      const picker = page.getByRole('group', { name: group, exact: true });
      await picker.getByRole('searchbox').fill(TAG);
      await picker.getByRole('button', { name: pick }).click();
    }
    await shootForm(page, 'case', 'Create case');
    await page.getByRole('button', { name: 'Create case', exact: true }).click();
    await page.waitForURL(/\/\?case=/);
    const caseId = new URL(page.url()).searchParams.get('case')!;
    const kase = await apiGet<{ incidentIds: string[]; itemIds: string[]; sourceIds: string[]; claimIds: string[] }>(ctx, `/api/cases/${caseId}`);
    expect(kase).toMatchObject({ incidentIds: [incidentId], itemIds: [itemId], sourceIds: [sourceId], claimIds: [claimId] });

    // The case's dashboard counts its one component, and its claims ledger lists the claim.
    await page.getByRole('heading', { name: `${TAG} investigation` }).waitFor();
    const components = page.getByRole('region', { name: 'Headline findings' }).locator('.stat', { hasText: 'components recorded' }).locator('.value');
    await expect.poll(() => components.textContent()).toBe('1');
    await page.goto(`${server.url}/claims?claim=${claimId}`);
    const all = page.getByRole('region', { name: 'All claims' });
    await all.getByLabel('Search claims').fill(TAG);
    const row = all.getByRole('row', { name: /Example spokesperson/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('missiles launched');
    await row.getByRole('link', { name: /briefing on missile launches/ }).waitFor();

    // -- deleting asks first, and names what still refers to the record -------------------------
    await page.goto(`${server.url}/incidents/${incidentId}/edit`);
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this incident?' });
    await dialog.getByText('items: 1').waitFor();
    await dialog.getByText('cases: 1').waitFor();
    await dialog.scrollIntoViewIfNeeded();
    expect(await dialog.getByRole('button', { name: 'Delete incident' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'form-delete-refused.png') });
    // A custody event nothing refers to is deleted once confirmed.
    await page.goto(`${server.url}/items/${itemId}/edit`);
    const event = page.getByRole('region', { name: 'Chain of custody' });
    await event.getByRole('button', { name: 'Delete…' }).click();
    await event.getByText('Nothing refers to it.').waitFor();
    await event.getByRole('button', { name: 'Delete custody event' }).click();
    await event.getByText('No custody events recorded yet.').waitFor();
    await page.close();
  }, 180_000);

  it('lets an admin create an analyst account and a read-only token, each secret shown once, and see sign-ins', async () => {
    const ctx = await signedIn('e2e-admin', 'admin', 'E2E Admin');
    const page = await newPage(ctx, problems);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await accounts.getByLabel('Username', { exact: true }).fill('e2e-new-analyst');
    await accounts.getByLabel('Display name').fill('New Analyst');
    await accounts.getByLabel('Role', { exact: true }).selectOption('analyst');
    await accounts.getByRole('button', { name: 'Create account' }).click();
    const otp = (await accounts.getByLabel('One-time password for e2e-new-analyst').textContent())!.trim();
    expect(otp.length).toBeGreaterThan(10);
    await accounts.getByRole('cell', { name: 'e2e-new-analyst New Analyst' }).waitFor();
    // The one-time password signs the new analyst in, who must then choose a password.
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'e2e-new-analyst', password: otp }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: unknown }).user).toMatchObject({ role: 'analyst', mustChangePassword: true });

    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByLabel('Token name').fill('e2e nightly export');
    await tokens.getByLabel('Scope').selectOption('read');
    await tokens.getByLabel('Expires after').fill('2099-12-31');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const secret = (await tokens.getByLabel('New API token').textContent())!.trim();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'admin.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'admin-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The token reads and may not write; once revoked it is refused.
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${server.url}/api/items?limit=1`, { headers: bearer })).status).toBe(200);
    const write = await fetch(`${server.url}/api/organisations`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', kind: 'other' }) });
    expect(write.status).toBe(403);
    await tokens.getByRole('button', { name: 'I have copied it' }).click();
    expect(await tokens.getByLabel('New API token').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await tokens.getByRole('row', { name: /e2e nightly export/ }).getByRole('button', { name: 'Revoke' }).click();
    await tokens.getByRole('row', { name: /e2e nightly export/ }).getByText(/^revoked/).waitFor();
    expect((await fetch(`${server.url}/api/items?limit=1`, { headers: bearer })).status).toBe(401);

    // Sign-in history: the new analyst's sign-in with the one-time password is there.
    const history = page.getByRole('region', { name: 'Sign-in history' });
    await page.reload();
    await history.getByRole('row', { name: /e2e-new-analyst/ }).first().waitFor();

    // An analyst sees no Administration link, and the page says it is for admins.
    const analyst = await signedIn('e2e-plain-analyst', 'analyst', 'E2E Plain Analyst');
    const other = await newPage(analyst, problems);
    await other.goto(`${server.url}/admin`);
    await other.getByText('Only administrators manage accounts and tokens.').waitFor();
    expect(await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await other.close();

    // A field investigator may record incidents but not organisations: the form says so and offers no save.
    const field = await newPage(await signedIn('e2e-field', 'field', 'E2E Field'), problems);
    await field.goto(`${server.url}/organisations/new`);
    await field.getByText('Your role may not create or change organisations: analysts, reviewers and admins do.').waitFor();
    expect(await field.getByRole('button', { name: 'Create organisation' }).isDisabled()).toBe(true);
    await field.goto(`${server.url}/incidents/new`);
    await field.getByRole('heading', { name: 'New incident' }).waitFor();
    expect(await field.getByRole('button', { name: 'Create incident' }).isEnabled()).toBe(true);
    await field.close();
    await page.close();
  }, 120_000);
});
