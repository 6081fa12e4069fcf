import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse, CsvError } from 'csv-parse';
import { FileProblem, type ReaderProgress, type SheetRow, type TableReader } from './types.js';

/**
 * Streaming CSV: the file is decoded and parsed chunk by chunk, so a million-row table never sits
 * in memory. Text must be UTF-8 (a BOM is fine) or UTF-16 with a BOM; anything else is refused
 * with a report that says where the first undecodable byte is and what the file probably is,
 * unless the caller names the encoding, in which case it is transcoded.
 */
export interface CsvOptions {
  /** An encoding label TextDecoder knows (windows-1252, windows-1251, iso-8859-2, …); default strict UTF-8. */
  encoding?: string;
  /** Default: guessed from the first line among , ; tab and |. */
  delimiter?: string;
}

/** What a non-UTF-8 byte sequence most likely is, for the refusal message. */
export function guessEncoding(bytes: Buffer): string {
  let c1 = 0;
  let high = 0;
  let cyr = 0;
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0x9f) c1++;
    if (b >= 0x80) high++;
    if (b >= 0xc0) cyr++;
  }
  if (high === 0) return 'ASCII';
  // Windows-1251 Cyrillic text is mostly bytes 0xC0–0xFF; Western Windows-1252 uses 0x80–0x9F for quotes and dashes.
  if (cyr / high > 0.8 && high > 20) return 'windows-1251 (Cyrillic)';
  if (c1 > 0) return 'windows-1252 (Western European)';
  return 'iso-8859-1 (Latin-1) or windows-1252';
}

class Decode extends Transform {
  private decoder: TextDecoder | null = null;
  private started = false;
  private offset = 0;
  private pending: Buffer = Buffer.alloc(0);
  constructor(
    private readonly encoding: string | undefined,
    private readonly currentRow: () => number,
  ) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  private start(head: Buffer): Buffer {
    this.started = true;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      return head.subarray(3);
    }
    if (head[0] === 0xff && head[1] === 0xfe) {
      this.decoder = new TextDecoder('utf-16le', { fatal: true });
      return head.subarray(2);
    }
    if (head[0] === 0xfe && head[1] === 0xff) {
      this.decoder = new TextDecoder('utf-16be', { fatal: true });
      return head.subarray(2);
    }
    this.decoder = new TextDecoder(this.encoding ?? 'utf-8', { fatal: true });
    return head;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let buf = chunk;
    if (!this.started) {
      // A BOM is up to three bytes; wait for them.
      this.pending = Buffer.concat([this.pending, chunk]);
      if (this.pending.length < 3) return cb();
      buf = this.start(this.pending);
      this.pending = Buffer.alloc(0);
    }
    try {
      const text = this.decoder!.decode(buf, { stream: true });
      this.offset += buf.length;
      this.count(text);
      cb(null, text);
    } catch {
      cb(this.refusal(buf));
    }
  }

  private lines = 0;
  private count(text: string): void {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++;
  }

  override _flush(cb: TransformCallback): void {
    try {
      let text = '';
      if (!this.started) {
        const rest = this.start(this.pending);
        text = this.decoder!.decode(rest, { stream: true });
      }
      text += this.decoder!.decode();
      cb(null, text);
    } catch {
      cb(this.refusal(this.pending));
    }
  }

  private refusal(buf: Buffer): FileProblem {
    // The first byte that does not decode, for a precise position: a valid prefix stays valid,
    // so binary search finds it in a few decodes.
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      try {
        new TextDecoder(this.decoder?.encoding ?? 'utf-8', { fatal: true }).decode(buf.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    const bad = lo;
    const at = this.offset + bad;
    // Hand on the text before the bad byte, so that the rows before it are still read and reported.
    try {
      const prefix = this.decoder!.decode(buf.subarray(0, bad), { stream: true });
      // Only whole lines: the broken line itself must not arrive as a (truncated) row.
      const whole = prefix.slice(0, prefix.lastIndexOf('\n') + 1);
      this.count(prefix);
      this.push(whole);
    } catch {
      /* the prefix was valid a moment ago; nothing more to hand on */
    }
    const row = Math.max(this.lines + 1, this.currentRow() + 1);
    const enc = this.encoding ?? 'UTF-8';
    return new FileProblem(
      `the file is not valid ${enc} (first bad byte at offset ${at}, on line ${row}); it looks like ${guessEncoding(buf)}. ` +
        `Save it as "CSV UTF-8" or import with --encoding set to its encoding (e.g. windows-1252).`,
      row,
    );
  }
}

function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Reads the first line of a file (decoded as UTF-8, leniently) to choose the delimiter. */
async function firstLineOf(file: string): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let text = buf.subarray(0, bytesRead).toString('utf8');
    if (buf[0] === 0xff || buf[0] === 0xfe) text = buf.subarray(2, bytesRead).toString('utf16le');
    return text.split(/\r?\n/)[0] ?? '';
  } finally {
    await fh.close();
  }
}

export async function openCsv(file: string, opts: CsvOptions = {}): Promise<TableReader> {
  if (opts.encoding) {
    try {
      new TextDecoder(opts.encoding);
    } catch {
      throw new FileProblem(`unknown encoding "${opts.encoding}"; use a label such as utf-8, windows-1252, windows-1251 or iso-8859-2`);
    }
  }
  const size = (await fs.promises.stat(file)).size;
  const delimiter = opts.delimiter ?? sniffDelimiter(await firstLineOf(file));
  let bytesRead = 0;
  let rowNo = 0;
  return {
    format: 'csv',
    progress: (): ReaderProgress => ({ bytesRead, bytesTotal: size }),
    describe: () => ({ delimiter, encoding: opts.encoding ?? 'utf-8' }),
    async *rows(): AsyncIterable<SheetRow> {
      const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
      input.on('data', (c) => (bytesRead += (c as Buffer).length));
      const decode = new Decode(opts.encoding, () => rowNo);
      const parser = parse({
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        // Blank lines are kept (and skipped later) so that row numbers match what a spreadsheet shows.
        skip_empty_lines: false,
        // A cell may be large (a full text pasted in), but not unboundedly.
        max_record_size: 64 * 1024 * 1024,
      });
      input.on('error', (e) => parser.destroy(e));
      // An undecodable byte ends the input, but the rows before it are still read first.
      // Asserted rather than annotated: set only in a callback, an annotated `null` would be narrowed to null.
      let refused = null as FileProblem | null;
      decode.on('error', (e) => {
        if (e instanceof FileProblem) {
          refused = e;
          parser.end();
        } else parser.destroy(e);
      });
      input.pipe(decode).pipe(parser);
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          rowNo++;
          yield { row: rowNo, cells: record };
        }
        if (refused) throw refused;
      } catch (e) {
        if (e instanceof FileProblem) throw e;
        if (e instanceof CsvError) throw new FileProblem(`the file is not well-formed CSV near row ${rowNo + 1}: ${e.message}`, rowNo + 1);
        throw e;
      } finally {
        input.destroy();
      }
    },
  };
}
