import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** Makes the column sortable in the browser by this value. */
  sortValue?: (row: T) => string | number | null;
  /** Sortable on the server under this API sort name (for paged lists). */
  serverSort?: string;
  numeric?: boolean;
  className?: string;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

interface Props<T> {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  /** Controlled sort for server-sorted lists; without it the table sorts its rows itself. */
  sort?: SortState;
  onSort?: (s: SortState) => void;
  groupBy?: (row: T) => string;
  groupLabel?: (group: string, rows: T[]) => ReactNode;
  /** Rows drawn at first; the rest on request, so a 700-row table opens at once. */
  pageSize?: number;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1; // blanks last whatever the direction
  if (b === null || b === '') return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** A table whose column headers are sort buttons (aria-sort tells screen readers the order). */
export function DataTable<T>({ rows, columns, rowKey, caption, sort: controlled, onSort, groupBy, groupLabel, pageSize = 150 }: Props<T>) {
  const { t } = useTranslation('table');
  const [local, setLocal] = useState<SortState | undefined>(undefined);
  const [limit, setLimit] = useState(pageSize);
  const sort = controlled ?? local;
  const sorted = useMemo(() => {
    if (controlled || !sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col?.sortValue) return rows;
    const v = col.sortValue;
    return [...rows].sort((a, b) => {
      const va = v(a);
      const vb = v(b);
      if (va === null || va === '' || vb === null || vb === '') return compare(va, vb);
      return sort.dir === 'asc' ? compare(va, vb) : -compare(va, vb);
    });
  }, [rows, columns, sort, controlled]);

  // Grouping orders rows by group first; only then is the list cut to the rows drawn.
  const ordered = useMemo(() => {
    if (!groupBy) return sorted as T[];
    const m = new Map<string, T[]>();
    for (const r of sorted) {
      const g = groupBy(r);
      const list = m.get(g);
      if (list) list.push(r);
      else m.set(g, [r]);
    }
    return [...m.entries()].sort(([a], [b]) => compare(a, b)).flatMap(([, rs]) => rs);
  }, [sorted, groupBy]);
  const groups = useMemo(() => {
    const drawn = ordered.slice(0, limit);
    if (!groupBy) return [['', drawn] as const];
    const all = new Map<string, T[]>();
    for (const r of ordered) {
      const g = groupBy(r);
      const list = all.get(g);
      if (list) list.push(r);
      else all.set(g, [r]);
    }
    const m = new Map<string, T[]>();
    for (const r of drawn) {
      const g = groupBy(r);
      const list = m.get(g);
      if (list) list.push(r);
      else m.set(g, [r]);
    }
    // Group labels count the whole group, not just the rows drawn so far.
    return [...m.keys()].map((g) => [g, m.get(g)!, all.get(g)!] as const);
  }, [ordered, limit, groupBy]);

  const toggle = (key: string) => {
    const next: SortState = sort?.key === key && sort.dir === 'asc' ? { key, dir: 'desc' } : { key, dir: 'asc' };
    if (onSort) onSort(next);
    else setLocal(next);
  };

  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const sortable = onSort ? !!c.serverSort : !!c.sortValue;
              const active = sort?.key === c.key;
              return (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {sortable ? (
                    <button type="button" className="sort" onClick={() => toggle(c.key)}>
                      {c.label}
                      <span aria-hidden="true" className="muted">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {groups.map(([g, rs, whole]) => (
            <Fragment key={g || '∅'}>
              {groupBy && (
                <tr className="group">
                  <th scope="rowgroup" colSpan={columns.length} style={{ position: 'static' }}>
                    {groupLabel ? groupLabel(g, [...(whole ?? rs)]) : g || t('notRecorded')}
                  </th>
                </tr>
              )}
              {rs.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>{c.render(r)}</td>
                  ))}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {ordered.length > limit && (
        <div className="card-body row">
          <span className="small muted">{t('showing', { shown: formatNumber(limit), total: formatNumber(ordered.length) })}</span>
          <button type="button" className="small" onClick={() => setLimit((l) => l + pageSize * 2)}>{t('more', { n: formatNumber(Math.min(pageSize * 2, ordered.length - limit)) })}</button>
          <button type="button" className="small ghost" onClick={() => setLimit(ordered.length)}>{t('all')}</button>
        </div>
      )}
    </div>
  );
}
