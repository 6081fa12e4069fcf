import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationProblem } from '../problems.js';

/**
 * Malformed multipart bodies (garbage after a boundary, no boundary, an upload cut short) surface
 * as plain Errors from busboy deep inside a route's `for await (const part of req.parts())`. This
 * module turns them into the 400 every other bad input gets, naming the part that was being read
 * (or the body / content-type when none was), for every multipart route at once.
 */

const CURRENT_PART = Symbol('remnant.multipartPart');
type Tracked = FastifyRequest & { [CURRENT_PART]?: string };

/** Remembers, per request, the name of the multipart part last handed to the route. */
export function trackMultipartParts(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (!req.isMultipart()) return;
    const parts = req.parts.bind(req);
    req.parts = ((options?: Parameters<typeof parts>[0]) => {
      const inner = parts(options);
      return (async function* () {
        for await (const part of inner) {
          (req as Tracked)[CURRENT_PART] = part.fieldname;
          yield part;
        }
      })();
    }) as typeof req.parts;
  });
}

// busboy's words for a body it cannot parse; @fastify/multipart's codes for the same.
const BUSBOY = /^Multipart: Boundary not found|Boundary required|unexpected end of multipart data|Malformed part header|Unexpected end of form/i;
const PLUGIN_CODES = new Set(['FST_INVALID_MULTIPART_CONTENT_TYPE', 'FST_PROTO_VIOLATION', 'FST_INVALID_JSON_FIELD_ERROR', 'FST_MP_PREMATURE_CLOSE']);

/** The 400 for a multipart body that could not be parsed; null when `error` is something else. */
export function multipartProblem(error: unknown, req: FastifyRequest): ValidationProblem | null {
  const e = error as { message?: string; code?: string };
  const message = typeof e?.message === 'string' ? e.message : '';
  if (!BUSBOY.test(message) && !PLUGIN_CODES.has(e?.code ?? '')) return null;
  if (/boundary/i.test(message)) {
    return new ValidationProblem([{ field: 'content-type', message: 'multipart/form-data needs a boundary parameter, e.g. multipart/form-data; boundary=XYZ' }]);
  }
  const part = (req as Tracked)[CURRENT_PART];
  return new ValidationProblem([{
    field: part ?? 'body',
    message: part
      ? `the part "${part}" is malformed or was cut short (${message}); send the whole multipart/form-data body again`
      : `is not a complete multipart/form-data body (${message})`,
  }]);
}

/**
 * Reads a multipart body of one file in the field "file" and text fields, the shape every upload
 * route takes; a missing body, a file in another field or no file is a 400 naming the field.
 */
export async function readSingleFile(req: FastifyRequest): Promise<{ file: { name: string; content: Buffer }; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new ValidationProblem([{ field: 'file', message: 'send the file as multipart/form-data in a field named "file"' }]);
  const fields: Record<string, string> = {};
  let file: { name: string; content: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new ValidationProblem([{ field: part.fieldname, message: 'unexpected file field; use "file"' }]);
      file = { name: part.filename, content: await part.toBuffer() };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
  return { file, fields };
}
