/**
 * PostgreSQL's COPY text format (the default of `COPY … FROM STDIN`): one line per row, columns
 * separated by tabs, `\N` for NULL, and backslash escapes for backslash, tab, newline and CR.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function escapeCopyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : s;
}

/** A text[] literal: every element double-quoted, with `"` and `\` escaped inside. */
export function arrayLiteral(items: readonly unknown[]): string {
  return '{' + items.map((x) => (x === null || x === undefined ? 'NULL' : '"' + String(x).replace(/[\\"]/g, '\\$&') + '"')).join(',') + '}';
}

export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return escapeCopyText(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`cannot COPY the number ${v}`);
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (Array.isArray(v)) return escapeCopyText(arrayLiteral(v));
      return escapeCopyText(JSON.stringify(v));
  }
}

/** One COPY line (with its newline) for `record`, taking `keys` in order. */
export function copyLine(record: Record<string, unknown>, keys: readonly string[]): string {
  let line = '';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) line += '\t';
    line += copyValue(record[keys[i]!]);
  }
  return line + '\n';
}

export function snakeCase(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}
