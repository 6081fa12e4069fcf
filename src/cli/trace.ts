import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { withDatabase } from './context.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { letterData, letterPdf, letterText, overdueRequests, utcToday } from '../tracing/index.js';
import { Problem, ValidationProblem } from '../problems.js';
import type { DB } from '../db/index.js';

/**
 * `remnant trace overdue` lists trace requests past their reply date; `remnant trace letter <id>`
 * prints a request's letter (or writes the PDF). The CLI acts as the system account, like every
 * command run on the server itself.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A request by id or by its reference (TR-000042), as printed on letters. */
async function resolveRequest(db: DB, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref.toLowerCase();
  if (/^TR-\d+$/i.test(ref)) {
    const row = await db.selectFrom('traceRequests').select('id').where('reference', '=', ref.toUpperCase()).executeTakeFirst();
    if (!row) throw new Problem(404, 'Not found', `no trace request with reference ${ref.toUpperCase()}`);
    return row.id;
  }
  throw new ValidationProblem([{ field: 'id', message: 'give the request id (a UUID) or its reference, such as TR-000042' }]);
}

export function registerTrace(program: Command): void {
  const trace = program.command('trace').description('trace requests to makers and distributors');

  trace
    .command('overdue')
    .description('requests sent or acknowledged whose reply is past due (sent + 28 days)')
    .option('--on <date>', 'count as of this date (YYYY-MM-DD, UTC); default today')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { on?: string; json?: boolean }) => {
      if (opts.on !== undefined && !ISO.test(opts.on)) throw new ValidationProblem([{ field: 'on', message: 'must be a date as YYYY-MM-DD' }]);
      const on = opts.on ?? utcToday();
      await withDatabase(async ({ db }) => {
        const rows = await overdueRequests(db, SYSTEM_ACTOR, on);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ on, data: rows }, null, 2) + '\n');
          return;
        }
        if (rows.length === 0) {
          process.stdout.write(`no overdue trace requests on ${on}\n`);
          return;
        }
        const head = ['reference', 'to', 'status', 'sent', 'reply due', 'days late', 'right of reply'];
        const table = rows.map((r) => [
          r.reference + (r.illustrative ? ' (illustrative)' : ''), r.organisationName ?? r.organisationId, r.status, r.sentOn ?? '', r.replyDue ?? '',
          String(r.deadline.daysOverdue), r.deadline.phase === 'right_of_reply_expired' ? `expired ${r.rightOfReplyDue}` : `until ${r.rightOfReplyDue}`,
        ]);
        const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        process.stdout.write([line(head), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') + `\n${rows.length} overdue on ${on}\n`);
      });
    });

  trace
    .command('letter <id>')
    .description('print the request letter as plain text, or write it as PDF with --pdf (id or reference such as TR-000042)')
    .option('--pdf <file>', 'write the PDF letter to this file')
    .action(async (ref: string, opts: { pdf?: string }) => {
      await withDatabase(async ({ db }) => {
        const id = await resolveRequest(db, ref);
        const data = await letterData(db, SYSTEM_ACTOR, id, utcToday());
        if (opts.pdf) {
          const pdf = await letterPdf(data);
          await fs.writeFile(opts.pdf, pdf);
          process.stdout.write(`wrote ${opts.pdf} (${pdf.length} bytes, ${data.components.length} components, ${data.photos.length} photos)\n`);
        } else {
          process.stdout.write(letterText(data));
        }
      });
    });
}
