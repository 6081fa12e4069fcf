import { type Instance, type PartResult } from './instance.js';

/**
 * Mixed load with a lost-write check: many clients at once, each creating sources (remembering
 * every id the server acknowledged with 201), repeatedly renaming one source of its own (remembering
 * the last title acknowledged with 200) and reading lists. Afterwards every acknowledged source must
 * be in the database and every client's source must carry its last acknowledged title.
 */
export async function mixedLoad(inst: Instance, opts: { clients: number; seconds: number }): Promise<PartResult> {
  const headers = { authorization: `Bearer ${inst.tokens.analyst}`, 'content-type': 'application/json' };
  const created: string[] = [];
  const lastTitle = new Map<string, string>();
  let requests = 0;
  let fivexx = 0;
  let failed = 0;
  const examples: string[] = [];
  const stopAt = Date.now() + opts.seconds * 1000;
  const note = (s: string) => examples.length < 8 && examples.push(s);

  const client = async (c: number) => {
    const own = await fetch(`${inst.url}/api/sources`, { method: 'POST', headers, body: JSON.stringify({ kind: 'news_report', title: `load-own-${c}-0` }) });
    requests++;
    if (own.status !== 201) throw new Error(`client ${c} could not make its source: ${own.status}`);
    const ownId = ((await own.json()) as { id: string }).id;
    lastTitle.set(ownId, `load-own-${c}-0`);
    for (let n = 1; Date.now() < stopAt; n++) {
      const pick = n % 3;
      try {
        if (pick === 0) {
          const r = await fetch(`${inst.url}/api/sources`, { method: 'POST', headers, body: JSON.stringify({ kind: 'news_report', title: `load-new-${c}-${n}` }) });
          const body = await r.text();
          if (r.status === 201) created.push((JSON.parse(body) as { id: string }).id);
          else if (r.status >= 500) { fivexx++; note(`POST ${r.status}`); }
        } else if (pick === 1) {
          const title = `load-own-${c}-${n}`;
          const r = await fetch(`${inst.url}/api/sources/${ownId}`, { method: 'PATCH', headers, body: JSON.stringify({ title }) });
          await r.arrayBuffer();
          if (r.status === 200) lastTitle.set(ownId, title);
          else if (r.status >= 500) { fivexx++; note(`PATCH ${r.status}`); }
        } else {
          const r = await fetch(`${inst.url}/api/${n % 2 ? 'sources' : 'items'}?limit=20`, { headers });
          await r.arrayBuffer();
          if (r.status >= 500) { fivexx++; note(`GET ${r.status}`); }
        }
      } catch (e) {
        // No answer: not acknowledged, so not counted as a write (it may or may not have happened).
        failed++;
        note(`no answer: ${(e as Error).message}`);
      }
      requests++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
  const seconds = (performance.now() - t0) / 1000;

  const stored = new Set(
    (await inst.database.pool.query<{ id: string }>('SELECT id FROM sources WHERE id = ANY($1::uuid[])', [created])).rows.map((r) => r.id),
  );
  const lostCreates = created.filter((id) => !stored.has(id));
  const titles = new Map(
    (await inst.database.pool.query<{ id: string; title: string }>('SELECT id, title FROM sources WHERE id = ANY($1::uuid[])', [[...lastTitle.keys()]])).rows.map((r) => [r.id, r.title]),
  );
  const lostUpdates = [...lastTitle].filter(([id, title]) => titles.get(id) !== title);
  for (const id of lostCreates.slice(0, 3)) note(`acknowledged create missing: ${id}`);
  for (const [id, t] of lostUpdates.slice(0, 3)) note(`source ${id} reads "${titles.get(id)}", last acknowledged "${t}"`);
  return {
    part: `mixed load (${opts.clients} clients, lost writes)`,
    trials: requests,
    failures: lostCreates.length + lostUpdates.length + fivexx,
    detail: `${Math.round(requests / seconds)} requests/s over ${seconds.toFixed(0)} s; ${created.length} acknowledged creates and ${lastTitle.size} renamed sources checked: ${lostCreates.length} creates and ${lostUpdates.length} updates lost; ${fivexx} 5xx; ${failed} requests without an answer`,
    examples,
  };
}
