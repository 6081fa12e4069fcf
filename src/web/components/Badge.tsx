import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, humanise } from '../lib/format';

type Tone = 'neutral' | 'accent' | 'amber' | 'red' | 'green' | 'outline';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return <span className={`badge ${tone === 'neutral' ? '' : tone}`} title={title}>{children}</span>;
}

const STATUS_TONE: Record<string, Tone> = { unverified: 'neutral', corroborated: 'green', disputed: 'amber', refuted: 'red' };
export function ClaimStatus({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{humanise(status).toLowerCase()}</Badge>;
}

const CONF_TONE: Record<string, Tone> = { confirmed: 'green', probable: 'accent', possible: 'amber', unknown: 'neutral' };
export function Confidence({ value }: { value: string }) {
  return <Badge tone={CONF_TONE[value] ?? 'neutral'}>{humanise(value).toLowerCase()}</Badge>;
}

export function Country({ code }: { code: string | null | undefined }) {
  if (!code) return <span className="muted">{countryName(null)}</span>;
  return (
    <span title={`${countryName(code)} (${code})`}>{countryName(code)}</span>
  );
}

export function Illustrative({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return on ? <Badge tone="outline" title={t('illustrative.title')}>{t('illustrative.badge')}</Badge> : null;
}
