/**
 * The case dashboard's first screen in a real browser (Debian's Chromium through playwright-core,
 * as the e2e tests use): from navigation to the headline figures painted, on the built server with
 * the demo case, a fresh browser context (cold cache) each time. Beside it, in the same run and
 * browser, the floor: the same page shell (its stylesheet, a headline card in the markup) served as
 * static HTML with no script and no data. The gap is what the app's code and its API answers cost.
 * Also counted: the API requests the dashboard makes (goal: session + one dashboard request).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { BenchOptions, Metric } from './metric.js';
import { freshDatabase, log, round, startServer, summarise } from './support.js';

const CHROMIUM = process.env.REMNANT_CHROMIUM ?? '/usr/bin/chromium';
const HEADLINE = '[data-testid="headline-components"] .value';

/** Records, in the page, when the headline figure first has text (performance.now(): ms since navigation start). */
const WATCH = `(() => {
  const sel = ${JSON.stringify(HEADLINE)};
  const seen = () => { const el = document.querySelector(sel); return el && el.textContent && el.textContent.trim() !== ''; };
  const mark = () => { if (window.__fmp === undefined && seen()) { window.__fmp = performance.now(); obs.disconnect(); } };
  const obs = new MutationObserver(mark);
  document.addEventListener('DOMContentLoaded', mark);
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Browser-side functions (globalThis: the Node type-check has no DOM types; strings would be eval, which the app's CSP forbids). */
const PAINTED = () => (globalThis as { __fmp?: number }).__fmp !== undefined;
const PAINTED_AT = () => (globalThis as { __fmp?: number }).__fmp;

async function firstPaint(browser: Browser, url: string, apiPrefix: string): Promise<{ ms: number; apiRequests: string[]; dashboard: { startMs: number; endMs: number } | null }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await ctx.newPage();
    const api: string[] = [];
    let dashboard: { startMs: number; endMs: number } | null = null;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(apiPrefix)) api.push(`${r.method()} ${u.pathname}`);
    });
    // When the dashboard's own request left and its answer ended, on the page's clock: where the time goes.
    page.on('requestfinished', (r) => {
      if (!new URL(r.url()).pathname.startsWith('/api/dashboard')) return;
      const t = r.timing();
      dashboard = { startMs: t.startTime, endMs: t.startTime + t.responseEnd };
    });
    const navStart = Date.now();
    await page.addInitScript(WATCH);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(PAINTED, undefined, { timeout: 60_000 });
    const ms = (await page.evaluate(PAINTED_AT)) as number;
    // Let the lazy chunks (map, charts) settle so that requests they make are counted too.
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const d = dashboard as { startMs: number; endMs: number } | null;
    return { ms, apiRequests: api, dashboard: d ? { startMs: d.startMs - navStart, endMs: d.endMs - navStart } : null };
  } finally {
    await ctx.close();
  }
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const database = await freshDatabase();
  const server = await startServer({ databaseUrl: database.url, demo: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const index = await (await fetch(`${server.baseUrl}/`)).text();
    const css = /<link rel="stylesheet"[^>]*href="([^"]+)"/.exec(index)?.[1];
    if (!css) throw new Error('the built index.html links no stylesheet: is the web app built (npm run build:web)?');
    // The floor: the same origin, the same stylesheet, the headline card already in the markup.
    const staticHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="${css}"></head><body><main><section class="grid cols-4"><a class="card stat" data-testid="headline-components"><div class="value">0</div><div class="label">components recorded</div></a></section></main></body></html>`;
    const baselineUrl = `${server.baseUrl}/__bench/static-dashboard`;

    const repeats = opts.quick ? 3 : 9;
    const app: number[] = [];
    const floor: number[] = [];
    let requests: string[] = [];
    const dashStart: number[] = [];
    const dashEnd: number[] = [];
    // One warm-up of each (the server's first findings query, the browser's first launch), then alternate.
    for (let i = -1; i < repeats; i++) {
      const a = await firstPaint(browser, `${server.baseUrl}/`, '/api/');
      const ctxPage = await browser.newContext();
      await ctxPage.route(baselineUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: staticHtml }));
      const p = await ctxPage.newPage();
      await p.addInitScript(WATCH);
      await p.goto(baselineUrl, { waitUntil: 'commit' });
      await p.waitForFunction(PAINTED, undefined, { timeout: 60_000 });
      const b = (await p.evaluate(PAINTED_AT)) as number;
      await ctxPage.close();
      if (i < 0) continue;
      app.push(a.ms);
      floor.push(b);
      requests = a.apiRequests;
      if (a.dashboard) {
        dashStart.push(a.dashboard.startMs);
        dashEnd.push(a.dashboard.endMs);
      }
      log(`web: dashboard figures at ${Math.round(a.ms)} ms (its API request ${a.dashboard ? `${Math.round(a.dashboard.startMs)}–${Math.round(a.dashboard.endMs)} ms` : 'not seen'}), static floor ${Math.round(b)} ms`);
    }
    const t = summarise(app);
    const f = summarise(floor);
    return [
      {
        name: 'web: case dashboard, first paint of the headline figures (demo case, cold browser cache)',
        value: round(t.p50, 0),
        unit: 'ms',
        baseline: { name: 'the same page shell and stylesheet served as static HTML with the figure in the markup (no script, no data)', value: round(f.p50, 0) },
        ratio: round(t.p50 / f.p50, 2),
        notes: `goal < 1000 ms; median of ${repeats} navigations in Debian's Chromium (headless, 1440×900), each in a new browser context, alternating with the baseline; p95 ${Math.round(t.p95)} ms vs ${Math.round(f.p95)} ms; anonymous visitor (the public dashboard); built server on a fresh database with the demo case; GET /api/dashboard left at ${Math.round(summarise(dashStart).p50)} ms and ended at ${Math.round(summarise(dashEnd).p50)} ms after navigation (medians)`,
      },
      {
        name: 'web: API requests the dashboard makes',
        value: requests.length,
        unit: 'requests',
        notes: `goal ≤ 2 (session + dashboard): ${requests.join(', ')}`,
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    await database.close();
  }
}
