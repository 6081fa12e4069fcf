import { Link } from 'wouter';
import type { Sanctioned } from '../lib/findings';
import { Badge } from './Badge';
import { formatDate, humanise } from '../lib/format';
import { useTranslation } from 'react-i18next';

/** "UN Security Council Consolidated List (19 Mar 2024) KPe.001": where a confirmed match comes from. */
export function sanctionLabel(m: { listTitle: string; listVersionDate: string | null; entityReference: string }): string {
  return `${m.listTitle}${m.listVersionDate ? ` (${formatDate(m.listVersionDate)})` : ''} ${m.entityReference}`;
}

/**
 * The findings' "sanctioned parties" figure: how many makers and intermediaries in scope have a
 * sanctions match a reviewer confirmed, and below it each organisation with the list entries behind
 * it. The server sends nothing for the public (screening decisions are not published), and then
 * nothing is shown. Before any sanctions list is loaded the server says "not screened", and so does
 * this card: a zero there would read as "clean".
 */
export function SanctionedParties({ sanctioned, scope }: { sanctioned: Sanctioned | undefined; scope: string }) {
  const { t } = useTranslation('components');
  if (!sanctioned) return null;
  const s = sanctioned;
  const none = s.parties.length === 0;
  return (
    <section className="card" aria-label={t('sanctions.label')}>
      <div className="card-head">
        <div>
          <h2>{t('sanctions.title')}</h2>
          <div className="hint">{t('sanctions.hint')}</div>
        </div>
        <Link href="/screening" className="small">{t('sanctions.screening')}</Link>
      </div>
      <div className="card-body stat" style={{ paddingTop: 4 }}>
        <div className="value" style={{ color: none ? undefined : 'var(--red)' }} data-testid="sanctioned-headline">
          {s.screened ? `${t('sanctions.makers', { count: s.makers })} · ${t('sanctions.intermediaries', { count: s.intermediaries })}` : t('sanctions.notScreened')}
        </div>
        <div className="label" data-testid="sanctioned-summary">{s.summary} <span className="muted">({scope})</span></div>
      </div>
      {s.parties.map((p) => (
        <div className="finding" key={p.organisationId}>
          <div className="num">{p.components.count}</div>
          <div style={{ minWidth: 0 }}>
            <div className="row">
              <Link href={`/organisations/${p.organisationId}`}><strong>{p.name}</strong></Link>
              {p.roles.map((r) => <Badge key={r} tone="outline">{humanise(r).toLowerCase()}</Badge>)}
            </div>
            <div className="why">
              {t(p.roles.includes('maker') ? (p.roles.includes('intermediary') ? 'sanctions.madeOrPassed' : 'sanctions.made') : 'sanctions.passed', { count: p.components.count })} ·{' '}
              {p.matches.map((m) => <Badge key={m.matchId} tone="red" title={m.entityCaption}>{t('sanctions.sanctioned', { list: sanctionLabel(m) })}</Badge>)}
            </div>
          </div>
        </div>
      ))}
    </section>
  );
}
