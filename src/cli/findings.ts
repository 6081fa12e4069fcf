import type { Command } from 'commander';
import { withDatabase } from './context.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { DB } from '../db/index.js';
import { computeFindings, describeDays, rebuildSummary, verifySummary, type Breakdown, type Findings, type Scope, type SummaryDifference } from '../findings/index.js';
import { NotFound, ValidationProblem } from '../problems.js';

/**
 * `remnant findings <item|case|incident id | all> [--model M] [--json] [--public]`: the same figures
 * as the API, printed for a terminal or as JSON (with every record id behind them).
 * `remnant findings verify [--json] [--repair]`: recounts the maintained aggregates (exit 1 on any
 * difference, listing them; --repair rebuilds them from the components).
 */
export function registerFindings(program: Command): void {
  program
    .command('findings')
    .description('computed findings (components, makers, countries, date codes, no-earlier-than, similarity) for an item, case or incident id, "all", or --model')
    .argument('[target]', 'an item, case or incident id, "all" for the whole database, or "verify" to recount the maintained aggregates')
    .option('--model <model>', 'findings for every item of one weapon model (e.g. KN-23)')
    .option('--json', 'print the full result as JSON, with the record ids behind every figure')
    .option('--public', 'count only what the public may see (published records)')
    .option('--exclude-illustrative', 'leave illustrative (demo) records out')
    .option('--repair', 'with verify: rebuild the maintained aggregates from the components when they differ')
    .action(async (target: string | undefined, opts: { model?: string; json?: boolean; public?: boolean; excludeIllustrative?: boolean; repair?: boolean }) => {
      if (target === 'verify') return verify(opts);
      if (opts.repair) throw new ValidationProblem([{ field: 'repair', message: 'only with "remnant findings verify"' }]);
      if (target && opts.model) throw new ValidationProblem([{ field: 'model', message: 'give either a target or --model, not both' }]);
      if (!target && !opts.model) throw new ValidationProblem([{ field: 'target', message: 'give an item, case or incident id, "all", or --model <model>' }]);
      if (opts.model !== undefined && !opts.model.trim()) throw new ValidationProblem([{ field: 'model', message: 'must not be empty' }]);
      const out = await withDatabase(async ({ db }) => {
        const scope: Scope = opts.model ? { kind: 'weaponModel', model: opts.model.trim() } : await resolveTarget(db, target!);
        const f = await computeFindings(db, opts.public ? null : SYSTEM_ACTOR, scope, { includeIllustrative: !opts.excludeIllustrative });
        return opts.json ? JSON.stringify(f, null, 2) + '\n' : formatFindings(f);
      });
      process.stdout.write(out);
    });
}

/** Recounts every maintained figure; a difference is an error the operator can script against (exit 1). */
async function verify(opts: { json?: boolean; repair?: boolean }): Promise<void> {
  const r = await withDatabase(async ({ db }) => {
    const v = await verifySummary(db);
    const repaired = v.differences.length > 0 && opts.repair ? await rebuildSummary(db) : null;
    return { ...v, repaired };
  });
  if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else if (r.differences.length === 0) process.stdout.write(`findings aggregates: ${r.rows} maintained rows, 0 differences from a full recount\n`);
  else {
    process.stdout.write(`findings aggregates: ${r.differences.length}${r.differences.length >= 100 ? '+' : ''} rows differ from a full recount:\n`);
    for (const d of r.differences) process.stdout.write(`  ${describeDifference(d)}\n`);
    if (r.repaired) process.stdout.write(`rebuilt from the components: ${r.repaired.rows} rows\n`);
  }
  // Differences found fail the run even when repaired: the operator should know something wrote past the triggers.
  if (r.differences.length > 0) process.exitCode = 1;
}

function describeDifference(d: SummaryDifference): string {
  const where = `item ${d.itemId} ${d.visibility}${d.illustrative ? ' illustrative' : ''} ${d.dim}=${d.key ?? '(none)'}${d.key2 ? `/${d.key2}` : ''}`;
  return `${where}: stored ${d.stored ? JSON.stringify(d.stored) : 'nothing'}, recount ${d.expected ? JSON.stringify(d.expected) : 'nothing'}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which kind of record an id names: items first (the common case), then cases, then incidents. */
async function resolveTarget(db: DB, target: string): Promise<Scope> {
  if (target === 'all') return { kind: 'all' };
  if (!UUID.test(target)) throw new ValidationProblem([{ field: 'target', message: `"${target}" is not an id (UUID) or "all"` }]);
  for (const [table, kind] of [['items', 'item'], ['cases', 'case'], ['incidents', 'incident']] as const) {
    const hit = await db.selectFrom(table).select('id').where('id', '=', target).executeTakeFirst();
    if (hit) return { kind, id: target };
  }
  throw new NotFound('item, case or incident', target);
}

function table(b: Breakdown, max = 30, withKey = false): string[] {
  const width = Math.min(40, Math.max(8, ...b.buckets.map((x) => x.label.length)));
  const lines = b.buckets.slice(0, max).map((x) =>
    `    ${x.label.padEnd(width)}${withKey && x.key && x.key !== x.label ? ` ${x.key}`.padEnd(5) : ''} ${String(x.units).padStart(7)}  ${x.share.toFixed(1).padStart(5)}%`);
  if (b.buckets.length > max) lines.push(`    … ${b.buckets.length - max} more (--json lists all)`);
  return lines;
}

/** The findings as a terminal report. Pure: a findings result in, text out. */
export function formatFindings(f: Findings): string {
  const L: string[] = [];
  L.push(`Findings for ${f.scope.kind === 'all' ? 'the whole database' : `${f.scope.kind} "${f.scope.label}"`} — counted for ${f.audience}`);
  for (const n of f.notes) L.push(`  ! ${n}`);
  L.push('');
  L.push(`Items: ${f.items.count}`);
  L.push(`Components: ${f.components.units} units in ${f.components.records.count} records; ${f.components.partNumbers.count} distinct part numbers` +
    (f.components.unidentifiedUnits ? `; ${f.components.unidentifiedUnits} units without a part number` : ''));
  L.push(`Makers: ${f.makers.distinct}`);
  L.push(...table(f.makers, 40));
  L.push(`Maker countries (headquarters): ${f.makerCountries.distinct}`);
  L.push(...table(f.makerCountries));
  L.push(`Maker countries (ultimate parent): ${f.makerCountriesByParent.distinct}`);
  L.push(...table(f.makerCountriesByParent));
  L.push(`Readable date codes: ${f.dateCodes.datedUnits} of ${f.components.units} units (${f.dateCodes.share}%)`);
  L.push(...table(f.dateCodes.byYear));
  if (f.noEarlierThan) L.push(`No earlier than: ${f.noEarlierThan.date} (set by ${f.noEarlierThan.refs.count} component${f.noEarlierThan.refs.count === 1 ? '' : 's'}) — ${f.noEarlierThan.note}`);
  else L.push('No earlier than: no dated component');
  for (const t of f.timelines.filter((x) => x.mark || x.interval).slice(0, 20)) {
    const bits = [t.mark ? `own mark: ${t.mark.note}` : null, t.interval ? `production to use: ${t.interval.minDays}–${t.interval.maxDays} days (at most ${describeDays(t.interval.maxDays)})` : null];
    L.push(`  ${t.label}: ${bits.filter(Boolean).join('; ')}${t.interval?.inconsistent ? ` — CHECK: ${t.interval.inconsistent}` : ''}`);
  }
  L.push('CHPL tiers:');
  L.push(...table(f.chplTiers));
  const sim = f.similarity;
  if (sim.similarItems.length) {
    L.push(`Similar items (identical at ≥ ${sim.thresholds.identicalAt}, sister at ≥ ${sim.thresholds.sisterAt}):`);
    for (const s of sim.similarItems) L.push(`    ${s.label}: ${s.similarity.explanation}`);
  }
  if (sim.pairs.length) {
    L.push(`Similar pairs (identical at ≥ ${sim.thresholds.identicalAt}, sister at ≥ ${sim.thresholds.sisterAt}):`);
    for (const p of sim.pairs.slice(0, 20)) L.push(`    ${p.a.label} ~ ${p.b.label}: ${p.similarity.explanation}`);
  }
  if (sim.note) L.push(`Similarity: ${sim.note}`);
  if (f.intermediaries) {
    L.push(`Intermediaries (${f.intermediaries.tracedComponents} traced components; ${f.intermediaries.note}):`);
    L.push(...table(f.intermediaries.byCountry));
    L.push(...table(f.intermediaries.byRegion));
  } else L.push('Intermediaries: nothing in this scope has been traced yet');
  if (f.sanctioned) {
    L.push(`Sanctioned parties: ${f.sanctioned.makers} maker${f.sanctioned.makers === 1 ? '' : 's'}, ${f.sanctioned.intermediaries} intermediar${f.sanctioned.intermediaries === 1 ? 'y' : 'ies'} with a confirmed match`);
    for (const p of f.sanctioned.parties) {
      const refs = p.matches.map((m) => `${m.listTitle}${m.listVersionDate ? ` (${m.listVersionDate})` : ''} ${m.entityReference}`).join('; ');
      L.push(`    ${p.name} [${p.roles.join(', ')}] ${p.organisationId} — ${refs} — ${p.components.count} component${p.components.count === 1 ? '' : 's'}`);
    }
  }
  L.push('', 'Every figure lists the records it counted: run with --json, or GET /api/findings/records to page through them.');
  return L.join('\n') + '\n';
}
