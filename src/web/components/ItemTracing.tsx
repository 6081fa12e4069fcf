import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { Trans, useTranslation } from 'react-i18next';
import { useGet } from '../api/hooks';
import { useCanEdit } from '../api/session';
import { NewTraceRequest } from './NewTraceRequest';
import type { Page } from '../api/types';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { ChainList } from './ChainView';
import { formatNumber, humanise } from '../lib/format';
import { CHAIN_TONE, PHASE_TONE, type TraceRequest } from '../lib/tracing';

interface Findings {
  componentsInScope: number;
  tracedComponents: number;
  chainStatus: Record<string, number>;
}

/** The item's tracing: how many of its components are traced, the requests about them, and their chains. */
export function ItemTracing({ itemId, componentIds }: { itemId: string; componentIds: string[] }) {
  const { t } = useTranslation('tracing');
  const findings = useGet<Findings>('/api/tracing/findings', { itemId });
  const requests = useGet<Page<TraceRequest>>('/api/trace-requests', { limit: 500 });
  const mine = useMemo(() => new Set(componentIds), [componentIds]);
  const asked = useMemo(() => (requests.data?.data ?? []).filter((r) => r.componentIds.some((c) => mine.has(c))), [requests.data, mine]);
  const traced = useMemo(() => [...new Set(asked.flatMap((r) => r.componentIds.filter((c) => mine.has(c))))], [asked, mine]);
  // Field investigators may not create trace requests (docs/access.md): the button is for analysts and above.
  const canCreate = useCanEdit();
  const [creating, setCreating] = useState(false);
  return (
    <div className="stack">
      <section className="card" aria-label={t('item.aria')}>
        <div className="card-head"><div><h2>{t('item.title')}</h2><div className="hint">{t('item.hint')}</div></div><div className="row">{canCreate && !creating && <button type="button" className="small primary" onClick={() => setCreating(true)}>{t('newRequest')}</button>}<Link href="/tracing" className="small">{t('allRequests')}</Link></div></div>
        <Async state={findings}>
          {(f) => (
            <div className="card-body row">
              <span><Trans t={t} i18nKey="item.traced" count={f.componentsInScope} values={{ traced: formatNumber(f.tracedComponents) }} components={{ b: <strong /> }} /></span>
              <span className="spacer" />
              {Object.entries(f.chainStatus).filter(([, n]) => n > 0).map(([k, n]) => <Badge key={k} tone={CHAIN_TONE[k] ?? 'neutral'}>{humanise(k)}: {formatNumber(n)}</Badge>)}
            </div>
          )}
        </Async>
        <Async state={{ ...requests, data: requests.data ? asked : undefined }} empty={<Empty title={t('item.none')} />}>
          {(rs) => (
            <ul className="small" style={{ margin: 0, padding: '0 16px 12px 32px' }}>
              {rs.map((r) => <li key={r.id}><Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link> {t('to', { org: r.organisationName ?? t('anOrganisation') })} <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge></li>)}
            </ul>
          )}
        </Async>
      </section>
      {creating && <NewTraceRequest itemId={itemId} onCancel={() => setCreating(false)} />}
      {traced.length > 0 && <ChainList componentIds={traced} title={t('item.chains')} />}
    </div>
  );
}
