import type { DB, DynamicTables } from '../db/index.js';
import { historyOf, type AuditEntry } from '../audit/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { readableBy, type Actor } from './index.js';
import { recordType, recordTypeNames } from './records.js';

/**
 * A record's audit history, for those who may read the record. History holds every earlier
 * version, so it must be no more open than the record: a restricted record's history is as
 * restricted as the record, and a deleted record's history is judged by its last known version.
 */
export async function readableHistory(db: DB, actor: Actor | null, typeName: string, recordId: string): Promise<AuditEntry[]> {
  const t = recordType(typeName);
  if (!t) throw new ValidationProblem([{ field: 'recordType', message: `must be one of ${recordTypeNames().join(', ')}` }]);
  const what = typeName.replace(/s$/, '').replace(/-/g, ' ');
  const live = await db.withTables<DynamicTables>().selectFrom(t.table).select(['id']).where('id', '=', recordId).where(readableBy(actor)).executeTakeFirst();
  const entries = await historyOf(db, typeName, recordId);
  if (live) return entries;
  // Exists but not readable: the same answer as "no such record", so existence does not leak.
  const exists = await db.withTables<DynamicTables>().selectFrom(t.table).select(['id']).where('id', '=', recordId).executeTakeFirst();
  if (exists || entries.length === 0) throw new NotFound(what, recordId);
  if (!actor) throw new NotFound(what, recordId);
  if (actor.role === 'admin') return entries;
  let last: Record<string, unknown> | null = null;
  for (const e of entries) {
    const snap = (e.after ?? e.before) as Record<string, unknown> | null;
    if (snap && typeof snap === 'object' && 'visibility' in snap) last = snap;
  }
  if (!last) throw new NotFound(what, recordId);
  if (last.visibility !== 'restricted' || last.createdBy === actor.id) return entries;
  const granted = await db.selectFrom('recordGrants').select(['userId']).where('recordId', '=', recordId).where('userId', '=', actor.id).executeTakeFirst();
  if (granted) return entries;
  throw new NotFound(what, recordId);
}
