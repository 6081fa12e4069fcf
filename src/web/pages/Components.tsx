import { useMemo } from 'react';
import { Link, useSearch } from 'wouter';
import { useAll } from '../api/hooks';
import type { Component } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async } from '../components/State';
import { ComponentTable } from '../components/ComponentTable';
import { productionYear } from '../lib/aggregate';
import { useItemLabels, useOrganisationNames } from '../lib/lookups';
import { countryName } from '../lib/format';

/** Filters a drill-down may carry; `none` stands for "not recorded", which the API cannot filter on. */
const KEYS = ['makerCountry', 'makerId', 'chplTier', 'subAssembly', 'year'] as const;
type Key = (typeof KEYS)[number];

function describe(key: Key, value: string, makers: Map<string, string>): string {
  if (value === 'none') return { makerCountry: 'maker country not identified', makerId: 'maker not identified', chplTier: 'not classified', subAssembly: 'sub-assembly not recorded', year: 'no date code read' }[key];
  if (key === 'makerCountry') return `made by companies in ${countryName(value)}`;
  if (key === 'makerId') return `made by ${makers.get(value) ?? 'one maker'}`;
  if (key === 'chplTier') return `CHPL tier ${value}`;
  if (key === 'year') return `date code in ${value}`;
  return `sub-assembly ${value}`;
}

export default function Components() {
  const params = new URLSearchParams(useSearch());
  const active = KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!] as const] : []));
  // Real values filter on the server; `none` and `year` (derived) filter here.
  const serverQuery: Record<string, string> = {};
  for (const [k, v] of active) if (v !== 'none' && k !== 'year') serverQuery[k] = v;
  const state = useAll<Component>('/api/components', serverQuery);
  const makers = useOrganisationNames();
  const items = useItemLabels();
  const rows = useMemo(
    () =>
      (state.data ?? []).filter((c) =>
        active.every(([k, v]) => {
          if (k === 'year') return v === 'none' ? productionYear(c) === null : String(productionYear(c)) === v;
          if (v === 'none') return c[k] === null;
          return true;
        }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.data, params.toString()],
  );
  const title = active.length ? `Components ${active.map(([k, v]) => describe(k, v, makers)).join(', ')}` : 'All components';
  return (
    <>
      <PageHead title={title} eyebrow={<Link href="/">← Dashboard</Link>} actions={active.length ? <Link href="/components" className="button small">Clear filters</Link> : undefined} />
      <section className="card">
        <Async state={{ ...state, data: state.data ? rows : undefined }}>{(r) => <ComponentTable rows={r} makers={makers} items={items} />}</Async>
      </section>
    </>
  );
}
