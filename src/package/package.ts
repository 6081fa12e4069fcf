import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { instanceIdentity } from '../bundles/index.js';
import { gatherPackage, type PackageScope } from './gather.js';
import { renderPackage } from './pdf.js';
import type { Language } from '../messages/index.js';

/**
 * One package. `actor` null makes the public package (published records, the portal's
 * redaction); otherwise restricted records the actor may not read never appear. `producedAt` is
 * the package's one varying timestamp: pass the same to get the same bytes. `language`: its
 * headings, labels, dates and numbers (issue 24); the records themselves are printed as recorded.
 */
export async function evidencePackage(db: DB, actor: Actor | null, scope: PackageScope, producedAt: Date = new Date(), language: Language = 'en') {
  const data = await gatherPackage(db, actor, scope);
  return renderPackage(db, data, { producedAt, instance: await instanceIdentity(db), actor, language });
}
