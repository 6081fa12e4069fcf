import { Link } from 'wouter';
import { chartRows, type Findings } from '../lib/findings';
import { formatDate, formatNumber, formatPercent, formatRange } from '../lib/format';
import { i18n } from '../i18n/index.js';
import { useTranslation } from 'react-i18next';
import { SanctionedParties } from './SanctionedParties';

// Shares come from the server in percent (src/findings/shares.ts).
const pct = formatPercent;

/**
 * An item's findings as the server computed them: how many parts, from how many makers and countries,
 * how recent (so when it could have been built at the earliest), and the production-to-use interval.
 * Every number is the API's; nothing is counted here.
 */
export function ItemFindings({ itemId, findings: f, unconfirmed }: { itemId: string; findings: Findings; unconfirmed: number }) {
  const { t } = useTranslation('item');
  const timeline = f.timelines.find((x) => x.itemId === itemId);
  const countries = chartRows(f.makerCountries, 'country').filter((c) => c.value > 0);
  const shareOf = new Map(f.makerCountries.buckets.map((b) => [b.key, b.share]));
  const makers = chartRows(f.makers, 'maker');
  return (
    <div className="stack">
      <section aria-label={t('f.label')} className="grid cols-4">
        <div className="card stat" data-testid="finding-components">
          <div className="value">{formatNumber(f.components.units)}</div>
          <div className="label">{t('f.componentsRecorded')}</div>
          <div className="sub">{t('f.recordsParts', { records: t('f.records', { count: f.components.records.count }), partNumbers: t('f.partNumbers', { count: f.components.partNumbers.count }) })}</div>
        </div>
        <div className="card stat">
          <div className="value">{formatNumber(f.makers.distinct)}</div>
          <div className="label">{t('f.makers')}</div>
          <div className="sub">{t('f.inCountries', { count: f.makerCountries.distinct })}</div>
        </div>
        <div className="card stat">
          <div className="value">{pct(f.dateCodes.share)}</div>
          <div className="label">{t('f.withDateCode')}</div>
          <div className="sub">{t('f.records', { count: f.dateCodes.datedRecords })}</div>
        </div>
        <div className="card stat">
          <div className="value">{f.noEarlierThan ? formatDate(f.noEarlierThan.date) : '—'}</div>
          <div className="label">{f.noEarlierThan ? t('f.builtNoEarlier') : t('f.noDateCode')}</div>
          <div className="sub" title={f.noEarlierThan?.note} data-testid="no-earlier-than-basis">{f.noEarlierThan ? restsOn(f.noEarlierThan) : t('f.noOlder')}</div>
        </div>
      </section>
      <SanctionedParties sanctioned={f.sanctioned} scope={t('f.thisItem')} />
      {timeline?.interval && (
        <div className="notice">
          <strong>{t('f.productionToUse')}</strong>{' '}
          {t('f.madeUsed', {
            made: formatRange(timeline.interval.production.from, timeline.interval.production.to),
            used: formatRange(timeline.interval.use.from, timeline.interval.use.to),
            min: t('f.days', { count: timeline.interval.minDays }),
            max: t('f.days', { count: timeline.interval.maxDays }),
          })}
          {timeline.interval.inconsistent && <span style={{ color: 'var(--red)' }}> {timeline.interval.inconsistent}</span>}
        </div>
      )}
      <div className="grid cols-2">
        <section className="card">
          <div className="card-head"><h2>{t('f.byCountry')}</h2></div>
          {countries.length === 0 ? (
            <div className="card-body muted">{t('f.noCountry')}</div>
          ) : (
            countries.map((c) => (
              <div className="finding" key={c.name}>
                <div className="num">{formatNumber(c.value)}</div>
                <div>
                  {c.href ? <Link href={c.href}>{c.name}</Link> : c.name}
                  <div className="why">{t('f.shareOfItem', { share: pct(shareOf.get(c.key ?? null) ?? 0) })}</div>
                </div>
              </div>
            ))
          )}
        </section>
        <section className="card">
          <div className="card-head"><h2>{t('f.topMakers')}</h2>{unconfirmed > 0 && <Link href={`/items/${itemId}/components`} className="small">{t('f.unconfirmed', { count: unconfirmed })}</Link>}</div>
          {makers.length === 0 ? (
            <div className="card-body muted">{t('f.noMaker')}</div>
          ) : (
            makers.slice(0, 6).map((m) => (
              <div className="finding" key={m.name}>
                <div className="num">{formatNumber(m.value)}</div>
                <div>{m.href ? <Link href={m.href}>{m.name}</Link> : m.name}</div>
              </div>
            ))
          )}
        </section>
      </div>
      {f.notes.length > 0 && (
        <section className="card">
          <div className="card-head"><h2>{t('f.notes')}</h2></div>
          {f.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
        </section>
      )}
    </div>
  );
}

/** What "built no earlier than" rests on, as the server says it: an ambiguous or unconfirmed date code, and the conservative bound. */
function restsOn(n: NonNullable<Findings['noEarlierThan']>): string {
  if (n.ambiguous) return i18n.t('item:f.ambiguous', { date: formatDate(n.conservativeDate) });
  if ((n.restsOnUnconfirmed?.count ?? 0) > 0) return i18n.t('item:f.fromNewestSuggested');
  return i18n.t('item:f.fromNewest');
}
