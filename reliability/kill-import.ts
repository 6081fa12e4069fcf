import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, type Instance, type PartResult } from './instance.js';
import { mulberry32 } from '../src/random.js';

/**
 * kill -9 during a CLI import (`remnant import`, attached to the running server's database): each
 * trial imports its own table of organisations and is killed at a random moment within the time a
 * whole import takes (an import that happens to finish first still counts). An import is all or nothing: afterwards the trial's
 * records number 0 or all of them — anything else is a partial import.
 */
export async function killDuringImport(inst: Instance, opts: { trials: number; rows: number; seed: number }): Promise<PartResult> {
  const random = mulberry32(opts.seed);
  const fileFor = (tag: string) => {
    const lines = ['name,kind,country,notes'];
    for (let i = 0; i < opts.rows; i++) lines.push(`rel-kill-${tag}-${i},other,DE,reliability trial ${tag}`);
    const file = path.join(inst.dataDir, `kill-${tag}.csv`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };
  const count = async (tag: string) =>
    Number((await inst.database.pool.query(`SELECT count(*)::int AS n FROM organisations WHERE name LIKE $1`, [`rel-kill-${tag}-%`])).rows[0].n);
  const run = (file: string, killAfterMs: number | null) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [BIN, 'import', file, '--resource', 'organisations'], { env: inst.env, stdio: 'ignore' });
      const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.once('exit', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ code, signal, ms: performance.now() - t0 });
      });
    });

  // How long one whole import takes here, so that kills spread over it.
  const calibration = await run(fileFor('calibrate'), null);
  if (calibration.code !== 0 || (await count('calibrate')) !== opts.rows) throw new Error('the calibration import did not complete');
  const examples: string[] = [];
  let partial = 0;
  let killed = 0;
  let completed = 0;
  for (let t = 0; t < opts.trials; t++) {
    const tag = `t${t}`;
    const at = Math.round(200 + random() * calibration.ms * 0.9);
    const r = await run(fileFor(tag), at);
    if (r.signal === 'SIGKILL') killed++;
    else if (r.code === 0) completed++;
    const n = await count(tag);
    if (n !== 0 && n !== opts.rows) {
      partial++;
      if (examples.length < 5) examples.push(`trial ${t}: killed at ${at} ms, ${n} of ${opts.rows} records`);
    } else if (r.signal !== 'SIGKILL' && n !== opts.rows) {
      partial++;
      examples.push(`trial ${t}: exited ${r.code} without being killed and imported ${n}`);
    }
  }
  // The instance still imports after all the kills (no lock or half-state left behind).
  const after = await run(fileFor('after'), null);
  const afterOk = after.code === 0 && (await count('after')) === opts.rows;
  if (!afterOk) examples.push(`the import after the kills exited ${after.code} with ${await count('after')} records`);
  return {
    part: 'kill -9 during CLI import',
    trials: opts.trials,
    failures: partial + (afterOk ? 0 : 1),
    detail: `${partial} partial imports (${killed} killed mid-way, ${completed} finished before the kill; ${opts.rows} rows each, one import takes ${Math.round(calibration.ms)} ms); an import afterwards ${afterOk ? 'succeeds' : 'FAILS'}`,
    examples,
  };
}
