import type { DB } from '../db/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { NotFound } from '../problems.js';
import type { Actor } from './index.js';

/**
 * The signed-in user's own language for the web app (issue 24). The list of languages is the web
 * app's (src/web/i18n/languages.ts); the database's CHECK holds the same two codes.
 */
export const USER_LANGUAGES = ['en', 'uk'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export async function languageOf(db: DB, userId: string): Promise<UserLanguage | null> {
  const row = await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return (row?.language as UserLanguage | null | undefined) ?? null;
}

/** Sets (or clears, with null) the actor's own language; one audit entry with before and after. */
export async function setOwnLanguage(db: DB, actor: Actor, language: UserLanguage | null): Promise<UserLanguage | null> {
  return audited(db, async (trx) => {
    const before = await trx.selectFrom('users').select('language').where('id', '=', actor.id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFound('user', actor.id);
    if (before.language === language) return language;
    await trx.updateTable('users').set({ language }).where('id', '=', actor.id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: 'users', recordId: actor.id, before: { language: before.language }, after: { language } });
    return language;
  });
}
