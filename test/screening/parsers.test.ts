import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseFtm, parseOfacCsv, parseOfacXml, parseTargetsSimple, parseUnXml } from '../../src/screening/parsers/index.js';
import type { ListEntity, ListItem } from '../../src/screening/types.js';

const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url);

async function collect(items: AsyncIterable<ListItem>) {
  const entities: ListEntity[] = [];
  const meta: Record<string, unknown> = {};
  const patches: ListItem[] = [];
  for await (const i of items) {
    if (i.type === 'entity') entities.push(i.entity);
    else if (i.type === 'meta') Object.assign(meta, Object.fromEntries(Object.entries(i.meta).filter(([, v]) => v !== null && v !== undefined)));
    else patches.push(i);
  }
  return { entities, meta, patches, by: (ref: string) => entities.find((e) => e.reference === ref)! };
}

describe('UN consolidated list XML', () => {
  it('reads individuals and entities, with the version date, in small chunks', async () => {
    // 97-byte reads split elements, attributes and UTF-8 characters across chunks.
    const r = await collect(parseUnXml(createReadStream(fixture('un-consolidated.xml'), { highWaterMark: 97 })));
    expect(r.meta.versionDate).toBe('2024-03-19');
    expect(r.entities.map((e) => e.reference)).toEqual(['KPi.001', 'KPi.002', 'KPe.001', 'KPe.002', 'KPe.003', 'KPe.004', 'KPe.010']);
  });

  it('handles the real file’s quirks', async () => {
    const r = await collect(parseUnXml(createReadStream(fixture('un-consolidated.xml'))));
    const komid = r.by('KPe.001');
    // trailing acronym split off, doubled and trailing spaces collapsed
    expect(komid.caption).toBe('KOREA MINING DEVELOPMENT TRADING CORPORATION');
    expect(komid.names).toContainEqual({ value: 'KOMID', kind: 'alias' });
    expect(komid.names).toContainEqual({ value: 'DPRKN MINING DEVELOPMENT TRADING COOPERATION', kind: 'alias' });
    expect(komid.names).toContainEqual({ value: '조선광업개발무역회사', kind: 'original' });
    // the empty alias placeholder produced nothing
    expect(komid.names.every((n) => n.value.trim().length > 0)).toBe(true);
    expect(komid.countries).toEqual(['kp']);
    expect(komid.listedOn).toBe('2009-04-24');
    expect(komid.programmes).toEqual(['DPRK']);
    // several aliases in one element, f.k.a. as previous names, "Low" quality as weak
    expect(r.by('KPe.002').names.map((n) => n.value)).toContain('LYONGAKSAN GENERAL TRADING CORPORATION');
    expect(r.by('KPe.003').names).toContainEqual({ value: 'CHANGGWANG CREDIT BANK', kind: 'previous' });
    expect(r.by('KPe.010').names).toContainEqual({ value: "Saeingp'il Company", kind: 'weak' });
    // stray space in the reference number
    expect(r.by('KPe.010').reference).toBe('KPe.010');
    const ri = r.by('KPi.002');
    expect(ri.schema).toBe('Person');
    expect(ri.caption).toBe('RI JE-SON');
    expect(ri.names.map((n) => n.value)).toEqual(['RI JE-SON', 'Ri Che-son', 'Lee Je Son']);
    expect(ri.identifiers).toEqual([{ type: 'Passport', value: 'PD 472 310 099' }]);
  });

  it('rejects a file that is not the UN list, and a truncated one', async () => {
    await expect(collect(parseUnXml(['<sdnList></sdnList>']))).rejects.toThrow(/not a UN consolidated list/);
    const text = readFileSync(fixture('un-consolidated.xml'), 'utf8');
    await expect(collect(parseUnXml([text.slice(0, text.length / 2)]))).rejects.toThrow();
  });
});

describe('OFAC SDN', () => {
  it('joins sdn.csv with alt.csv and add.csv, skipping -0- and the EOF byte', async () => {
    const r = await collect(
      parseOfacCsv({ sdn: createReadStream(fixture('sdn.csv')), alt: createReadStream(fixture('alt.csv')), add: createReadStream(fixture('add.csv')) }),
    );
    expect(r.entities.map((e) => e.reference)).toEqual(['36', '9565', '9566', '9567', '17260', '23512']);
    const komid = r.by('9565');
    expect(komid.schema).toBe('Organization');
    expect(komid.names.map((n) => n.value)).toEqual(['KOREA MINING DEVELOPMENT TRADING CORPORATION', 'CHANGGWANG SINYONG CORPORATION', 'KOMID']);
    expect(komid.programmes).toEqual(['NPWMD', 'DPRK3']);
    expect(komid.countries).toEqual(['kp']);
    expect(komid.identifiers).toEqual([{ type: 'Registration ID', value: '110418' }]);
    expect(r.by('9566').names.map((n) => n.value)).toContain('KOREA LYONGAKSAN GENERAL TRADING CORPORATION');
    expect(r.by('9567').names).toContainEqual({ value: 'CHANGGWANG CREDIT BANK', kind: 'previous' });
    expect(r.by('17260').schema).toBe('Person');
    expect(r.by('17260').identifiers).toContainEqual({ type: 'Passport', value: 'PD 472 310 099' });
    const vessel = r.by('23512');
    expect(vessel.schema).toBe('Vessel');
    expect(vessel.identifiers.map((i) => i.value)).toEqual(['8712362', '445539000', 'HMYN2']);
    expect(r.entities.every((e) => e.notes === null || !e.notes.includes('-0-'))).toBe(true);
  });

  it('reads sdn.xml with its publish date and weak a.k.a.s', async () => {
    const r = await collect(parseOfacXml(createReadStream(fixture('sdn.xml'))));
    expect(r.meta.versionDate).toBe('2024-03-19');
    expect(r.by('9565').names).toContainEqual({ value: 'KOMID', kind: 'weak' });
    expect(r.by('17260').caption).toBe('RI, Je Son');
    expect(r.by('17260').countries).toEqual(['kp']);
  });
});

describe('OpenSanctions formats', () => {
  it('reads FtM JSON lines: targets only, sanctions merged before or after their entity', async () => {
    const r = await collect(parseFtm(createReadStream(fixture('entities.ftm.json'))));
    expect(r.entities.map((e) => e.reference)).toEqual(['NK-komid', 'NK-ryonbong', 'NK-vektor-test']);
    // the Sanction came before its entity: merged directly
    expect(r.by('NK-ryonbong').otherReferences).toEqual(['KPe.002']);
    // the Sanction came after: a patch for the importer
    expect(r.patches).toContainEqual({ type: 'patch', reference: 'NK-komid', programmes: ['DPRK'], otherReferences: ['KPe.001'] });
    expect(r.by('NK-ryonbong').names).toContainEqual({ value: 'Ryonbong', kind: 'weak' });
    expect(r.by('NK-vektor-test').identifiers.map((i) => i.value)).toEqual(['7701234567', '1027700000000']);
    expect(r.meta.versionDate).toBe('2024-03-19');
  });

  it('rejects a line that is not JSON', async () => {
    await expect(collect(parseFtm(['{"id":"a","schema":"Company","properties":{"name":["A"]}}\n', '{not json\n']))).rejects.toThrow(/line 2/);
  });

  it('reads targets.simple.csv by header name', async () => {
    const r = await collect(parseTargetsSimple(createReadStream(fixture('targets.simple.csv'))));
    expect(r.entities).toHaveLength(4);
    const tangun = r.by('NK-tangun');
    expect(tangun.names.map((n) => n.value)).toEqual(['Korea Tangun Trading Corporation', 'Korean Tangun Trading Corporation', 'Tangun Trading']);
    expect(tangun.otherReferences).toEqual(['KPe.008']);
    expect(r.by('NK-vektor-test').caption).toBe('ООО "Вектор-Тест"');
    expect(r.meta.versionDate).toBe('2024-03-19');
    await expect(collect(parseTargetsSimple(['name,foo\nx,y\n']))).rejects.toThrow(/missing column/);
  });
});

describe('detectFormat', () => {
  it.each([
    ['consolidated.xml', '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="x">', 'un'],
    ['sdn.xml', '<?xml version="1.0"?><sdnList xmlns="x">', 'ofac-xml'],
    ['sdn.csv', '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"', 'ofac'],
    ['entities.ftm.json', '{"id":"x","schema":"Person"}', 'ftm'],
    ['targets.simple.csv', 'id,schema,name,aliases', 'targets'],
    ['notes.txt', 'hello', null],
  ])('%s', (name, head, expected) => expect(detectFormat(name, head)).toBe(expected));
});
