import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { recordWrite, type Audited } from '../audit/index.js';
import { CLAIMS, TOPICS } from './kn23/claims.js';
import { INCIDENTS } from './kn23/incidents.js';
import { ITEMS, componentsOf } from './kn23/items.js';
import { MAKERS } from './kn23/makers.js';
import { SOURCES } from './kn23/sources.js';
import { ukrainianName } from './kn23/names-uk.js';

/**
 * The KN-23/KN-24 demo case: DPRK ballistic missiles fired by Russia at Ukraine in 2024. Loaded
 * once, on first start, inside the caller's transaction (src/demo/index.ts), as the system account,
 * with one audit entry for the whole load.
 *
 * What is documented and what is not: sources, incidents and claims come from the five reports and
 * the published figures (case data in ./kn23/), summarised in our own words. The remnants (items)
 * and their components are ILLUSTRATIVE — the component lists behind the published figures are not
 * public — and are stored with `illustrative = true` so no view can pass them off as evidence.
 *
 * Loading is set-based: one multi-row insert per table (components in chunks), ids generated here
 * so that links can be written without a round trip per record.
 */
export const DEMO_PREFIX = 'demo-kn23';
const CASE_TITLE = 'DPRK ballistic missiles used against Ukraine';
const COMPONENT_CHUNK = 500;

const ext = (...parts: string[]) => [DEMO_PREFIX, ...parts].join(':');

export interface DemoLoadResult {
  caseId: string;
  counts: Record<string, number>;
}

export async function loadDemoCase(trx: Audited<DB>): Promise<string> {
  const r = await loadDemoRecords(trx);
  const c = r.counts;
  return `KN-23/KN-24 case "${CASE_TITLE}": ${c.sources} sources, ${c.incidents} incidents, ${c.claims} claims in ${c.topics} topics; ` +
    `${c.items} items and ${c.components} component records (${c.units} units) marked illustrative; ${c.organisationsCreated} makers added`;
}

export async function loadDemoRecords(trx: Audited<DB>): Promise<DemoLoadResult> {
  const actor = SYSTEM_ACTOR;
  const by = { createdBy: actor.id, updatedBy: actor.id };

  // Makers: reuse an organisation that already carries the name (e.g. created from a marking),
  // create the rest. Parent links are written only on records created here: an existing record's
  // ownership is someone's statement, not the demo's to overwrite.
  const names = MAKERS.flatMap((m) => [m.name, ...m.aliases].map((n) => n.toLowerCase()));
  const existing = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'aliases'])
    .where((eb) => eb.or([eb(sql`lower(name)`, 'in', names), eb(sql`aliases`, '&&', sql`${[...new Set(MAKERS.flatMap((m) => [m.name, ...m.aliases]))]}::text[]`)]))
    .execute();
  const orgId = new Map<string, string>();
  for (const m of MAKERS) {
    const mine = new Set([m.name, ...m.aliases].map((n) => n.toLowerCase()));
    const hit = existing.find((e) => mine.has(String(e.name).toLowerCase()) || e.aliases.some((a) => mine.has(a.toLowerCase())));
    if (hit) orgId.set(m.key, hit.id);
  }
  const toCreate = MAKERS.filter((m) => !orgId.has(m.key));
  for (const m of toCreate) orgId.set(m.key, randomUUID());
  if (toCreate.length) {
    await trx.insertInto('organisations').values(toCreate.map((m) => ({
      id: orgId.get(m.key), name: m.name, aliases: m.aliases, kind: 'manufacturer', country: m.country,
      parentId: m.parent ? orgId.get(m.parent.key) : null, parentFrom: m.parent?.from ?? null,
      notes: [m.parent ? `Parent since ${m.parent.from} (date approximate).` : null, m.parent?.note ?? null, 'Added with the KN-23 demo case; headquarters and ownership as publicly known.']
        .filter(Boolean).join(' '),
      externalId: ext('org', m.key), visibility: 'public', ...by,
    }))).execute();
  }

  const sourceId = new Map(SOURCES.map((s) => [s.key, randomUUID()]));
  await trx.insertInto('sources').values(SOURCES.map((s) => ({
    id: sourceId.get(s.key), kind: s.kind, title: s.title, publisher: s.publisher, author: s.author, publishedOn: s.publishedOn,
    language: 'en', summary: s.summary, externalId: ext('source', s.key), visibility: 'public', ...by,
  }))).execute();

  const incidentId = new Map(INCIDENTS.map((i) => [i.key, randomUUID()]));
  await trx.insertInto('incidents').values(INCIDENTS.map((i) => ({
    id: incidentId.get(i.key), title: i.title, occurredFrom: i.occurredFrom, occurredTo: i.occurredTo, placeName: i.placeName, placeNameUk: ukrainianName(i.placeName),
    lat: i.lat, lon: i.lon, locationPrecision: i.lat === null ? null : 'locality', weaponTypes: i.weaponTypes, description: i.description,
    externalId: ext('incident', i.key), visibility: 'public', ...by,
  }))).execute();
  await trx.insertInto('incidentSources').values(INCIDENTS.flatMap((i) => i.sources.map((s) => ({ incidentId: need(incidentId, i.key), sourceId: need(sourceId, s) })))).execute();

  const caseId = randomUUID();
  await trx.insertInto('cases').values({
    id: caseId, title: CASE_TITLE,
    summary: 'North Korean KN-23/KN-24 ballistic missiles fired by Russia at Ukraine from December 2023, and the foreign electronics found in their debris. ' +
      'Sources, incidents and claims are documented by the reports listed; the remnants and their component records are illustrative, ' +
      'built so that every finding can be tried out — they are not the evidence behind the published figures.',
    externalId: ext('case'), visibility: 'public', ...by,
  }).execute();

  const itemId = new Map(ITEMS.map((i) => [i.key, randomUUID()]));
  await trx.insertInto('items').values(ITEMS.map((i) => ({
    id: itemId.get(i.key), label: i.label, incidentId: need(incidentId, i.incident), weaponModel: i.weaponModel, weaponFamily: i.weaponFamily,
    identificationConfidence: i.identificationConfidence, recoveredPlace: i.recoveredPlace, recoveredPlaceUk: ukrainianName(i.recoveredPlace), productionMarks: i.productionMarks, usedOn: i.usedOn,
    description: i.description, externalId: ext('item', i.key), illustrative: true, visibility: 'public', ...by,
  }))).execute();

  const topicId = new Map(TOPICS.map((t) => [t.key, randomUUID()]));
  await trx.insertInto('claimTopics').values(TOPICS.map((t) => ({
    id: topicId.get(t.key), caseId, title: t.title, kind: t.kind, unit: t.unit ?? null, cumulative: t.cumulative ?? false, description: t.description ?? null,
    findingMetric: t.finding?.metric ?? null,
    findingItemId: t.finding?.item ? need(itemId, t.finding.item) : null,
    findingIncidentId: t.finding?.incident ? need(incidentId, t.finding.incident) : null,
    externalId: ext('topic', t.key), visibility: 'public', ...by,
  }))).execute();

  const claimIds = CLAIMS.map(() => randomUUID());
  await trx.insertInto('claims').values(CLAIMS.map((c, n) => ({
    id: claimIds[n], sourceId: need(sourceId, c.source), topicId: need(topicId, c.topic), speaker: c.speaker ?? null, speakerUk: ukrainianName(c.speaker), speakerOrganisation: c.org ?? null,
    saidOn: c.saidOn ?? null, saidOnPrecision: c.precision ?? 'day', quantity: c.quantity ?? null,
    quantityQualifier: c.quantity === undefined ? null : (c.qualifier ?? 'exact'), countsWhat: c.countsWhat ?? null, weaponType: c.weaponType ?? null,
    place: c.place ?? null, placeUk: ukrainianName(c.place), eventFrom: c.eventFrom ?? null, eventTo: c.eventTo ?? null, statement: c.statement, quotedText: c.quote ?? null,
    externalId: ext('claim', c.topic, String(n + 1).padStart(3, '0')), visibility: 'public', ...by,
  }))).execute();
  const incidentClaims = claimIds.flatMap((claimId, n) => (CLAIMS[n]?.incidents ?? []).map((i) => ({ incidentId: need(incidentId, i), claimId })));
  if (incidentClaims.length) await trx.insertInto('incidentClaims').values(incidentClaims).execute();

  await trx.insertInto('caseIncidents').values(INCIDENTS.map((i) => ({ caseId, incidentId: need(incidentId, i.key) }))).execute();
  await trx.insertInto('caseItems').values(ITEMS.map((i) => ({ caseId, itemId: need(itemId, i.key) }))).execute();
  await trx.insertInto('caseSources').values(SOURCES.map((s) => ({ caseId, sourceId: need(sourceId, s.key) }))).execute();
  await trx.insertInto('caseClaims').values(claimIds.map((claimId) => ({ caseId, claimId }))).execute();

  const components = ITEMS.flatMap((item, n) => componentsOf(item, 0x4b4e3233 + n));
  for (let i = 0; i < components.length; i += COMPONENT_CHUNK) {
    await trx.insertInto('components').values(components.slice(i, i + COMPONENT_CHUNK).map((c) => ({
      itemId: need(itemId, c.itemKey), subAssembly: c.subAssembly, position: c.position, markingRaw: c.markingRaw, partNumber: c.partNumber,
      makerId: need(orgId, c.makerKey), makerCountry: c.makerCountry, dateCodeText: c.dateCodeText, productionFrom: c.productionFrom,
      productionTo: c.productionTo, lot: c.lot, category: c.category, hs6: c.hs6, chplTier: c.chplTier, quantity: c.quantity,
      notes: 'Illustrative record (demo data): not documented evidence.', externalId: c.externalId, illustrative: true, visibility: 'public', ...by,
    }))).execute();
  }

  const counts = {
    organisationsCreated: toCreate.length, organisationsReused: MAKERS.length - toCreate.length, sources: SOURCES.length, incidents: INCIDENTS.length,
    topics: TOPICS.length, claims: CLAIMS.length, items: ITEMS.length, components: components.length,
    units: components.reduce((a, c) => a + c.quantity, 0),
  };
  await recordWrite(trx, {
    actorId: actor.id, action: 'demo-load', recordType: 'cases', recordId: caseId,
    after: { demo: DEMO_PREFIX, title: CASE_TITLE, counts, illustrative: ['items', 'components'] },
  });
  return { caseId, counts };
}

function need<T>(map: Map<string, T>, key: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`demo case data: unknown key "${key}"`);
  return v;
}
