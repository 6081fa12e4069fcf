import { useMemo, useState } from 'react';
import { useGet } from '../api/hooks';
import { useSession } from '../api/session';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { formatDateTime, humanise } from '../lib/format';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('components');
  const { session } = useSession();
  const signedIn = !!session?.user;
  const history = useGet<{ data: Entry[] }>(signedIn ? `/api/history/${recordType}/${recordId}` : null);
  const users = useGet<{ data: UserRow[] }>(signedIn ? '/api/users' : null);
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.displayName || u.username])), [users.data]);

  if (!signedIn) return <Empty title={t('history.internal')}>{t('history.signIn')}</Empty>;
  return (
    <Async state={history}>
      {(h) =>
        h.data.length === 0 ? (
          <Empty title={t('history.none')} />
        ) : (
          <ol className="history" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {[...h.data].reverse().map((e) => {
              const fields = e.action === 'create' || e.action === 'delete' ? [] : changedFields(e);
              return (
                <li key={e.seq} style={{ padding: '10px 16px', borderBottom: '1px solid var(--line, #e5e5e5)' }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                    <Badge tone={TONE[e.action] ?? 'outline'}>{humanise(e.action).toLowerCase()}</Badge>
                    <span>{formatDateTime(e.at)}</span>
                    <span className="muted">{t('history.by', { who: e.actorId ? (names.get(e.actorId) ?? e.actorId.slice(0, 8)) : t('history.system') })}</span>
                    <code className="muted" title={t('history.entry', { seq: e.seq, hash: e.hash })} style={{ marginLeft: 'auto' }}>#{e.seq} {e.hash.slice(0, 12)}</code>
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
  const { t } = useTranslation('components');
  const canSee = useCanSeeHistory();
  const [open, setOpen] = useState(false);
  // `what` is an English record kind ("trace request"); its name in the language in force is common:record.*.
  const kind = t(`common:record.${what.replace(/ /g, '_')}`, { defaultValue: what });
  if (!canSee) return null;
  const toggle = (
    <button type="button" className={inline ? 'small ghost' : 'small'} aria-expanded={open} onClick={() => setOpen(!open)} aria-label={t(open ? 'history.hideOf' : 'history.showOf', { what: kind })}>
      {open ? t('history.hide') : t('history.show')}
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
    <section className="card" aria-label={t('history.label')}>
      <div className="card-head">
        <div><h2>{t('history.title')}</h2><div className="hint">{t('history.hint', { what: kind })}</div></div>
        {toggle}
      </div>
      {open && <RecordHistory recordType={recordType} recordId={recordId} />}
    </section>
  );
}
