import { SYSTEM_ACTOR } from '../access/index.js';
import { dayFromYmd, isoOfDay, timestampOf } from './dates.js';
import { DATE_RULES, KINDS, MAKERS, PRINTING_MAKERS, PRINTING_WEIGHTS, type DateRule, type Part, type SynthMaker } from './makers.js';
import { printMarking } from './markings.js';
import { Rng, rngFor, synthUuid } from './prng.js';

/**
 * The synthetic data generator: pure and deterministic. Every record is a function of the seed
 * and its index (see `prng.ts`), so the same seed gives the same records, in any order, on any
 * machine. Every record is marked synthetic: `illustrative = true` and an `external_id` of the form
 * `synth:<seed>:<kind>:<index>`.
 */

export interface SynthOptions {
  components: number;
  items: number;
  seed: number;
  /** Defaults: one incident per three items, one source per two incidents, one claim per incident. */
  incidents?: number;
  sources?: number;
  claims?: number;
  distributors?: number;
}

type Visibility = 'restricted' | 'internal' | 'public';

export interface SynthPlan {
  seed: number;
  counts: {
    organisations: number;
    makers: number;
    distributors: number;
    sources: number;
    claims: number;
    incidents: number;
    items: number;
    components: number;
  };
  /** Per incident: the day it happened and its main weapon (index into WEAPONS). */
  incidentDay: Int32Array;
  incidentWeapon: Uint8Array;
  /** Per item: its incident, recovery day and visibility; components of item j are [itemStart[j], itemStart[j+1]). */
  itemIncident: Int32Array;
  itemRecoveredDay: Int32Array;
  itemVisibility: Uint8Array;
  itemStart: Float64Array;
}

export const SYNTH_PREFIX = 'synth:';
const SYSTEM = SYSTEM_ACTOR.id;
const VISIBILITIES: readonly Visibility[] = ['restricted', 'internal', 'public'];

export function externalId(seed: number, kind: string, index: number): string {
  return `${SYNTH_PREFIX}${seed}:${kind}:${index}`;
}
export function recordId(seed: number, kind: string, index: number): string {
  return synthUuid(seed, kind, index);
}

// ---------------------------------------------------------------------------------------------
// Time and space

/** Russia's full-scale invasion began on 2022-02-24; the generated period ends mid-2025. */
const PERIOD_START = dayFromYmd(2022, 2, 24);
const PERIOD_END = dayFromYmd(2025, 6, 30);
/** North Korean KN-23/KN-24 missiles were first reported fired at Ukraine around the turn of 2024. */
const KN23_START = dayFromYmd(2023, 12, 30);
const DENSE_FROM = dayFromYmd(2024, 1, 1);
const DENSE_TO = dayFromYmd(2025, 3, 31);

interface Weapon {
  model: string;
  family: string;
  from: number;
  weight: number;
}
export const WEAPONS: readonly Weapon[] = [
  { model: 'KN-23', family: 'Hwasong-11 short-range ballistic missile', from: KN23_START, weight: 6 },
  { model: 'KN-24', family: 'Hwasong-11 short-range ballistic missile', from: KN23_START, weight: 2 },
  { model: 'Iskander-M (9M723)', family: 'short-range ballistic missile', from: PERIOD_START, weight: 3 },
  { model: 'Kh-101', family: 'air-launched cruise missile', from: PERIOD_START, weight: 3 },
  { model: 'Shahed-136 (Geran-2)', family: 'one-way attack UAV', from: dayFromYmd(2022, 9, 13), weight: 4 },
  { model: 'Kh-47M2 Kinzhal', family: 'air-launched ballistic missile', from: PERIOD_START, weight: 1 },
];
const KP_WEAPONS = new Set([0, 1]);

/** Places struck most often, with a weight; incidents scatter around them. */
const PLACES: readonly { name: string; lat: number; lon: number; weight: number }[] = [
  { name: 'Kyiv', lat: 50.45, lon: 30.524, weight: 10 },
  { name: 'Kharkiv', lat: 49.994, lon: 36.231, weight: 12 },
  { name: 'Zaporizhzhia', lat: 47.838, lon: 35.139, weight: 8 },
  { name: 'Dnipro', lat: 48.464, lon: 35.046, weight: 6 },
  { name: 'Odesa', lat: 46.482, lon: 30.723, weight: 6 },
  { name: 'Mykolaiv', lat: 46.975, lon: 31.995, weight: 4 },
  { name: 'Kherson', lat: 46.636, lon: 32.617, weight: 4 },
  { name: 'Sumy', lat: 50.907, lon: 34.798, weight: 3 },
  { name: 'Kramatorsk', lat: 48.723, lon: 37.556, weight: 3 },
  { name: 'Kryvyi Rih', lat: 47.91, lon: 33.392, weight: 3 },
  { name: 'Pokrovsk', lat: 48.282, lon: 37.176, weight: 2 },
  { name: 'Chernihiv', lat: 51.498, lon: 31.289, weight: 2 },
  { name: 'Poltava', lat: 49.589, lon: 34.551, weight: 2 },
  { name: 'Vinnytsia', lat: 49.233, lon: 28.468, weight: 2 },
  { name: 'Lviv', lat: 49.84, lon: 24.03, weight: 2 },
  { name: 'Cherkasy', lat: 49.444, lon: 32.06, weight: 1 },
  { name: 'Zhytomyr', lat: 50.254, lon: 28.658, weight: 1 },
  { name: 'Kropyvnytskyi', lat: 48.508, lon: 32.262, weight: 1 },
  { name: 'Khmelnytskyi', lat: 49.422, lon: 26.987, weight: 1 },
  { name: 'Ternopil', lat: 49.553, lon: 25.595, weight: 1 },
  { name: 'Rivne', lat: 50.619, lon: 26.251, weight: 1 },
  { name: 'Lutsk', lat: 50.747, lon: 25.325, weight: 1 },
  { name: 'Ivano-Frankivsk', lat: 48.922, lon: 24.711, weight: 1 },
];
const PLACE_WEIGHTS = PLACES.map((p) => p.weight);
/** Ukraine's bounding box; scattered points are clamped into it. */
export const UKRAINE_BBOX = { minLat: 44.38, maxLat: 52.38, minLon: 22.14, maxLon: 40.23 };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------
// The plan: the few per-record facts other records depend on, computed once.

export function plan(opts: SynthOptions): SynthPlan {
  const { seed } = opts;
  const components = Math.max(0, Math.floor(opts.components));
  const items = Math.max(components > 0 ? 1 : 0, Math.floor(opts.items));
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('seed must be a non-negative integer');
  const incidents = opts.incidents ?? Math.max(items > 0 ? 1 : 0, Math.ceil(items / 3));
  const sources = opts.sources ?? Math.max(incidents > 0 ? 1 : 0, Math.ceil(incidents / 2));
  const claims = opts.claims ?? incidents;
  const distributors = opts.distributors ?? Math.max(5, Math.ceil(items / 25));
  if (items > 0 && incidents === 0) throw new Error('items need at least one incident');
  if (claims > 0 && sources === 0) throw new Error('claims need at least one source');

  const incidentDay = new Int32Array(incidents);
  const incidentWeapon = new Uint8Array(incidents);
  for (let k = 0; k < incidents; k++) {
    const r = rngFor(seed, 'incident.when', k);
    const day = r.chance(0.5) ? r.int(PERIOD_START, PERIOD_END) : r.int(DENSE_FROM, DENSE_TO);
    incidentDay[k] = day;
    const weights = WEAPONS.map((w) => (day >= w.from ? w.weight : 0));
    incidentWeapon[k] = r.weighted(WEAPONS.map((_, i) => i), weights);
  }

  const itemIncident = new Int32Array(items);
  const itemRecoveredDay = new Int32Array(items);
  const itemVisibility = new Uint8Array(items);
  const weights = new Float64Array(items);
  let total = 0;
  for (let j = 0; j < items; j++) {
    const r = rngFor(seed, 'item.plan', j);
    const k = Math.min(incidents - 1, Math.floor((j * incidents) / items));
    itemIncident[j] = k;
    itemRecoveredDay[j] = Math.min(PERIOD_END + 30, incidentDay[k]! + r.int(0, 20));
    itemVisibility[j] = VISIBILITIES.indexOf(r.weighted(VISIBILITIES, [5, 60, 35]));
    // Items differ in size: a guidance section holds hundreds of parts, a fragment a handful.
    weights[j] = Math.exp(r.normal() * 0.5);
    total += weights[j]!;
  }
  // Every item gets at least one component when there are enough to go round.
  const itemStart = new Float64Array(items + 1);
  const base = components >= items ? 1 : 0;
  const spread = components - base * items;
  let cum = 0;
  for (let j = 0; j < items; j++) {
    itemStart[j] = j * base + Math.floor((spread * cum) / total);
    cum += weights[j]!;
  }
  itemStart[items] = components;

  return {
    seed,
    counts: { organisations: MAKERS.length + distributors, makers: MAKERS.length, distributors, sources, claims, incidents, items, components },
    incidentDay,
    incidentWeapon,
    itemIncident,
    itemRecoveredDay,
    itemVisibility,
    itemStart,
  };
}

/** The item holding component `i` (binary search over the item boundaries). */
export function itemOfComponent(p: SynthPlan, i: number): number {
  let lo = 0;
  let hi = p.counts.items - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.itemStart[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function stamps(day: number, r: Rng): { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string } {
  const at = timestampOf(day, r.int(6 * 3600, 20 * 3600));
  return { createdAt: at, updatedAt: at, createdBy: SYSTEM, updatedBy: SYSTEM };
}

// ---------------------------------------------------------------------------------------------
// Records, one function each. Keys are the camelCase of the table's columns; a `truth` key (not a
// column) carries what the generator knows and a decoder should find.

export type SynthRecord = Record<string, unknown>;

const COUNTRIES_OF_TRADE = ['CN', 'HK', 'AE', 'TR', 'RU', 'KZ', 'AM', 'KG', 'IN', 'SG', 'UZ', 'RS'];
const COUNTRY_WEIGHTS = [30, 25, 10, 8, 10, 4, 3, 3, 3, 4, 2, 2];

export function organisation(p: SynthPlan, index: number): SynthRecord {
  const r = rngFor(p.seed, 'organisation', index);
  const base = { externalId: externalId(p.seed, 'organisation', index), illustrative: true, ...stamps(dayFromYmd(2024, 1, 15) + (index % 200), r) };
  if (index < MAKERS.length) {
    const m = MAKERS[index]!;
    const parentIndex = m.parent ? MAKERS.findIndex((x) => x.key === m.parent!.key) : -1;
    return {
      id: recordId(p.seed, 'organisation', index),
      name: m.name,
      aliases: [...m.aliases],
      kind: 'manufacturer',
      country: m.country,
      parentId: parentIndex >= 0 ? recordId(p.seed, 'organisation', parentIndex) : null,
      parentFrom: m.parent?.from ?? null,
      parentTo: null,
      website: m.website,
      notes: 'Synthetic record (remnant synth); the maker is real, the record is illustrative.',
      visibility: 'public',
      ...base,
    };
  }
  const n = index - MAKERS.length + 1;
  const country = r.weighted(COUNTRIES_OF_TRADE, COUNTRY_WEIGHTS);
  return {
    id: recordId(p.seed, 'organisation', index),
    // Names are obviously invented: a synthetic record must never look like an accusation of a real company.
    name: `Synthetic Components Trading ${n} (${country})`,
    aliases: r.chance(0.3) ? [`SCT-${n}`] : [],
    kind: r.chance(0.7) ? 'distributor' : 'broker',
    country,
    parentId: null,
    parentFrom: null,
    parentTo: null,
    website: null,
    notes: 'Synthetic record (remnant synth); invented company.',
    visibility: r.weighted(VISIBILITIES, [10, 70, 20]),
    ...base,
  };
}

const PUBLISHERS = ['Synthetic Wire', 'Example Defence Review', 'Illustrative Monitoring Group'];
const SPEAKERS: readonly [string, string][] = [
  ['spokesperson', 'Air Force of the Armed Forces of Ukraine'],
  ['prosecutor', "Office of the Prosecutor General of Ukraine"],
  ['regional governor', 'Regional Military Administration'],
  ['spokesperson', 'Defence Intelligence of Ukraine'],
];

export function source(p: SynthPlan, index: number): SynthRecord {
  const r = rngFor(p.seed, 'source', index);
  const k = Math.min(p.counts.incidents - 1, index * 2);
  const day = (p.incidentDay[k] ?? PERIOD_START) + r.int(0, 3);
  const weapon = WEAPONS[p.incidentWeapon[k] ?? 0]!.model;
  const kind = r.weighted(['news_report', 'official_statement', 'research_report'] as const, [6, 3, 1]);
  return {
    id: recordId(p.seed, 'source', index),
    kind,
    title: `Synthetic ${kind.replace('_', ' ')} ${index + 1}: ${weapon} strikes (${isoOfDay(day)})`,
    publisher: r.pick(PUBLISHERS),
    author: null,
    url: `https://example.org/synth/${p.seed}/source/${index}`,
    publishedOn: isoOfDay(day),
    language: r.chance(0.7) ? 'en' : 'uk',
    summary: `Synthetic source generated by remnant synth (seed ${p.seed}); it reports ${weapon} strikes and is not a real publication.`,
    externalId: externalId(p.seed, 'source', index),
    illustrative: true,
    visibility: r.weighted(VISIBILITIES, [5, 35, 60]),
    ...stamps(day + 1, r),
  };
}

export function claim(p: SynthPlan, index: number): SynthRecord {
  const r = rngFor(p.seed, 'claim', index);
  const k = index % Math.max(1, p.counts.incidents);
  const day = p.incidentDay[k] ?? PERIOD_START;
  const weapon = WEAPONS[p.incidentWeapon[k] ?? 0]!.model;
  const place = placeOf(p, k).name;
  const [speaker, organisationName] = r.pick(SPEAKERS);
  const status = r.weighted(['unverified', 'corroborated', 'disputed'] as const, [80, 15, 5]);
  const quantity = r.int(1, 8);
  const qualifier = r.weighted(['exact', 'at_least', 'about'] as const, [6, 3, 1]);
  return {
    id: recordId(p.seed, 'claim', index),
    sourceId: recordId(p.seed, 'source', Math.min(p.counts.sources - 1, Math.floor(k / 2))),
    speaker: `Synthetic ${speaker}`,
    speakerOrganisation: organisationName,
    saidOn: isoOfDay(day + r.int(0, 2)),
    quantity,
    quantityQualifier: qualifier,
    countsWhat: 'missiles launched',
    weaponType: weapon,
    place,
    eventFrom: isoOfDay(day),
    eventTo: isoOfDay(day),
    quotedText: `(synthetic) ${qualifier === 'exact' ? '' : qualifier.replace('_', ' ') + ' '}${quantity} ${weapon} launched at ${place}.`,
    status,
    statusReason: status === 'unverified' ? null : status === 'corroborated' ? 'synthetic: matched recovered debris' : 'synthetic: other sources give a different count',
    statusBy: status === 'unverified' ? null : SYSTEM,
    statusAt: status === 'unverified' ? null : timestampOf(day + 10, 43200),
    externalId: externalId(p.seed, 'claim', index),
    illustrative: true,
    visibility: r.weighted(VISIBILITIES, [5, 45, 50]),
    ...stamps(day + 2, r),
  };
}

function placeOf(p: SynthPlan, k: number): { name: string; lat: number; lon: number; precision: string } {
  const r = rngFor(p.seed, 'incident.where', k);
  const place = r.weighted(PLACES, PLACE_WEIGHTS);
  // Most strikes land in or near a city; some far out, to spread over the country.
  const sigma = r.chance(0.8) ? 0.08 : 0.6;
  const lat = round(clamp(place.lat + r.normal() * sigma, UKRAINE_BBOX.minLat, UKRAINE_BBOX.maxLat), 4);
  const lon = round(clamp(place.lon + r.normal() * sigma * 1.5, UKRAINE_BBOX.minLon, UKRAINE_BBOX.maxLon), 4);
  const precision = r.weighted(['exact', 'vicinity', 'locality', 'region'], [2, 3, 4, 1]);
  return { name: sigma > 0.1 ? `${place.name} oblast` : place.name, lat, lon, precision };
}

export function incident(p: SynthPlan, k: number): SynthRecord {
  const r = rngFor(p.seed, 'incident', k);
  const day = p.incidentDay[k]!;
  const weapon = WEAPONS[p.incidentWeapon[k]!]!;
  const where = placeOf(p, k);
  const weaponTypes = [weapon.model];
  if (r.chance(0.25)) {
    const other = r.pick(WEAPONS.filter((w) => w.from <= day && w.model !== weapon.model));
    weaponTypes.push(other.model);
  }
  return {
    id: recordId(p.seed, 'incident', k),
    title: `Synthetic incident ${k + 1}: ${weapon.model} strike, ${where.name}`,
    occurredFrom: isoOfDay(day),
    occurredTo: r.chance(0.2) ? isoOfDay(day + 1) : null,
    placeName: where.name,
    lat: where.lat,
    lon: where.lon,
    locationPrecision: where.precision,
    locationSensitive: r.chance(0.1),
    weaponTypes,
    description: `Synthetic incident generated by remnant synth (seed ${p.seed}).`,
    externalId: externalId(p.seed, 'incident', k),
    illustrative: true,
    visibility: r.weighted(VISIBILITIES, [5, 45, 50]),
    ...stamps(day + 1, r),
  };
}

const ITEM_PARTS = ['guidance section', 'inertial navigation unit', 'on-board computer', 'control electronics', 'power supply unit', 'fragment'];

export function item(p: SynthPlan, j: number): SynthRecord {
  const r = rngFor(p.seed, 'item', j);
  const k = p.itemIncident[j]!;
  const weapon = WEAPONS[p.incidentWeapon[k]!]!;
  const where = placeOf(p, k);
  const recovered = p.itemRecoveredDay[j]!;
  const part = r.pick(ITEM_PARTS);
  return {
    id: recordId(p.seed, 'item', j),
    label: `SYN-${p.seed}-${j + 1}: ${weapon.model} ${part}`,
    incidentId: recordId(p.seed, 'incident', k),
    weaponModel: weapon.model,
    weaponFamily: weapon.family,
    identificationConfidence: r.weighted(['confirmed', 'probable', 'possible', 'unknown'], [4, 3, 2, 1]),
    recoveredOn: isoOfDay(recovered),
    recoveredPlace: where.name,
    recoveredLat: round(where.lat + r.normal() * 0.01, 4),
    recoveredLon: round(where.lon + r.normal() * 0.01, 4),
    productionMarks: KP_WEAPONS.has(p.incidentWeapon[k]!) && r.chance(0.4) ? `주체${r.int(111, 113)}` : null,
    usedOn: isoOfDay(p.incidentDay[k]!),
    description: `Synthetic item generated by remnant synth (seed ${p.seed}).`,
    externalId: externalId(p.seed, 'item', j),
    illustrative: true,
    visibility: VISIBILITIES[p.itemVisibility[j]!],
    ...stamps(recovered + r.int(1, 30), r),
  };
}

const SUB_ASSEMBLIES: Record<string, readonly string[]> = {
  microcontroller: ['on-board computer', 'guidance computer', 'servo controller'],
  processor: ['on-board computer', 'guidance computer'],
  FPGA: ['on-board computer', 'satellite navigation receiver'],
  memory: ['on-board computer'],
  'GNSS receiver module': ['satellite navigation receiver'],
  'MEMS sensor': ['inertial navigation unit'],
  'inertial measurement unit': ['inertial navigation unit'],
  'RF transceiver': ['satellite navigation receiver', 'telemetry'],
  'electric motor': ['control actuators'],
  connector: ['wiring harness', 'control actuators'],
};
const DEFAULT_SUBS = ['power supply', 'on-board computer', 'servo controller', 'telemetry'];

export interface ComponentTruth {
  makerKey: string;
  rule: DateRule;
  /** The day the part was made (ISO date); the printed window contains it. */
  producedOn: string;
}

/** The maker and part of component `i`; the first components cover every date rule once. */
function makerAndPart(p: SynthPlan, r: Rng, i: number, kpAllowed: boolean): { maker: SynthMaker; part: Part } {
  let maker: SynthMaker;
  if (i < DATE_RULES.length) {
    maker = PRINTING_MAKERS.find((m) => m.rule === DATE_RULES[i])!;
  } else {
    maker = r.weighted(PRINTING_MAKERS, kpAllowed ? PRINTING_WEIGHTS : PRINTING_WEIGHTS.map((w, x) => (PRINTING_MAKERS[x]!.country === 'KP' ? 0 : w)));
  }
  return { maker, part: r.pick(maker.parts) };
}

export function component(p: SynthPlan, i: number, j: number = itemOfComponent(p, i)): SynthRecord & { truth: ComponentTruth } {
  const r = rngFor(p.seed, 'component', i);
  const weaponIndex = p.incidentWeapon[p.itemIncident[j]!]!;
  const { maker, part } = makerAndPart(p, r, i, KP_WEAPONS.has(weaponIndex));
  const kind = KINDS[part.kind];
  const recovered = p.itemRecoveredDay[j]!;
  // Boards are built at least weeks before the weapon is used; recent production is likelier.
  const earliest = dayFromYmd(Math.max(part.introduced, 2005), 1, 1);
  const latest = recovered - 45;
  const produced = latest <= earliest ? latest : earliest + Math.floor((latest - earliest) * Math.sqrt(r.next()));
  const marking = printMarking(r, maker, part, produced);
  const makerIndex = MAKERS.indexOf(maker);
  const itemVis = VISIBILITIES[p.itemVisibility[j]!]!;
  const visibility = itemVis === 'public' && r.chance(0.15) ? 'internal' : itemVis;
  return {
    id: recordId(p.seed, 'component', i),
    itemId: recordId(p.seed, 'item', j),
    subAssembly: r.pick(SUB_ASSEMBLIES[kind.category] ?? DEFAULT_SUBS),
    position: `${kind.designator}${r.int(1, 120)}`,
    markingRaw: marking.text,
    partNumber: part.partNumber,
    makerId: recordId(p.seed, 'organisation', makerIndex),
    makerCountry: maker.country,
    dateCodeText: marking.dateLine,
    productionFrom: isoOfDay(marking.from),
    // What a decoder keeps: nothing on a weapon was made after it was recovered.
    productionTo: isoOfDay(Math.min(marking.to, recovered)),
    lot: marking.lot,
    category: kind.category,
    hs6: kind.hs6,
    chplTier: kind.chplTier,
    quantity: 1,
    externalId: externalId(p.seed, 'component', i),
    illustrative: true,
    visibility,
    ...stamps(recovered + r.int(5, 60), r),
    truth: { makerKey: maker.key, rule: marking.rule, producedOn: isoOfDay(produced) },
  };
}

/** Components in index order (tracking the item boundary instead of searching for it). */
export function* components(p: SynthPlan, from = 0, to = p.counts.components): Generator<ReturnType<typeof component>> {
  let j = from < to ? itemOfComponent(p, from) : 0;
  for (let i = from; i < to; i++) {
    while (j + 1 < p.counts.items && p.itemStart[j + 1]! <= i) j++;
    yield component(p, i, j);
  }
}

/** Link rows: each incident cites the source that reported it and the claim about it. */
export function incidentSource(p: SynthPlan, k: number): SynthRecord {
  return { incidentId: recordId(p.seed, 'incident', k), sourceId: recordId(p.seed, 'source', Math.min(p.counts.sources - 1, Math.floor(k / 2))) };
}
export function incidentClaim(p: SynthPlan, k: number): SynthRecord {
  return { incidentId: recordId(p.seed, 'incident', k), claimId: recordId(p.seed, 'claim', k) };
}

// ---------------------------------------------------------------------------------------------
// Cases (migration 0020): one case holding everything generated, one holding the KN-23/KN-24 strikes.

export function caseCount(p: SynthPlan): number {
  return p.counts.incidents === 0 ? 0 : 2;
}

export function caseRecord(p: SynthPlan, index: number): SynthRecord {
  const r = rngFor(p.seed, 'case', index);
  const all = index === 0;
  return {
    id: recordId(p.seed, 'case', index),
    title: all ? `Synthetic case (seed ${p.seed}): missile and drone strikes on Ukraine, 2022–2025` : `Synthetic case (seed ${p.seed}): KN-23/KN-24 strikes`,
    summary: 'Synthetic case generated by remnant synth for benchmarks and demonstrations; every record in it is illustrative.',
    status: 'open',
    externalId: externalId(p.seed, 'case', index),
    illustrative: true,
    visibility: 'internal',
    ...stamps(dayFromYmd(2024, 1, 10) + index, r),
  };
}

function inCase(p: SynthPlan, caseIndex: number, incidentIndex: number): boolean {
  return caseIndex === 0 || KP_WEAPONS.has(p.incidentWeapon[incidentIndex]!);
}

/** Case membership links, in case order: incidents, items, sources and claims. */
export function* caseIncidents(p: SynthPlan): Generator<SynthRecord> {
  for (let c = 0; c < caseCount(p); c++) {
    for (let k = 0; k < p.counts.incidents; k++) if (inCase(p, c, k)) yield { caseId: recordId(p.seed, 'case', c), incidentId: recordId(p.seed, 'incident', k) };
  }
}
export function* caseItems(p: SynthPlan): Generator<SynthRecord> {
  for (let c = 0; c < caseCount(p); c++) {
    for (let j = 0; j < p.counts.items; j++) if (inCase(p, c, p.itemIncident[j]!)) yield { caseId: recordId(p.seed, 'case', c), itemId: recordId(p.seed, 'item', j) };
  }
}
export function* caseSources(p: SynthPlan): Generator<SynthRecord> {
  for (let c = 0; c < caseCount(p); c++) {
    for (let s = 0; s < p.counts.sources; s++) if (inCase(p, c, Math.min(p.counts.incidents - 1, s * 2))) yield { caseId: recordId(p.seed, 'case', c), sourceId: recordId(p.seed, 'source', s) };
  }
}
export function* caseClaims(p: SynthPlan): Generator<SynthRecord> {
  for (let c = 0; c < caseCount(p); c++) {
    for (let k = 0; k < p.counts.claims; k++) if (inCase(p, c, k % p.counts.incidents)) yield { caseId: recordId(p.seed, 'case', c), claimId: recordId(p.seed, 'claim', k) };
  }
}
