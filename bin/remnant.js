#!/usr/bin/env node
// The built CLI lives in dist/; `npm install` builds it (prepare), `npm start` rebuilds it when sources changed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entry = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('remnant is not built yet: run `npm run build` in the repository first\n');
  process.exit(1);
}
const { run } = await import(entry);
await run(process.argv);
