import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../problems.js';

/**
 * Errors answered before a request reaches the router — a malformed request line, headers larger
 * than Node allows (431), a timeout — and the router's own refusals (a path parameter too long:
 * 414, a malformed URL) as problem+json like every other error, with the headers every response has.
 */

/** Headers of a response written straight to the socket, where no hook runs. */
const RAW_HEADERS = [
  'Content-Type: application/problem+json',
  'X-Content-Type-Options: nosniff',
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options: DENY',
  'Referrer-Policy: no-referrer',
  'Connection: close',
];

function clientProblem(err: NodeJS.ErrnoException): Problem {
  if (err.code === 'HPE_HEADER_OVERFLOW') return new Problem(431, 'Request header fields too large', 'the request line and headers together exceed the server\u2019s limit; send a shorter URL or fewer, smaller headers');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new Problem(408, 'Request timeout', 'the request was not received in time');
  return new Problem(400, 'Bad request', `the request is not valid HTTP (${err.code ?? 'parse error'})`);
}

/** Fastify's `clientErrorHandler`: the same answer shape, written to the socket. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientProblem(err);
  const body = JSON.stringify(problem.toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${http.STATUS_CODES[problem.status]}\r\n${RAW_HEADERS.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Fastify's `frameworkErrors`: refusals of the router before any route or hook of ours is chosen. */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const url = (request.raw.url ?? '').split('?')[0] ?? '';
  const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new Problem(414, 'URI too long', 'a path parameter is longer than any id this API uses')
    : new Problem(400, 'Bad request', error.code === 'FST_ERR_BAD_URL' ? 'the URL is malformed (e.g. a broken %-escape)' : error.message);
  for (const h of RAW_HEADERS.slice(1, -1)) {
    const i = h.indexOf(': ');
    void reply.header(h.slice(0, i), h.slice(i + 2));
  }
  void reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toJSON(url.slice(0, 200))));
}
