import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { analystSession, type AnalystSession } from './support/analyst.js';

/**
 * Uploading reports in Chromium: a PDF built here (pdfkit) with the text of a seed report, and a
 * saved HTML page of another, each read into candidates shown highlighted in the report; one is
 * accepted. A large page goes through a job whose progress the form shows. A PDF without a text
 * layer and a page with no article are refused with the server's message beside the file field.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = browserAvailable();
const seed = (id: string) => readFileSync(path.join(root, `eval/claims/reports/${id}.txt`), 'utf8').replace(/^#.*\n/gm, '').trim();

function pdf(draw: (doc: PDFKit.PDFDocument) => void, info: Record<string, string | Date> = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}

const html = (title: string, date: string, body: string, padding = '') => Buffer.from(`<!doctype html><html lang="en"><head><title>${title}</title>
  <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="${date}T08:00:00Z"></head>
  <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>${padding}<article><h1>${title}</h1>${body.split('\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);

describe.skipIf(!run)('uploading a report in the web app', () => {
  let session: AnalystSession;
  let server: RunningServer;
  let ctx: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    session = await analystSession('uploader', 'Report Uploader');
    ({ server, ctx, page, problems } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const openForm = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Read a report' }).click();
    await page.getByRole('heading', { name: 'Read a report' }).waitFor();
  };
  const candidate = (text: RegExp) => page.locator('li[data-candidate]').filter({ hasText: text });

  it('reads a PDF: its text with the candidates highlighted, and one accepted', async () => {
    const text = seed('seed-003-us-nine-launches');
    const file = await pdf((doc) => { doc.fontSize(11).text(text, { width: 460 }); }, { Title: 'US official: at least nine launches', CreationDate: new Date('2024-02-10T12:00:00Z') });
    await openForm();
    await page.getByLabel('Report file').setInputFiles({ name: 'nine-launches.pdf', mimeType: 'application/pdf', buffer: file });
    await page.getByRole('button', { name: 'Read the report' }).click();
    await page.getByRole('heading', { name: 'Candidate claims' }).waitFor();
    // The PDF's own title and date (nothing typed).
    await page.getByRole('heading', { name: 'US official: at least nine launches' }).waitFor();
    expect(await page.getByText('Published 10 Feb 2024').count()).toBe(1);
    const marks = page.locator('mark[data-span]');
    expect(await marks.count()).toBeGreaterThan(3);
    expect(await page.locator('.reader').textContent()).toContain('nine occasions');

    const nine = candidate(/at least 9 occasions/);
    await nine.first().getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => nine.first().getAttribute('data-state')).toBe('accepted');
    const sourceId = page.url().split('/ingest/')[1]!;
    const stored = await (await ctx.request.get(`${server.url}/api/sources/${sourceId}/candidates`)).json() as { state: string; proposal: { quantity: number | null } }[];
    expect(stored.filter((c) => c.state === 'accepted').map((c) => c.proposal.quantity)).toEqual([9]);
    // The original PDF is kept as the source's evidence file.
    const files = await (await ctx.request.get(`${server.url}/api/evidence-files?sourceId=${sourceId}`)).json() as { data: { mediaType: string }[] };
    expect(files.data.map((f) => f.mediaType)).toEqual(['application/pdf']);
  }, 120_000);

  it('reads a saved HTML page, and a large one through a job whose progress is shown', async () => {
    const text = seed('seed-004-car-faster');
    await openForm();
    await page.getByLabel('Report file').setInputFiles({ name: 'car.html', mimeType: 'text/html', buffer: html('CAR: missiles made faster', '2024-05-21', text) });
    await page.getByRole('button', { name: 'Read the report' }).click();
    await page.getByRole('heading', { name: 'CAR: missiles made faster' }).waitFor();
    expect(await page.locator('mark[data-span]').count()).toBeGreaterThan(3);
    const first = page.locator('li[data-candidate][data-state="pending"]').first();
    const id = await first.getAttribute('data-candidate');
    await first.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.locator(`li[data-candidate="${id}"]`).getAttribute('data-state')).toBe('accepted');

    // Over 128 KB (a page saved with its furniture): 202 and a job; the form follows it to the review.
    await openForm();
    const padding = `<div class="menu">${'<a href="/x">Section</a> '.repeat(12_000)}</div>`;
    await page.getByLabel('Report file').setInputFiles({ name: 'big.html', mimeType: 'text/html', buffer: html('CAR: the big page', '2024-05-21', text, padding) });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/ingest/file'));
    await page.getByRole('button', { name: 'Read the report' }).click();
    expect((await answered).status()).toBe(202);
    // The job's state as the form shows it while it follows the job (at least one poll interval).
    const status = page.locator('[role="status"][data-job-state]');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/waiting to be read|Reading the file|opening the review/);
    await page.getByRole('heading', { name: 'CAR: the big page' }).waitFor();
    expect(await page.locator('mark[data-span]').count()).toBeGreaterThan(3);
  }, 120_000);

  it('shows beside the file field why a PDF with no text layer and a page with no article are refused; nothing is stored', async () => {
    const before = await (await ctx.request.get(`${server.url}/api/sources?limit=200`)).json() as { data: unknown[] };
    await openForm();
    const picture = await pdf((doc) => { doc.rect(50, 50, 200, 100).fill('#333'); });
    await page.getByLabel('Report file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: picture });
    await page.getByLabel('Publication date unknown').check();
    await page.getByRole('button', { name: 'Read the report' }).click();
    const fileError = page.locator('.field').filter({ has: page.getByLabel('Report file') }).locator('.error');
    await expect.poll(() => fileError.textContent()).toBe('no text found; OCR is not applied to documents');

    await page.getByLabel('Report file').setInputFiles({ name: 'empty.html', mimeType: 'text/html', buffer: Buffer.from('<html><body><nav>Home</nav></body></html>') });
    await page.getByRole('button', { name: 'Read the report' }).click();
    await expect.poll(() => fileError.textContent()).toMatch(/^no article found in the HTML page/);
    const after = await (await ctx.request.get(`${server.url}/api/sources?limit=200`)).json() as { data: unknown[] };
    expect(after.data.length).toBe(before.data.length);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 120_000);
});
