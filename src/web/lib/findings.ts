import type { ChartRow } from '../components/ChartCard';
import type { Answer } from '../api/typed';
import { i18n } from '../i18n/index.js';
import { countryName } from './format.js';

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
  return b.buckets.map((x) => ({ name: bucketName(x, kind), value: x.units, key: x.key, href: x.key === OTHER ? undefined : HREF[kind](x.key) }));
}

/**
 * A bucket's name in the language in force: country codes through Intl, tiers, "unknown" and
 * "all others" through the messages; makers and years as the server names them.
 */
function bucketName(x: Bucket, kind: keyof typeof HREF): string {
  if (x.key === OTHER) return i18n.t('components:chart.allOthers');
  if (x.key === null) return i18n.t('common:unknown');
  if (kind === 'tier') return i18n.t('components:chart.tier', { tier: x.key });
  if (kind === 'country') return countryName(x.key);
  return x.label;
}

/** The first bucket with a known key: "made by companies in …" headlines skip the unknown bucket and "all others". */
export function topKnown(b: Breakdown): Bucket | undefined {
  return b.buckets.find((x) => x.key !== null && x.key !== OTHER);
}
