import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_TYPES, schemaTypes } from '../../scripts/db-types.js';
import { freshDatabase } from '../support/db.js';

/**
 * The database's row types (src/db/schema.ts) are generated from the migrated schema. A migration
 * added without regenerating them fails here: run `npx tsx scripts/db-types.ts` and commit the file.
 */
describe('generated database types', () => {
  it('match the schema the migrations build now', async () => {
    const fresh = schemaTypes((await freshDatabase()).url);
    const committed = readFileSync(SCHEMA_TYPES, 'utf8');
    expect(committed === fresh, 'src/db/schema.ts is stale: run `npx tsx scripts/db-types.ts` and commit it').toBe(true);
    // The value types follow src/db/pool.ts's parsers: a count is a number, a timestamp a string.
    expect(fresh).toMatch(/export interface AuditLog \{[^}]*seq: Generated<number>;[^}]*\}/);
    expect(fresh).toMatch(/export interface Components \{[^}]*createdAt: Generated<string>;/);
  });
});
