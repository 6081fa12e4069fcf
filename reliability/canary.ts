import { randomBytes, randomUUID } from 'node:crypto';
import { api, eachConcurrently, uploadPng, type Instance, type PartResult } from './instance.js';

/**
 * Canary crawl: an analyst makes restricted records of every kind whose text carries a unique
 * string, and internal ones with another; then every GET route of the OpenAPI document is called
 * by the public, a viewer, a field investigator, another analyst and a reviewer — with each canary
 * record's id in every path parameter, and the lists with a search for the canaries' shared word.
 * A leak is the restricted string in any of their answers, or the internal one in the public's.
 * (test/access/canary.test.ts does the same inside the test suite for the public; this one runs
 * against the real server, as every role.)
 */
const WORD = 'Remnantcanary';

type Seeded = { type: string; id: string }[];

async function seed(inst: Instance, visibility: 'restricted' | 'internal', mark: string): Promise<Seeded> {
  const as = api(inst, inst.tokens.analyst);
  const out: Seeded = [];
  const make = async (type: string, body: Record<string, unknown>) => {
    const r = await as('POST', `/api/${type}`, { ...body, visibility });
    if (r.status !== 201) throw new Error(`seeding ${type}: ${r.status} ${r.text.slice(0, 300)}`);
    const id = r.json().id as string;
    out.push({ type, id });
    return id;
  };
  const text = `${WORD} ${mark}`;
  const org = await make('organisations', { name: `Org ${text}`, kind: 'distributor', notes: text, aliases: [mark] });
  const source = await make('sources', { kind: 'news_report', title: `Source ${text}`, summary: text });
  await make('claims', { sourceId: source, quotedText: text, speaker: mark });
  const incident = await make('incidents', { title: `Incident ${text}`, occurredFrom: '2024-01-02', placeName: mark });
  const item = await make('items', { label: `Item ${text}`, incidentId: incident, weaponModel: 'KN-23' });
  await make('custody-events', { itemId: item, holder: text, heldFrom: '2024-02-01T00:00:00Z' });
  const component = await make('components', { itemId: item, markingRaw: `LM358 ${mark}`, notes: text });
  await make('cases', { title: `Case ${text}`, summary: text, itemIds: [item], sourceIds: [source] });
  await make('claim-topics', { title: `Topic ${text}`, kind: 'statement', description: text });
  const tr = await as('POST', '/api/trace-requests', { organisationId: org, componentIds: [component], context: text, notes: mark });
  if (tr.status === 201) out.push({ type: 'trace-requests', id: tr.json().id as string });
  // An evidence file filed under the item, its caption carrying the mark.
  const up = await uploadPng(inst, inst.tokens.analyst, `itemId=${item}&visibility=${visibility}&caption=${encodeURIComponent(text)}`, `${mark}.png`);
  if (up.status === 201) out.push({ type: 'evidence-files', id: ((await up.json()) as { id: string }).id });
  return out;
}

const RECORD_TYPES = ['organisations', 'sources', 'claims', 'incidents', 'items', 'custody-events', 'components', 'cases', 'evidence-files', 'trace-requests', 'claim-topics'];
const EXPORT_FILES = ['components.csv', 'items.jsonl', 'incidents.geojson', 'organisations.csv', 'sources.jsonl', 'claims.csv', 'custody-events.csv', 'all.ftm.jsonl'];

export async function canaryCrawl(inst: Instance, opts: { concurrency: number }): Promise<PartResult> {
  const restrictedMark = `RC${randomBytes(8).toString('hex')}`;
  const internalMark = `IC${randomBytes(8).toString('hex')}`;
  const restricted = await seed(inst, 'restricted', restrictedMark);
  const internal = await seed(inst, 'internal', internalMark);
  const ids = [...restricted, ...internal];
  const doc = (await (await fetch(`${inst.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const urls = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!methods.get) continue;
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    if (params.length === 0) {
      urls.add(path);
      urls.add(`${path}?q=${WORD}&limit=200`);
      for (const s of ids.filter((x) => x.type === 'items' || x.type === 'cases')) urls.add(`${path}?${s.type === 'items' ? 'itemId' : 'caseId'}=${s.id}&limit=200`);
      continue;
    }
    const fill = (p: string, rec: { type: string; id: string }) =>
      p.replace(/\{([^}]+)\}/g, (_, name: string) =>
        name === 'recordType' || name === 'type' ? rec.type : name === 'file' ? EXPORT_FILES[0]! : /id$/i.test(name) ? rec.id : name === 'ref' ? rec.id : 'x');
    for (const rec of ids) urls.add(fill(path, rec));
    if (params.includes('file')) for (const f of EXPORT_FILES) urls.add(path.replace('{file}', f) + `?q=${WORD}`);
    if (params.includes('recordType')) for (const t of RECORD_TYPES) urls.add(path.replace('{recordType}', t).replace(/\{[^}]*id\}/i, randomUUID()));
  }
  const identities: [string, string | null, RegExp][] = [
    ['public', null, new RegExp(`${restrictedMark}|${internalMark}`)],
    ['viewer', inst.tokens.viewer, new RegExp(restrictedMark)],
    ['field', inst.tokens.field, new RegExp(restrictedMark)],
    ['analyst (not the owner)', inst.tokens.analyst2, new RegExp(restrictedMark)],
    ['reviewer', inst.tokens.reviewer, new RegExp(restrictedMark)],
  ];
  const jobs = identities.flatMap(([who, token, needle]) => [...urls].map((url) => ({ who, token, needle, url })));
  let leaks = 0;
  let fivexx = 0;
  const examples: string[] = [];
  await eachConcurrently(jobs, opts.concurrency, async (j) => {
    const r = await fetch(inst.url + j.url, { headers: j.token ? { authorization: `Bearer ${j.token}` } : {} }).catch(() => null);
    const body = r ? await r.text() : '';
    if (!r || r.status >= 500) {
      fivexx++;
      if (examples.length < 8) examples.push(`${r?.status ?? 'no answer'} for ${j.who}: GET ${j.url}`);
    }
    if (j.needle.test(body)) {
      leaks++;
      if (examples.length < 8) examples.push(`LEAK to ${j.who}: GET ${j.url}`);
    }
  });
  // The crawl must be able to find the canaries at all: their owner does.
  const owner = await fetch(`${inst.url}/api/sources?q=${WORD}`, { headers: { authorization: `Bearer ${inst.tokens.analyst}` } }).then((r) => r.text());
  const control = owner.includes(restrictedMark);
  return {
    part: 'canary crawl (every GET route x role)',
    trials: jobs.length,
    failures: leaks + fivexx + (control ? 0 : 1),
    detail: `${urls.size} URLs from ${Object.keys(doc.paths).length} paths x ${identities.length} identities; ${restricted.length} restricted and ${internal.length} internal canary records; ${leaks} leaks, ${fivexx} 5xx; the owner ${control ? 'finds' : 'does NOT find'} its canary (control)`,
    examples,
  };
}
