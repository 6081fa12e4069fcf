import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Component } from '../api/types';
import { DataTable, type Column } from './DataTable';
import { Badge, Country } from './Badge';
import { Empty } from './State';
import { formatNumber, formatRange } from '../lib/format';
import { useTranslation } from 'react-i18next';

/** Whether a derived field still holds the engine's suggestion (nobody has confirmed or entered it). */
export function isSuggested(c: Component, field: string): boolean {
  return c.fieldStatus[field]?.state === 'suggested';
}

function Derived({ c, field, children }: { c: Component; field: string; children: React.ReactNode }) {
  // An empty suggestion is nothing to confirm: only values are tinted.
  const { t } = useTranslation('components');
  const suggested = isSuggested(c, field) && c[field as keyof Component] !== null;
  return (
    <span className={suggested ? 'suggested' : undefined} title={suggested ? t('table.suggested') : undefined}>
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
  const { t } = useTranslation('components');
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
    { key: 'marking', label: t('table.col.marking'), render: (c) => <Link href={`/components/${c.id}`} className="marking" title={t('table.open')}>{c.markingRaw}</Link>, sortValue: (c) => c.markingRaw },
    { key: 'part', label: t('table.col.part'), render: (c) => <Derived c={c} field="partNumber">{c.partNumber ?? <span className="muted">—</span>}</Derived>, sortValue: (c) => c.partNumber },
    {
      key: 'maker', label: t('table.col.maker'),
      render: (c) => <Derived c={c} field="makerId">{c.makerId ? <Link href={`/organisations/${c.makerId}`}>{makers.get(c.makerId) ?? t('table.col.maker')}</Link> : <span className="muted">—</span>}</Derived>,
      sortValue: (c) => (c.makerId ? makers.get(c.makerId) ?? '' : null),
    },
    { key: 'country', label: t('table.col.country'), className: 'nowrap', render: (c) => <Derived c={c} field="makerCountry"><Country code={c.makerCountry} /></Derived>, sortValue: (c) => c.makerCountry },
    {
      key: 'date', label: t('table.col.date'),
      render: (c) => (
        <Derived c={c} field="productionTo">
          {c.dateCodeText ? <span className="mono">{c.dateCodeText}</span> : null}
          {c.productionFrom || c.productionTo ? <div className="small muted">{formatRange(c.productionFrom, c.productionTo)}</div> : !c.dateCodeText && <span className="muted">—</span>}
        </Derived>
      ),
      sortValue: (c) => c.productionTo ?? c.productionFrom,
    },
    { key: 'tier', label: t('table.col.tier'), render: (c) => (c.chplTier ? <Derived c={c} field="chplTier"><Badge tone={c.chplTier <= '2' ? 'red' : 'neutral'}>{c.chplTier}</Badge></Derived> : <span className="muted">—</span>), sortValue: (c) => c.chplTier },
    { key: 'hs6', label: t('table.col.hs6'), render: (c) => <Derived c={c} field="hs6"><span className="mono">{c.hs6 ?? '—'}</span></Derived>, sortValue: (c) => c.hs6 },
    { key: 'sub', label: t('table.col.sub'), render: (c) => c.subAssembly ?? <span className="muted">—</span>, sortValue: (c) => c.subAssembly },
    { key: 'pos', label: t('table.col.pos'), render: (c) => c.position ?? <span className="muted">—</span>, sortValue: (c) => c.position },
    { key: 'qty', label: t('table.col.qty'), numeric: true, render: (c) => formatNumber(c.quantity), sortValue: (c) => c.quantity },
  ];
  if (items) {
    columns.splice(0, 0, { key: 'item', label: t('table.col.item'), render: (c) => <Link href={`/items/${c.itemId}/components`} className="clamp2" title={items.get(c.itemId)}>{items.get(c.itemId) ?? t('table.col.item')}</Link>, sortValue: (c) => items.get(c.itemId) ?? '' });
  }

  return (
    <>
      <div className="filters">
        <div className="field" style={{ flex: '1 1 240px' }}>
          <label htmlFor="component-filter">{t('table.filter')}</label>
          <input id="component-filter" type="search" placeholder={t('table.filterPlaceholder')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={group} onChange={(e) => setGroup(e.target.checked)} /> {t('table.group')}
        </label>
        <span className="small muted" aria-live="polite">
          {visible.length === rows.length ? t('table.records', { count: rows.length }) : t('table.of', { n: formatNumber(visible.length), records: t('table.records', { count: rows.length }) })}
        </span>
        <span className="small muted" style={{ marginLeft: 'auto' }}><span className="suggested" style={{ padding: '0 4px' }}>{t('table.tinted')}</span> {t('table.tintedMeans')}</span>
      </div>
      {visible.length === 0 ? (
        <Empty title={rows.length ? t('table.noMatch') : t('table.none')} />
      ) : (
        <DataTable
          rows={visible}
          columns={columns}
          rowKey={(c) => c.id}
          caption={t('table.caption')}
          groupBy={group ? (c) => c.subAssembly ?? '' : undefined}
          groupLabel={(g, rs) => t('table.groupLabel', { group: g || t('table.noSub'), count: rs.reduce((n, c) => n + c.quantity, 0) })}
        />
      )}
    </>
  );
}
