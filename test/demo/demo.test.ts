import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { packageRoot } from '../../src/paths.js';
import { CLAIMS } from '../../src/demo/kn23/claims.js';

/**
 * The demo case on a fresh database, through the same code paths a first start uses. Expected
 * figures come from the case's own published claims (via the ledger's comparisons), not from
 * numbers written into this test.
 */
let app: App;
let t: TestDatabase;
let summary: string | null;
const ids: Record<string, string> = {};
let as: 'admin' | 'public' = 'public';

beforeAll(async () => {
  const r = await testApp({ resolveActor: async () => (as === 'admin' ? (await import('../../src/access/index.js')).SYSTEM_ACTOR : null) });
  app = r.app;
  t = r.database;
  summary = await loadDemoIfFirstStart(t.db);
  for (const key of ['kharkiv', 'kyiv', 'july-a', 'july-b']) {
    ids[key] = (await t.db.selectFrom('items').select('id').where('externalId', '=', `demo-kn23:item:${key}`).executeTakeFirstOrThrow()).id;
  }
  ids.case = (await t.db.selectFrom('cases').select('id').where('externalId', '=', 'demo-kn23:case').executeTakeFirstOrThrow()).id;
}, 120_000);

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
};

describe('loading', () => {
  it('loads once, reports what it loaded, and audits the load', async () => {
    expect(summary).toMatch(/illustrative/);
    expect(await loadDemoIfFirstStart(t.db)).toBeNull();
    const audit = await t.db.selectFrom('auditLog').select(['actorId', 'recordType', 'recordId']).where('action', '=', 'demo-load').execute();
    expect(audit).toEqual([{ actorId: '00000000-0000-0000-0000-000000000001', recordType: 'cases', recordId: ids.case }]);
  });

  it('marks every item and component illustrative, and nothing documented as illustrative', async () => {
    const c = await sql<{ total: number; flagged: number }>`SELECT count(*) AS total, count(*) FILTER (WHERE illustrative) AS flagged FROM components`.execute(t.db);
    expect(c.rows[0]!.total).toBeGreaterThanOrEqual(300);
    expect(c.rows[0]!.flagged).toBe(c.rows[0]!.total);
    const i = await sql<{ total: number; flagged: number }>`SELECT count(*) AS total, count(*) FILTER (WHERE illustrative) AS flagged FROM items`.execute(t.db);
    expect(i.rows[0]!.flagged).toBe(i.rows[0]!.total);
    for (const table of ['sources', 'claims', 'incidents']) {
      const n = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE illustrative`.execute(t.db);
      expect(n.rows[0]!.n, table).toBe(0);
    }
    // Every claim names its source; no source stores a report's text.
    const stored = await sql<{ n: number }>`SELECT count(*) AS n FROM sources WHERE full_text IS NOT NULL`.execute(t.db);
    expect(stored.rows[0]!.n).toBe(0);
  });

  it('uses date codes of every convention the demo claims to cover, and a Juche-year mark', async () => {
    // One pattern per convention (see src/demo/kn23/dates.ts): each must occur on some component.
    const conventions: Record<string, string> = {
      'ECIA YYWW': '^[0-9]{4}[A-Z]?$', 'ECIA YWW': '^[0-9]{3}$', 'TI YMS': '^[0-9][1-9ABC][A-Z]$', 'Microchip YYWWNNN': '^[0-9]{7}$',
      'Infineon G/H+YYWW': '^[GH][0-9]{4}$', 'Vishay PYWWXX': '^P[0-9]{3}[A-Z]{2}$', 'onsemi AYWW': '^[A-Z][0-9]{3}$',
      'Xilinx line 2': '^[A-Z]{2,3}[0-9]{2,3}[A-Z]{2,3}[0-9]{4}$', 'NXP site+YYWW': '^[A-Z]{3}[0-9]{4}[A-Z]?$', 'Altera 11': '^[A-Z0-9]{6}[0-9]{4}[A-Z]$',
    };
    for (const [name, re] of Object.entries(conventions)) {
      const n = await sql<{ n: number }>`SELECT count(*) AS n FROM components WHERE date_code_text ~ ${re} AND production_from IS NOT NULL`.execute(t.db);
      expect(n.rows[0]!.n, name).toBeGreaterThan(0);
    }
    const juche = await t.db.selectFrom('items').select('productionMarks').where('id', '=', ids['july-a']!).executeTakeFirstOrThrow();
    expect(juche.productionMarks).toMatch(/Juche 113/);
  });
});

describe('no report text in the demo', () => {
  const seeds = path.resolve(packageRoot, '..', 'shared', 'seeds');
  const words = (s: string) => s.toLowerCase().replace(/[’'`]/g, "'").split(/[^a-z0-9']+/).filter(Boolean);

  it('has no run of 12 words from any seed report in anything it stored', async (ctx) => {
    if (!existsSync(seeds)) {
      ctx.skip(`the seed reports are not at ${seeds}; this check needs them and is skipped`);
      return;
    }
    const grams = new Set<string>();
    for (const f of readdirSync(seeds).filter((f) => /^\d{3}_.*\.txt$/.test(f))) {
      const w = words(readFileSync(path.join(seeds, f), 'utf8'));
      for (let i = 0; i + 12 <= w.length; i++) grams.add(w.slice(i, i + 12).join(' '));
    }
    expect(grams.size).toBeGreaterThan(1000);
    const texts = await sql<{ t: string }>`
      SELECT concat_ws(' ', title, publisher, summary, full_text) AS t FROM sources
      UNION ALL SELECT concat_ws(' ', statement, quoted_text, counts_what, speaker, speaker_organisation) FROM claims
      UNION ALL SELECT concat_ws(' ', title, description) FROM claim_topics
      UNION ALL SELECT concat_ws(' ', title, description, place_name) FROM incidents
      UNION ALL SELECT concat_ws(' ', label, description, production_marks) FROM items
      UNION ALL SELECT concat_ws(' ', title, summary) FROM cases`.execute(t.db);
    const copied: string[] = [];
    for (const { t: text } of texts.rows) {
      const w = words(text);
      for (let i = 0; i + 12 <= w.length; i++) {
        const g = w.slice(i, i + 12).join(' ');
        if (grams.has(g)) copied.push(g);
      }
    }
    expect(copied).toEqual([]);
  });
});

describe('findings on the demo', () => {
  it('gives the public the Kharkiv item figures, labelled illustrative', async () => {
    as = 'public';
    const f = await get(`/api/items/${ids.kharkiv}/findings`);
    expect(f.audience).toBe('public');
    expect(f.illustrative.all).toBe(true);
    expect(f.notes.join(' ')).toMatch(/illustrative/);
    const tenths = f.makerCountries.buckets.reduce((a: number, b: { share: number }) => a + Math.round(b.share * 10), 0);
    expect(tenths).toBe(1000);
    // Ownership moves shares: by ultimate parent, Singapore's only maker belongs to a US group.
    expect(f.makerCountriesByParent.distinct).toBeLessThan(f.makerCountries.distinct);
    expect(f.noEarlierThan.refs.ids.length).toBeGreaterThan(0);
    expect(f.similarity.similarItems[0]).toMatchObject({ itemId: ids.kyiv, similarity: { verdict: 'identical' } });
  });

  it('sets every published Kharkiv figure against the computed one: all within the claims except the count of identical missiles', async () => {
    const ledger = await get(`/api/ledger?caseId=${ids.case}`);
    const kharkivTopics = ledger.topics.filter((x: { finding: { scope: { id: string } } | null }) => x.finding?.scope.id === ids.kharkiv);
    expect(kharkivTopics.length).toBeGreaterThanOrEqual(10);
    for (const topic of kharkivTopics) {
      for (const cmp of topic.finding.comparisons) {
        if (topic.finding.metric === 'identicalItems') expect(cmp.verdict).toBe('differs');
        else expect(cmp.verdict, `${topic.topic.title}: ${cmp.text}`).toBe('matches');
      }
      expect(topic.finding.illustrative).toBe(true);
    }
    const interval = ledger.topics.find((x: { finding: { metric: string } | null }) => x.finding?.metric === 'productionToUseMaxDays');
    expect(interval.finding.comparisons.every((c: { verdict: string }) => c.verdict === 'matches')).toBe(true);
  });

  it('shows the conflicting launch counts and the briefing dated two ways', async () => {
    const ledger = await get(`/api/ledger?caseId=${ids.case}`);
    const byTitle = (s: string) => ledger.topics.find((x: { topic: { title: string } }) => x.topic.title.includes(s));
    const launches = byTitle('launched by Russia');
    const speakers = (c: { a: string; b: string }) => [c.a, c.b].map((id) => launches.claims.find((x: { id: string }) => x.id === id).speaker).sort();
    expect(launches.conflicts.map(speakers)).toEqual(expect.arrayContaining([['Joonkook Hwang', 'Robert Wood'], ['Joonkook Hwang', 'Serhii Bolvinov']]));
    expect(launches.conflicts).toHaveLength(2);
    const briefing = byTitle('first UN Security Council briefing');
    const juneReports = CLAIMS.filter((c) => c.topic === 'first-briefing' && c.eventFrom?.startsWith('2024-06')).length;
    expect(briefing.conflicts).toHaveLength(juneReports);
    expect(briefing.conflicts.every((c: { reason: string }) => c.reason.includes('28 July 2024'))).toBe(true);
    for (const c of briefing.claims) expect(c.source.title).toBeTruthy();
  });

  it('computes the case dashboard with near-identical pairs and the Juche-marked item\'s interval', async () => {
    const f = await get(`/api/cases/${ids.case}/findings`);
    expect(f.items.count).toBe(4);
    expect(f.components.units).toBeGreaterThan(700);
    const pair = f.similarity.pairs[0];
    expect([pair.a.itemId, pair.b.itemId].sort()).toEqual([ids.kharkiv, ids.kyiv].sort());
    const juche = f.timelines.find((x: { itemId: string }) => x.itemId === ids['july-a']);
    expect(juche.mark.rule).toBe('juche-year');
    expect(juche.interval.production.from).toBe(juche.mark.window.from);
    expect(juche.interval.maxDays).toBeLessThan(365);
  });

  it('prints the same figures from the CLI', async () => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      await buildProgram().parseAsync(['node', 'remnant', 'findings', ids.kharkiv!, '--json', '--public']);
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
    const cli = JSON.parse(out);
    as = 'public';
    const api = await get(`/api/items/${ids.kharkiv}/findings`);
    expect(cli.components.units).toBe(api.components.units);
    expect(cli.makerCountries).toEqual(api.makerCountries);
    expect(cli.noEarlierThan.date).toBe(api.noEarlierThan.date);
  });
});
