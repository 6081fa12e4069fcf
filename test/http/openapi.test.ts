import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3 according to swagger-parser', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    // validate() dereferences and checks the document against the OpenAPI schema; it throws on any error.
    const validated = await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(validated.paths ?? {})).toContain('/api/components/{id}');
  });

  it('documents every registered API route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/');
    for (const op of ['GET /api/items', 'POST /api/components', 'PATCH /api/incidents/{id}', 'DELETE /api/sources/{id}', 'POST /api/evidence-files', 'GET /api/health']) {
      expect(documented.has(op), op).toBe(true);
    }
  });

  it('serves human docs at /api/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
