import { useMemo } from 'react';
import { Link } from 'wouter';
import type { Component } from '../api/types';
import { countBy, summarise } from '../lib/aggregate';
import { countryName, formatNumber, percent, plural } from '../lib/format';
import { DERIVED } from '../lib/derived';

/**
 * An item's findings, counted from its component records: how many parts, from how many makers and
 * countries, how recent, and how much of it still waits for a person to confirm.
 */
export function ItemFindings({ itemId, components, makers }: { itemId: string; components: Component[]; makers: Map<string, string> }) {
  const s = useMemo(() => summarise(components), [components]);
  const countries = useMemo(() => countBy(components.filter((c) => c.makerCountry), (c) => c.makerCountry), [components]);
  const topMakers = useMemo(() => countBy(components.filter((c) => c.makerId), (c) => c.makerId).slice(0, 5), [components]);
  const unconfirmed = useMemo(
    () => components.filter((c) => DERIVED.some((f) => c.fieldStatus[f.key]?.state === 'suggested' && c[f.key as keyof Component] !== null)).length,
    [components],
  );
  const foreign = countries.filter((c) => c.key !== 'KP' && c.key !== 'RU').reduce((n, c) => n + c.count, 0);

  return (
    <div className="stack">
      <section aria-label="Findings" className="grid cols-4">
        <div className="card stat" data-testid="finding-components">
          <div className="value">{formatNumber(s.components)}</div>
          <div className="label">components recorded</div>
          <div className="sub">{plural(s.records, 'record')} · {formatNumber(s.identified)} identified</div>
        </div>
        <div className="card stat">
          <div className="value">{formatNumber(s.makers)}</div>
          <div className="label">makers</div>
          <div className="sub">in {plural(s.countries, 'country', 'countries')}</div>
        </div>
        <div className="card stat">
          <div className="value">{percent(foreign, s.components)}</div>
          <div className="label">made outside North Korea and Russia</div>
          <div className="sub">{plural(foreign, 'component')}</div>
        </div>
        <div className="card stat">
          <div className="value">{s.latestYear ?? '—'}</div>
          <div className="label">latest date code</div>
          <div className="sub">no part of the item is older than its newest part</div>
        </div>
      </section>
      <div className="grid cols-2">
        <section className="card">
          <div className="card-head"><h2>By maker country</h2></div>
          {countries.length === 0 ? (
            <div className="card-body muted">No maker country identified yet.</div>
          ) : (
            countries.map((c) => (
              <div className="finding" key={c.key}>
                <div className="num">{formatNumber(c.count)}</div>
                <div>
                  <Link href={`/components?makerCountry=${c.key}`}>{countryName(c.key)}</Link>
                  <div className="why">{percent(c.count, s.components)} of the components of this item</div>
                </div>
              </div>
            ))
          )}
        </section>
        <section className="card">
          <div className="card-head"><h2>Top makers</h2>{unconfirmed > 0 && <Link href={`/items/${itemId}/components`} className="small">{plural(unconfirmed, 'record')} with unconfirmed fields</Link>}</div>
          {topMakers.length === 0 ? (
            <div className="card-body muted">No maker identified yet.</div>
          ) : (
            topMakers.map((m) => (
              <div className="finding" key={m.key}>
                <div className="num">{formatNumber(m.count)}</div>
                <div><Link href={`/organisations/${m.key}`}>{makers.get(m.key) ?? 'Maker'}</Link></div>
              </div>
            ))
          )}
        </section>
      </div>
    </div>
  );
}
