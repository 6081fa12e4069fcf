import { geoGraticule10, geoMercator, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiLineString, MultiPoint } from 'geojson';

/**
 * The incidents on a base map, as SVG for the PDF: the countries of Natural Earth (world-atlas,
 * 1:50m, shipped in node_modules: nothing is downloaded) in a Mercator projection fitted to the
 * incidents with a margin, country borders, a 10° graticule, and each incident as a dot with its
 * place. d3-geo writes SVG path data; the package draws it with svg-to-pdfkit as vector paths. The
 * output depends on the points only (same data, same bytes).
 */
const W = 480;
const H = 300;
/** Degrees of margin around the incidents, so that a single incident still shows its region. */
const MARGIN_DEG = 2.5;

let atlas: Promise<{ land: FeatureCollection; borders: MultiLineString }> | null = null;
function loadAtlas() {
  atlas ??= import('world-atlas/countries-50m.json', { with: { type: 'json' } }).then((m) => {
    const topo = m.default as unknown as Topology;
    const countries = topo.objects.countries as GeometryCollection;
    return {
      land: feature(topo, countries) as unknown as FeatureCollection,
      // Borders between two countries only (a coastline is the land's own edge).
      borders: mesh(topo, countries, (a, b) => a !== b),
    };
  });
  return atlas;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const r1 = (n: number) => Math.round(n * 10) / 10;

export async function incidentsBaseMap(points: { label: string; lat: number; lon: number }[]): Promise<string | null> {
  if (!points.length) return null;
  const { land, borders } = await loadAtlas();
  const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
  const box: MultiPoint = {
    type: 'MultiPoint',
    coordinates: [[Math.min(...lons) - MARGIN_DEG, Math.min(...lats) - MARGIN_DEG], [Math.max(...lons) + MARGIN_DEG, Math.max(...lats) + MARGIN_DEG]],
  };
  const projection = geoMercator().fitExtent([[10, 24], [W - 10, H - 10]], box).clipExtent([[0, 20], [W, H]]);
  // Coordinates rounded to 0.1 pt: a finer path only makes the PDF bigger.
  const path = geoPath(projection).digits(1);
  const countries = land.features.map((f: Feature) => path(f)).filter((d): d is string => !!d);
  const dots = points.map((p) => {
    const xy = projection([p.lon, p.lat]);
    if (!xy) return '';
    const [x, y] = [r1(xy[0]), r1(xy[1])];
    return `<circle cx="${x}" cy="${y}" r="3.5" fill="#a33" stroke="#fff" stroke-width="0.8"/><text x="${r1(x + 6)}" y="${r1(y + 3)}" font-size="8" font-family="Helvetica" fill="#222">${esc(p.label)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<text x="0" y="12" font-size="12" font-family="Helvetica" font-weight="bold" fill="#222">Incidents (base map: Natural Earth 1:50m, Mercator)</text>`,
    `<rect x="0" y="20" width="${W}" height="${H - 20}" fill="#dde8f0"/>`,
    `<path d="${path(geoGraticule10()) ?? ''}" fill="none" stroke="#c5d3de" stroke-width="0.4"/>`,
    ...countries.map((d) => `<path d="${d}" fill="#f3efe6" stroke="none"/>`),
    `<path d="${path(borders) ?? ''}" fill="none" stroke="#9a9a9a" stroke-width="0.5"/>`,
    ...dots,
    `<rect x="0" y="20" width="${W}" height="${H - 20}" fill="none" stroke="#888" stroke-width="0.6"/>`,
    '</svg>',
  ].join('');
}
