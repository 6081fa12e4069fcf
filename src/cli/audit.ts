import type { Command } from 'commander';
import { withDatabase } from './context.js';
import { chainHead, verifyAnchor, verifyBlobs, verifyChain } from '../audit/index.js';
import { ValidationProblem } from '../problems.js';

/**
 * `remnant audit verify`: recomputes the audit log's hash chain and every stored file's SHA-256,
 * names the first broken link, and exits non-zero if anything does not match. `--anchor seq:hash`
 * (the head printed by an earlier run) also detects entries removed from the end of the log, which
 * no check inside the database can see.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');

  audit
    .command('verify')
    .description('check the hash chain and every evidence file; exit 1 and name the first broken link if anything was altered')
    .option('--anchor <seq:hash>', 'an earlier head (from a previous run) that must still be in the log, unchanged')
    .action(async (opts: { anchor?: string }) => {
      let anchor: { seq: number; hash: string } | null = null;
      if (opts.anchor !== undefined) {
        const m = /^(\d+):([0-9a-f]{64})$/.exec(opts.anchor.trim());
        if (!m) throw new ValidationProblem([{ field: 'anchor', message: 'must be <seq>:<sha256 hex>, as printed by an earlier `remnant audit verify`' }]);
        anchor = { seq: Number(m[1]), hash: m[2]! };
      }
      const failed = await withDatabase(async ({ db }) => {
        let bad = false;
        const chain = await verifyChain(db);
        if (chain.ok) process.stdout.write(`audit chain: ok (${chain.entries} entries)\n`);
        else {
          bad = true;
          process.stdout.write(`audit chain: BROKEN at entry ${chain.firstBroken!.seq}: ${chain.firstBroken!.reason}\n`);
        }
        if (anchor) {
          const a = await verifyAnchor(db, anchor);
          if (a.ok) process.stdout.write(`anchor ${anchor.seq}: ok\n`);
          else {
            bad = true;
            process.stdout.write(`anchor ${anchor.seq}: BROKEN: ${a.reason}\n`);
          }
        }
        const files = await verifyBlobs(db);
        if (files.ok) process.stdout.write(`evidence files: ok (${files.blobs} stored files re-hashed)\n`);
        else {
          bad = true;
          const f = files.firstBroken!;
          process.stdout.write(
            `evidence files: BROKEN (${files.broken} of ${files.blobs}); first: stored file ${f.sha256}: ${f.reason}; now hashes to ${f.actual}; ` +
              `evidence file(s) ${f.evidenceFileIds.join(', ') || '(none)'}\n`,
          );
        }
        const head = await chainHead(db);
        if (head) process.stdout.write(`head: ${head.seq}:${head.hash}\n(keep this line somewhere else; pass it as --anchor later to detect entries removed from the end)\n`);
        return bad;
      });
      if (failed) process.exitCode = 1;
    });
}
