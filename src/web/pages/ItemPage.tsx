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
import { formatDate, plural } from '../lib/format';

const TABS = [
  { key: '', label: 'Findings' },
  { key: 'components', label: 'Components' },
  { key: 'similar', label: 'Similar items' },
  { key: 'evidence', label: 'Evidence' },
  { key: 'tracing', label: 'Tracing' },
  { key: 'history', label: 'History' },
] as const;

export default function ItemPage() {
  const { id, tab = '' } = useParams<{ id: string; tab?: string }>();
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
            <Link href="/items">Items</Link>
            <span aria-hidden="true">/</span>
            {i.weaponModel && <Badge tone="accent">{i.weaponModel}</Badge>}
            <Confidence value={i.identificationConfidence} />
            <Badge tone="outline">{i.visibility}</Badge>
            <Illustrative on={i.illustrative} />
          </>
        }
        lede={
          <>
            {i.recoveredOn || i.recoveredPlace ? `Recovered${i.recoveredOn ? ` ${formatDate(i.recoveredOn)}` : ''}${i.recoveredPlace ? ` at ${i.recoveredPlace}` : ''}` : 'Recovery not recorded'}
            {incident.data && <> · from <Link href={`/map?incident=${incident.data.id}`}>{incident.data.title}</Link></>}
            {i.description && <><br />{i.description}</>}
          </>
        }
        actions={<><PackageButton kind="item" id={id} />{canWrite && <><Link href={`/items/${id}/edit`} className="button">Change item</Link><Link href={`/items/${id}/enter`} className="button primary">Enter components</Link></>}</>}
      />
      <nav className="tabs" aria-label="Item sections">
        {TABS.filter((t) => (t.key !== 'history' && t.key !== 'tracing') || canSeeHistory).map((t) => (
          <Link key={t.key} href={`/items/${id}${t.key ? `/${t.key}` : ''}`} aria-current={tab === t.key ? 'page' : undefined}>
            {t.label}{t.key === 'components' && components.data ? ` (${count})` : ''}
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
        <section className="card" aria-label="Similar items">
          <div className="card-head"><h2>Similar items</h2><span className="hint">Same weapon model, compared by part numbers</span></div>
          <Async state={findings}>{(f) => <SimilarFromFindings similar={f.similarity.similarItems} note={f.similarity.note} />}</Async>
        </section>
      )}
      {tab === 'tracing' && canSeeHistory && <ItemTracing itemId={id} componentIds={components.data?.map((c) => c.id) ?? []} />}
      {tab === 'evidence' && <ItemEvidence item={i} components={components.data ?? []} canWrite={canWrite} />}
      {tab === 'history' && canSeeHistory && (
        <section className="card" aria-label="History">
          <div className="card-head"><h2>History</h2><span className="hint">Every change, from the hash-chained audit log</span></div>
          <RecordHistory recordType="items" recordId={i.id} />
        </section>
      )}
    </>
  );
}

function ItemEvidence({ item, components, canWrite }: { item: Item; components: Component[]; canWrite: boolean }) {
  const files = useAll<EvidenceFile>('/api/evidence-files', { itemId: item.id, withComponents: 'true' });
  const byComponent = useMemo(() => new Map(components.map((c) => [c.id, c])), [components]);
  const describe = (f: EvidenceFile) => {
    const c = f.componentId ? byComponent.get(f.componentId) : undefined;
    return f.componentId ? `Component ${c ? componentName(c) : ''}` : 'Item photo';
  };
  return (
    <div className="stack">
      {canWrite && (
        <section className="card">
          <div className="card-head"><h2>Add photos of the item</h2><span className="hint">SHA-256 and EXIF are read before upload</span></div>
          <div className="card-body"><EvidenceUpload link={{ itemId: item.id }} slot="photo" onUploaded={files.reload} /></div>
        </section>
      )}
      <section className="card">
        <div className="card-head"><h2>Evidence gallery</h2><span className="hint">{files.data ? plural(files.data.length, 'file') : ''}</span></div>
        <div className="card-body">
          <Async state={files}>
            {(data) => <EvidenceGallery files={data} describeLink={describe} />}
          </Async>
        </div>
      </section>
    </div>
  );
}
