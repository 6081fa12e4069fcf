/** Streams CSV records (arrays of strings) with csv-parse, from any chunks. */
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import type { Chunks } from '../types.js';
import { textChunks } from './chunks.js';

export async function* csvRows(chunks: Chunks, options: Options = {}): AsyncGenerator<string[]> {
  const parser = Readable.from(textChunks(chunks)).pipe(
    parse({
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      ...options,
    }),
  );
  for await (const record of parser as AsyncIterable<string[]>) yield record;
}
