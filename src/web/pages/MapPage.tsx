import { useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useAll, useGet } from '../api/hooks';
import type { Incident, Item, Page } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { RecordHistoryCard } from '../components/RecordHistory';
import { ChangeLink } from '../components/RecordForm';
import { WorldMap, PRECISION_KM, type MapPoint } from '../components/WorldMap';
import { Badge, Illustrative } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { formatDate, formatRange, humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';

const PRECISIONS = ['exact', 'vicinity', 'locality', 'region'] as const;

export default function MapPage() {
  const selected = new URLSearchParams(useSearch()).get('incident');
  const [, navigate] = useLocation();
  const { t } = useTranslation('map');
  const incidents = useAll<Incident>('/api/incidents');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [weapon, setWeapon] = useState('');
  const [precisions, setPrecisions] = useState<Set<string>>(new Set(PRECISIONS));

  const weapons = useMemo(() => [...new Set((incidents.data ?? []).flatMap((i) => i.weaponTypes))].sort(), [incidents.data]);
  const visible = useMemo(
    () =>
      (incidents.data ?? []).filter(
        (i) =>
          (!from || i.occurredFrom >= from) &&
          (!to || i.occurredFrom <= to) &&
          (!weapon || i.weaponTypes.includes(weapon)) &&
          precisions.has(i.locationPrecision ?? 'region'),
      ),
    [incidents.data, from, to, weapon, precisions],
  );
  const points: MapPoint[] = visible.filter((i) => i.lat !== null && i.lon !== null).map((i) => ({ id: i.id, lat: i.lat!, lon: i.lon!, precision: i.locationPrecision, place: localName(i.placeName, i.placeNameUk), label: `${formatDate(i.occurredFrom)} · ${i.title}` }));
  const unlocated = visible.length - points.length;
  const select = (id: string) => navigate(`/map?incident=${id}`, { replace: true });
  const chosen = (incidents.data ?? []).find((i) => i.id === selected);

  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} actions={<ChangeLink href="/incidents/new" label={t('newIncident')} />} />
      <div className="stack">
        <section className="card" aria-label={t('filters')}>
          <div className="filters" style={{ borderBottom: 0 }}>
            <TextField label={t('from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            <TextField label={t('to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} error={from && to && to < from ? t('toBeforeFrom') : undefined} />
            <SelectField label={t('weapon')} value={weapon} onChange={(e) => setWeapon(e.target.value)} options={[{ value: '', label: t('allWeapons') }, ...weapons.map((w) => ({ value: w, label: w }))]} />
            <fieldset className="field" style={{ border: 0, padding: 0, margin: 0, flex: '1 1 320px' }}>
              <legend className="label" style={{ fontSize: 12.5, fontWeight: 560, color: 'var(--ink-2)', marginBottom: 6 }}>{t('precision')}</legend>
              <div className="row">
                {PRECISIONS.map((p) => (
                  <label key={p} className="check">
                    <input type="checkbox" checked={precisions.has(p)} onChange={(e) => setPrecisions((s) => { const n = new Set(s); if (e.target.checked) n.add(p); else n.delete(p); return n; })} />
                    {humanise(p)} <span className="muted small">{t('km', { km: PRECISION_KM[p] })}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </section>
        <Async state={incidents} empty={<div className="card"><Empty title={t('none')} /></div>}>
          {() => (
            <div className="grid map-grid">
              <section className="card" aria-label={t('map')}>
                <div className="card-head">
                  <h2>{t('onMap', { count: points.length })}</h2>
                  {unlocated > 0 && <span className="hint">{t('unlocated', { count: unlocated })}</span>}
                </div>
                <WorldMap points={points} selected={selected} onSelect={select} height={560} label={t('mapOf', { count: points.length })} />
              </section>
              <aside className="card" aria-label={t('incidents')}>
                {chosen ? <IncidentDetail incident={chosen} onClose={() => navigate('/map', { replace: true })} /> : null}
                <div className="card-head"><h2>{t('incidents')}</h2><span className="hint">{t('matches', { count: visible.length })}</span></div>
                {visible.length === 0 ? <Empty title={t('noMatch')} /> : (
                  <ul className="incident-list">
                    {visible.map((i) => (
                      <li key={i.id}>
                        <button type="button" aria-pressed={i.id === selected} onClick={() => select(i.id)}>
                          <div className="small muted">{formatRange(i.occurredFrom, i.occurredTo)}</div>
                          <div><strong>{i.title}</strong></div>
                          <div className="row small" style={{ gap: 4, marginTop: 2 }}>
                            {i.placeName && <span className="muted">{localName(i.placeName, i.placeNameUk)}</span>}
                            {i.locationPrecision && <Badge tone="outline">{humanise(i.locationPrecision).toLowerCase()}</Badge>}
                            {i.lat === null && <Badge tone="amber">{t('noPublicLocation')}</Badge>}
                          </div>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </aside>
            </div>
          )}
        </Async>
      </div>
    </>
  );
}

function IncidentDetail({ incident: i, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation('map');
  const items = useGet<Page<Item>>('/api/items', { incidentId: i.id, limit: 50 });
  return (
    <div style={{ borderBottom: '1px solid var(--line)', background: 'var(--surface-2)' }}>
      <div className="card-head">
        <h2>{i.title}</h2>
        <div className="actions">
          <ChangeLink href={`/incidents/${i.id}/edit`} />
          <button type="button" className="ghost small" onClick={onClose} aria-label={t('closeDetails')}>{t('close')}</button>
        </div>
      </div>
      <div className="card-body stack" style={{ gap: 8 }}>
        <dl className="props">
          <dt>{t('when')}</dt><dd>{formatRange(i.occurredFrom, i.occurredTo)}</dd>
          <dt>{t('where')}</dt><dd>{localName(i.placeName, i.placeNameUk) ?? '—'}{i.lat !== null && <span className="small muted"> ({i.lat.toFixed(3)}, {i.lon!.toFixed(3)}, {i.locationPrecision ? humanise(i.locationPrecision).toLowerCase() : t('precisionNotStated')})</span>}</dd>
          {i.weaponTypes.length > 0 && <><dt>{t('weapons')}</dt><dd>{i.weaponTypes.join(', ')}</dd></>}
          <dt>{t('sources')}</dt><dd>{t('sourcesClaims', { sources: t('sourcesN', { count: i.sourceIds.length }), claims: t('claimsN', { count: i.claimIds.length }) })}</dd>
        </dl>
        {i.description && <p className="small">{i.description}</p>}
        <Illustrative on={i.illustrative} />
        <div>
          <h3 style={{ marginBottom: 4 }}>{t('itemsRecovered')}</h3>
          <Async state={items} empty={<span className="small muted">{t('noneRecorded')}</span>} lines={1}>
            {(p) => <ul style={{ margin: 0, paddingLeft: 18 }}>{p.data.map((it) => <li key={it.id}><Link href={`/items/${it.id}`}>{it.label}</Link></li>)}</ul>}
          </Async>
        </div>
        <RecordHistoryCard key={i.id} recordType="incidents" recordId={i.id} what="incident" inline />
      </div>
    </div>
  );
}
