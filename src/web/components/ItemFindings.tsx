import { Link } from 'wouter';
import { chartRows, type Findings } from '../lib/findings';
import { formatDate, formatNumber, formatRange, plural } from '../lib/format';
import { SanctionedParties } from './SanctionedParties';

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * An item's findings as the server computed them: how many parts, from how many makers and countries,
 * how recent (so when it could have been built at the earliest), and the production-to-use interval.
 * Every number is the API's; nothing is counted here.
 */
export function ItemFindings({ itemId, findings: f, unconfirmed }: { itemId: string; findings: Findings; unconfirmed: number }) {
  const timeline = f.timelines.find((t) => t.itemId === itemId);
  const countries = chartRows(f.makerCountries, 'country').filter((c) => c.value > 0);
  const shareOf = new Map(f.makerCountries.buckets.map((b) => [b.key, b.share]));
  const makers = chartRows(f.makers, 'maker');
  return (
    <div className="stack">
      <section aria-label="Findings" className="grid cols-4">
        <div className="card stat" data-testid="finding-components">
          <div className="value">{formatNumber(f.components.units)}</div>
          <div className="label">components recorded</div>
          <div className="sub">{plural(f.components.records.count, 'record')} · {plural(f.components.partNumbers.count, 'part number')}</div>
        </div>
        <div className="card stat">
          <div className="value">{formatNumber(f.makers.distinct)}</div>
          <div className="label">makers</div>
          <div className="sub">in {plural(f.makerCountries.distinct, 'country', 'countries')}</div>
        </div>
        <div className="card stat">
          <div className="value">{pct(f.dateCodes.share)}</div>
          <div className="label">with a date code read</div>
          <div className="sub">{plural(f.dateCodes.datedRecords, 'record')}</div>
        </div>
        <div className="card stat">
          <div className="value">{f.noEarlierThan ? formatDate(f.noEarlierThan.date) : '—'}</div>
          <div className="label">{f.noEarlierThan ? 'built no earlier than' : 'no date code read yet'}</div>
          <div className="sub" title={f.noEarlierThan?.note} data-testid="no-earlier-than-basis">{f.noEarlierThan ? restsOn(f.noEarlierThan) : 'no part of the item is older than its newest part'}</div>
        </div>
      </section>
      <SanctionedParties sanctioned={f.sanctioned} scope="this item" />
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
                  <div className="why">{pct(shareOf.get(c.key ?? null) ?? 0)} of the components of this item</div>
                </div>
              </div>
            ))
          )}
        </section>
        <section className="card">
          <div className="card-head"><h2>Top makers</h2>{unconfirmed > 0 && <Link href={`/items/${itemId}/components`} className="small">{plural(unconfirmed, 'record')} with unconfirmed fields</Link>}</div>
          {makers.length === 0 ? (
            <div className="card-body muted">No maker identified yet.</div>
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
          <div className="card-head"><h2>Notes</h2></div>
          {f.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
        </section>
      )}
    </div>
  );
}

/** What "built no earlier than" rests on, as the server says it: an ambiguous or unconfirmed date code, and the conservative bound. */
function restsOn(n: NonNullable<Findings['noEarlierThan']>): string {
  if (n.ambiguous) return `rests on an ambiguous date code: conservatively ${formatDate(n.conservativeDate)}`;
  if ((n.restsOnUnconfirmed?.count ?? 0) > 0) return 'from the newest date code on its parts (a suggestion, not yet confirmed)';
  return 'from the newest date code on its parts';
}
