import type { ReactNode } from 'react';
import { countryName } from '../lib/format';

type Tone = 'neutral' | 'accent' | 'amber' | 'red' | 'green' | 'outline';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return <span className={`badge ${tone === 'neutral' ? '' : tone}`} title={title}>{children}</span>;
}

const STATUS_TONE: Record<string, Tone> = { unverified: 'neutral', corroborated: 'green', disputed: 'amber', refuted: 'red' };
export function ClaimStatus({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{status}</Badge>;
}

const CONF_TONE: Record<string, Tone> = { confirmed: 'green', probable: 'accent', possible: 'amber', unknown: 'neutral' };
export function Confidence({ value }: { value: string }) {
  return <Badge tone={CONF_TONE[value] ?? 'neutral'}>{value}</Badge>;
}

export function Country({ code }: { code: string | null | undefined }) {
  if (!code) return <span className="muted">Unknown</span>;
  return (
    <span title={`${countryName(code)} (${code})`}>{countryName(code)}</span>
  );
}

export function Illustrative({ on }: { on: boolean }) {
  return on ? <Badge tone="outline" title="Made-up record for demonstration; not evidence">illustrative</Badge> : null;
}
