import { csrfHeader } from '../api/client';
import { captureDb, SYNC_ORDER, type Captured } from './db';

/**
 * Sends what was captured offline, parents first (incident → item → components → photos). Each
 * request carries the record's client id as Idempotency-Key and when it was captured; a photo carries
 * the SHA-256 computed on the device, which the server checks. A lost connection leaves the rest
 * waiting for the next try; a refusal (a parent deleted, permission lost, a key clash) is kept as a
 * conflict with the server's answer beside the local version, never retried blindly or overwritten,
 * and its children wait behind it.
 */
const PARENT_FIELD: Record<Captured['kind'], string | null> = { incidents: null, items: 'incidentId', components: 'itemId', photos: null };

export interface SyncResult {
  synced: number;
  conflicts: number;
  offline: boolean;
  /** The server asked for a sign-in (the session ended): nothing more is sent, nothing is marked. */
  signedOut: boolean;
}

function headersFor(r: Captured): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json, application/problem+json', 'idempotency-key': r.id, 'x-captured-at': r.capturedAt };
  const csrf = csrfHeader('POST');
  if (csrf) h['x-csrf-token'] = csrf;
  return h;
}

async function send(r: Captured, parent: Captured | undefined): Promise<Response> {
  if (r.kind === 'photos') {
    const form = new FormData();
    form.set('slot', 'photo');
    if (parent) form.set(parent.kind === 'components' ? 'componentId' : 'itemId', parent.id);
    form.set('file', new Blob([r.file!.bytes], { type: r.file!.type }), r.file!.name);
    return fetch('/api/evidence-files', { method: 'POST', headers: { ...headersFor(r), 'x-content-sha256': r.file!.sha256 }, body: form, credentials: 'same-origin' });
  }
  const field = PARENT_FIELD[r.kind];
  const body = field && r.parentId ? { ...r.body, [field]: r.parentId } : r.body;
  return fetch(`/api/${r.kind}`, {
    method: 'POST', headers: { ...headersFor(r), 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin',
  });
}

/** The server's version of what stands in the way: the parent as it is now (or null when it is gone). */
async function serverVersionOf(parent: Captured | undefined): Promise<unknown> {
  if (!parent) return null;
  const res = await fetch(`/api/${parent.kind === 'photos' ? 'evidence-files' : parent.kind}/${parent.id}`, { credentials: 'same-origin' }).catch(() => null);
  return res?.ok ? res.json() : null;
}

/**
 * For a component identified on the device: the fields where the server's stored suggestion differs
 * from what the device showed (the same rules run in both, so a difference means the app is older
 * than the server's rules, and the investigator should see what is stored).
 */
async function compared(r: Captured, res: Response): Promise<Captured['identified']> {
  if (r.kind !== 'components' || !r.identified) return r.identified;
  const stored = (await res.json().catch(() => null)) as { suggestion?: Record<string, unknown> | null } | null;
  if (!stored?.suggestion) return r.identified;
  const { suggestedFields } = await import('./identify');
  const server = suggestedFields(stored.suggestion);
  const serverDiffers: NonNullable<Captured['identified']>['serverDiffers'] = {};
  for (const [k, device] of Object.entries(r.identified.fields)) {
    if ((server[k] ?? null) !== device) serverDiffers[k] = { device, server: server[k] ?? null };
  }
  return { ...r.identified, serverDiffers };
}

export async function syncAll(): Promise<SyncResult> {
  const all = await captureDb.records.toArray();
  const byId = new Map(all.map((r) => [r.id, r]));
  const waiting = all
    .filter((r) => r.status === 'waiting')
    .sort((a, b) => SYNC_ORDER.indexOf(a.kind) - SYNC_ORDER.indexOf(b.kind) || a.capturedAt.localeCompare(b.capturedAt));
  const result: SyncResult = { synced: 0, conflicts: 0, offline: false, signedOut: false };
  for (const r of waiting) {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    // A child waits while its parent is not on the server (still waiting, or in conflict).
    if (parent && parent.status !== 'synced') continue;
    let res: Response;
    try {
      res = await send(r, parent);
    } catch {
      result.offline = true;
      break;
    }
    if (res.ok) {
      const done: Captured = { ...r, status: 'synced', syncedAt: new Date().toISOString(), identified: await compared(r, res) };
      await captureDb.records.put(done);
      byId.set(r.id, done);
      result.synced++;
      continue;
    }
    if (res.status === 401) {
      result.signedOut = true;
      break;
    }
    // The server's trouble, not the record's: it waits for the next try.
    if (res.status >= 500) break;
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
    const conflicted: Captured = {
      ...r, status: 'conflict',
      conflict: { status: res.status, detail: problem.detail ?? problem.title ?? String(res.status), server: await serverVersionOf(parent) },
    };
    await captureDb.records.put(conflicted);
    byId.set(r.id, conflicted);
    result.conflicts++;
  }
  return result;
}
