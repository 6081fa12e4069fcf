import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importList } from '../../src/screening/index.js';
import { readPlainText } from '../../src/claims/extract/index.js';
import { translateText } from '../../src/messages/index.js';

/**
 * Response text shown to people that is not a problem (issue 24), asked for in Ukrainian at its
 * route: the same answer as in English but for the sentences, which are in Ukrainian.
 */
let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp());
});

const UK = { 'accept-language': 'uk' };
const post = async (url: string, payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json<{ id: string }>();
};
/** The same request in English and in Ukrainian. */
const both = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
  const ask = async (headers: Record<string, string>) => {
    const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json();
  };
  return { en: await ask({}), uk: await ask(UK) };
};
const CYRILLIC = /[а-яіїєґ]/i;

/** The English answer with the given keys run through the catalogue: everything else must be equal. */
function translatedAt(v: unknown, keys: string[]): unknown {
  return JSON.parse(JSON.stringify(v), (k, x: unknown) =>
    keys.includes(k) && typeof x === 'string' ? translateText('uk', x) : keys.includes(k) && Array.isArray(x) ? x.map((s) => (typeof s === 'string' ? translateText('uk', s) : s)) : x);
}

describe('a delete refusal in Ukrainian', () => {
  it('names what still refers to the record, with its counts, in the dialog and in the refusal', async () => {
    const incident = await post('/api/incidents', { title: 'Strike', occurredFrom: '2024-01-02' });
    await post('/api/items', { label: 'Debris', incidentId: incident.id });
    await post('/api/items', { label: 'Debris 2', incidentId: incident.id });
    await post('/api/cases', { title: 'Case', incidentIds: [incident.id] });

    const en = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references` });
    const uk = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references`, headers: UK });
    expect(en.json().references).toEqual([{ label: 'items', count: 2 }, { label: 'cases', count: 1 }]);
    expect(uk.json().references).toEqual([{ label: 'предмети', count: 2 }, { label: 'справи', count: 1 }]);

    const enDel = await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}` });
    expect(enDel.json().detail).toBe('this incident is still referenced by 2 items, 1 cases; remove or re-link those first');
    const ukDel = await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}`, headers: UK });
    expect(ukDel.statusCode).toBe(409);
    expect(ukDel.json().title).toBe('Конфлікт');
    expect(ukDel.json().detail).toBe('на цей запис (інцидент) досі посилаються: 2 предмети, 1 справа; спершу вилучіть їх або перепривʼяжіть');
  });
});

describe('a supply chain\'s warnings in Ukrainian', () => {
  it('translates the warnings of GET /api/chains and nothing else', async () => {
    const org = async (name: string, kind: string, country: string) => (await post('/api/organisations', { name, kind, country })).id;
    const maker = await org('Maker (uk test)', 'manufacturer', 'US');
    const broker = await org('Broker (uk test)', 'broker', 'HK');
    const end = await org('End user (uk test)', 'end_user', 'RU');
    const item = (await post('/api/items', { label: 'Remnant (uk test)', recoveredOn: '2024-08-01' })).id;
    const component = (await post('/api/components', { itemId: item, markingRaw: 'UKT1', partNumber: 'UKT1', makerId: maker })).id;
    // A transfer that does not start at the maker: the chain starts after a gap, and says so.
    await post('/api/trace-hops', { sellerId: broker, buyerId: end, componentIds: [component], transferDate: '2023-05-01' });
    const components = [component];
    let warned = 0;
    for (const id of components) {
      const { en, uk } = await both('GET', `/api/chains?componentId=${id}`);
      expect(uk).toEqual(translatedAt(en, ['warnings']));
      for (const [i, chain] of (en.data as { warnings: string[] }[]).entries()) {
        warned += chain.warnings.length;
        for (const w of uk.data[i].warnings as string[]) expect(w).toMatch(CYRILLIC);
      }
    }
    expect(warned).toBeGreaterThan(0);
    const { uk } = await both('GET', `/api/chains?componentId=${component}`);
    expect(uk.data[0].warnings).toContain('передавання від виробника не записано; ланцюг починається після прогалини');
  });
});

describe('a screening match\'s explanation in Ukrainian', () => {
  it('translates each feature\'s detail line of POST /api/match', async () => {
    await importList(database.db, { file: new URL('../fixtures/lists/un-consolidated.xml', import.meta.url).pathname, actor: SYSTEM_ACTOR });
    const { en, uk } = await both('POST', '/api/match', {
      queries: { q1: { schema: 'Company', properties: { name: ['Korea Mining Development Trading Corp.'], country: ['kp'] } } },
    });
    const top = en.responses.q1.results[0];
    expect(top.explanations.country_match.detail).toBe('shared country: kp');
    const ukTop = uk.responses.q1.results[0];
    expect(ukTop.explanations.country_match.detail).toBe('спільна країна: kp');
    expect(ukTop.explanations.name_match.detail).toMatch(/^«Korea Mining Development Trading Corp\.» і назва у списку «[^»]+»: .*повнота [\d.]+, точність [\d.]+/);
    expect(uk).toEqual(translatedAt(en, ['detail']));
    expect(translateText('uk', 'a organisation cannot be a person')).toBe('тип «організація» не може бути типом «особа»');
  });
});

describe('the claims ledger and reading reports in Ukrainian', () => {
  it('translates the candidates\' notes, and the conflict reasons of the ledger', async () => {
    const text = readPlainText(readFileSync(new URL('../../eval/claims/reports/seed-003-us-nine-launches.txt', import.meta.url), 'utf8')).text;
    const en = await app.inject({ method: 'POST', url: '/api/ingest/text', payload: { title: 'US: at least nine launches', text, publishedOn: '2024-02-10', publisher: 'Example outlet', language: 'en' } });
    expect(en.statusCode, en.body).toBe(201);
    const sourceId = en.json().sourceId as string;
    const { en: cEn, uk: cUk } = await both('GET', `/api/sources/${sourceId}/candidates`);
    expect(cUk).toEqual(translatedAt(cEn, ['notes']));
    const notes = (cUk as { proposal: { notes: string[] } }[]).flatMap((c) => c.proposal.notes);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n).toMatch(CYRILLIC);

    type Candidate = { id: string; proposal: { quantity: number | null }; text: string };
    const nine = (cEn as Candidate[]).find((c) => c.proposal.quantity === 9 && c.text.includes('occasions'))!;
    const three = (cEn as Candidate[]).find((c) => c.proposal.quantity === 3)!;
    const claimIds = [];
    for (const c of [nine, three]) claimIds.push((await post(`/api/claim-candidates/${c.id}/accept`, {}) as unknown as { claimId: string }).claimId);
    const topic = (await post('/api/claim-topics', { title: 'DPRK missiles launched by Russia', kind: 'quantity', unit: 'launches' })).id;
    await post(`/api/claim-topics/${topic}/claims`, { claimIds });
    const { en: lEn, uk: lUk } = await both('GET', `/api/ledger?topicId=${topic}`);
    expect(lEn.topics[0].conflicts.length).toBeGreaterThan(0);
    expect(lUk).toEqual(translatedAt(lEn, ['reason', 'caveat', 'text', 'documented']));
    for (const c of lUk.topics[0].conflicts as { reason: string }[]) expect(c.reason).toMatch(/ і .*не можуть бути правдивими|не може зменшуватися|перевищує/);
  });
});
