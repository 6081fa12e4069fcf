import type { ChartRow } from '../components/ChartCard';
import type { Answer } from '../api/typed';

/**
 * The findings the server computes (`GET /api/findings`, `/api/items/:id/findings`,
 * `/api/cases/:id/findings`, and inside `GET /api/dashboard`), typed from the generated OpenAPI
 * types. The web app shows them as they come: it counts nothing itself, so a page can never
 * disagree with the API or the CLI.
 */
export type Findings = Answer<'item_findings'>;
export type Breakdown = Findings['makers'];
export type Bucket = Breakdown['buckets'][number];
export type Similarity = Findings['similarity']['similarItems'][number]['similarity'];
export type Sanctioned = Findings['sanctioned'];

/** The server's "all others" bucket after the listed ones (breakdown.ts). */
const OTHER = '__other__';

/** Where each bucket's records are listed: the components table filtered the same way. */
const HREF = {
  country: (k: string | null) => `/components?makerCountry=${k ?? 'none'}`,
  maker: (k: string | null) => (k ? `/organisations/${k}` : '/components?makerId=none'),
  year: (k: string | null) => `/components?year=${k ?? 'none'}`,
  tier: (k: string | null) => `/components?chplTier=${k ?? 'none'}`,
} as const;

/** A breakdown as chart rows, in the server's order, with the server's labels and counts; each links to its records. */
export function chartRows(b: Breakdown, kind: keyof typeof HREF): ChartRow[] {
  return b.buckets.map((x) => ({ name: kind === 'tier' && x.key ? `Tier ${x.key}` : x.label, value: x.units, key: x.key, href: x.key === OTHER ? undefined : HREF[kind](x.key) }));
}

/** The first bucket with a known key: "made by companies in …" headlines skip the unknown bucket and "all others". */
export function topKnown(b: Breakdown): Bucket | undefined {
  return b.buckets.find((x) => x.key !== null && x.key !== OTHER);
}
