import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { chainHead, verifyAnchor, verifyBlobs, verifyChain } from '../../src/audit/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { withTriggersOff } from '../support/superuser.js';

/**
 * Tampering as someone with the database superuser's powers would: the append-only trigger is
 * bypassed (session_replication_role = replica), rows are edited, deleted and swapped, and a byte
 * of an evidence file is flipped. Each must be detected, and named, by `verifyChain` /
 * `verifyBlobs` and by `remnant audit verify`. Each tamper is undone before the next.
 */
let app: App;
let database: TestDatabase;
let fileId: string;

beforeAll(async () => {
  ({ app, database } = await testApp());
  for (let i = 0; i < 4; i++) {
    const r = await app.inject({ method: 'POST', url: '/api/organisations', payload: { name: `Maker ${i}`, kind: 'manufacturer' } });
    expect(r.statusCode).toBe(201);
    await app.inject({ method: 'PATCH', url: `/api/organisations/${r.json().id}`, payload: { country: 'CN' } });
  }
  const boundary = 'XBOUNDARY';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nserial 0042 seen on the fin\r\n--${boundary}--\r\n`;
  const up = await app.inject({ method: 'POST', url: '/api/evidence-files', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  expect(up.statusCode).toBe(201);
  fileId = up.json().id;
});

afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs SQL as the superuser with user triggers off (the append-only guard included). */
const asSuperuser = (text: string, params: unknown[] = []) => withTriggersOff(database.pool, text, params);

/** Keeps an exact copy of the log (timestamps to the microsecond) so that a tamper can be undone. */
async function backup(): Promise<void> {
  await database.pool.query('DROP TABLE IF EXISTS audit_backup; CREATE TABLE audit_backup AS SELECT * FROM audit_log');
}
async function restore(): Promise<void> {
  await asSuperuser(`DELETE FROM audit_log; INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM audit_backup`);
  expect(await verifyChain(database.db)).toMatchObject({ ok: true });
}

async function seqs(): Promise<number[]> {
  return (await database.pool.query('SELECT seq FROM audit_log ORDER BY seq')).rows.map((r) => Number(r.seq));
}

/** `remnant audit verify` in this process, against this test database. */
async function cliVerify(extra: string[] = []): Promise<{ out: string; exitCode: number }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  try {
    process.exitCode = undefined;
    await buildProgram().parseAsync(['node', 'remnant', 'audit', 'verify', ...extra]);
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { out, exitCode };
}

describe('the untouched log', () => {
  it('verifies, and refuses changes through the append-only guard', async () => {
    const c = await verifyChain(database.db);
    expect(c).toMatchObject({ ok: true, firstBroken: null });
    expect(c.entries).toBeGreaterThanOrEqual(9);
    expect((await verifyBlobs(database.db)).ok).toBe(true);
    await expect(database.pool.query('UPDATE audit_log SET action = $1 WHERE seq = (SELECT min(seq) FROM audit_log)', ['x'])).rejects.toThrow(/append-only/);
    await expect(database.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(database.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const cli = await cliVerify();
    expect(cli.exitCode, cli.out).toBe(0);
    expect(cli.out).toMatch(/audit chain: ok/);
    expect(cli.out).toMatch(/evidence files: ok \(1 stored files re-hashed\)/);
  });
});

describe('tampering with the audit log', () => {
  beforeAll(backup);
  afterEach(restore);

  it('detects an edited entry and names it', async () => {
    const s = (await seqs())[3]!;
    await asSuperuser(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Innocent Maker"') WHERE seq = $1`, [s]);
    const c = await verifyChain(database.db);
    expect(c.ok).toBe(false);
    expect(c.firstBroken).toEqual({ seq: s, reason: expect.stringContaining('edited') });
    const cli = await cliVerify();
    expect(cli.exitCode, cli.out).toBe(1);
    expect(cli.out).toContain(`BROKEN at entry ${s}`);
  });

  it('detects an edited time', async () => {
    const s = (await seqs())[2]!;
    await asSuperuser(`UPDATE audit_log SET at = at - interval '1 microsecond' WHERE seq = $1`, [s]);
    expect((await verifyChain(database.db)).firstBroken?.seq).toBe(s);
  });

  it('detects an edited actor', async () => {
    const s = (await seqs())[2]!;
    await asSuperuser('UPDATE audit_log SET actor_id = NULL WHERE seq = $1', [s]);
    expect((await verifyChain(database.db)).firstBroken?.seq).toBe(s);
  });

  it('detects a deleted entry at the entry after the gap', async () => {
    const all = await seqs();
    await asSuperuser('DELETE FROM audit_log WHERE seq = $1', [all[4]]);
    const c = await verifyChain(database.db);
    expect(c.ok).toBe(false);
    expect(c.firstBroken).toEqual({ seq: all[5], reason: expect.stringContaining('removed') });
  });

  it('still detects a deletion whose gap was papered over by relinking the next entry', async () => {
    const all = await seqs();
    await asSuperuser('DELETE FROM audit_log WHERE seq = $1', [all[4]]);
    await asSuperuser('UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = $2) WHERE seq = $1', [all[5], all[3]]);
    // The link now fits, so the entry's own hash (which covers its link) no longer does.
    expect((await verifyChain(database.db)).firstBroken).toEqual({ seq: all[5], reason: expect.stringContaining('edited') });
  });

  it('detects deletion of the first entry', async () => {
    const all = await seqs();
    await asSuperuser('DELETE FROM audit_log WHERE seq = $1', [all[0]]);
    expect((await verifyChain(database.db)).firstBroken).toEqual({ seq: all[1], reason: expect.stringContaining('does not start the chain') });
  });

  it('detects two entries whose contents were swapped (reordering)', async () => {
    const all = await seqs();
    const [a, b] = [all[2]!, all[6]!];
    await asSuperuser(
      `UPDATE audit_log t SET at = s.at, actor_id = s.actor_id, action = s.action, record_type = s.record_type, record_id = s.record_id,
          before = s.before, after = s.after, prev_hash = s.prev_hash, hash = s.hash
        FROM (SELECT * FROM audit_log WHERE seq IN ($1, $2)) s WHERE t.seq IN ($1, $2) AND s.seq <> t.seq`,
      [a, b],
    );
    const c = await verifyChain(database.db);
    expect(c.ok).toBe(false);
    expect(c.firstBroken?.seq).toBe(a);
  });

  it('detects an inserted entry', async () => {
    const all = await seqs();
    const k = all[3]!;
    // Make room after entry k, then slot in a forged entry with a correct hash and link of its own.
    await asSuperuser(`
      CREATE TEMP TABLE moved AS SELECT * FROM audit_log WHERE seq > ${k};
      DELETE FROM audit_log WHERE seq > ${k};
      INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT seq + 1000, at, actor_id, action, record_type, record_id, before, after, prev_hash, hash FROM moved;
      INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, before, after, prev_hash, hash) OVERRIDING SYSTEM VALUE
        SELECT ${k + 1}, at, actor_id, 'delete', record_type, record_id, after, NULL, hash,
               remnant_audit_hash(hash, ${k + 1}, at, actor_id, 'delete', record_type, record_id, after, NULL)
          FROM audit_log WHERE seq = ${k};`);
    const c = await verifyChain(database.db);
    expect(c.ok).toBe(false);
    expect(c.firstBroken?.seq).toBe(all[4]! + 1000);
  });

  it('is defeated by rewriting every later hash, which an anchor written down earlier still catches', async () => {
    const anchor = (await chainHead(database.db))!;
    const s = (await seqs())[1]!;
    // Edit an entry and recompute the chain from there on, as a careful forger with superuser rights could.
    await asSuperuser(`
      UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Forged"') WHERE seq = ${s};
      DO $$ DECLARE r record; prev text; BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
          IF r.seq >= ${s} THEN
            UPDATE audit_log SET prev_hash = prev,
              hash = remnant_audit_hash(prev, r.seq, r.at, r.actor_id, r.action, r.record_type, r.record_id, r.before, r.after) WHERE seq = r.seq;
          END IF;
          SELECT hash INTO prev FROM audit_log WHERE seq = r.seq;
        END LOOP;
      END $$;`);
    expect((await verifyChain(database.db)).ok).toBe(true);
    expect(await verifyAnchor(database.db, anchor)).toEqual({ ok: false, reason: expect.stringContaining('not the') });
  });

  it('detects entries removed from the end against an anchor written down earlier', async () => {
    const anchor = (await chainHead(database.db))!;
    expect((await verifyAnchor(database.db, anchor)).ok).toBe(true);
    await asSuperuser('DELETE FROM audit_log WHERE seq >= $1', [anchor.seq]);
    // The shortened chain is consistent in itself; only the anchor shows what is missing.
    expect((await verifyChain(database.db)).ok).toBe(true);
    expect(await verifyAnchor(database.db, anchor)).toEqual({ ok: false, reason: expect.stringContaining('gone') });
    const cli = await cliVerify(['--anchor', `${anchor.seq}:${anchor.hash}`]);
    expect(cli.exitCode, cli.out).toBe(1);
    expect(cli.out).toContain(`anchor ${anchor.seq}: BROKEN`);
  });
});

describe('tampering with evidence files', () => {
  it('detects one flipped byte, names the evidence file, and refuses to serve it', async () => {
    const meta = (await app.inject({ method: 'GET', url: `/api/evidence-files/${fileId}` })).json();
    await asSuperuser('UPDATE blobs SET content = set_byte(content, 3, get_byte(content, 3) # 1) WHERE sha256 = $1', [meta.sha256]);
    const r = await verifyBlobs(database.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ sha256: meta.sha256, evidenceFileIds: [fileId] });
    expect(r.firstBroken!.actual).not.toBe(meta.sha256);
    const cli = await cliVerify();
    expect(cli.exitCode, cli.out).toBe(1);
    expect(cli.out).toContain(`stored file ${meta.sha256}`);
    expect(cli.out).toContain(fileId);
    const download = await app.inject({ method: 'GET', url: `/api/evidence-files/${fileId}/content` });
    expect(download.statusCode).toBe(500);
    expect(download.json().title).toBe('Integrity failure');
    const api = await app.inject({ method: 'GET', url: '/api/audit/verify' });
    expect(api.json()).toMatchObject({ ok: false, files: { broken: 1 } });
    await asSuperuser('UPDATE blobs SET content = set_byte(content, 3, get_byte(content, 3) # 1) WHERE sha256 = $1', [meta.sha256]);
    expect((await verifyBlobs(database.db)).ok).toBe(true);
  });
});
