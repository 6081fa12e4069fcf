import { sql } from 'kysely';
import type { App } from './app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The tables a GET route reads, for HTTP caching of public reads: an anonymous request gets an
     * ETag from their change counters (migration 0027) and a 304 when it still holds. Declare it
     * only on routes that read nothing else; a table left out would let a stale answer stand.
     */
    cacheTables?: readonly string[];
  }
}

/** Public answers may be kept, but must be checked again (a 304 costs one tiny query). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The tag of the current state of `tables`: the sum of their change counters. */
export async function changeTag(app: App, tables: readonly string[]): Promise<string> {
  const r = await sql<{ n: string }>`SELECT coalesce(sum(n), 0)::text AS n FROM change_counters WHERE table_name = ANY(${[...tables]}::text[])`.execute(app.db);
  return `W/"c${r.rows[0]!.n}"`;
}

function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === tag || t.trim() === '*');
}

/**
 * ETag and Cache-Control for anonymous GETs of routes that declare `cacheTables`; a request whose
 * If-None-Match holds the current tag is answered 304 before the handler runs. Signed-in readers
 * see per-person answers: they get `private, no-store` and no tag. `Vary` keeps shared caches from
 * serving a public answer to a signed-in request or the reverse.
 */
export function installPublicCache(app: App): void {
  app.addHook('preHandler', async (request, reply) => {
    const tables = request.routeOptions.config.cacheTables;
    if (!tables || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    reply.header('vary', 'Cookie, Authorization');
    if (request.actor) {
      reply.header('cache-control', 'private, no-store');
      return;
    }
    const tag = await changeTag(app, tables);
    reply.header('etag', tag).header('cache-control', PUBLIC_CACHE_CONTROL);
    if (matches(request.headers['if-none-match'], tag)) return reply.code(304).send();
  });
  // A refusal or failure is no version of the resource.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode >= 400 && reply.hasHeader('etag')) reply.removeHeader('etag').header('cache-control', 'no-store');
    return payload;
  });
}
