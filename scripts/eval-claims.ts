/**
 * `npm run eval:claims`: recall, precision and field agreement of the claims extractor on the
 * evaluation set in eval/claims (real reports with the claims an analyst would record; see its
 * README). A candidate matches an analyst claim when its span covers the claim's words and the
 * quantities agree (both without a figure, or the same figure); each claim is matched at most
 * once, so a duplicate candidate counts against precision. Held-out reports are printed by
 * default; `--split dev|all` for the others. Not a test: it prints, it does not assert.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalOrganisation, extractClaims, readReport, type Candidate } from '../src/claims/extract/index.js';

interface Claim { words: string; quantity: number | null; quantityKind: string | null; speakerOrg: string | null; dateSaid: string | null; weapon: string | null; place: string | null }
interface Report { id: string; file: string; split: 'dev' | 'heldout'; added?: string; claims: Claim[] }

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval', 'claims');
const args = process.argv.slice(2);
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'heldout';
const verbose = args.includes('--verbose');
const set = JSON.parse(readFileSync(join(root, 'claims.json'), 'utf8')) as { reports: Report[] };

const FIELDS = ['speakerOrg', 'dateSaid', 'weapon', 'place'] as const;
type Field = typeof FIELDS[number];
const org = (s: string | null) => (s === null ? null : (canonicalOrganisation(s) ?? s).toLowerCase());
/** Dates agree when one is the other at a coarser precision ("2024-06" and "2024-06-27"). */
const dateAgrees = (a: string | null, b: string | null) => a === b || (a !== null && b !== null && (a.startsWith(b) || b.startsWith(a)));
function agrees(field: Field, claim: Claim, cand: Candidate): boolean {
  if (field === 'speakerOrg') return org(claim.speakerOrg) === org(cand.speakerOrg);
  if (field === 'dateSaid') return dateAgrees(claim.dateSaid, cand.dateSaid);
  return (claim[field] ?? null) === (cand[field] ?? null);
}
const sameQuantity = (a: number | null, b: number | null) => (a === null && b === null) || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

interface Row { id: string; claims: number; candidates: number; matched: number; fields: Record<Field, [number, number]>; fresh?: boolean }
const rows: Row[] = [];
for (const report of set.reports.filter((r) => split === 'all' || r.split === split)) {
  const { text, meta } = await readReport(readFileSync(join(root, report.file)), report.file);
  const candidates = await extractClaims(text, { published: meta.publishedOn, publisher: meta.publisher });
  const used = new Set<number>();
  const fields = Object.fromEntries(FIELDS.map((f) => [f, [0, 0]])) as Record<Field, [number, number]>;
  let matched = 0;
  for (const claim of report.claims) {
    const at = text.indexOf(claim.words);
    const i = candidates.findIndex((c, k) => !used.has(k) && c.start <= at && at + claim.words.length <= c.end && sameQuantity(claim.quantity, c.quantity));
    if (i < 0) { if (verbose) console.log(`  miss ${report.id}: "${claim.words}" (${claim.quantity})`); continue; }
    used.add(i);
    matched++;
    for (const f of FIELDS) {
      fields[f][1]++;
      if (agrees(f, claim, candidates[i]!)) fields[f][0]++;
      else if (verbose) console.log(`  ${f} ${report.id}: "${claim.words}" expected ${claim[f]}, got ${candidates[i]![f]}`);
    }
  }
  if (verbose) candidates.forEach((c, k) => { if (!used.has(k)) console.log(`  extra ${report.id}: ${c.quantity ?? 'statement'} ${c.quantityKind ?? ''} "${(c.figure?.text ?? c.text).slice(0, 90)}"`); });
  rows.push({ id: report.id, claims: report.claims.length, candidates: candidates.length, matched, fields, fresh: report.added !== undefined });
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const fieldCells = (fs: Record<Field, [number, number]>) => FIELDS.map((f) => pct(fs[f][0], fs[f][1]).padStart(9)).join(' ');
console.log(`split: ${split} (${rows.length} reports)`);
console.log(`${'report'.padEnd(30)} claims cands  recall precision   ${FIELDS.map((f) => f.padStart(9)).join(' ')}`);
const line = (r: Row) => console.log(`${r.id.padEnd(30)} ${String(r.claims).padStart(6)} ${String(r.candidates).padStart(5)} ${pct(r.matched, r.claims)} ${pct(r.matched, r.candidates).padStart(9)}   ${fieldCells(r.fields)}`);
const sum = (id: string, of: Row[]): Row => {
  const t: Row = { id, claims: 0, candidates: 0, matched: 0, fields: Object.fromEntries(FIELDS.map((f) => [f, [0, 0]])) as Record<Field, [number, number]> };
  for (const r of of) {
    t.claims += r.claims; t.candidates += r.candidates; t.matched += r.matched;
    for (const f of FIELDS) { t.fields[f][0] += r.fields[f][0]; t.fields[f][1] += r.fields[f][1]; }
  }
  return t;
};
rows.forEach(line);
console.log('-'.repeat(104));
line(sum('overall', rows));
// Reports added after the extractor was tuned (field `added`): the only held-out figures no one has studied.
const fresh = rows.filter((r) => r.fresh);
if (fresh.length && fresh.length < rows.length) { line(sum('  first round only', rows.filter((r) => !r.fresh))); line(sum('  added later only', fresh)); }
