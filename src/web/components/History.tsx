import { useGet } from '../api/hooks';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { formatDateTime } from '../lib/format';

interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}

/** Fields whose value differs between two versions of a record. */
function changed(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !['updatedAt', 'updatedBy', 'createdAt', 'createdBy'].includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** A record's audit trail (`GET /api/<resource>/:id/history`): who changed what, when, each entry chained by hash. */
export function History({ resource, id }: { resource: string; id: string }) {
  const h = useGet<{ data: Entry[] }>(`/api/${resource}/${id}/history`);
  return (
    <Async state={h} empty={<Empty title="No history recorded." />}>
      {({ data }) => (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {[...data].reverse().map((e) => {
            const fields = changed(e.before, e.after);
            return (
              <li key={e.seq} className="finding">
                <div style={{ minWidth: 150 }} className="small">{formatDateTime(e.at)}</div>
                <div style={{ minWidth: 0 }}>
                  <Badge tone={e.action === 'delete' ? 'red' : e.action === 'create' ? 'green' : 'neutral'}>{e.action}</Badge>{' '}
                  {e.action !== 'create' && fields.length > 0 && <span className="small">{fields.slice(0, 8).join(', ')}{fields.length > 8 ? ` +${fields.length - 8}` : ''}</span>}
                  <div className="hash" title={e.hash}>#{e.seq} · {e.actorId ? `by ${e.actorId.slice(0, 8)}` : 'system'} · chain {e.hash.slice(0, 12)}…</div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Async>
  );
}
