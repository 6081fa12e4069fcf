import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Component } from '../api/types';
import { DataTable, type Column } from './DataTable';
import { Badge, Country } from './Badge';
import { Empty } from './State';
import { formatNumber, formatRange, plural } from '../lib/format';

/** Whether a derived field still holds the engine's suggestion (nobody has confirmed or entered it). */
export function isSuggested(c: Component, field: string): boolean {
  return c.fieldStatus[field]?.state === 'suggested';
}

function Derived({ c, field, children }: { c: Component; field: string; children: React.ReactNode }) {
  // An empty suggestion is nothing to confirm: only values are tinted.
  const suggested = isSuggested(c, field) && c[field as keyof Component] !== null;
  return (
    <span className={suggested ? 'suggested' : undefined} title={suggested ? 'Suggested by the identification engine; not yet confirmed' : undefined}>
      {children}
    </span>
  );
}

/**
 * The component records of an item (or of a drill-down), sortable by any column, filterable by text
 * and groupable by sub-assembly. Values the engine suggested and nobody confirmed are tinted amber.
 */
export function ComponentTable({ rows, makers, items, initialGroup = false }: {
  rows: Component[];
  makers: Map<string, string>;
  items?: Map<string, string>;
  initialGroup?: boolean;
}) {
  const [filter, setFilter] = useState('');
  const [group, setGroup] = useState(initialGroup);
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return rows;
    return rows.filter((c) =>
      [c.markingRaw, c.partNumber, c.makerId ? makers.get(c.makerId) : null, c.makerCountry, c.subAssembly, c.position, c.category, c.hs6, c.dateCodeText]
        .some((v) => v?.toLowerCase().includes(f)),
    );
  }, [rows, filter, makers]);

  const columns: Column<Component>[] = [
    { key: 'marking', label: 'Marking', render: (c) => <Link href={`/components/${c.id}`} className="marking" title="Open this component">{c.markingRaw}</Link>, sortValue: (c) => c.markingRaw },
    { key: 'part', label: 'Part number', render: (c) => <Derived c={c} field="partNumber">{c.partNumber ?? <span className="muted">—</span>}</Derived>, sortValue: (c) => c.partNumber },
    {
      key: 'maker', label: 'Maker',
      render: (c) => <Derived c={c} field="makerId">{c.makerId ? <Link href={`/organisations/${c.makerId}`}>{makers.get(c.makerId) ?? 'Maker'}</Link> : <span className="muted">—</span>}</Derived>,
      sortValue: (c) => (c.makerId ? makers.get(c.makerId) ?? '' : null),
    },
    { key: 'country', label: 'Country', className: 'nowrap', render: (c) => <Derived c={c} field="makerCountry"><Country code={c.makerCountry} /></Derived>, sortValue: (c) => c.makerCountry },
    {
      key: 'date', label: 'Date code',
      render: (c) => (
        <Derived c={c} field="productionTo">
          {c.dateCodeText ? <span className="mono">{c.dateCodeText}</span> : null}
          {c.productionFrom || c.productionTo ? <div className="small muted">{formatRange(c.productionFrom, c.productionTo)}</div> : !c.dateCodeText && <span className="muted">—</span>}
        </Derived>
      ),
      sortValue: (c) => c.productionTo ?? c.productionFrom,
    },
    { key: 'tier', label: 'CHPL', render: (c) => (c.chplTier ? <Derived c={c} field="chplTier"><Badge tone={c.chplTier <= '2' ? 'red' : 'neutral'}>{c.chplTier}</Badge></Derived> : <span className="muted">—</span>), sortValue: (c) => c.chplTier },
    { key: 'hs6', label: 'HS code', render: (c) => <Derived c={c} field="hs6"><span className="mono">{c.hs6 ?? '—'}</span></Derived>, sortValue: (c) => c.hs6 },
    { key: 'sub', label: 'Sub-assembly', render: (c) => c.subAssembly ?? <span className="muted">—</span>, sortValue: (c) => c.subAssembly },
    { key: 'pos', label: 'Position', render: (c) => c.position ?? <span className="muted">—</span>, sortValue: (c) => c.position },
    { key: 'qty', label: 'Qty', numeric: true, render: (c) => formatNumber(c.quantity), sortValue: (c) => c.quantity },
  ];
  if (items) {
    columns.splice(0, 0, { key: 'item', label: 'Item', render: (c) => <Link href={`/items/${c.itemId}/components`} className="clamp2" title={items.get(c.itemId)}>{items.get(c.itemId) ?? 'Item'}</Link>, sortValue: (c) => items.get(c.itemId) ?? '' });
  }

  return (
    <>
      <div className="filters">
        <div className="field" style={{ flex: '1 1 240px' }}>
          <label htmlFor="component-filter">Filter components</label>
          <input id="component-filter" type="search" placeholder="Marking, part, maker, country, sub-assembly…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={group} onChange={(e) => setGroup(e.target.checked)} /> Group by sub-assembly
        </label>
        <span className="small muted" aria-live="polite">
          {visible.length === rows.length ? plural(rows.length, 'record') : `${formatNumber(visible.length)} of ${plural(rows.length, 'record')}`}
        </span>
        <span className="small muted" style={{ marginLeft: 'auto' }}><span className="suggested" style={{ padding: '0 4px' }}>tinted</span> = suggested, not yet confirmed</span>
      </div>
      {visible.length === 0 ? (
        <Empty title={rows.length ? 'No component matches the filter.' : 'No components recorded yet.'} />
      ) : (
        <DataTable
          rows={visible}
          columns={columns}
          rowKey={(c) => c.id}
          caption="Components"
          groupBy={group ? (c) => c.subAssembly ?? '' : undefined}
          groupLabel={(g, rs) => `${g || 'Sub-assembly not recorded'} · ${plural(rs.reduce((n, c) => n + c.quantity, 0), 'component')}`}
        />
      )}
    </>
  );
}
