import { randomUUID } from 'node:crypto';
import { eachConcurrently, type Instance, type PartResult } from './instance.js';
import { mulberry32 } from '../src/random.js';

/**
 * Bad bodies for every POST, PUT and PATCH route of the OpenAPI document, sent as an admin (who
 * passes every permission gate, so the body itself is what the server must cope with). Every answer
 * must be below 500, and every error an `application/problem+json`.
 */
interface Op { method: string; path: string; properties: Record<string, { type?: string }> }

type Body = { contentType: string | null; body: string | Buffer };

const B = 'RELIABILITYBOUNDARY';
function wrongTyped(op: Op, random: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wrong: unknown[] = [{}, [], 'x'.repeat(1 + Math.floor(random() * 300)), -1e308, true, null, 'not-a-uuid', '2024-13-45', '\u0000', [null]];
  for (const [k, s] of Object.entries(op.properties)) {
    let v = wrong[Math.floor(random() * wrong.length)];
    if (s.type === 'string' && typeof v === 'string') v = 123;
    out[k] = v;
  }
  return out;
}

function bodiesFor(op: Op, random: () => number): Body[] {
  const json = (s: string): Body => ({ contentType: 'application/json', body: s });
  const props = Object.keys(op.properties);
  const first = props[0] ?? 'x';
  const out: Body[] = [
    json(''), json('null'), json('[]'), json('"text"'), json('12'), json('true'), json('{'), json('{"a":'), json('{}'), json('{"a":1,}'),
    json('['.repeat(5000) + ']'.repeat(5000)),
    json(`{"${first}":"${'\\ud800'}"}`),
    json(`{"${first}":"a\\udfffb"}`),
    json(`{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}`),
    json(`{"${first}":1e309}`),
    json(`{"${first}":"${'y'.repeat(200_000)}"}`),
    json(JSON.stringify(wrongTyped(op, random))),
    json(JSON.stringify(wrongTyped(op, random))),
    json(JSON.stringify(Object.fromEntries(props.map((p) => [p, null])))),
    json(JSON.stringify(Object.fromEntries(props.map((p) => [p, [randomUUID(), 'x']])))),
    { contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
    { contentType: 'application/json; charset=latin1', body: '{"a":"\u00e9"}' },
    { contentType: 'text/plain', body: 'hello' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
    { contentType: 'application/xml', body: '<a/>' },
    { contentType: null, body: 'no content type' },
    { contentType: `multipart/form-data; boundary=${B}`, body: 'garbage, not multipart' },
    { contentType: 'multipart/form-data', body: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nx\r\n--${B}--\r\n` },
    { contentType: `multipart/form-data; boundary=${B}`, body: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname,kind\nAcme,` },
    { contentType: `multipart/form-data; boundary=${B}`, body: `--${B}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${B}--\r\n` },
    { contentType: 'application/json', body: Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256))) },
  ];
  return out;
}

function concrete(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => (/id$/i.test(name) ? randomUUID() : name === 'recordType' ? 'items' : 'x'));
}

export async function fuzzBodies(inst: Instance, opts: { seed: number; rounds: number; concurrency: number }): Promise<PartResult> {
  const random = mulberry32(opts.seed);
  const doc = (await (await fetch(`${inst.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> } }>> };
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['post', 'put', 'patch'].includes(method)) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, properties: schema?.properties ?? {} });
    }
  }
  const jobs: { op: Op; body: Body }[] = [];
  for (let round = 0; round < opts.rounds; round++) for (const op of ops) for (const body of bodiesFor(op, random)) jobs.push({ op, body });
  let fivexx = 0;
  let nonProblem = 0;
  let accepted = 0;
  const examples: string[] = [];
  await eachConcurrently(jobs, opts.concurrency, async ({ op, body }) => {
    const url = concrete(op.path);
    let status = 0;
    let contentType = '';
    try {
      const r = await fetch(inst.url + url, {
        method: op.method,
        headers: { authorization: `Bearer ${inst.tokens.admin}`, ...(body.contentType ? { 'content-type': body.contentType } : {}) },
        body: body.body,
      });
      status = r.status;
      contentType = r.headers.get('content-type') ?? '';
      await r.arrayBuffer();
    } catch (e) {
      status = 599;
      contentType = (e as Error).message;
    }
    const what = `${op.method} ${op.path} [${body.contentType}] ${String(body.body).slice(0, 40)}`;
    if (status >= 500) {
      fivexx++;
      if (examples.length < 8) examples.push(`${status} ${what}`);
    } else if (status >= 400 && !contentType.startsWith('application/problem+json')) {
      nonProblem++;
      if (examples.length < 8) examples.push(`${status} not problem+json (${contentType}) ${what}`);
    } else if (status < 300) accepted++;
  });
  return {
    part: 'bad-body fuzz (POST/PUT/PATCH)',
    trials: jobs.length,
    failures: fivexx + nonProblem,
    detail: `${ops.length} routes from the OpenAPI document; ${fivexx} 5xx, ${nonProblem} errors not problem+json; ${accepted} bodies accepted (2xx, e.g. an empty body where every field is optional)`,
    examples,
  };
}
