import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';
import { exportFtm } from '../../src/transfer/export.js';
import type { FtmEntity } from '../../src/transfer/ftm.js';

/**
 * Every entity the FtM export writes is checked against the FollowTheMoney model shipped in
 * @alephdata/followthemoney: the schema exists and is concrete, every property belongs to the
 * schema (or one it extends), values have the property type's shape, and every entity reference
 * points at an exported entity whose schema falls within the property's range.
 */
interface ModelProperty { type: string; range?: string }
interface ModelSchema { extends?: string[]; abstract?: boolean; properties: Record<string, ModelProperty> }
const require = createRequire(import.meta.url);
const model = require('@alephdata/followthemoney/dist/defaultModel.json') as { schemata: Record<string, ModelSchema>; types: Record<string, { values?: Record<string, string> }> };

function ancestors(schema: string): string[] {
  const out: string[] = [];
  const queue = [schema];
  while (queue.length) {
    const s = queue.shift()!;
    if (out.includes(s)) continue;
    out.push(s);
    queue.push(...(model.schemata[s]?.extends ?? []));
  }
  return out;
}

function property(schema: string, name: string): ModelProperty | undefined {
  for (const s of ancestors(schema)) {
    const p = model.schemata[s]?.properties[name];
    if (p) return p;
  }
  return undefined;
}

const SHAPES: Record<string, RegExp> = {
  date: /^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$/,
  country: /^[a-z]{2}(-[a-z]+)?$/,
  url: /^https?:\/\//,
  language: /^[a-z]{3}$/,
  checksum: /^[0-9a-f]{40,64}$/,
};

function problemsOf(entities: FtmEntity[]): string[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: string[] = [];
  for (const e of entities) {
    const schema = model.schemata[e.schema];
    if (!schema) {
      out.push(`${e.id}: unknown schema ${e.schema}`);
      continue;
    }
    if (schema.abstract) out.push(`${e.id}: ${e.schema} is abstract`);
    for (const [name, values] of Object.entries(e.properties)) {
      const p = property(e.schema, name);
      if (!p) {
        out.push(`${e.id}: ${e.schema} has no property ${name}`);
        continue;
      }
      for (const v of values) {
        if (typeof v !== 'string' || v === '') out.push(`${e.id}: ${name} has a non-string or empty value`);
        const shape = SHAPES[p.type];
        if (shape && !shape.test(v)) out.push(`${e.id}: ${name}=${v} is not a ${p.type}`);
        if (p.type === 'topic' && !(v in (model.types.topic?.values ?? {}))) out.push(`${e.id}: ${v} is not a topic`);
        if (p.type === 'entity') {
          const target = byId.get(v);
          if (!target) out.push(`${e.id}: ${name} refers to ${v}, which is not exported`);
          else if (p.range && !ancestors(target.schema).includes(p.range)) out.push(`${e.id}: ${name} refers to a ${target.schema}, outside its range ${p.range}`);
        }
      }
    }
  }
  return out;
}

async function entities(db: TestDatabase, actor: typeof SYSTEM_ACTOR | null, resource = 'all'): Promise<FtmEntity[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportFtm(db.db, actor, resource, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FtmEntity);
}

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  const S = SYSTEM_ACTOR;
  const holding = await evidence.create(db.db, S, evidence.organisations, { name: 'State Holding', kind: 'government', country: 'KP', visibility: 'public' });
  const firm = await evidence.create(db.db, S, evidence.organisations, { name: 'Example Trading Co', kind: 'distributor', country: 'HK', parentId: holding.id, parentFrom: '2020-01-01', aliases: ['ETC'], website: 'https://etc.invalid', visibility: 'public' });
  await evidence.create(db.db, S, evidence.organisations, { name: 'Institute 5', kind: 'research_organisation', parentId: holding.id });
  // A parent the public may not see must not be named in the public export.
  await evidence.create(db.db, S, evidence.organisations, { name: 'Hidden Sub', kind: 'broker', parentId: firm.id, visibility: 'public' });
  await db.pool.query(`UPDATE organisations SET visibility = 'internal' WHERE id = $1`, [firm.id]);
  const maker = await evidence.create(db.db, S, evidence.organisations, { name: 'Analog Devices', kind: 'manufacturer', country: 'US', visibility: 'public' });
  const src = await evidence.create(db.db, S, evidence.sources, { kind: 'research_report', title: 'Report', url: 'https://example.invalid/r', publishedOn: '2024-05-01', language: 'en', visibility: 'public' });
  const inc = await evidence.create(db.db, S, evidence.incidents, { title: 'Strike', occurredFrom: '2024-01-02', placeName: 'Kharkiv', weaponTypes: ['KN-23'], sourceIds: [src.id], visibility: 'public' });
  const item = await evidence.create(db.db, S, evidence.items, { label: 'Remnant', incidentId: inc.id, visibility: 'public' });
  await evidence.create(db.db, S, evidence.components, { itemId: item.id, markingRaw: 'ADI AD9361', makerId: maker.id, partNumber: 'AD9361', visibility: 'public' });
  await evidence.create(db.db, S, evidence.components, { itemId: item.id, markingRaw: 'ADI AD9364', makerId: maker.id, partNumber: 'AD9364' });
  // A designation a reviewer confirmed in screening, and one still pending (not exported).
  const list = await db.pool.query(`INSERT INTO sanctions_lists (slug, title, format, source_name, source_sha256, imported_by)
    VALUES ('un_sc_sanctions', 'UN Security Council consolidated list', 'un', 'un.xml', repeat('a', 64), $1) RETURNING id`, [S.id]);
  const entity = await db.pool.query(`INSERT INTO sanctions_entities (list_id, reference, schema, caption, names, programmes, listed_on)
    VALUES ($1, 'KPe.001', 'Organization', 'STATE HOLDING', '[]', '["DPRK"]', '2009-04-24') RETURNING id`, [list.rows[0].id]);
  for (const [status, org] of [['confirmed', holding.id], ['pending', maker.id]] as const) {
    await db.pool.query(`INSERT INTO screening_matches (organisation_id, list_id, entity_reference, entity_id, entity_caption, score, explanation, status)
      VALUES ($1, $2, 'KPe.001', $3, 'STATE HOLDING', 0.97, '{}', $4)`, [org, list.rows[0].id, entity.rows[0].id, status]);
  }
});

describe('FollowTheMoney export', () => {
  it('writes entities valid against the FtM model, with the evidence relations', async () => {
    const all = await entities(db, SYSTEM_ACTOR);
    expect(problemsOf(all)).toEqual([]);
    const schemas = all.map((e) => e.schema);
    for (const s of ['Company', 'PublicBody', 'Organization', 'Ownership', 'Document', 'Event', 'Documentation', 'UnknownLink', 'Sanction']) expect(schemas).toContain(s);
    const sanctions = all.filter((e) => e.schema === 'Sanction');
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0]!.properties).toMatchObject({ authority: ['UN Security Council consolidated list'], authorityId: ['KPe.001'], program: ['DPRK'], listingDate: ['2009-04-24'] });
    expect(all.find((e) => e.id === sanctions[0]!.properties.entity![0])!.properties.name).toEqual(['State Holding']);
    const link = all.find((e) => e.schema === 'UnknownLink')!;
    expect(link.properties.description![0]).toMatch(/2 component\(s\) in 1 recovered item\(s\); part numbers: AD9361, AD9364/);
    const event = all.find((e) => e.schema === 'Event')!;
    expect(event.properties.involved).toEqual([link.properties.subject![0]]);
    // Stable ids: exporting again gives the same entities.
    expect((await entities(db, SYSTEM_ACTOR)).map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
  });

  it('the public export holds only public records, and names no withheld one', async () => {
    const pub = await entities(db, null);
    expect(problemsOf(pub)).toEqual([]);
    const names = pub.flatMap((e) => e.properties.name ?? []);
    expect(names).not.toContain('Example Trading Co');
    expect(names).not.toContain('Institute 5');
    expect(names).toContain('Hidden Sub');
    expect(pub.some((e) => e.schema === 'Sanction')).toBe(false);
    expect(JSON.stringify(pub)).not.toContain('Example Trading');
    // The internal component is not counted for the public.
    expect(pub.find((e) => e.schema === 'UnknownLink')!.properties.description![0]).toMatch(/^1 component/);
  });
});
