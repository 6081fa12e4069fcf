import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';

/**
 * A component's derived fields start as the identification engine's suggestions; what a person
 * enters or confirms is marked confirmed (by whom), and a later change of the marking refreshes
 * only what is still a suggestion.
 */
let app: App;
let itemId: string;
beforeAll(async () => {
  ({ app } = await testApp());
  itemId = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'guidance section', recoveredOn: '2024-01-03' } })).json().id;
});

async function createComponent(payload: object) {
  const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, ...payload } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('component suggestions', () => {
  it('fills derived fields from the marking as suggestions and keeps the proposal', async () => {
    const c = await createComponent({ markingRaw: 'STM32F405\nRGT6\nGH25Q 93\nCHN 215' });
    expect(c.partNumber).toMatch(/^STM32F405/);
    expect(c.makerId).toBeTruthy();
    expect(c.fieldStatus.partNumber).toMatchObject({ state: 'suggested', by: null });
    expect(c.fieldStatus.makerId.state).toBe('suggested');
    expect((c.suggestion as { partNumber: string }).partNumber).toBe(c.partNumber);
    const maker = (await app.inject({ method: 'GET', url: `/api/organisations/${c.makerId}` })).json();
    expect(maker.name).toMatch(/STMicro/i);
    expect(maker.kind).toBe('manufacturer');
  });

  it('marks what a person enters as confirmed by them, and keeps it when the marking changes', async () => {
    const c = await createComponent({ markingRaw: 'STM32F405 / RGT6 / GH25Q 93', partNumber: 'STM32F405RGT6-custom' });
    expect(c.partNumber).toBe('STM32F405RGT6-custom');
    expect(c.fieldStatus.partNumber).toMatchObject({ state: 'confirmed', by: SYSTEM_ACTOR.id });
    const firstMaker = c.makerId;

    const changed = (await app.inject({ method: 'PATCH', url: `/api/components/${c.id}`, payload: { markingRaw: 'ADSP-21060 / KS-160 / 2341' } })).json();
    expect(changed.partNumber).toBe('STM32F405RGT6-custom');
    expect(changed.makerId).not.toBe(firstMaker);
    expect(changed.fieldStatus.makerId.state).toBe('suggested');
  });

  it('confirms a suggested value on request and refuses to confirm an empty one', async () => {
    const c = await createComponent({ markingRaw: 'ADSP-21060 / KS-160 / 2341' });
    const ok = await app.inject({ method: 'PATCH', url: `/api/components/${c.id}`, payload: { confirm: ['partNumber', 'makerId'] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().fieldStatus.partNumber.state).toBe('confirmed');
    expect(ok.json().partNumber).toBe(c.partNumber);

    const blank = await createComponent({ markingRaw: 'no readable marking' });
    const bad = await app.inject({ method: 'PATCH', url: `/api/components/${blank.id}`, payload: { confirm: ['lot'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('confirm');
  });

  it('refuses a component for an item that does not exist, naming itemId', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId: '6f1c5d1e-0000-4000-8000-000000000000', markingRaw: 'LM358' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('itemId');
  });
});
