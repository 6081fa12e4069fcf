import { useMemo } from 'react';
import { Link, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { useAll, useGet } from '../api/hooks';
import type { Component, Organisation } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, ErrorState, Loading, Empty } from '../components/State';
import { Badge, Country, Illustrative } from '../components/Badge';
import { ComponentTable } from '../components/ComponentTable';
import { OrgScreening, OrgTracing } from '../components/OrgTracing';
import { RecordHistoryCard } from '../components/RecordHistory';
import { ChangeLink } from '../components/RecordForm';
import { useItemLabels, useOrganisationNames } from '../lib/lookups';
import { formatDate, formatNumber, humanise } from '../lib/format';

export default function OrganisationPage() {
  const { t } = useTranslation('organisation');
  const { id } = useParams<{ id: string }>();
  const org = useGet<Organisation>(`/api/organisations/${id}`);
  const parent = useGet<Organisation>(org.data?.parentId ? `/api/organisations/${org.data.parentId}` : null);
  const components = useAll<Component>('/api/components', { makerId: id });
  const makers = useOrganisationNames();
  const items = useItemLabels();
  // Where its components were found: the rows below grouped by item (a listing, not a figure; the
  // item's own page has the server's findings).
  const perItem = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of components.data ?? []) m.set(c.itemId, (m.get(c.itemId) ?? 0) + c.quantity);
    return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
  }, [components.data]);

  if (org.error) return <div className="card"><ErrorState error={org.error} retry={org.reload} /></div>;
  if (!org.data) return <div className="card"><Loading lines={5} /></div>;
  const o = org.data;
  return (
    <>
      <PageHead
        title={o.name}
        eyebrow={<><Link href="/organisations">{t('common:nav.organisations')}</Link><span aria-hidden="true">/</span><Badge>{humanise(o.kind)}</Badge><Illustrative on={o.illustrative} /></>}
        lede={o.notes ?? undefined}
        actions={<ChangeLink href={`/organisations/${o.id}/edit`} needs="edit" />}
      />
      <div className="stack">
        <div className="grid cols-2">
          <section className="card">
            <div className="card-head"><h2>{t('about')}</h2></div>
            <div className="card-body">
              <dl className="props">
                <dt>{t('country')}</dt><dd><Country code={o.country} /></dd>
                {o.aliases.length > 0 && <><dt>{t('aliases')}</dt><dd>{o.aliases.join(', ')}</dd></>}
                {o.parentId && <><dt>{t('parent')}</dt><dd><Link href={`/organisations/${o.parentId}`}>{parent.data?.name ?? t('parent')}</Link>{(o.parentFrom || o.parentTo) && <span className="muted small"> ({formatDate(o.parentFrom)} – {o.parentTo ? formatDate(o.parentTo) : t('now')})</span>}</dd></>}
                {o.website && <><dt>{t('website')}</dt><dd><a href={o.website} rel="noreferrer noopener" target="_blank">{o.website}</a></dd></>}
                <dt>{t('record')}</dt><dd className="small muted">{t('recordLine', { visibility: humanise(o.visibility).toLowerCase(), date: formatDate(o.updatedAt) })}</dd>
              </dl>
            </div>
          </section>
          <section className="card">
            <div className="card-head"><h2>{t('foundIn')}</h2><span className="hint">{components.data ? t('items', { count: perItem.length }) : ''}</span></div>
            <Async state={{ ...components, data: components.data ? perItem : undefined }} empty={<Empty title={t('noComponents')} />}>
              {(rows) => <>{rows.map((r) => <div key={r.key} className="finding"><div className="num">{formatNumber(r.count)}</div><div><Link href={`/items/${r.key}/components`}>{items.get(r.key) ?? t('item')}</Link></div></div>)}</>}
            </Async>
          </section>
        </div>
        <OrgScreening organisationId={id} />
        <OrgTracing organisationId={id} names={makers} />
        <section className="card">
          <div className="card-head"><h2>{t('madeBy', { name: o.name })}</h2></div>
          <Async state={components} empty={<Empty title={t('noneRecorded')} />}>{(rows) => <ComponentTable rows={rows} makers={makers} items={items} />}</Async>
        </section>
        <RecordHistoryCard recordType="organisations" recordId={o.id} what="organisation" />
      </div>
    </>
  );
}
