import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importFile } from '../../src/transfer/import.js';
import { DERIVED_FIELDS } from '../../src/evidence/resources.js';

/**
 * Issue 15: for one marking in one item, every path gives the same answer. Each marking goes
 * through the API's create, the bulk import, `POST /api/identify` (with the item) and
 * `POST /api/components/suggest`; the stored records and the responses must agree field by field,
 * and the windows must be the best reading's first window, never a blend of readings.
 */
let app: App;
let database: TestDatabase;
let dir: string;
const items: Record<'dprk' | 'dprkIncident' | 'other', string> = { dprk: '', dprkIncident: '', other: '' };

beforeAll(async () => {
  ({ app, database } = await testApp());
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-agree-'));
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  items.dprk = await post('/api/items', { label: 'KN-23 remnant, Kharkiv', weaponModel: 'KN-23', recoveredOn: '2024-08-15' });
  // No weapon model on the item: the incident's weapon types make its context North Korean.
  const incident = await post('/api/incidents', { title: 'Strike on Zaporizhzhia', occurredFrom: '2024-02-06', weaponTypes: ['DPRK ballistic missile'] });
  items.dprkIncident = await post('/api/items', { label: 'fragment 7', incidentId: incident, usedOn: '2024-02-06' });
  items.other = await post('/api/items', { label: 'cruise missile remnant', weaponModel: 'Kh-101', recoveredOn: '2024-01-03' });
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The markings: the three the issue names, and more of different makers, conventions and failures. */
const CASES: { marking: string; item: keyof typeof items }[] = [
  { marking: 'TI 21A AB7K LM2596S', item: 'other' },
  { marking: '113', item: 'dprk' },
  { marking: '113', item: 'other' },
  { marking: '112', item: 'dprkIncident' },
  { marking: 'ADI AD7606 #2214', item: 'other' },
  { marking: 'ADI AD7606 #2214', item: 'dprk' },
  { marking: 'STM32F405 / RGT6 / GH25Q 93 / CHN 215', item: 'other' },
  { marking: 'ADSP-21060 / KS-160 / 2341', item: 'dprk' },
  { marking: 'TI 7805\nCHN 2312', item: 'other' },
  { marking: 'XC7Z020 1CLG400C', item: 'dprk' },
  { marking: 'MAX232 CPE 0325', item: 'other' },
  { marking: 'PIC18F4550-I/PT / 1234567', item: 'dprk' },
  { marking: 'LM358 2214', item: 'other' },
  { marking: 'ATMEGA328P-AU 1912', item: 'dprk' },
  { marking: 'AD9361 BBCZ 1817', item: 'other' },
  { marking: 'NE555P 1420', item: 'dprk' },
  { marking: 'IRF540N 9A', item: 'other' },
  { marking: 'SN74LVC1G08 / 22A', item: 'dprk' },
  { marking: '????', item: 'other' },
];

type Row = Record<string, unknown> & { suggestion: Record<string, unknown> };

describe('the API create, the import, /api/identify and /api/components/suggest agree', () => {
  const created: Row[] = [];
  const suggested: Record<string, unknown>[] = [];
  const identified: Record<string, unknown>[] = [];
  const imported: Row[] = [];

  beforeAll(async () => {
    for (const c of CASES) {
      const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: items[c.item], markingRaw: c.marking } });
      expect(r.statusCode, r.body).toBe(201);
      created.push(r.json());
      const s = await app.inject({ method: 'POST', url: '/api/components/suggest', payload: { itemId: items[c.item], marking: c.marking } });
      expect(s.statusCode, s.body).toBe(200);
      suggested.push(s.json().suggestion);
      const i = await app.inject({ method: 'POST', url: '/api/identify', payload: { marking: c.marking, context: { itemId: items[c.item] } } });
      expect(i.statusCode, i.body).toBe(200);
      identified.push(i.json().suggestion);
    }
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = ['Item id,Marking,External id', ...CASES.map((c, n) => `${items[c.item]},${quote(c.marking)},agree-${n}`)].join('\n');
    const file = path.join(dir, 'agree.csv');
    await fs.writeFile(file, csv);
    const result = await importFile(database.db, SYSTEM_ACTOR, { file, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(result.counts.inserted).toBe(CASES.length);
    for (let n = 0; n < CASES.length; n++) {
      const id = (await database.db.selectFrom('components').select('id').where('externalId', '=', `agree-${n}`).executeTakeFirstOrThrow()).id;
      imported.push((await app.inject({ method: 'GET', url: `/api/components/${id}` })).json());
    }
  });

  it('stores and answers the same suggestion on every path', () => {
    for (let n = 0; n < CASES.length; n++) {
      const what = `${JSON.stringify(CASES[n]!.marking)} in ${CASES[n]!.item}`;
      expect(suggested[n], `suggest vs create: ${what}`).toEqual(created[n]!.suggestion);
      expect(identified[n], `identify vs create: ${what}`).toEqual(created[n]!.suggestion);
      expect(imported[n]!.suggestion, `import vs create: ${what}`).toEqual(created[n]!.suggestion);
    }
  });

  it('stores the same fields, window meaning and field status from the create and the import', () => {
    for (let n = 0; n < CASES.length; n++) {
      const what = `${JSON.stringify(CASES[n]!.marking)} in ${CASES[n]!.item}`;
      const a = created[n]!, b = imported[n]!;
      for (const f of [...DERIVED_FIELDS, 'ambiguous', 'envelopeFrom', 'envelopeTo']) expect(b[f], `${f} of ${what}`).toEqual(a[f]);
      for (const f of DERIVED_FIELDS) {
        const status = (x: Row) => (x.fieldStatus as Record<string, { state: string }>)[f]?.state;
        expect(status(a), `${f} status of ${what}`).toBe('suggested');
        expect(status(b), `${f} status of ${what}`).toBe('suggested');
      }
      // What is stored is what the suggestion says (the maker by name, through its record).
      const s = a.suggestion;
      for (const f of DERIVED_FIELDS) if (f !== 'makerId') expect(a[f], `${f} of ${what}`).toEqual(s[f] ?? null);
      expect(a.ambiguous).toBe(s.ambiguous);
    }
  });

  it('stores the best reading\'s first window, not an envelope, with the others as alternatives', () => {
    const at = (marking: string, item: keyof typeof items) => created[CASES.findIndex((c) => c.marking === marking && c.item === item)]!;
    const ti = at('TI 21A AB7K LM2596S', 'other');
    expect([ti.productionFrom, ti.productionTo, ti.dateCodeText]).toEqual(['2022-01-01', '2022-01-31', '21A']);
    expect(ti.ambiguous).toBe(true);
    expect((ti.suggestion.alternatives as { from: string }[]).map((w) => w.from)).toEqual(['2012-01-01', '2002-01-01']);
    expect([ti.envelopeFrom, ti.envelopeTo]).toEqual(['2002-01-01', '2022-01-31']);

    const adi = at('ADI AD7606 #2214', 'other');
    expect([adi.productionFrom, adi.productionTo]).toEqual(['2022-04-04', '2022-04-10']);
    expect(at('ADI AD7606 #2214', 'dprk').productionFrom).toBe('2022-04-04');

    const unread = at('????', 'other');
    expect([unread.productionFrom, unread.ambiguous, unread.envelopeFrom]).toEqual([null, false, null]);
  });

  it('reads a bare three-digit word as a Juche year first on a DPRK item, and never elsewhere', () => {
    const at = (marking: string, item: keyof typeof items) => created[CASES.findIndex((c) => c.marking === marking && c.item === item)]!;
    const dprk = at('113', 'dprk');
    expect(dprk.suggestion.dateRule).toBe('juche-year');
    // Juche 113 = 2024, cut at the item's recovery date.
    expect([dprk.productionFrom, dprk.productionTo]).toEqual(['2024-01-01', '2024-08-15']);
    const byIncident = at('112', 'dprkIncident');
    expect(byIncident.suggestion.dateRule).toBe('juche-year');
    expect(byIncident.productionFrom).toBe('2023-01-01');
    const other = at('113', 'other');
    expect(other.suggestion.dateRule).not.toBe('juche-year');
    for (const w of other.suggestion.alternatives as { rule: string }[]) expect(w.rule).not.toBe('juche-year');
  });
});

describe('an item whose context changes re-suggests the components that depend on it', () => {
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Row>();
  };
  const get = async (id: string) => (await app.inject({ method: 'GET', url: `/api/components/${id}` })).json<Row>();
  const patch = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'PATCH', url, payload });
    expect(r.statusCode, r.body).toBe(200);
  };
  const historyLength = async (id: string) => {
    const h = await app.inject({ method: 'GET', url: `/api/history/components/${id}` });
    expect(h.statusCode, h.body).toBe(200);
    return h.json<{ data: unknown[] }>().data.length;
  };

  it('gives a bare three-digit word its Juche reading once the item is a KN-23, keeps confirmed fields, and audits the change', async () => {
    const item = (await post('/api/items', { label: 'unidentified missile remnant', recoveredOn: '2024-08-15' })).id as string;
    const bare = await post('/api/components', { itemId: item, markingRaw: '113' });
    const independent = await post('/api/components', { itemId: item, markingRaw: 'TI / LM358 / 2BK AF3E' });
    const confirmed = await post('/api/components', { itemId: item, markingRaw: '112' });
    expect(bare.suggestion.dateRule).not.toBe('juche-year');
    // A person confirmed the second bare word's window: it stays theirs.
    await patch(`/api/components/${confirmed.id}`, { confirm: ['productionFrom', 'productionTo'] });
    const independentBefore = await get(independent.id as string);
    const bareHistory = await historyLength(bare.id as string);
    const independentHistory = await historyLength(independent.id as string);

    await patch(`/api/items/${item}`, { weaponModel: 'KN-23' });

    const after = await get(bare.id as string);
    expect(after.suggestion.dateRule).toBe('juche-year');
    expect([after.productionFrom, after.productionTo]).toEqual(['2024-01-01', '2024-08-15']);
    // The stored suggestion is what a create in that item stores now.
    const fresh = await post('/api/components', { itemId: item, markingRaw: '113' });
    expect(after.suggestion).toEqual(fresh.suggestion);
    expect(await historyLength(bare.id as string)).toBe(bareHistory + 1);

    const kept = await get(confirmed.id as string);
    expect([kept.productionFrom, kept.productionTo]).toEqual([confirmed.productionFrom, confirmed.productionTo]);
    expect((kept.fieldStatus as Record<string, { state: string }>).productionFrom!.state).toBe('confirmed');
    expect(kept.suggestion.dateRule).toBe('juche-year');

    // A marking that reads the same in either context is not touched (no write, no audit entry).
    expect(await get(independent.id as string)).toEqual(independentBefore);
    expect(await historyLength(independent.id as string)).toBe(independentHistory);

    // Back to no weapon: the reading returns to the ECIA one.
    await patch(`/api/items/${item}`, { weaponModel: null });
    expect((await get(bare.id as string)).suggestion).toEqual(bare.suggestion);
  });

  it('cuts windows at a new recovery date, and follows an incident whose weapon types become North Korean', async () => {
    const incident = (await post('/api/incidents', { title: 'Strike, unknown weapon', occurredFrom: '2024-02-06', weaponTypes: ['ballistic missile'] })).id as string;
    const item = (await post('/api/items', { label: 'fragment 12', incidentId: incident, recoveredOn: '2024-08-15' })).id as string;
    const c = await post('/api/components', { itemId: item, markingRaw: '113' });
    expect(c.suggestion.dateRule).not.toBe('juche-year');

    await patch(`/api/incidents/${incident}`, { weaponTypes: ['DPRK ballistic missile'] });
    const juche = await get(c.id as string);
    expect(juche.suggestion.dateRule).toBe('juche-year');
    expect(juche.productionTo).toBe('2024-08-15');

    await patch(`/api/items/${item}`, { recoveredOn: '2024-03-01' });
    const cut = await get(c.id as string);
    expect([cut.productionFrom, cut.productionTo]).toEqual(['2024-01-01', '2024-03-01']);
  });
});
