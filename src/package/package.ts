import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { instanceIdentity } from '../bundles/index.js';
import { gatherPackage, type PackageScope } from './gather.js';
import { renderPackage } from './pdf.js';

/**
 * One package. `actor` null makes the public package (published records, the portal's
 * redaction); otherwise restricted records the actor may not read never appear. `producedAt` is
 * the package's one varying timestamp: pass the same to get the same bytes.
 */
export async function evidencePackage(db: DB, actor: Actor | null, scope: PackageScope, producedAt: Date = new Date()) {
  const data = await gatherPackage(db, actor, scope);
  return renderPackage(db, data, { producedAt, instance: await instanceIdentity(db), actor });
}
