import path from 'node:path';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DB } from '../db/index.js';
import type { Config } from '../config.js';
import type { Actor } from '../access/index.js';
import { installAccess } from './access.js';
import { multipartProblem, trackMultipartParts } from './multipart.js';
import { parseJsonBody } from './json-body.js';
import { docsContentSecurityPolicy, installSecurityHeaders } from './security-headers.js';
import { clientErrorHandler, frameworkErrors } from './client-errors.js';
import { Problem, ValidationProblem, problemFromPg, type FieldError } from '../problems.js';
import { packageRoot } from '../paths.js';
import { registerRoutes } from './routes/index.js';
import { installPublicCache } from './public-cache.js';
import { requestTranslator } from './language.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    db: DB;
    config: Config;
  }
}

/** The app as route files see it: typed by the zod provider, so handlers get parsed params and bodies. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export type ActorResolver = (request: FastifyRequest) => Promise<Actor | null>;

export interface AppOptions {
  db: DB;
  config: Config;
  /** Who is asking. Default: the session cookie or bearer token of the request (src/http/access.ts). */
  resolveActor?: ActorResolver;
  logger?: boolean;
}

const WEB_DIST = path.join(packageRoot, 'dist', 'web');
const JSON_BODY_LIMIT = 8 * 1024 * 1024;

function fieldErrorsFromValidation(err: { validation: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string }): FieldError[] {
  return err.validation.map((v) => {
    const issue = v.params?.issue as { path?: (string | number)[]; message?: string } | undefined;
    const pathParts = issue?.path ?? (v.instancePath ?? '').split('/').filter(Boolean);
    const field = pathParts.length ? pathParts.join('.') : (err.validationContext ?? 'body');
    return { field, message: issue?.message ?? v.message ?? 'invalid' };
  });
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    // Without request logging, faults (5xx) are still logged.
    logger: { level: opts.logger ? opts.config.logLevel : 'error' },
    bodyLimit: JSON_BODY_LIMIT,
    // Ids in paths are UUIDs; a long path is noise or an attack.
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('config', opts.config);
  app.decorateRequest('actor', null);
  // Who is asking (session cookie, bearer token or the public), CSRF, and each route's declared
  // permission: see src/http/access.ts. Must precede every route, as it collects the route table.
  await installAccess(app, { db: opts.db, resolveActor: opts.resolveActor });

  // Decode JSON strictly: invalid UTF-8 and lone surrogates are refused, not silently replaced with U+FFFD.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  await installSecurityHeaders(app);
  installPublicCache(app);

  await app.register(fastifyMultipart, {
    limits: { fileSize: opts.config.maxUploadBytes, files: 1, fields: 20, fieldSize: 100_000 },
  });
  trackMultipartParts(app);

  app.setErrorHandler(async (error, request, reply) => {
    let problem: Problem;
    const badMultipart = multipartProblem(error, request);
    if (error instanceof Problem) problem = error;
    else if (badMultipart) problem = badMultipart;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      problem = new ValidationProblem(fieldErrorsFromValidation(error));
    } else if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { statusCode?: number }).statusCode === 413) {
      problem = new Problem(413, 'Payload too large', `the upload exceeds the limit of ${Math.round(opts.config.maxUploadBytes / 1048576)} MB for files (${JSON_BODY_LIMIT / 1048576} MB for JSON bodies)`);
    } else {
      const fromPg = problemFromPg(error);
      const status = (error as { statusCode?: number }).statusCode;
      if (fromPg) problem = fromPg;
      else if (status && status >= 400 && status < 500) problem = new Problem(status, 'Bad request', error instanceof Error ? error.message : String(error));
      else {
        request.log.error({ err: error }, 'unexpected error');
        problem = new Problem(500, 'Internal error', 'an unexpected error occurred; it has been logged');
      }
    }
    if (problem.status >= 500) request.log.error({ err: error }, problem.detail);
    const translate = await requestTranslator(request);
    return reply.status(problem.status).type('application/problem+json').serializer(JSON.stringify).send(problem.toJSON(request.url, translate));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Remnant API',
        version: '0.1.0',
        description: 'Evidence platform for tracing weapons used in armed conflict to the components, companies, countries and supply chains behind them.',
      },
      tags: [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', transformStaticCSP: docsContentSecurityPolicy });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerRoutes(app);

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // The web app owns every non-API path (client-side routing); the API answers 404 as a problem.
    if (request.method === 'GET' && !url.startsWith('/api/') && existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).type('application/problem+json').send(new Problem(404, 'Not found', `no route ${request.method} ${url}`).toJSON(url, await requestTranslator(request)));
  });
  return app;
}
