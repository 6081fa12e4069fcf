import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { loadConfig } from '../config.js';
import { BundleRefused, exportBundle, importBundle, keyFile, listTrustedKeys, loadOrCreateKey, trustKey, verifyBundle, type Verification } from '../bundles/index.js';
import { withDatabase } from './context.js';

/**
 * `remnant bundle export|verify|import|key|trust|trusted`: signed case bundles (docs/bundles.md).
 * The CLI acts as the system account (an admin), like every command run on the server itself.
 */

function printVerification(v: Verification): void {
  const out = process.stdout;
  if (v.manifest) {
    const m = v.manifest;
    out.write(`case "${m.case.title}" (${m.case.id}), exported ${m.exportedAt} by ${m.exportedBy}\n`);
    out.write(`from instance ${m.instance.name ?? '(unnamed)'} (${m.instance.id}), schema version ${m.schemaVersion}\n`);
    out.write(`records: ${Object.entries(m.records).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
  }
  if (v.signer) out.write(`signed by key ${v.signer.fingerprint} (public key ${v.signer.publicKey})\n`);
  out.write(`${v.members} members, ${v.bytes} bytes checked\n`);
  if (v.ok) out.write('OK: the signature and every SHA-256 match\n');
  else for (const p of v.problems) process.stderr.write(`REFUSED: ${p}\n`);
}

export function registerBundle(program: Command): void {
  const bundle = program.command('bundle').description('signed case bundles: export a case, verify a bundle offline, import it into another instance');

  bundle
    .command('key')
    .description("show this instance's bundle signing key (created on first use)")
    .action(() => {
      const key = loadOrCreateKey(keyFile(loadConfig().dataDir));
      process.stdout.write(`public key:  ${key.publicKey}\nfingerprint: ${key.fingerprint}\nkey file:    ${key.file}\n`);
    });

  bundle
    .command('export')
    .description("write one case, with its evidence files, as a signed bundle (what the system account may read: everything)")
    .argument('<case>', 'the case id')
    .argument('<file>', 'the bundle file to write')
    .action(async (caseId: string, file: string) => {
      const config = loadConfig();
      const key = loadOrCreateKey(keyFile(config.dataDir));
      const r = await withDatabase((database) => exportBundle(database.db, SYSTEM_ACTOR, key, caseId, file));
      process.stdout.write(`wrote ${r.file}: ${Object.entries(r.records).map(([t, n]) => `${n} ${t}`).join(', ')}; ${r.files} files; ${r.bytes} bytes; signed by ${r.fingerprint}\n`);
    });

  bundle
    .command('verify')
    .description('check a bundle offline: every SHA-256 and the signature; says who signed it')
    .argument('<file>', 'the bundle file')
    .action(async (file: string) => {
      const v = await verifyBundle(file);
      printVerification(v);
      if (!v.ok) process.exitCode = 1;
    });

  bundle
    .command('import')
    .description('verify a bundle, then import it (all or nothing; records that exist already are matched)')
    .argument('<file>', 'the bundle file')
    .option('--allow-untrusted', "import a bundle signed by a key this instance does not trust, marked untrusted")
    .action(async (file: string, o: { allowUntrusted?: boolean }) => {
      const r = await withDatabase((database) => importBundle(database.db, SYSTEM_ACTOR, file, { allowUntrusted: o.allowUntrusted })).catch((e: unknown) => {
        // Every reason, not only the first that the generic error line shows.
        if (e instanceof BundleRefused) for (const p of e.problems.slice(1)) process.stderr.write(`REFUSED: ${p}\n`);
        throw e;
      });
      const who = r.trusted ? `trusted key "${r.signerName}"` : 'an UNTRUSTED key (imported with --allow-untrusted and marked so)';
      if (r.alreadyImported) {
        process.stdout.write(`already imported (import ${r.importId}): nothing changed\n`);
        return;
      }
      process.stdout.write(`imported ${file} (import ${r.importId}), signed by ${who} ${r.verification.signer!.fingerprint}\n`);
      for (const [t, c] of Object.entries(r.counts)) if (c.created + c.matched > 0) process.stdout.write(`  ${t}: ${c.created} new, ${c.matched} matched\n`);
      process.stdout.write(`  files: ${r.files}\n`);
    });

  bundle
    .command('trust')
    .description("trust another instance's key (admins): its bundles then import without --allow-untrusted")
    .argument('<publicKey>', 'the public key `remnant bundle key` prints on the other instance')
    .requiredOption('--name <name>', 'whose key this is')
    .action(async (publicKey: string, o: { name: string }) => {
      const k = await withDatabase((database) => trustKey(database.db, SYSTEM_ACTOR, publicKey, o.name));
      process.stdout.write(`trusted "${k.name}" ${k.fingerprint}\n`);
    });

  bundle
    .command('trusted')
    .description('list the keys this instance trusts')
    .action(async () => {
      const keys = await withDatabase((database) => listTrustedKeys(database.db));
      for (const k of keys) process.stdout.write(`${k.fingerprint}  ${k.name}  ${k.publicKey}  since ${k.addedAt}\n`);
      if (!keys.length) process.stdout.write('no trusted keys\n');
    });
}
