import { sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/index.js';
import { assertCanWrite, type Actor } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { FIELDS, IMPORT_RESOURCES } from './mapping.js';

/** Saved import mappings (table `import_profiles`, migration 0060). */
export const profileInput = z.object({
  name: z.string().trim().min(1).max(200),
  resource: z.enum(IMPORT_RESOURCES),
  mapping: z.record(z.string(), z.string().max(500).nullable()).default({}),
  defaults: z.record(z.string(), z.string().max(10_000)).default({}),
  options: z.record(z.string(), z.string().max(200)).default({}),
});
export type ProfileInput = z.input<typeof profileInput>;

export const profileRow = z.object({
  id: z.string(),
  name: z.string(),
  resource: z.enum(IMPORT_RESOURCES),
  mapping: z.record(z.string(), z.string().nullable()),
  defaults: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
});
export type Profile = z.infer<typeof profileRow>;

const COLUMNS = ['id', 'name', 'resource', 'mapping', 'defaults', 'options', 'createdAt', 'updatedAt', 'createdBy'] as const;
// The generated types say text and any JSON; saveProfile, the only writer, stores what profileInput accepted.
type StoredProfile = Pick<Profile, 'resource' | 'mapping' | 'defaults' | 'options'>;

export async function listProfiles(db: DB): Promise<Profile[]> {
  return (await db.selectFrom('importProfiles').select([...COLUMNS]).$narrowType<StoredProfile>().orderBy('name').execute());
}

export async function loadProfile(db: DB, name: string): Promise<Profile> {
  const row = await db.selectFrom('importProfiles').select([...COLUMNS]).$narrowType<StoredProfile>().where(sql`lower(name)`, '=', name.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw new NotFound('import profile', name);
  return row;
}

/** Creates or replaces the profile of that name, checking the action it turns out to be. Unknown field names are refused, not kept. */
export async function saveProfile(db: DB, actor: Actor, input: ProfileInput): Promise<Profile> {
  // Any writer may save a new profile (field investigators import what they find, too).
  assertCanWrite(actor, 'create');
  const p = profileInput.parse(input);
  const known = new Set(FIELDS[p.resource].map((f) => f.name));
  const unknown = [...Object.keys(p.mapping), ...Object.keys(p.defaults)].filter((f) => !known.has(f));
  if (unknown.length) throw new ValidationProblem(unknown.map((f) => ({ field: `mapping.${f}`, message: `is not a field of ${p.resource}` })));
  return audited(db, async (trx) => {
    const before = await trx.selectFrom('importProfiles').select([...COLUMNS]).$narrowType<StoredProfile>().where(sql`lower(name)`, '=', p.name.toLowerCase()).forUpdate().executeTakeFirst();
    // Saving under a taken name replaces that profile: an update, which a field investigator may
    // make only to a profile of their own (profiles are shared, unpublished settings).
    if (before) assertCanWrite(actor, 'update', { createdBy: before.createdBy, visibility: 'internal' }, { recordType: 'import-profiles' });
    const values = { name: p.name, resource: p.resource, mapping: JSON.stringify(p.mapping), defaults: JSON.stringify(p.defaults), options: JSON.stringify(p.options), updatedBy: actor.id };
    const row = before
      ? await trx.updateTable('importProfiles').set(values).where('id', '=', before.id).returning([...COLUMNS]).$narrowType<StoredProfile>().executeTakeFirstOrThrow()
      : await trx.insertInto('importProfiles').values({ ...values, createdBy: actor.id }).returning([...COLUMNS]).$narrowType<StoredProfile>().executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: before ? 'update' : 'create', recordType: 'import-profiles', recordId: row.id, before, after: row });
    return row;
  });
}

export async function deleteProfile(db: DB, actor: Actor, name: string): Promise<void> {
  assertCanWrite(actor, 'delete', undefined);
  await audited(db, async (trx) => {
    const before = await trx.selectFrom('importProfiles').select([...COLUMNS]).$narrowType<StoredProfile>().where(sql`lower(name)`, '=', name.trim().toLowerCase()).forUpdate().executeTakeFirst();
    if (!before) throw new NotFound('import profile', name);
    await trx.deleteFrom('importProfiles').where('id', '=', before.id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: 'import-profiles', recordId: before.id, before });
  });
}
