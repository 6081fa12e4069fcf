import { sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { Conflict, ValidationProblem } from '../problems.js';

/**
 * Records captured offline (issue 23, src/web/offline/) are created with an id the phone made
 * (`Idempotency-Key`, a UUID) so that a sync retried after a lost answer finds the record it already
 * made instead of making a second one. The one rule for that lives here and is used by every create
 * the sync needs: the generated evidence routes (store.create) and file uploads (storeFile).
 */
export interface ClientCapture {
  /** The client-generated id, used as the record's id. */
  id: string;
  /** When the record was captured on the device, if it was captured offline. */
  capturedAt: string | null;
}

const key = z.guid();
const instant = z.iso.datetime({ offset: true });

/** Reads `Idempotency-Key` and `X-Captured-At` from a request's headers; bad values are a 400 naming the header. */
export function captureFromHeaders(headers: Record<string, string | string[] | undefined>): ClientCapture | null {
  const raw = headers['idempotency-key'];
  const at = headers['x-captured-at'];
  if (raw === undefined) {
    if (at !== undefined) throw new ValidationProblem([{ field: 'X-Captured-At', message: 'only together with an Idempotency-Key' }]);
    return null;
  }
  const id = key.safeParse(raw);
  if (!id.success) throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'must be a UUID made by the client (it becomes the record\'s id)' }]);
  if (at === undefined) return { id: id.data, capturedAt: null };
  const when = instant.safeParse(at);
  if (!when.success) throw new ValidationProblem([{ field: 'X-Captured-At', message: 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-07T18:00:00Z' }]);
  return { id: id.data, capturedAt: new Date(when.data).toISOString() };
}

/**
 * Inside the create's transaction: waits for any other request with the same key, then returns the
 * record already made with it (a retry) or null (the first time). A key already used by someone else
 * is a 409, never a second record and never someone else's record.
 */
export async function alreadyCaptured(
  trx: DB, actor: Actor, capture: ClientCapture, select: (trx: DB) => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown> | null> {
  // Serialises two retries racing with the same key; released at commit.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${capture.id}, 23))`.execute(trx);
  const row = await select(trx);
  if (!row) return null;
  if (row.createdBy !== actor.id) throw new Conflict(`Idempotency-Key ${capture.id} was already used by someone else`, { field: 'Idempotency-Key' });
  return row;
}

/** What the audit entry of an offline-captured create adds to the record: captured offline, when, and when synced. */
export function auditedCapture(row: Record<string, unknown>, capture: ClientCapture | null | undefined): Record<string, unknown> {
  if (!capture?.capturedAt) return row;
  return { ...row, capture: { offline: true, capturedAt: capture.capturedAt, syncedAt: new Date().toISOString() } };
}

/** The photo's SHA-256 as the phone computed it (`X-Content-SHA256`), checked against what arrived. */
export function checkContentHash(expected: string | undefined, actual: string): void {
  if (expected === undefined) return;
  if (!/^[0-9a-f]{64}$/i.test(expected)) throw new ValidationProblem([{ field: 'X-Content-SHA256', message: 'must be 64 hexadecimal digits' }]);
  if (expected.toLowerCase() !== actual) {
    throw new ValidationProblem([{ field: 'X-Content-SHA256', message: `the file that arrived has SHA-256 ${actual}, not ${expected.toLowerCase()}: it was changed or cut short on the way; send it again` }]);
  }
}
