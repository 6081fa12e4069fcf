/** Turns bytes or strings from any source into text pieces, UTF-8 by default. */
import type { Chunks } from '../types.js';

export async function* textChunks(chunks: Chunks, encoding = 'utf-8'): AsyncGenerator<string> {
  // A multi-byte character may straddle two reads, hence the streaming decoder.
  const decoder = new TextDecoder(encoding);
  let first = true;
  for await (const chunk of chunks as AsyncIterable<Uint8Array | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Lines of text, whatever the line ending (OFAC uses CR LF, some mirrors CR alone). */
export async function* textLines(chunks: Chunks): AsyncGenerator<string> {
  let buffer = '';
  for await (const text of textChunks(chunks)) {
    buffer += text;
    let at: number;
    while ((at = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, at);
      const sep = buffer[at] === '\r' && buffer[at + 1] === '\n' ? 2 : 1;
      // A lone CR at the very end may be the first half of a CR LF.
      if (buffer[at] === '\r' && at + 1 === buffer.length) break;
      buffer = buffer.slice(at + sep);
      yield line;
    }
  }
  if (buffer) yield buffer;
}

/** Collapses runs of whitespace and trims: lists are full of stray spaces. */
export function clean(value: string | null | undefined): string {
  if (!value) return '';
  return value.replace(/\s+/g, ' ').trim();
}

/** A date string to YYYY-MM-DD, or null. Accepts ISO and US MM/DD/YYYY. */
export function isoDate(value: string | null | undefined): string | null {
  const v = clean(value);
  if (!v) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return null;
}
