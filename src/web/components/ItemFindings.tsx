import { Link } from 'wouter';
import type { Figures } from '../lib/figures';
import type { Findings } from '../lib/findings';
import { formatDate, formatNumber, formatRange, percent, plural } from '../lib/format';
import { SanctionedParties } from './SanctionedParties';

/**
 * An item's findings: how many parts, from how many makers and countries, how recent (so when it
 * could have been built at the earliest), and, from the server, the production-to-use interval.
 */
export function ItemFindings({ itemId, figures, findings, unconfirmed }: { itemId: string; figures: Figures; findings?: Findings; unconfirmed: number }) {
  const foreign = figures.countries.filter((c) => c.key && c.key !== 'KP' && c.key !== 'RU' && c.key !== '__other__').reduce((n, c) => n + c.value, 0);
  const timeline = findings?.timelines.find((t) => t.itemId === itemId);
  const countries = figures.countries.filter((c) => c.value > 0);
  return (
    <div className="stack">
      <section aria-label="Findings" className="grid cols-4">
        <div className="card stat" data-testid="finding-components">
          <div className="value">{formatNumber(figures.units)}</div>
          <div className="label">components recorded</div>
          <div className="sub">{plural(figures.records, 'record')} · {formatNumber(figures.identifiedUnits)} identified</div>
        </div>
        <div className="card stat">
          <div className="value">{formatNumber(figures.makersDistinct)}</div>
          <div className="label">makers</div>
          <div className="sub">in {plural(figures.countriesDistinct, 'country', 'countries')}</div>
        </div>
        <div className="card stat">
          <div className="value">{percent(foreign, figures.units)}</div>
          <div className="label">made outside North Korea and Russia</div>
          <div className="sub">{plural(foreign, 'component')}</div>
        </div>
        <div className="card stat">
          <div className="value">{figures.noEarlierThan ? formatDate(figures.noEarlierThan.date) : figures.latestYear ?? '—'}</div>
          <div className="label">{figures.noEarlierThan ? 'built no earlier than' : 'latest date code'}</div>
          <div className="sub" title={figures.noEarlierThan?.note}>{figures.noEarlierThan ? 'from the newest date code on its parts' : 'no part of the item is older than its newest part'}</div>
        </div>
      </section>
      <SanctionedParties sanctioned={findings?.sanctioned} scope="this item" />
      {timeline?.interval && (
        <div className="notice">
          <strong>Production to use:</strong> made {formatRange(timeline.interval.production.from, timeline.interval.production.to)}, used {formatRange(timeline.interval.use.from, timeline.interval.use.to)}:{' '}
          between {plural(timeline.interval.minDays, 'day')} and {plural(timeline.interval.maxDays, 'day')}.
          {timeline.interval.inconsistent && <span style={{ color: 'var(--red)' }}> {timeline.interval.inconsistent}</span>}
        </div>
      )}
      <div className="grid cols-2">
        <section className="card">
          <div className="card-head"><h2>By maker country</h2></div>
          {countries.length === 0 ? (
            <div className="card-body muted">No maker country identified yet.</div>
          ) : (
            countries.map((c) => (
              <div className="finding" key={c.name}>
                <div className="num">{formatNumber(c.value)}</div>
                <div>
                  {c.href ? <Link href={c.href}>{c.name}</Link> : c.name}
                  <div className="why">{percent(c.value, figures.units)} of the components of this item</div>
                </div>
              </div>
            ))
          )}
        </section>
        <section className="card">
          <div className="card-head"><h2>Top makers</h2>{unconfirmed > 0 && <Link href={`/items/${itemId}/components`} className="small">{plural(unconfirmed, 'record')} with unconfirmed fields</Link>}</div>
          {figures.makers.length === 0 ? (
            <div className="card-body muted">No maker identified yet.</div>
          ) : (
            figures.makers.slice(0, 6).map((m) => (
              <div className="finding" key={m.name}>
                <div className="num">{formatNumber(m.value)}</div>
                <div>{m.href ? <Link href={m.href}>{m.name}</Link> : m.name}</div>
              </div>
            ))
          )}
        </section>
      </div>
      {figures.notes.length > 0 && (
        <section className="card">
          <div className="card-head"><h2>Notes</h2></div>
          {figures.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
        </section>
      )}
    </div>
  );
}
