import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response (@fastify/helmet, set in an onRequest hook, so errors, 404s,
 * the web app, the API and downloads all carry them). The CSP is the strictest the web app runs
 * under: everything it loads is its own (scripts, styles, fonts, the world atlas), nothing inline
 * (React and ECharts style elements through the CSSOM, which CSP does not govern); images may be
 * data: and blob: URLs (the favicon, previews of a photo before upload). The app cannot be framed.
 * test/e2e/csp.test.ts checks it in Chromium, chart tooltips and the map included.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'none'"],
  'worker-src': ["'self'", 'blob:'],
};

/** HSTS tells browsers to use HTTPS from now on: only meaningful, and only sent, over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // A plain-HTTP deployment (the default, on 127.0.0.1) must not pin browsers to HTTPS.
    strictTransportSecurity: false,
    // Evidence files and exports are downloaded by the app's own pages; nothing is embedded cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') void reply.header('strict-transport-security', HSTS);
  });
}

/**
 * The API docs (Swagger UI, /api/docs) inject <style> elements at run time; their pages — a
 * developer's tool that shows no records — may use inline styles, nothing else more.
 */
export function docsContentSecurityPolicy(header: string): string {
  return header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}
