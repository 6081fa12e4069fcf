import { SelectField, TextField } from './Field';
import { WorldMap } from './WorldMap';

const PRECISIONS = [
  { value: '', label: 'Not given' },
  { value: 'exact', label: 'Exact (within 0.5 km)' },
  { value: 'vicinity', label: 'Vicinity (within 2 km)' },
  { value: 'locality', label: 'Locality: town or district (10 km)' },
  { value: 'region', label: 'Region (50 km)' },
];

/**
 * A place picked on the map (a click sets the coordinates) or typed as coordinates, with how
 * precisely it is known. The shaded circle on the map is that precision at true scale.
 */
export function PlacePicker({ lat, lon, precision, onChange, errors }: {
  lat: string; lon: string; precision: string;
  onChange: (v: { lat?: string; lon?: string; precision?: string }) => void;
  errors: { lat?: string; lon?: string; precision?: string };
}) {
  const la = Number(lat);
  const lo = Number(lon);
  const placed = lat.trim() !== '' && lon.trim() !== '' && Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="card" style={{ overflow: 'hidden' }}>
        <WorldMap
          label="Pick the place: click the map"
          height={300}
          points={placed ? [{ id: 'picked', lat: la, lon: lo, precision: precision || 'region', label: 'The place as entered' }] : []}
          selected="picked"
          onPick={(pickedLat, pickedLon) => onChange({ lat: String(pickedLat), lon: String(pickedLon), ...(precision ? {} : { precision: 'locality' }) })}
        />
      </div>
      <div className="small muted">Click the map to set the coordinates (the map then centres on them; click again to refine), or type them.</div>
      <div className="grid cols-2">
        <div className="row" style={{ alignItems: 'start', flexWrap: 'nowrap' }}>
          <div style={{ flex: 1, minWidth: 0 }}><TextField label="Latitude" inputMode="decimal" value={lat} onChange={(e) => onChange({ lat: e.target.value })} error={errors.lat} placeholder="49.9935" /></div>
          <div style={{ flex: 1, minWidth: 0 }}><TextField label="Longitude" inputMode="decimal" value={lon} onChange={(e) => onChange({ lon: e.target.value })} error={errors.lon} placeholder="36.2304" /></div>
        </div>
        <SelectField label="Location precision" value={precision} onChange={(e) => onChange({ precision: e.target.value })} options={PRECISIONS} error={errors.precision} />
      </div>
    </div>
  );
}
