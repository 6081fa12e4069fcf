import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractClaims, readReport, MAX_REPORT_BYTES, type Candidate } from '../claims/index.js';
import { ValidationProblem } from '../problems.js';

/**
 * `remnant claims extract <file>`: the candidate claims of one report, printed and never stored
 * (no database is opened). `--json` writes one JSON array; offsets refer to the report's text
 * (for .txt, after its `# key: value` lines).
 */
export function registerClaims(program: Command): void {
  const claims = program.command('claims').description('claims read from reports');
  claims
    .command('extract')
    .description('propose candidate claims from a report (.txt, .html or .pdf) without storing anything')
    .argument('<file>', 'the report: plain text (top lines "# source: URL", "# date: YYYY-MM-DD"), a saved HTML page, or a PDF with a text layer')
    .option('--published <date>', 'publication date (YYYY-MM-DD) to resolve "February 6th" or "last week"; default: from the file')
    .option('--json', 'one JSON array of candidates')
    .action(async (file: string, opts: { published?: string; json?: boolean }) => {
      process.stdout.write(await runExtract(file, opts));
    });
}

export async function runExtract(file: string, opts: { published?: string; json?: boolean }): Promise<string> {
  if (opts.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) {
    throw new ValidationProblem([{ field: '--published', message: 'must be a date as YYYY-MM-DD' }]);
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ValidationProblem([{ field: 'file', message: `${file}: no such file` }]);
  // Refused before reading, so a huge file costs nothing.
  if (info.size > MAX_REPORT_BYTES) {
    throw new ValidationProblem([{ field: 'file', message: `is ${(info.size / 1048576).toFixed(1)} MB; a report may be at most ${MAX_REPORT_BYTES / 1048576} MB` }]);
  }
  const report = await readReport(await readFile(file), file);
  const published = opts.published ?? report.meta.publishedOn;
  const candidates = await extractClaims(report.text, { published, publisher: report.meta.publisher });
  if (opts.json) return `${JSON.stringify(candidates.map(jsonOf), null, 2)}\n`;
  return table(candidates, published);
}

/** The fields scripts rely on, in the order the issue names them. */
export function jsonOf(c: Candidate) {
  return {
    text: c.text, start: c.start, end: c.end, quantity: c.quantity, quantityQualifier: c.quantityQualifier, quantityKind: c.quantityKind,
    speaker: c.speaker, speakerOrg: c.speakerOrg, dateSaid: c.dateSaid, weapon: c.weapon, place: c.place, eventDate: c.eventDate,
    confidence: c.confidence, kind: c.kind, figure: c.figure, notes: c.notes,
  };
}

function table(candidates: Candidate[], published: string | null): string {
  const lines = [`${candidates.length} candidate claim(s)${published ? ` (published ${published})` : ' (no publication date: year-less dates left unresolved)'}`];
  for (const c of candidates) {
    const what = c.kind === 'quantity' ? `${c.quantityQualifier && c.quantityQualifier !== 'exact' ? `${c.quantityQualifier.replace('_', ' ')} ` : ''}${c.quantity} ${c.quantityKind}` : 'statement';
    const who = [c.speaker, c.speakerOrg].filter(Boolean).join(', ') || 'unattributed';
    const facts = [c.weapon && `weapon ${c.weapon}`, c.place && `place ${c.place}`, c.eventDate && `event ${c.eventDate}`, c.dateSaid && `said ${c.dateSaid}`].filter(Boolean).join('; ');
    lines.push('', `[${c.start}-${c.end}] ${what} — ${who} (confidence ${c.confidence.toFixed(2)})`, facts ? `  ${facts}` : '', `  "${c.text.length > 220 ? `${c.text.slice(0, 217)}…` : c.text}"`);
    if (c.notes.length) lines.push(`  notes: ${c.notes.join('; ')}`);
  }
  return `${lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n')}\n`;
}
