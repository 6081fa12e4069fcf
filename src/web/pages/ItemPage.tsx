import { useMemo } from 'react';
import { Link, useParams } from 'wouter';
import { useAll, useGet } from '../api/hooks';
import type { Component, EvidenceFile, Incident, Item } from '../api/types';
import { useCanWrite, useSession } from '../api/session';
import { PageHead } from '../components/Layout';
import { PackageButton } from '../components/EvidenceTransfer';
import { Async, ErrorState, Loading } from '../components/State';
import { Badge, Confidence, Illustrative } from '../components/Badge';
import { ComponentTable } from '../components/ComponentTable';
import { ItemFindings } from '../components/ItemFindings';
import { SimilarFromFindings } from '../components/SimilarItems';
import { EvidenceGallery } from '../components/EvidenceGallery';
import { EvidenceUpload } from '../components/EvidenceUpload';
import { ItemTracing } from '../components/ItemTracing';
import { RecordHistory } from '../components/RecordHistory';
import { useOrganisationNames } from '../lib/lookups';
import type { Findings } from '../lib/findings';
import { componentName, DERIVED } from '../lib/derived';
import { formatDate, humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

// Labels are keys of item.json's `tabs`.
const TABS = [
  { key: '', label: 'findings' },
  { key: 'components', label: 'components' },
  { key: 'similar', label: 'similar' },
  { key: 'evidence', label: 'evidence' },
  { key: 'tracing', label: 'tracing' },
  { key: 'history', label: 'history' },
] as const;

export default function ItemPage() {
  const { id, tab = '' } = useParams<{ id: string; tab?: string }>();
  const { t } = useTranslation('item');
  const item = useGet<Item>(`/api/items/${id}`);
  const components = useAll<Component>('/api/components', { itemId: id, sort: 'createdAt' });
  const incident = useGet<Incident>(item.data?.incidentId ? `/api/incidents/${item.data.incidentId}` : null);
  const makers = useOrganisationNames();
  const canWrite = useCanWrite();
  const { session } = useSession();
  // The audit trail is for signed-in users; the public sees published records only.
  const canSeeHistory = !!session?.user;
  // The item's figures as the server computes them (no ids: the tables below list the records).
  const findings = useGet<Findings>(`/api/items/${id}/findings`, { idLimit: 0 });
  const unconfirmed = useMemo(
    () => (components.data ?? []).filter((c) => DERIVED.some((f) => c.fieldStatus[f.key]?.state === 'suggested' && c[f.key as keyof Component] !== null)).length,
    [components.data],
  );

  if (item.error) return <div className="card"><ErrorState error={item.error} retry={item.reload} /></div>;
  if (!item.data) return <div className="card"><Loading lines={5} /></div>;
  const i = item.data;
  const count = (components.data ?? []).reduce((n, c) => n + c.quantity, 0);

  return (
    <>
      <PageHead
        title={i.label}
        eyebrow={
          <>
            <Link href="/items">{t('items')}</Link>
            <span aria-hidden="true">/</span>
            {i.weaponModel && <Badge tone="accent">{i.weaponModel}</Badge>}
            <Confidence value={i.identificationConfidence} />
            <Badge tone="outline">{humanise(i.visibility).toLowerCase()}</Badge>
            <Illustrative on={i.illustrative} />
          </>
        }
        lede={
          <>
            {recoveredLine(t, i.recoveredOn, localName(i.recoveredPlace, i.recoveredPlaceUk))}
            {incident.data && <> · {t('from')} <Link href={`/map?incident=${incident.data.id}`}>{incident.data.title}</Link></>}
            {i.description && <><br />{i.description}</>}
          </>
        }
        actions={<><PackageButton kind="item" id={id} />{canWrite && <><Link href={`/items/${id}/edit`} className="button">{t('change')}</Link><Link href={`/items/${id}/enter`} className="button primary">{t('enter')}</Link></>}</>}
      />
      <nav className="tabs" aria-label={t('sections')}>
        {TABS.filter((x) => (x.key !== 'history' && x.key !== 'tracing') || canSeeHistory).map((x) => (
          <Link key={x.key} href={`/items/${id}${x.key ? `/${x.key}` : ''}`} aria-current={tab === x.key ? 'page' : undefined}>
            {t(`tabs.${x.label}`)}{x.key === 'components' && components.data ? ` (${count})` : ''}
          </Link>
        ))}
      </nav>
      {tab === '' && (
        <Async state={findings}>
          {(f) => <ItemFindings itemId={id} findings={f} unconfirmed={unconfirmed} />}
        </Async>
      )}
      {tab === 'components' && (
        <section className="card">
          <Async state={components}>{(rows) => <ComponentTable rows={rows} makers={makers} initialGroup />}</Async>
        </section>
      )}
      {tab === 'similar' && (
        <section className="card" aria-label={t('tabs.similar')}>
          <div className="card-head"><h2>{t('tabs.similar')}</h2><span className="hint">{t('similarHint')}</span></div>
          <Async state={findings}>{(f) => <SimilarFromFindings similar={f.similarity.similarItems} note={f.similarity.note} />}</Async>
        </section>
      )}
      {tab === 'tracing' && canSeeHistory && <ItemTracing itemId={id} componentIds={components.data?.map((c) => c.id) ?? []} />}
      {tab === 'evidence' && <ItemEvidence item={i} components={components.data ?? []} canWrite={canWrite} />}
      {tab === 'history' && canSeeHistory && (
        <section className="card" aria-label={t('tabs.history')}>
          <div className="card-head"><h2>{t('tabs.history')}</h2><span className="hint">{t('historyHint')}</span></div>
          <RecordHistory recordType="items" recordId={i.id} />
        </section>
      )}
    </>
  );
}

/** "Recovered 2 Jan 2024 at Kharkiv", whichever parts are known. */
function recoveredLine(t: TFunction<'item'>, on: string | null, place: string | null): string {
  if (on && place) return t('recoveredOnAt', { date: formatDate(on), place });
  if (on) return t('recoveredOn', { date: formatDate(on) });
  if (place) return t('recoveredAt', { place });
  return t('notRecorded');
}

function ItemEvidence({ item, components, canWrite }: { item: Item; components: Component[]; canWrite: boolean }) {
  const { t } = useTranslation('item');
  const files = useAll<EvidenceFile>('/api/evidence-files', { itemId: item.id, withComponents: 'true' });
  const byComponent = useMemo(() => new Map(components.map((c) => [c.id, c])), [components]);
  const describe = (f: EvidenceFile) => {
    const c = f.componentId ? byComponent.get(f.componentId) : undefined;
    return f.componentId ? t('componentPhoto', { name: c ? componentName(c) : '' }) : t('itemPhoto');
  };
  return (
    <div className="stack">
      {canWrite && (
        <section className="card">
          <div className="card-head"><h2>{t('addPhotos')}</h2><span className="hint">{t('addPhotosHint')}</span></div>
          <div className="card-body"><EvidenceUpload link={{ itemId: item.id }} slot="photo" onUploaded={files.reload} /></div>
        </section>
      )}
      <section className="card">
        <div className="card-head"><h2>{t('gallery')}</h2><span className="hint">{files.data ? t('files', { count: files.data.length }) : ''}</span></div>
        <div className="card-body">
          <Async state={files}>
            {(data) => <EvidenceGallery files={data} describeLink={describe} />}
          </Async>
        </div>
      </section>
    </div>
  );
}
