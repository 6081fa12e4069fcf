import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { testApp } from '../support/app.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';

/**
 * Names in both scripts (issue 24, migration 0011): the KMU 2010 transliteration measured on the
 * examples published with the standard (Cabinet of Ministers resolution 55, 27 January 2010), and
 * the name keys that let Харків, Kharkiv and Kharkov find one another.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});

// The standard's own table of examples, Ukrainian → Latin (as Ukraine submitted it to the UN:
// UNGEGN 26th session, WP 21 "Romanization system in Ukraine", 2011).
const KMU_2010: [string, string][] = [
  ['Андрій', 'Andrii'], ['Борисенко', 'Borysenko'], ['Вінниця', 'Vinnytsia'], ['Володимир', 'Volodymyr'], ['Богдан', 'Bohdan'],
  ['Згурський', 'Zghurskyi'], ['Ґорґани', 'Gorgany'], ['Донецьк', 'Donetsk'], ['Дмитро', 'Dmytro'], ['Олег', 'Oleh'], ['Есмань', 'Esman'],
  ['Алушта', 'Alushta'], ['Борщагівка', 'Borshchahivka'], ['Вишгород', 'Vyshhorod'], ['Гадяч', 'Hadiach'],
  ['Згорани', 'Zghorany'], ['Ґалаґан', 'Galagan'], ['Дон', 'Don'], ['Рівне', 'Rivne'], ['Єнакієве', 'Yenakiieve'],
  ['Наєнко', 'Naienko'], ['Житомир', 'Zhytomyr'], ['Запоріжжя', 'Zaporizhzhia'], ['Медвин', 'Medvyn'],
  ['Іршава', 'Irshava'], ['Їжакевич', 'Yizhakevych'], ['Кадіївка', 'Kadiivka'], ['Йосипівка', 'Yosypivka'],
  ['Стрий', 'Stryi'], ['Олексій', 'Oleksii'], ['Київ', 'Kyiv'], ['Лебедин', 'Lebedyn'], ['Миколаїв', 'Mykolaiv'],
  ['Ніжин', 'Nizhyn'], ['Одеса', 'Odesa'], ['Полтава', 'Poltava'], ['Решетилівка', 'Reshetylivka'],
  ['Суми', 'Sumy'], ['Тетерів', 'Teteriv'], ['Ужгород', 'Uzhhorod'], ['Фастів', 'Fastiv'], ['Харків', 'Kharkiv'],
  ['Біла Церква', 'Bila Tserkva'], ['Чернівці', 'Chernivtsi'], ['Шостка', 'Shostka'], ['Гоща', 'Hoshcha'],
  ['Русанівка', 'Rusanivka'], ['Юрій', 'Yurii'], ['Корюківка', 'Koriukivka'], ['Яготин', 'Yahotyn'], ['Костянтин', 'Kostiantyn'],
  ['Знам\'янка', 'Znamianka'], ['Феодосія', 'Feodosiia'], ['Розгон', 'Rozghon'], ['Русь', 'Rus'],
];

async function one(q: ReturnType<typeof sql>): Promise<string> {
  const r = await q.execute(database.db);
  return Object.values(r.rows[0] as Record<string, string>)[0]!;
}

describe('KMU 2010 transliteration (remnant_translit_uk)', () => {
  it('gives the standard\'s own spelling for each of its examples', async () => {
    const wrong: string[] = [];
    for (const [uk, latin] of KMU_2010) {
      const got = await one(sql`SELECT remnant_translit_uk(${uk}) AS t`);
      if (got !== latin.toLowerCase()) wrong.push(`${uk}: ${got} ≠ ${latin.toLowerCase()}`);
    }
    expect(wrong, `${KMU_2010.length - wrong.length}/${KMU_2010.length} right`).toEqual([]);
  });
});

describe('name keys (remnant_name_keys)', () => {
  const key = (t: string) => one(sql`SELECT remnant_name_keys(${t}) AS k`);
  it('are equal for the Ukrainian, KMU and common Russian-style spellings of a name', async () => {
    for (const group of [
      ['Харків', 'Kharkiv', 'Kharkov', 'KHARKIV'], ['Запоріжжя', 'Zaporizhzhia', 'Zaporozhye', 'Zaporizhia'],
      ['Болвінов', 'Bolvinov'], ['Київ', 'Kyiv', 'Kiev'], ['Одеса', 'Odesa', 'Odessa'], ['Львів', 'Lviv', 'Lvov'],
      ['Чернігів', 'Chernihiv', 'Chernigov'], ['Дніпро', 'Dnipro', 'Dnepr'], ['Зеленський', 'Zelenskyy', 'Zelensky', 'Zelenskiy'],
    ]) {
      const keys = await Promise.all(group.map(key));
      expect(new Set(keys).size, `${group.join(' / ')} → ${keys.join(' / ')}`).toBe(1);
    }
  });

  it('keep different names apart', async () => {
    const keys = await Promise.all(['Kharkiv', 'Kyiv', 'Kursk', 'Kherson', 'Zaporizhzhia', 'Zhytomyr'].map(key));
    expect(new Set(keys).size).toBe(6);
  });
});

describe('list search in either script, on the demo case', () => {
  it('finds the Kharkiv incident, item and claims by Харків, Kharkiv and Kharkov, and Bolvinov by Болвінов', async () => {
    const { app, database: t } = await testApp();
    await loadDemoIfFirstStart(t.db);
    const titles = async (resource: string, q: string, field: string) => {
      const r = await app.inject({ method: 'GET', url: `/api/${resource}?q=${encodeURIComponent(q)}&limit=100` });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().data as Record<string, unknown>[]).map((x) => String(x[field]));
    };
    for (const q of ['Харків', 'Kharkiv', 'Kharkov', 'харкова']) {
      expect(await titles('incidents', q, 'placeName'), q).toContain('Kharkiv');
      expect(await titles('items', q, 'recoveredPlace'), q).toContain('Kharkiv');
    }
    // Only Kharkiv's: the key does not let Kharkov pull in Kyiv or Zaporizhzhia.
    expect(new Set(await titles('incidents', 'Kharkov', 'placeName'))).toEqual(new Set(['Kharkiv']));
    expect(await titles('claims', 'Болвінов', 'speaker')).toContain('Serhii Bolvinov');
    expect(await titles('claims', 'Bolvinov', 'speakerUk')).toContain('Сергій Болвінов');
    expect(await titles('incidents', 'Запоріжжя', 'placeName')).toContain('Zaporizhzhia');
    expect(await titles('incidents', 'Zaporozhye', 'placeName')).toContain('Zaporizhzhia');
  });
});
