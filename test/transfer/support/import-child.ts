/**
 * Runs one import in a process of its own, so that a test can kill it with SIGKILL mid-commit.
 * argv: database URL, file. Prints each phase on its own line as it starts.
 */
import { createPool } from '../../../src/db/index.js';
import { SYSTEM_ACTOR } from '../../../src/access/index.js';
import { importFile } from '../../../src/transfer/import.js';

const [url, file] = process.argv.slice(2);
const { db } = createPool(url!, 2);
let last = '';
await importFile(db, SYSTEM_ACTOR, {
  file: file!,
  dryRun: false,
  resource: 'components',
  onProgress: (p) => {
    if (p.phase !== last) {
      last = p.phase;
      process.stdout.write(`phase ${p.phase}\n`);
    }
  },
});
process.stdout.write('committed\n');
process.exit(0);
