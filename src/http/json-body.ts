import { ValidationProblem } from '../problems.js';

/**
 * JSON request bodies decoded strictly: invalid UTF-8 is refused rather than replaced with U+FFFD,
 * and so is a lone surrogate (`"\ud800"`, which JSON's escapes allow but no Unicode text contains):
 * PostgreSQL would store it as U+FFFD, silently changing evidence text and its hash.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ValidationProblem([{ field: 'body', message: 'is not valid UTF-8' }]);
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ValidationProblem([{ field: 'body', message: `is not valid JSON (${(e as Error).message})` }]);
  }
  // Escapes can only come from `\u` sequences; a body without any needs no walk.
  if (text.includes('\\u')) {
    const where = loneSurrogateAt(value, []);
    if (where) throw new ValidationProblem([{ field: where.length ? where.join('.') : 'body', message: 'contains a lone surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text' }]);
  }
  return value;
}

/** The path of the first string (value or key) that is not well-formed Unicode, or null. */
export function loneSurrogateAt(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = loneSurrogateAt(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormed(k)) return [...path, k];
      const hit = loneSurrogateAt(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}
