import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importList, screenOrganisations } from '../../src/screening/index.js';

/**
 * Before any sanctions list is loaded, the sanctions figure says "not screened" instead of zero
 * matches (which reads as "clean"); after a list import it reports the screening (issue 18).
 */
const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;

describe('the sanctions figure before and after a list is loaded', () => {
  it('is "not screened" with no list, and names the list once one is imported', async () => {
    const { app, database } = await testApp();
    const org = (await app.inject({ method: 'POST', url: '/api/organisations', payload: { name: 'Example Maker Ltd', kind: 'manufacturer', country: 'US' } })).json().id as string;
    const item = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'remnant' } })).json().id as string;
    await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: item, markingRaw: 'EXQ1', partNumber: 'EXQ1', makerId: org } });

    const before = (await app.inject({ method: 'GET', url: `/api/items/${item}/findings` })).json().sanctioned;
    expect(before).toMatchObject({ screened: false, listsLoaded: [], summary: 'not screened: no sanctions list loaded' });

    await importList(database.db, { file: fixture('un-consolidated.xml'), actor: SYSTEM_ACTOR });
    await screenOrganisations(database.db);
    const after = (await app.inject({ method: 'GET', url: `/api/items/${item}/findings` })).json().sanctioned;
    expect(after.screened).toBe(true);
    expect(after.listsLoaded).toHaveLength(1);
    expect(after.summary).toBe(`no confirmed sanctions match among the makers and intermediaries (screened against ${after.listsLoaded[0]})`);
  });
});
