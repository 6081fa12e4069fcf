import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { uploadPng, type Instance, type PartResult } from './instance.js';
import { withTriggersOff } from '../test/support/superuser.js';

/**
 * Tampering as someone with the database superuser's powers (user triggers off) or with the backup
 * archive, each case followed by the CLI that must notice it — with a non-zero exit status, since a
 * nightly `remnant audit verify || alert` only sees that. Every tamper is undone before the next; an
 * untouched instance must verify with 0 before and after (the controls).
 */
export async function tamperCases(inst: Instance): Promise<PartResult> {
  const pool = inst.database.pool;
  const asSuperuser = (text: string, params: unknown[] = []) => withTriggersOff(pool, text, params);
  const seqs = async () => (await pool.query('SELECT seq FROM audit_log ORDER BY seq')).rows.map((r) => Number(r.seq));
  await pool.query('DROP TABLE IF EXISTS rel_audit_copy; CREATE TABLE rel_audit_copy AS SELECT * FROM audit_log');
  const undoAudit = () => asSuperuser('DELETE FROM audit_log; INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM rel_audit_copy');
  const verify = (extra: string[] = []) => inst.cli(['audit', 'verify', ...extra]);

  const rows: string[] = [];
  const examples: string[] = [];
  let undetected = 0;
  let trials = 0;
  const expectFailure = (name: string, r: { status: number | null; stdout: string; stderr: string }, mention: RegExp) => {
    trials++;
    const detected = r.status !== 0 && r.status !== null && mention.test(r.stdout + r.stderr);
    if (!detected) {
      undetected++;
      examples.push(`${name}: exit ${r.status}; ${(r.stdout + r.stderr).trim().split('\n')[0]}`);
    }
    rows.push(`${name} → exit ${r.status}${detected ? '' : ' (NOT DETECTED)'}`);
  };
  const expectSuccess = (name: string, r: { status: number | null; stdout: string; stderr: string }) => {
    trials++;
    if (r.status !== 0) {
      undetected++;
      examples.push(`${name}: exit ${r.status} on an intact instance: ${r.stderr.trim().split('\n')[0]}`);
    }
    rows.push(`${name} → exit ${r.status}`);
  };

  // A stored file to flip a byte of, and a head to anchor to.
  const up = await uploadPng(inst, inst.tokens.admin, '', 'tamper.png');
  const sha = ((await up.json()) as { sha256: string }).sha256;
  await pool.query('DROP TABLE IF EXISTS rel_audit_copy; CREATE TABLE rel_audit_copy AS SELECT * FROM audit_log');
  const control = verify();
  expectSuccess('control: intact instance, audit verify', control);
  const anchor = /head: (\d+:[0-9a-f]{64})/.exec(control.stdout)?.[1] ?? '';
  const all = await seqs();
  const mid = all[Math.floor(all.length / 2)]!;

  await asSuperuser(`UPDATE audit_log SET after = jsonb_set(coalesce(after, '{}'::jsonb), '{name}', '"Innocent Maker"') WHERE seq = $1`, [mid]);
  expectFailure('edit an entry\'s recorded change', verify(), /BROKEN/);
  await undoAudit();
  await asSuperuser('UPDATE audit_log SET at = at - interval \'1 second\' WHERE seq = $1', [mid]);
  expectFailure('backdate an entry', verify(), /BROKEN/);
  await undoAudit();
  await asSuperuser('UPDATE audit_log SET actor_id = NULL WHERE seq = $1', [mid]);
  expectFailure('erase who made an entry', verify(), /BROKEN/);
  await undoAudit();
  await asSuperuser('DELETE FROM audit_log WHERE seq = $1', [mid]);
  expectFailure('delete an entry in the middle', verify(), /BROKEN/);
  await undoAudit();
  await asSuperuser('UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = $2) WHERE seq = $1', [all[5], all[3]]);
  expectFailure('relink an entry past its predecessor', verify(), /BROKEN/);
  await undoAudit();
  await asSuperuser('DELETE FROM audit_log WHERE seq >= $1', [all[all.length - 3]]);
  expectFailure('remove the last entries (checked against an anchor)', verify(['--anchor', anchor]), /BROKEN/);
  await undoAudit();
  await asSuperuser('UPDATE blobs SET content = set_byte(content, 3, get_byte(content, 3) # 1) WHERE sha256 = $1', [sha]);
  expectFailure('flip one byte of a stored evidence file', verify(), /evidence files: BROKEN/);
  await asSuperuser('UPDATE blobs SET content = set_byte(content, 3, get_byte(content, 3) # 1) WHERE sha256 = $1', [sha]);
  expectSuccess('control: every tamper undone, audit verify', verify());

  // Backups: a damaged archive is refused whole, and nothing is restored over existing records.
  await pool.query('DROP TABLE IF EXISTS rel_audit_copy');
  const archive = path.join(inst.dataDir, 'rel-backup.tar.gz');
  expectSuccess('backup', inst.cli(['backup', archive]));
  const bytes = readFileSync(archive);
  const cut = path.join(inst.dataDir, 'rel-cut.tar.gz');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const flipped = path.join(inst.dataDir, 'rel-flipped.tar.gz');
  const f = Buffer.from(bytes);
  f[Math.floor(f.length / 2)]! ^= 0xff;
  writeFileSync(flipped, f);
  const emptyDb = `rel_empty_${Date.now()}`;
  await pool.query(`CREATE DATABASE ${emptyDb}`);
  const emptyUrl = inst.database.url.replace(/\/[^/?]+(\?|$)/, `/${emptyDb}$1`);
  const intoEmpty = (file: string) => inst.cli(['restore', file], undefined, { DATABASE_URL: emptyUrl, REMNANT_DEMO: '0' });
  expectFailure('restore a truncated archive', intoEmpty(cut), /damaged|truncated|could not be restored|unexpected end|incorrect header|invalid/i);
  expectFailure('restore an archive with one byte flipped', intoEmpty(flipped), /damaged|truncated|could not be restored|does not match|invalid|incorrect|unexpected/i);
  expectFailure('restore into a non-empty instance', inst.cli(['restore', archive]), /empty instance/);
  expectFailure('restore a file that does not exist', inst.cli(['restore', path.join(inst.dataDir, 'nope.tar.gz')]), /does not exist/);
  const badCsv = path.join(inst.dataDir, 'rel-bad.csv');
  writeFileSync(badCsv, 'name,kind\nFine Maker,other\nBad Maker,no-such-kind\n');
  expectFailure('import a table with a row error', inst.cli(['import', badCsv, '--resource', 'organisations']), /NOT imported|ERROR/);
  expectFailure('import a file that does not exist', inst.cli(['import', path.join(inst.dataDir, 'nope.csv')]), /does not exist/);
  await pool.query(`DROP DATABASE IF EXISTS ${emptyDb} WITH (FORCE)`);
  return {
    part: 'tamper cases (exit codes)',
    trials,
    failures: undetected,
    detail: rows.join('; '),
    examples,
  };
}
