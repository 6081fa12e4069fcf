import { describe, expect, it } from 'vitest';
import { incidentsBaseMap } from '../../src/package/basemap.js';

describe('incidentsBaseMap', () => {
  it('draws the countries around the incidents as vector paths, with each incident placed by its coordinates', async () => {
    const svg = (await incidentsBaseMap([{ label: 'Kharkiv', lat: 49.99, lon: 36.23 }, { label: 'Kyiv <centre>', lat: 50.45, lon: 30.52 }]))!;
    const paths = svg.match(/<path d="M[^"]+"/g) ?? [];
    // Ukraine and its neighbours, the borders and the graticule: many paths, clipped to the frame.
    expect(paths.length).toBeGreaterThan(5);
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(dots).toHaveLength(2);
    // Kharkiv lies east of Kyiv (larger x) and a little south (larger y on a north-up map).
    const [kharkiv, kyiv] = dots as [[number, number], [number, number]];
    expect(kharkiv[0]).toBeGreaterThan(kyiv[0]);
    expect(kharkiv[1]).toBeGreaterThan(kyiv[1]);
    expect(svg).toContain('Kyiv &lt;centre&gt;');
    // The same points give the same drawing (packages are reproducible).
    expect(await incidentsBaseMap([{ label: 'Kharkiv', lat: 49.99, lon: 36.23 }, { label: 'Kyiv <centre>', lat: 50.45, lon: 30.52 }])).toBe(svg);
  });

  it('draws nothing without incidents', async () => {
    expect(await incidentsBaseMap([])).toBeNull();
  });
});
