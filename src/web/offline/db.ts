import Dexie, { type EntityTable } from 'dexie';

/**
 * What an investigator captured on this device and has not yet seen the server take (issue 23).
 * IndexedDB through Dexie: it survives a reload, a closed tab and a phone with no signal. Each record's
 * `id` is a UUID made here; it is also the idempotency key the server uses as the record's id
 * (src/evidence/offline-capture.ts), so a sync retried after a lost answer never makes a second record.
 */
export type CaptureKind = 'incidents' | 'items' | 'components' | 'photos';

/** The order a sync sends records in: a record's parent is always on the server before it. */
export const SYNC_ORDER: readonly CaptureKind[] = ['incidents', 'items', 'components', 'photos'];

export type CaptureStatus = 'waiting' | 'synced' | 'conflict';

export interface Captured {
  id: string;
  kind: CaptureKind;
  /** The parent's client id (an incident for an item, an item for a component, an item or component for a photo). */
  parentId: string | null;
  /** The body the create route takes (without the parent's id, added at sync). */
  body: Record<string, unknown>;
  /** A photo's bytes, its name and type, and its SHA-256 computed here (SubtleCrypto) for the server to check. */
  file?: { bytes: ArrayBuffer; name: string; type: string; sha256: string };
  /** What the list shows. */
  label: string;
  capturedAt: string;
  status: CaptureStatus;
  syncedAt?: string;
  /**
   * A component's identification on this device when it was captured (the derived fields, the maker
   * by name, and the confidence), and after the sync the fields the server stored where they differ.
   */
  identified?: { fields: Record<string, string | null>; confidence: number; serverDiffers?: Record<string, { device: string | null; server: string | null }> };
  /** When the server refused it: its answer, and its version of the record in the way, if it has one. */
  conflict?: { status: number; detail: string; server: unknown };
}

export const captureDb = new Dexie('remnant-capture') as Dexie & { records: EntityTable<Captured, 'id'> };
captureDb.version(1).stores({ records: 'id, kind, status, parentId, capturedAt' });

export function newCapture(kind: CaptureKind, parentId: string | null, body: Record<string, unknown>, label: string, file?: Captured['file']): Captured {
  return { id: crypto.randomUUID(), kind, parentId, body, file, label, capturedAt: new Date().toISOString(), status: 'waiting' };
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A record and every record captured under it (its children wait behind it): what discarding it removes. */
export function withDescendants(all: readonly Captured[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const r of all) if (r.parentId === out[i] && !out.includes(r.id)) out.push(r.id);
  return out;
}
