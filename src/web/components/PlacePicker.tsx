import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from './Field';
import { WorldMap } from './WorldMap';

/** The stored location precisions, in order; '' is "not given" (forms.json `place.precision.*`). */
const PRECISIONS = ['', 'exact', 'vicinity', 'locality', 'region'] as const;

/**
 * A place picked on the map (a click sets the coordinates) or typed as coordinates, with how
 * precisely it is known. The shaded circle on the map is that precision at true scale.
 */
export function PlacePicker({ lat, lon, precision, onChange, errors }: {
  lat: string; lon: string; precision: string;
  onChange: (v: { lat?: string; lon?: string; precision?: string }) => void;
  errors: { lat?: string; lon?: string; precision?: string };
}) {
  const { t } = useTranslation('forms');
  const la = Number(lat);
  const lo = Number(lon);
  const placed = lat.trim() !== '' && lon.trim() !== '' && Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="card" style={{ overflow: 'hidden' }}>
        <WorldMap
          label={t('place.map')}
          height={300}
          points={placed ? [{ id: 'picked', lat: la, lon: lo, precision: precision || 'region', label: t('place.entered') }] : []}
          selected="picked"
          onPick={(pickedLat, pickedLon) => onChange({ lat: String(pickedLat), lon: String(pickedLon), ...(precision ? {} : { precision: 'locality' }) })}
        />
      </div>
      <div className="small muted">{t('place.hint')}</div>
      <div className="grid cols-2">
        <div className="row" style={{ alignItems: 'start', flexWrap: 'nowrap' }}>
          <div style={{ flex: 1, minWidth: 0 }}><TextField label={t('place.lat')} inputMode="decimal" value={lat} onChange={(e) => onChange({ lat: e.target.value })} error={errors.lat} placeholder="49.9935" /></div>
          <div style={{ flex: 1, minWidth: 0 }}><TextField label={t('place.lon')} inputMode="decimal" value={lon} onChange={(e) => onChange({ lon: e.target.value })} error={errors.lon} placeholder="36.2304" /></div>
        </div>
        <SelectField label={t('place.precisionLabel')} value={precision} onChange={(e) => onChange({ precision: e.target.value })} options={PRECISIONS.map((p) => ({ value: p, label: t(`place.precision.${p || 'none'}`) }))} error={errors.precision} />
      </div>
    </div>
  );
}
