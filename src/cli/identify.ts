import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { identify, todayIso, type IdentifyContext, type IdentifyResult, type Reading } from '../markings/index.js';
import { ValidationProblem } from '../problems.js';

/**
 * `remnant identify`: reads markings without a database. With arguments, prints a table per
 * marking; with `--json`, reads one marking per line on stdin (the printed lines of one part
 * joined by " / ") and writes one JSON object per input line, in order.
 */
export interface IdentifyOptions {
  json?: boolean;
  recovered?: string;
  today?: string;
  maker?: string;
  introduced?: string;
  dprk?: boolean;
  all?: boolean;
  explain?: boolean;
}

export function registerIdentify(program: Command): void {
  program
    .command('identify')
    .description('read component markings: maker, part number, production window, HS6 and CHPL tier (no database needed)')
    .argument('[marking...]', 'markings to read, each quoted (lines joined by " / "); stdin when none')
    .option('--json', 'read one marking per line on stdin and write one JSON object per line')
    .option('--recovered <date>', "the item's recovery date (YYYY-MM-DD): nothing produced after it")
    .option('--today <date>', '"today" for future checks (YYYY-MM-DD); default: the current date')
    .option('--maker <name>', 'a maker already confirmed (name, alias or catalogue id)')
    .option('--introduced <year>', 'the part\'s introduction year, when known')
    .option('--dprk', "the item's weapon or recovery context is North Korean: a bare two- or three-digit word may be a Juche year")
    .option('--all', 'show every reading, not only the best three')
    .option('--explain', 'print the reasoning under each reading')
    .addHelpText('after', '\nExamples:\n  remnant identify "STM32F405 / RGT6 / GH25Q 93 / CHN 215" --recovered 2024-01-02\n  printf "ADSP-21060 / KS-160 / 2341\\n113\\n" | remnant identify --json')
    .action(async (markings: string[], opts: IdentifyOptions) => {
      await runIdentify(markings, opts, process.stdin, process.stdout);
    });
}

function contextOf(opts: IdentifyOptions): IdentifyContext {
  const errors: { field: string; message: string }[] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (opts.recovered !== undefined && !date.test(opts.recovered)) errors.push({ field: '--recovered', message: 'must be a date as YYYY-MM-DD' });
  if (opts.today !== undefined && !date.test(opts.today)) errors.push({ field: '--today', message: 'must be a date as YYYY-MM-DD' });
  const introduced = opts.introduced === undefined ? undefined : Number(opts.introduced);
  if (introduced !== undefined && !(Number.isInteger(introduced) && introduced >= 1900 && introduced <= 2200)) {
    errors.push({ field: '--introduced', message: 'must be a year between 1900 and 2200' });
  }
  if (errors.length) throw new ValidationProblem(errors);
  return { today: opts.today ?? todayIso(), recoveryDate: opts.recovered, maker: opts.maker, introducedYear: introduced, dprk: opts.dprk === true };
}

/** The compact JSON line for one marking: the fields scripts rely on, best reading first. */
export function jsonLine(marking: string, r: IdentifyResult): object {
  const best: Reading | undefined = r.readings[0];
  const warnings = [...r.warnings, ...(best?.warnings ?? [])];
  return {
    marking,
    maker: best?.maker?.name ?? null,
    makerCountry: best?.maker?.country ?? null,
    partNumber: best?.partNumber ?? null,
    dates: (best?.dates ?? []).map((d) => ({ from: d.from, to: d.to, rule: d.rule })),
    hs6: best?.hs6 ?? null,
    chplTier: best?.chplTier ?? null,
    warnings: warnings.map((w) => w.code),
    // Beyond the minimum: enough to act on without a second call.
    makerId: best?.maker?.id ?? null,
    makerParent: best?.maker?.parent ? { name: best.maker.parent.name, country: best.maker.parent.country, year: best.maker.parent.year } : null,
    ownerAtProduction: best?.ownerAtProduction?.name ?? null,
    makerEvidence: best?.makerEvidence ?? null,
    makerCandidates: best?.makerCandidates ?? [],
    otherReadings: r.readings.slice(1).map((x) => ({ maker: x.maker?.name ?? null, confidence: x.confidence })),
    family: best?.family ?? null,
    category: best?.category ?? null,
    confidence: best?.confidence ?? 0,
    dateCode: best?.dateToken ?? null,
    lot: best?.lot ?? null,
    site: best?.site ?? null,
    assemblyCountry: best?.assemblyCountry ?? null,
    warningMessages: warnings.map((w) => `${w.code}: ${w.message}`),
  };
}

export async function runIdentify(markings: string[], opts: IdentifyOptions, input: Readable, output: Writable): Promise<void> {
  const ctx = contextOf(opts);
  if (opts.json) {
    const jsonCtx = { ...ctx, explain: false };
    if (markings.length) {
      for (const m of markings) await write(output, JSON.stringify(jsonLine(m, identify(m, jsonCtx))) + '\n');
      return;
    }
    // Batched writes: a file of a million markings should not make a million write calls.
    let buf: string[] = [];
    for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
      buf.push(JSON.stringify(jsonLine(line, identify(line, jsonCtx))));
      if (buf.length >= 1000) {
        await write(output, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length) await write(output, buf.join('\n') + '\n');
    return;
  }
  const list = markings.length ? markings : await readLines(input);
  const explain = opts.explain === true;
  for (const m of list) {
    if (!m.trim()) continue;
    await write(output, table(identify(m, { ...ctx, explain }), ctx, opts.all === true, explain) + '\n');
  }
}

async function readLines(input: Readable): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) out.push(line);
  return out;
}

function write(output: Writable, s: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (output.write(s)) resolve();
    else output.once('drain', resolve).once('error', reject);
  });
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A readable table of the readings of one marking, with their warnings. */
export function table(r: IdentifyResult, ctx: IdentifyContext, all: boolean, explain: boolean): string {
  const out: string[] = [];
  out.push(`${r.lines.join(' / ') || '(empty)'}` + (ctx.recoveryDate ? `   [recovered ${String(ctx.recoveryDate)}]` : ''));
  const header = ['#', 'conf', 'maker', 'HQ', 'part number', 'category', 'HS6', 'CHPL', 'production window', 'rule'];
  const rows: string[][] = [];
  const shown = all ? r.readings : r.readings.slice(0, 3);
  shown.forEach((x, i) => {
    const best = x.dates[0];
    const extra = x.dates.filter((d) => d.token === x.dateToken).length - 1;
    const maker = x.maker ? x.maker.name + (x.maker.parent ? ` (→ ${x.maker.parent.name}${x.maker.parent.year ? ` ${x.maker.parent.year}` : ''})` : '') : '—';
    rows.push([
      String(i + 1), x.confidence.toFixed(2), maker, x.maker?.country ?? '—', x.partNumber ?? '—', x.category ?? '—', x.hs6 ?? '—', x.chplTier ?? '—',
      best ? `${best.from} … ${best.to}${extra > 0 ? ` (+${extra} more)` : ''}` : '—', best?.rule ?? '—',
    ]);
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  out.push('  ' + header.map((h, c) => pad(h, widths[c]!)).join('  '));
  for (const row of rows) out.push('  ' + row.map((v, c) => pad(v, widths[c]!)).join('  '));
  if (r.readings.length > shown.length) out.push(`  … ${r.readings.length - shown.length} more readings (--all)`);
  const best = shown[0];
  if (best) {
    for (const d of best.dates.slice(1)) out.push(`  also: ${d.from} … ${d.to}  ${d.rule}  (${d.confidence})  ${d.note}`);
    for (const d of best.rejectedDates) out.push(`  set aside: ${d.from} … ${d.to}  ${d.rule}: ${d.reason}`);
    if (best.lot || best.site || best.assemblyCountry) {
      out.push(`  lot ${best.lot ?? '—'}, site ${best.site ? best.site.code + (best.site.name ? ` (${best.site.name})` : '') : '—'}, assembled in ${best.assemblyCountry ?? '—'}`);
    }
  }
  for (const w of [...r.warnings, ...(best?.warnings ?? [])]) out.push(`  ! ${w.code}: ${w.message}`);
  if (explain && best) for (const line of best.reasoning) out.push(`  · ${line}`);
  return out.join('\n');
}
