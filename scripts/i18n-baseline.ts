/**
 * Rewrites test/web/i18n-untranslated.json from the sources as they are: run it after sweeping a
 * file (its count drops). Never to let a new literal in — translate it instead.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSources } from './i18n-check.js';

const counts: Record<string, number> = {};
for (const f of checkSources()) counts[f.file] = (counts[f.file] ?? 0) + 1;
const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/web/i18n-untranslated.json');
writeFileSync(out, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.values(counts).reduce((a, b) => a + b, 0)} untranslated literals in ${Object.keys(counts).length} files`);
