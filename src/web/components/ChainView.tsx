import { Fragment, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { Async, Empty } from './State';
import { Badge, Country } from './Badge';
import { formatDate, formatNumber, humanise } from '../lib/format';
import { CHAIN_TONE, type Chain } from '../lib/tracing';
import { componentName } from '../lib/derived';

/** A holder's confirmed sanctions matches, one red badge each (empty for the public). */
export function SanctionBadges({ sanctions }: { sanctions: Chain['holders'][number]['sanctions'] }) {
  const { t } = useTranslation('tracing');
  return (
    <>
      {sanctions.map((m) => (
        <Fragment key={m.matchId}>
          {' '}<Badge tone="red" title={m.listVersionDate ? t('chain.sanctionedTitleVersion', { entity: m.entityCaption, date: formatDate(m.listVersionDate) }) : t('chain.sanctionedTitle', { entity: m.entityCaption })}>{t('chain.sanctioned', { list: m.listTitle, reference: m.entityReference })}</Badge>
        </Fragment>
      ))}
    </>
  );
}

/**
 * One component's chain from its maker to the last known holder: each transfer in order, the last
 * legal transfer and the suspected diversion marked, and the breaks where the trail stops.
 */
export function ChainView({ chain }: { chain: Chain }) {
  const { t } = useTranslation('tracing');
  const c = chain.component;
  const holders = new Map(chain.holders.map((h) => [h.id, h]));
  const holder = (id: string) => {
    const h = holders.get(id);
    return (
      <>
        <Link href={`/organisations/${id}`}>{h?.name ?? t('organisation')}</Link>{h?.country && <span className="small muted"> · <Country code={h.country} /></span>}
        {h && <SanctionBadges sanctions={h.sanctions} />}
      </>
    );
  };
  const breaksAt = (p: number) => chain.breaks.filter((b) => b.position === p).map((b) => (
    <li key={`b-${b.position}-${b.holderId}`} className="chain-break">
      <Badge tone="amber">{t('chain.break')}</Badge> <span className="small">{t(`chain.breakKind.${b.kind}`, { defaultValue: humanise(b.kind) })}{b.requestId && <> · <Link href={`/tracing/${b.requestId}`}>{t('chain.request')}</Link></>}</span>
    </li>
  ));
  const diverted = (id: string) => chain.diversionPoint?.holderId === id;
  const makerId = chain.hops[0]?.sellerId ?? c.makerId;
  return (
    <article className="chain" aria-label={t('chain.aria', { part: c.partNumber ?? c.markingRaw })}>
      <div className="row">
        <strong className="mono">{componentName(c)}</strong>
        {c.lot && <span className="small muted">{t('chain.lot', { lot: c.lot })}</span>}
        {c.serial && <span className="small muted">{t('chain.serial', { serial: c.serial })}</span>}
        <span className="spacer" />
        <Badge tone={CHAIN_TONE[chain.status] ?? 'neutral'}>{humanise(chain.status)}</Badge>
      </div>
      <ol className="chain-steps">
        {makerId && (
          <li>
            <span className="small muted">{t('chain.maker')}</span> {holder(makerId)}
            {diverted(makerId) && <> <Badge tone="red">{t('chain.diversionPoint')}</Badge></>}
          </li>
        )}
        {breaksAt(0)}
        {chain.hops.map((h, i) => (
          <Fragment key={h.id}>
            <li>
              <span className="small muted">{formatDate(h.transferDate) || t('chain.dateUnknown')} →</span> {holder(h.buyerId)}
              <div className="small muted">
                {h.quantity !== null && <>{t('chain.pieces', { n: formatNumber(h.quantity) })} · </>}
                {h.documentKind ? humanise(h.documentKind) : t('chain.noDocument')}{h.documentRef ? ` ${h.documentRef}` : ''}
                {(h.fromCountry || h.toCountry) && <> · {h.fromCountry ? <Country code={h.fromCountry} /> : '?'} → {h.toCountry ? <Country code={h.toCountry} /> : '?'}</>}
              </div>
              <div className="row small" style={{ marginTop: 2 }}>
                {h.id === chain.lastLegalTransferHopId && <Badge tone="green">{t('chain.lastLegal')}</Badge>}
                {h.assessment === 'diversion_suspected' && <Badge tone="red">{t('chain.diversionSuspected')}</Badge>}
                {diverted(h.buyerId) && <Badge tone="red" title={t('chain.diversionTitle')}>{chain.diversionPoint?.basis === 'inferred_after_last_legal_transfer' ? t('chain.diversionPointInferred') : t('chain.diversionPoint')}</Badge>}
                {h.buyerId === chain.lastKnownHolderId && <Badge tone="outline">{t('chain.lastHolder')}</Badge>}
              </div>
            </li>
            {breaksAt(i + 1)}
          </Fragment>
        ))}
      </ol>
      {chain.warnings.length > 0 && <ul className="small" style={{ color: 'var(--amber)', margin: '4px 0 0', paddingLeft: 18 }}>{chain.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
    </article>
  );
}

/** The chains of the given components, from the maker to the last known holder (one request per component, at most 50). */
export function ChainList({ componentIds, tick = 0, title }: { componentIds: string[]; tick?: number; title?: string }) {
  const { t } = useTranslation('tracing');
  const [state, setState] = useState<{ data?: Chain[]; error?: ApiError; loading: boolean }>({ loading: true });
  const [retry, setRetry] = useState(0);
  const key = componentIds.join(',');
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    Promise.all(componentIds.slice(0, 50).map((c) => api.get<{ data: Chain[] }>('/api/chains', { componentId: c }, ctrl.signal)))
      .then((pages) => setState({ data: pages.flatMap((p) => p.data), loading: false }))
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setState({ error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)), loading: false });
      });
    return () => ctrl.abort();
    // `key` stands for componentIds: a new array with the same ids must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, retry]);
  return (
    <section className="card" aria-label={t('chain.list.aria')}>
      <div className="card-head"><div><h2>{title ?? t('chain.list.title')}</h2><div className="hint">{t('chain.list.hint')}</div></div></div>
      <Async state={{ data: state.data, error: state.error, loading: state.loading, reload: () => setRetry((n) => n + 1) }} empty={<Empty title={t('chain.list.none')} />}>
        {(chains) => <>{chains.map((c) => <ChainView key={c.component.id} chain={c} />)}</>}
      </Async>
    </section>
  );
}

