import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { ValidationProblem } from '../problems.js';
import { fingerprintOf, publicKeyObject } from './keys.js';

export interface TrustedKey {
  publicKey: string;
  fingerprint: string;
  name: string;
  addedAt: string;
}

export async function trustedKey(db: DB, publicKey: string): Promise<TrustedKey | null> {
  const r = await db.selectFrom('bundleTrustedKeys').select(['publicKey', 'fingerprint', 'name', 'addedAt']).where('publicKey', '=', publicKey).executeTakeFirst();
  return (r) ?? null;
}

export async function listTrustedKeys(db: DB): Promise<TrustedKey[]> {
  return (await db.selectFrom('bundleTrustedKeys').select(['publicKey', 'fingerprint', 'name', 'addedAt']).orderBy('name').execute());
}

/** Admin only (the CLI runs as the system account; the route is declared `admin`). */
export async function trustKey(db: DB, actor: Actor, publicKey: string, name: string): Promise<TrustedKey> {
  const errors = [];
  try {
    publicKeyObject(publicKey);
  } catch (e) {
    errors.push({ field: 'publicKey', message: (e as Error).message });
  }
  if (!name || !name.trim() || name.length > 200) errors.push({ field: 'name', message: 'a name of 1 to 200 characters says whose key this is' });
  if (errors.length) throw new ValidationProblem(errors);
  const fingerprint = fingerprintOf(publicKey);
  return audited(db, async (trx) => {
    const row = await trx.insertInto('bundleTrustedKeys').values({ publicKey, fingerprint, name: name.trim(), addedBy: actor.id })
      .onConflict((oc) => oc.column('publicKey').doUpdateSet({ name: name.trim() }))
      .returning(['publicKey', 'fingerprint', 'name', 'addedAt']).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'trust', recordType: 'bundle_key', recordId: null, after: { fingerprint, name: name.trim() } });
    return row;
  });
}
