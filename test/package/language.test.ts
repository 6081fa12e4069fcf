import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';
import { evidencePackage } from '../../src/package/index.js';
import { testApp } from '../support/app.js';
import { followJob } from '../support/jobs.js';

/** The text of every page, through pdf.js (unpdf): it reads embedded fonts' Unicode maps, so Cyrillic comes back as written. */
async function pdfText(pdf: Buffer): Promise<string> {
  const { getDocumentProxy, extractText } = await import('unpdf');
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

let db: TestDatabase;
let itemId: string;
beforeAll(async () => {
  db = await freshDatabase();
  await loadDemoIfFirstStart(db.db);
  const caseId = (await db.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
  itemId = (await db.db.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId).orderBy('itemId').executeTakeFirstOrThrow()).itemId;
}, 120_000);

describe('the evidence package in Ukrainian (issue 24)', () => {
  const at = new Date('2026-01-02T03:04:05Z');

  it('has Ukrainian headings, labels, dates and numbers, reproducibly', async () => {
    const a = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'item', id: itemId }, at, 'uk');
    const b = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'item', id: itemId }, at, 'uk');
    expect(Buffer.compare(a.pdf, b.pdf)).toBe(0);
    const text = await pdfText(a.pdf);
    for (const heading of ['Пакет доказів', 'Висновки', 'Компоненти', 'Фотографії та файли', 'Ланцюг зберігання', 'Твердження та їх порівняння з висновками', 'Додаток: записи та хеші файлів']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Аудиторія: внутрішня');
    expect(text).toContain('Маркування, як надруковано');
    // The cover's time and the components' windows through Intl (uk-UA): "2 січня 2026 р." and "9 жовт. 2023 р.".
    expect(text).toContain('2 січня 2026 р.');
    expect(text).toMatch(/\d{1,2} (січ|лют|бер|квіт|трав|черв|лип|серп|вер|жовт|лист|груд)\. \d{4} р\./);
    expect(text).not.toContain('Evidence package');
    expect(text).not.toContain('Findings');
  });

  it('stays English by default, with the same records', async () => {
    const en = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'item', id: itemId }, at);
    const uk = await evidencePackage(db.db, SYSTEM_ACTOR, { kind: 'item', id: itemId }, at, 'uk');
    const text = await pdfText(en.pdf);
    expect(text).toContain('Evidence package');
    expect(text).toContain('Produced: 2026-01-02T03:04:05.000Z');
    expect(text).not.toContain('Висновки');
    expect(uk.recordIds).toEqual(en.recordIds);
    expect(uk.fileHashes).toEqual(en.fileHashes);
  });

  it('POST /api/packages makes it in the caller\u2019s language unless the body names one', async () => {
    const viewer = await testApp({ as: 'viewer' });
    await loadDemoIfFirstStart(viewer.database.db);
    await viewer.database.db.updateTable('users').set({ language: 'uk' }).where('id', '=', viewer.actor!.id).execute();
    const id = (await viewer.database.db.selectFrom('items').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const own = await viewer.app.inject({ method: 'POST', url: '/api/packages', payload: { kind: 'item', id } });
    const asked = await viewer.app.inject({ method: 'POST', url: '/api/packages', payload: { kind: 'item', id, language: 'en' } });
    expect([own.statusCode, asked.statusCode]).toEqual([202, 202]);
    const ukJob = await followJob(viewer.app, own.json<{ url: string }>().url, 120_000);
    const enJob = await followJob(viewer.app, asked.json<{ url: string }>().url, 120_000);
    expect([ukJob.result.language, enJob.result.language]).toEqual(['uk', 'en']);
    const pdf = await viewer.app.inject({ method: 'GET', url: ukJob.result.download });
    expect(pdf.headers['content-disposition']).toMatch(/-uk\.pdf"$/);
    expect(await pdfText(pdf.rawPayload)).toContain('Пакет доказів');
    const bad = await viewer.app.inject({ method: 'POST', url: '/api/packages', payload: { kind: 'item', id, language: 'de' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('language');
  }, 240_000);
});
