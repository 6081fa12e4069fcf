import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Router } from 'wouter';
import { describe, expect, it, vi } from 'vitest';

/**
 * One source of truth (issue 18): the web app shows the findings, conflicts and permissions the API
 * returns and computes none of them. Two checks: the browser-side engines are gone and nothing in
 * src/web re-implements them; and the ledger view shows exactly the conflicts the server found —
 * change the server's conflict rule and the page changes with it (75.5 against 75.52 is a conflict
 * only if the server says so).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'src/web');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? (n === 'generated' ? [] : files(p)) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('src/web keeps no second copy of server logic', () => {
  it('has no capability probe and no findings, conflicts or similarity engine', () => {
    for (const gone of ['api/capabilities.ts', 'lib/aggregate.ts', 'lib/figures.ts', 'lib/claims.ts', 'lib/cases.ts', 'lib/useRoute.ts', 'lib/identify.ts']) {
      expect(existsSync(path.join(web, gone)), gone).toBe(false);
    }
    const offenders: string[] = [];
    // What those engines did: probe the OpenAPI document, count components, detect claim conflicts,
    // compare items, decide permissions from a role table. Any of these back in src/web fails this test.
    const forbidden = [
      /openapi\.json/, /\bquantitiesConflict\b/, /\bgroupClaims\b/, /\bclaimTopic\b/, /\bcompareParts\b/, /\bsummarise\(/,
      /\bfiguresFromComponents\b/, /\bproductionYear\b/, /\bhasRoute\b/, /\.includes\(\s*session\.user\.role\s*\)/,
    ];
    for (const f of files(web)) {
      const text = readFileSync(f, 'utf8');
      for (const re of forbidden) if (re.test(text)) offenders.push(`${path.relative(root, f)}: ${re}`);
    }
    expect(offenders).toEqual([]);
  });
});

/** The ledger the server builds for two claims of 75.5 and 75.52 under one topic, rendered by the page's own view. */
async function ledgerPage(): Promise<{ html: string; conflictCount: number }> {
  const { testApp } = await import('../support/app.js');
  // The web app's own modules (TSX, outside the server's type-check; vitest compiles them).
  const webModule = (rel: string) => import(/* @vite-ignore */ path.join(web, rel)) as Promise<Record<string, FunctionComponent<any>>>;
  const { LedgerView } = await webModule('components/Ledger.tsx');
  const { SessionProvider } = await webModule('api/session.tsx');
  const { app } = await testApp();
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json();
  };
  const source = await post('/api/sources', { kind: 'official_statement', title: 'Two statements' });
  const a = await post('/api/claims', { sourceId: source.id, speaker: 'Official A', saidOn: '2024-03-01', quantity: 75.5, quantityQualifier: 'exact', countsWhat: 'per cent of parts foreign' });
  const b = await post('/api/claims', { sourceId: source.id, speaker: 'Official B', saidOn: '2024-03-02', quantity: 75.52, quantityQualifier: 'exact', countsWhat: 'per cent of parts foreign' });
  const topic = await post('/api/claim-topics', { title: 'Share of foreign parts', kind: 'quantity', unit: 'per cent' });
  await post(`/api/claim-topics/${topic.id}/claims`, { claimIds: [a.id, b.id] });
  const ledger = (await app.inject({ method: 'GET', url: '/api/ledger' })).json();
  const view = createElement(SessionProvider!, null, createElement(LedgerView!, { ledger, selected: null }));
  const html = renderToStaticMarkup(createElement(Router, { ssrPath: '/claims', children: view }));
  return { html, conflictCount: ledger.conflictCount };
}

describe('the ledger shows the server\'s conflicts', () => {
  it('as the server decides them, and changes when the server\'s rule changes', async () => {
    const plain = await ledgerPage();
    // Whatever the rule says about 75.5 and 75.52, the page says the same.
    expect(plain.html).toContain(plain.conflictCount === 0 ? 'consistent' : `${plain.conflictCount} conflict`);

    vi.resetModules();
    vi.doMock('../../src/claims/conflicts.js', async (original) => {
      const real = await original<typeof import('../../src/claims/conflicts.js')>();
      return {
        ...real,
        // A stricter rule: any two different figures conflict.
        findConflicts: (topic: Parameters<typeof real.findConflicts>[0], claims: Parameters<typeof real.findConflicts>[1]) => {
          const [x, y] = claims;
          return x && y && x.quantity !== y.quantity ? [{ a: x.id, b: y.id, reason: 'RULE-CHANGED: the figures differ', caveat: null }] : real.findConflicts(topic, claims);
        },
      };
    });
    const strict = await ledgerPage();
    vi.doUnmock('../../src/claims/conflicts.js');
    expect(strict.conflictCount).toBe(1);
    expect(strict.html).toContain('1 conflict');
    expect(strict.html).toContain('RULE-CHANGED: the figures differ');
    expect(strict.html).not.toBe(plain.html);
  });
});
