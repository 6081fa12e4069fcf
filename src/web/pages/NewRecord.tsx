import { Link, useLocation } from 'wouter';
import { PageHead } from '../components/Layout';
import { RecordPicker, type LinkKind } from '../components/RecordPicker';
import { useTranslation } from 'react-i18next';

/**
 * Where a person starts recording or correcting: a button per record kind, and a search per kind
 * that opens the record's form. Components are entered on their item (one marking at a time).
 */
// Labels, descriptions and button texts are in records.json under `kinds.<kind>`.
const KINDS: { kind: LinkKind; create: string; edit: (id: string) => string }[] = [
  { kind: 'incidents', create: '/incidents/new', edit: (id) => `/incidents/${id}/edit` },
  { kind: 'sources', create: '/sources/new', edit: (id) => `/sources/${id}/edit` },
  { kind: 'claims', create: '/claims/new', edit: (id) => `/claims/${id}/edit` },
  { kind: 'items', create: '/items/new', edit: (id) => `/items/${id}/edit` },
  { kind: 'organisations', create: '/organisations/new', edit: (id) => `/organisations/${id}/edit` },
  { kind: 'cases', create: '/cases/new', edit: (id) => `/cases/${id}/edit` },
];

export default function NewRecord() {
  const [, navigate] = useLocation();
  const { t } = useTranslation('records');
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="grid cols-2" style={{ alignItems: 'start' }}>
        {KINDS.map((k) => (
          <section key={k.kind} className="card" aria-label={t(`kinds.${k.kind}.label`)}>
            <div className="card-head">
              <div><h2>{t(`kinds.${k.kind}.label`)}</h2><div className="hint">{t(`kinds.${k.kind}.what`)}</div></div>
              <Link href={k.create} className="button small primary">{t(`kinds.${k.kind}.new`)}</Link>
            </div>
            <div className="card-body">
              <RecordPicker kind={k.kind} label={t(`kinds.${k.kind}.change`)} single value={[]} onChange={(ids) => ids[0] && navigate(k.edit(ids[0]))} />
            </div>
          </section>
        ))}
        <section className="card" aria-label={t('component')}>
          <div className="card-head"><div><h2>{t('component')}</h2><div className="hint">{t('componentHint')}</div></div></div>
          <div className="card-body small muted">{t('componentHow')}</div>
        </section>
      </div>
    </>
  );
}
