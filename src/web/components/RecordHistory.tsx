import { useMemo, useState } from 'react';
import { useGet } from '../api/hooks';
import { useSession } from '../api/session';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { formatDateTime } from '../lib/format';

/**
 * A record's audit history (`GET /api/history/:recordType/:recordId`, docs/access.md): who changed
 * what and when, each entry with the fields it changed and the start of its chain hash. Signed-in
 * users only — history holds earlier versions and names people, so the public never sees it.
 */
interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  hash: string;
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
}

/** Bookkeeping columns every write touches; listing them would bury what changed. */
const NOISE = new Set(['updatedAt', 'updatedBy', 'search']);

function changedFields(e: Entry): string[] {
  const a = e.before ?? {};
  const b = e.after ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !NOISE.has(k) && JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)).sort();
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

const TONE: Record<string, 'accent' | 'outline'> = { publish: 'accent', unpublish: 'accent', delete: 'accent' };

export function RecordHistory({ recordType, recordId }: { recordType: string; recordId: string }) {
  const { session } = useSession();
  const signedIn = !!session?.user;
  const history = useGet<{ data: Entry[] }>(signedIn ? `/api/history/${recordType}/${recordId}` : null);
  const users = useGet<{ data: UserRow[] }>(signedIn ? '/api/users' : null);
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.displayName || u.username])), [users.data]);

  if (!signedIn) return <Empty title="History is internal">Sign in to see who changed this record and when.</Empty>;
  return (
    <Async state={history}>
      {(h) =>
        h.data.length === 0 ? (
          <Empty title="No recorded changes" />
        ) : (
          <ol className="history" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {[...h.data].reverse().map((e) => {
              const fields = e.action === 'create' || e.action === 'delete' ? [] : changedFields(e);
              return (
                <li key={e.seq} style={{ padding: '10px 16px', borderBottom: '1px solid var(--line, #e5e5e5)' }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                    <Badge tone={TONE[e.action] ?? 'outline'}>{e.action}</Badge>
                    <span>{formatDateTime(e.at)}</span>
                    <span className="muted">by {e.actorId ? (names.get(e.actorId) ?? e.actorId.slice(0, 8)) : 'the system'}</span>
                    <code className="muted" title={`entry ${e.seq}, SHA-256 ${e.hash}`} style={{ marginLeft: 'auto' }}>#{e.seq} {e.hash.slice(0, 12)}</code>
                  </div>
                  {fields.length > 0 && (
                    <table className="history-diff" style={{ marginTop: 6, fontSize: '0.9em' }}>
                      <tbody>
                        {fields.map((f) => (
                          <tr key={f}>
                            <th scope="row" style={{ textAlign: 'left', paddingRight: 12, fontWeight: 500 }}>{f}</th>
                            <td className="muted" style={{ paddingRight: 8 }}><del>{show(e.before?.[f])}</del></td>
                            <td>{show(e.after?.[f])}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              );
            })}
          </ol>
        )
      }
    </Async>
  );
}

/** Whether the audit trail may be shown: signed-in users only (the API refuses the public with a 401). */
export function useCanSeeHistory(): boolean {
  const { session } = useSession();
  return !!session?.user;
}

/**
 * A record page's history card: collapsed until asked for, so a page (or a list of claims) costs
 * no history request until someone wants it. Renders nothing for the public.
 */
export function RecordHistoryCard({ recordType, recordId, what = 'record', inline = false }: { recordType: string; recordId: string; what?: string; inline?: boolean }) {
  const canSee = useCanSeeHistory();
  const [open, setOpen] = useState(false);
  if (!canSee) return null;
  const toggle = (
    <button type="button" className={inline ? 'small ghost' : 'small'} aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? 'Hide' : 'Show'} the history of this ${what}`}>
      {open ? 'Hide history' : 'Show history'}
    </button>
  );
  if (inline) {
    return (
      <div style={{ marginTop: 6 }}>
        {toggle}
        {open && <RecordHistory recordType={recordType} recordId={recordId} />}
      </div>
    );
  }
  return (
    <section className="card" aria-label="History">
      <div className="card-head">
        <div><h2>History</h2><div className="hint">Every change to this {what}, from the hash-chained audit log</div></div>
        {toggle}
      </div>
      {open && <RecordHistory recordType={recordType} recordId={recordId} />}
    </section>
  );
}
