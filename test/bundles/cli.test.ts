import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemnant } from '../support/cli.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';

/** `remnant bundle …` end to end: two databases standing for two instances, two key files. */
let a: TestDatabase;
let b: TestDatabase;
let dir: string;
let caseId: string;
const keyEnv = process.env.REMNANT_BUNDLE_KEY;
beforeAll(async () => {
  [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-bundle-cli-'));
  await loadDemoIfFirstStart(a.db);
  caseId = (await a.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => {
  if (keyEnv === undefined) delete process.env.REMNANT_BUNDLE_KEY;
  else process.env.REMNANT_BUNDLE_KEY = keyEnv;
  await fs.rm(dir, { recursive: true, force: true });
});

describe('remnant bundle', () => {
  it('key, export, verify, refuse untrusted, trust, import, re-import; tampering exits non-zero', async () => {
    process.env.REMNANT_BUNDLE_KEY = path.join(dir, 'a.pem');
    const key = await runRemnant(a.url, "bundle", "key");
    expect(key.exitCode, key.out + key.err).toBe(0);
    const publicKey = /public key:\s+(\S+)/.exec(key.out)![1]!;
    const fingerprint = /fingerprint:\s+(\S+)/.exec(key.out)![1]!;
    expect((await runRemnant(a.url, 'bundle', 'key')).out).toContain(publicKey); // same key on second use
    const file = path.join(dir, 'case.tar');
    const exp = await runRemnant(a.url, 'bundle', 'export', caseId, file);
    expect(exp.exitCode, exp.err).toBe(0);
    expect(exp.out).toMatch(/components.*signed by/);

    const v = await runRemnant(a.url, 'bundle', 'verify', file);
    expect(v.exitCode).toBe(0);
    expect(v.out).toContain(`signed by key ${fingerprint}`);
    expect(v.out).toMatch(/OK: the signature and every SHA-256 match/);

    process.env.REMNANT_BUNDLE_KEY = path.join(dir, 'b.pem');
    const refused = await runRemnant(b.url, 'bundle', 'import', file);
    expect(refused.exitCode).toBe(1);
    expect(refused.err).toMatch(/does not trust/);
    // The exit code and stderr first: a failure then says why (the fresh-clone run once saw empty output here).
    const trusted = await runRemnant(b.url, 'bundle', 'trust', publicKey, '--name', 'Lab A');
    expect(trusted.exitCode, trusted.err).toBe(0);
    expect(trusted.out).toContain(fingerprint);
    const imp = await runRemnant(b.url, 'bundle', 'import', file);
    expect(imp.exitCode, imp.err).toBe(0);
    expect(imp.out).toMatch(/signed by trusted key "Lab A"/);
    expect(imp.out).toMatch(/components: \d+ new, 0 matched/);
    const again = await runRemnant(b.url, 'bundle', 'import', file);
    expect(again.out).toMatch(/already imported .*nothing changed/);

    const bytes = await fs.readFile(file);
    const at = bytes.indexOf(Buffer.from('"marking_raw"'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 2] = bytes[at + 2] === 0x6d ? 0x4d : 0x6d; // one byte of the components' JSON lines
    const bad = path.join(dir, 'bad.tar');
    await fs.writeFile(bad, bytes);
    const bv = await runRemnant(a.url, 'bundle', 'verify', bad);
    expect(bv.exitCode).toBe(1);
    expect(bv.err).toMatch(/REFUSED: records\/components\.jsonl has SHA-256/);
  });
});
