import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED, generatedTypes } from '../../scripts/openapi-types.js';
import { freshDatabase } from '../support/db.js';

/**
 * The web client's types (src/web/generated/api.ts) are generated from the app's OpenAPI document.
 * A route changed without regenerating them fails here: run `npx tsx scripts/openapi-types.ts`.
 */
describe('generated API types', () => {
  it('match the OpenAPI document the app builds now', async () => {
    const fresh = await generatedTypes((await freshDatabase()).db);
    const committed = readFileSync(GENERATED, 'utf8');
    // Compared whole: a stale path, parameter or field fails. The message says how to mend it.
    expect(committed === fresh, 'src/web/generated/api.ts is stale: run `npx tsx scripts/openapi-types.ts` and commit it').toBe(true);
    expect(fresh).toContain('"/api/dashboard"');
  });
});
