import { useMemo } from 'react';
import { useQuery } from '../api/hooks';
import { typed, unwrap } from '../api/typed';
import { Link, useSearch } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAll } from '../api/hooks';
import type { Component } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async } from '../components/State';
import { ComponentTable } from '../components/ComponentTable';
import { useItemLabels, useOrganisationNames } from '../lib/lookups';
import { countryName } from '../lib/format';

/** Filters a drill-down may carry; `none` stands for "not recorded", which the API cannot filter on. */
const KEYS = ['makerCountry', 'makerId', 'chplTier', 'subAssembly', 'year'] as const;
type Key = (typeof KEYS)[number];
/** The findings breakdown each drill-down key belongs to (DRILL_DIMENSIONS on the server). */
const DRILL = { makerCountry: 'makerCountry', makerId: 'maker', chplTier: 'chplTier', year: 'year', subAssembly: 'all' } as const;

/** One drill-down filter in words (drill.json). */
function describe(t: TFunction<'drill'>, key: Key, value: string, makers: Map<string, string>): string {
  if (value === 'none') return t(`none.${key}`);
  if (key === 'makerCountry') return t('makerCountry', { country: countryName(value) });
  if (key === 'makerId') return t('makerId', { maker: makers.get(value) ?? t('oneMaker') });
  if (key === 'chplTier') return t('chplTier', { tier: value });
  if (key === 'year') return t('year', { year: value });
  return t('subAssembly', { name: value });
}

export default function Components() {
  const { t } = useTranslation('drill');
  const params = new URLSearchParams(useSearch());
  const active = KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!] as const] : []));
  // Real values filter the list on the server. A year (read from date codes) and "not identified"
  // are buckets of the findings: their components are the ones the findings API lists for that
  // bucket (GET /api/findings/records), so this page and the chart it came from count the same.
  const serverQuery: Record<string, string> = {};
  for (const [k, v] of active) if (v !== 'none' && k !== 'year') serverQuery[k] = v;
  const drills = active.filter(([k, v]) => k !== 'subAssembly' && (k === 'year' || v === 'none'));
  const drilled = useQuery<Set<string> | null>(drills.length ? `drill:${JSON.stringify(drills)}` : 'none', async (signal) => {
    if (!drills.length) return null;
    const sets = await Promise.all(drills.map(async ([k, v]) => {
      const query = { dimension: DRILL[k], limit: 10_000, ...(v === 'none' ? { unknown: 'true' as const } : { key: v }) };
      return new Set(unwrap(await typed.GET('/api/findings/records', { params: { query }, signal })).ids);
    }));
    return sets.reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  });
  const state = useAll<Component>('/api/components', serverQuery);
  const makers = useOrganisationNames();
  const items = useItemLabels();
  const rows = useMemo(
    () =>
      (state.data ?? []).filter((c) =>
        (!drilled.data || drilled.data.has(c.id)) && active.every(([k, v]) => k !== 'subAssembly' || v !== 'none' || c.subAssembly === null),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.data, drilled.data, params.toString()],
  );
  const title = active.length ? t('title', { filters: active.map(([k, v]) => describe(t, k, v, makers)).join(', ') }) : t('all');
  return (
    <>
      <PageHead title={title} eyebrow={<Link href="/">{t('dashboard')}</Link>} actions={active.length ? <Link href="/components" className="button small">{t('clear')}</Link> : undefined} />
      <section className="card">
        <Async state={{ ...state, error: state.error ?? drilled.error, data: state.data && !drilled.loading ? rows : undefined }}>{(r) => <ComponentTable rows={r} makers={makers} items={items} />}</Async>
      </section>
    </>
  );
}
