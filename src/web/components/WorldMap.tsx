import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { geoCircle, geoGraticule10, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
// Natural Earth 1:50m country shapes from the world-atlas package, shipped as a static asset of the
// build: the basemap needs no tile server and works with no internet.
import atlasUrl from 'world-atlas/countries-50m.json?url';
import { useTranslation } from 'react-i18next';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  precision: string | null;
  label: string;
  /** A short place name drawn beside the dot (once per name). */
  place?: string | null;
}

/** The radius of the circle drawn for each stated location precision, in kilometres. */
export const PRECISION_KM: Record<string, number> = { exact: 0.5, vicinity: 2, locality: 10, region: 50 };
const KM_PER_DEGREE = 111.32;

let atlasPromise: Promise<FeatureCollection<Geometry>> | null = null;
function loadAtlas(): Promise<FeatureCollection<Geometry>> {
  atlasPromise ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap: ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then((topo) => feature(topo, topo.objects.countries as GeometryCollection) as unknown as FeatureCollection<Geometry>);
  atlasPromise.catch(() => {
    atlasPromise = null;
  });
  return atlasPromise;
}

interface View {
  k: number;
  x: number;
  y: number;
}

/**
 * Incidents on an offline Natural Earth basemap. Each incident is a dot plus a circle whose true-scale
 * radius shows how precisely its location is known. Pan by dragging or with the arrow keys, zoom with
 * the wheel, the +/− buttons or the +/− keys.
 */
export function WorldMap({ points, selected, onSelect, onPick, height = 420, label }: {
  points: MapPoint[]; selected?: string | null; onSelect?: (id: string) => void; height?: number; label: string;
  /** Called with the coordinates of a click (not a drag) on the map, for forms that pick a place. */
  onPick?: (lat: number, lon: number) => void;
}) {
  const { t } = useTranslation('components');
  const [land, setLand] = useState<FeatureCollection<Geometry> | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<View>({ k: 1, x: 0, y: 0 });
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  useEffect(() => {
    let live = true;
    loadAtlas().then((l) => live && setLand(l), () => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const node = box.current!;
    const ro = new ResizeObserver(() => setWidth(node.clientWidth || 800));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);

  const circles = useMemo(
    () => points.map((p) => ({ p, shape: geoCircle().center([p.lon, p.lat]).radius((PRECISION_KM[p.precision ?? 'region'] ?? 50) / KM_PER_DEGREE)() })),
    [points],
  );

  // Fit the projection to the incidents (with a margin of a few hundred km) or, with none, to the world.
  const projection = useMemo(() => {
    const pad = 24;
    const proj = geoMercator();
    if (points.length) {
      // At least ~14° of longitude around the incidents, so a reader sees the country and its neighbours.
      const lons = points.map((p) => p.lon);
      const lats = points.map((p) => p.lat);
      const cx = (Math.min(...lons) + Math.max(...lons)) / 2;
      const cy = (Math.min(...lats) + Math.max(...lats)) / 2;
      const halfLon = Math.max(7, (Math.max(...lons) - Math.min(...lons)) / 2 + 2);
      const halfLat = Math.max(4, (Math.max(...lats) - Math.min(...lats)) / 2 + 1.5);
      const extent: GeoPermissibleObjects = {
        type: 'MultiPoint',
        coordinates: [
          [cx - halfLon, Math.max(-85, cy - halfLat)],
          [cx + halfLon, Math.min(85, cy + halfLat)],
        ],
      };
      proj.fitExtent([[pad, pad], [width - pad, height - pad]], extent);
    } else {
      proj.fitExtent([[pad, pad], [width - pad, height - pad]], { type: 'Sphere' }).clipExtent(null);
    }
    return proj;
  }, [points, width, height]);

  const path = useMemo(() => geoPath(projection), [projection]);
  const landPaths = useMemo(() => (land ? land.features.map((f, i) => ({ key: String(f.id ?? i), d: path(f) ?? '' })) : []), [land, path]);
  const graticule = useMemo(() => path(geoGraticule10()) ?? '', [path]);

  const zoomAt = (factor: number, cx = width / 2, cy = height / 2) =>
    setView((v) => {
      const k = Math.min(40, Math.max(0.5, v.k * factor));
      const f = k / v.k;
      return { k, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
    });
  const reset = () => setView({ k: 1, x: 0, y: 0 });

  const onWheel = (e: WheelEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    zoomAt(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - r.left, e.clientY - r.top);
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).classList.contains('map-dot')) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    down.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  // A click picks a place: the pointer went down and up within a few pixels (a drag pans instead).
  const down = useRef<{ x: number; y: number } | null>(null);
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    drag.current = null;
    const d = down.current;
    down.current = null;
    if (!onPick || !d || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4) return;
    const r = e.currentTarget.getBoundingClientRect();
    const sx = ((e.clientX - r.left) * width) / r.width;
    const sy = ((e.clientY - r.top) * height) / r.height;
    const ll = projection.invert?.([(sx - view.x) / view.k, (sy - view.y) / view.k]);
    if (ll && Number.isFinite(ll[0]) && Number.isFinite(ll[1])) onPick(Math.round(ll[1] * 1e5) / 1e5, Math.round(ll[0] * 1e5) / 1e5);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = 60;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      setView((v) => ({ ...v, x: v.x + m[0], y: v.y + m[1] }));
    } else if (e.key === '+' || e.key === '=') zoomAt(1.5);
    else if (e.key === '-') zoomAt(1 / 1.5);
    else if (e.key === '0') reset();
  };

  return (
    <div className="map-wrap" ref={box} style={{ height }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('map.keys', { label })}
        tabIndex={0}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        style={onPick ? { cursor: 'crosshair' } : undefined}
        onKeyDown={onKey}
      >
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          <path d={graticule} className="map-graticule" />
          {landPaths.map((l) => <path key={l.key} d={l.d} className="map-land" />)}
          {circles.map(({ p, shape }) => <path key={`c-${p.id}`} d={path(shape) ?? ''} className="map-circle" />)}
          {points.map((p) => {
            const xy = projection([p.lon, p.lat]);
            if (!xy) return null;
            return (
              <circle key={p.id} cx={xy[0]} cy={xy[1]} r={(p.id === selected ? 6.5 : 5) / view.k} className={`map-dot ${p.id === selected ? 'selected' : ''}`} onClick={() => onSelect?.(p.id)}>
                <title>{p.label}</title>
              </circle>
            );
          })}
          {placeLabels(points).map((p) => {
            const xy = projection([p.lon, p.lat]);
            if (!xy) return null;
            return (
              <text key={`l-${p.id}`} x={xy[0] + 8 / view.k} y={xy[1] + 4 / view.k} className="map-label" style={{ fontSize: 11.5 / view.k, strokeWidth: 3 / view.k }}>
                {p.place}
              </text>
            );
          })}
        </g>
      </svg>
      <div className="map-controls">
        <button type="button" aria-label={t('map.zoomIn')} onClick={() => zoomAt(1.5)}>+</button>
        <button type="button" aria-label={t('map.zoomOut')} onClick={() => zoomAt(1 / 1.5)}>−</button>
        <button type="button" aria-label={t('map.reset')} onClick={reset} title={t('map.reset')}>⟲</button>
      </div>
      <div className="map-legend">
        <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" className="map-dot" /></svg> {t('map.legend')}
      </div>
      <div className="map-attrib">{failed ? t('map.failed') : land ? 'Natural Earth' : t('map.loading')}</div>
    </div>
  );
}

function placeLabels(points: MapPoint[]): MapPoint[] {
  const seen = new Set<string>();
  return points.filter((p) => p.place && !seen.has(p.place) && (seen.add(p.place), true));
}
