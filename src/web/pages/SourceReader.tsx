import { Fragment, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearch } from 'wouter';
import { useTranslation } from 'react-i18next';
import { useAll, useGet } from '../api/hooks';
import type { Claim, Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty, ErrorState, Loading } from '../components/State';
import { RecordHistoryCard } from '../components/RecordHistory';
import { Badge, ClaimStatus, Illustrative } from '../components/Badge';
import { Hash } from '../components/Hash';
import { ChangeLink } from '../components/RecordForm';
import { locateQuotes } from '../lib/highlight';
import { formatDate, formatNumber, formatQuantity, humanise } from '../lib/format';

export default function SourceReader() {
  const { t } = useTranslation('reader');
  const { id } = useParams<{ id: string }>();
  const initial = new URLSearchParams(useSearch()).get('claim');
  const source = useGet<Source>(`/api/sources/${id}`);
  const claims = useAll<Claim>('/api/claims', { sourceId: id, sort: 'saidOn' });
  const [active, setActive] = useState<string | null>(initial);
  const text = source.data?.fullText ?? source.data?.summary ?? '';
  const located = useMemo(() => locateQuotes(text, (claims.data ?? []).map((c) => ({ id: c.id, quote: c.quotedText }))), [text, claims.data]);

  // Bring the chosen claim's passage into view.
  useEffect(() => {
    if (active) document.getElementById(`q-${active}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [active, located]);

  if (source.error) return <div className="card"><ErrorState error={source.error} retry={source.reload} /></div>;
  if (!source.data) return <div className="card"><Loading lines={8} /></div>;
  const s = source.data;

  const body: React.ReactNode[] = [];
  let at = 0;
  for (const span of located.spans) {
    body.push(<Fragment key={`t${at}`}>{text.slice(at, span.start)}</Fragment>);
    body.push(
      <mark key={span.id} id={`q-${span.id}`} className={span.id === active ? 'active' : undefined} onClick={() => setActive(span.id)}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  body.push(<Fragment key="tail">{text.slice(at)}</Fragment>);

  return (
    <>
      <PageHead
        title={s.title}
        eyebrow={<><Link href="/sources">{t('sources')}</Link><span aria-hidden="true">/</span><Badge>{humanise(s.kind)}</Badge><Illustrative on={s.illustrative} /></>}
        lede={<>{[s.publisher, s.author].filter(Boolean).join(' · ')}{s.publishedOn && ` · ${formatDate(s.publishedOn)}`}{s.url && <> · <a href={s.url} rel="noreferrer noopener" target="_blank">{t('original')}</a></>}</>}
        actions={<ChangeLink href={`/sources/${s.id}/edit`} />}
      />
      <div className="grid side">
        <article className="card">
          <div className="card-head">
            <h2>{s.fullText ? t('fullText') : t('summary')}</h2>
            {s.textSha256 && <Hash value={s.textSha256} />}
          </div>
          <div className="card-body">
            {text ? <div className="reader" lang={s.language ?? undefined}>{body}</div> : <Empty title={t('noText')} />}
          </div>
        </article>
        <aside className="card" aria-label={t('claimsIn')} style={{ alignSelf: 'start', position: 'sticky', top: 70 }}>
          <div className="card-head"><h2>{t('claims')}</h2><span className="hint">{claims.data ? t('count', { count: claims.data.length, n: formatNumber(claims.data.length) }) : ''}</span></div>
          <Async state={claims} empty={<Empty title={t('none')} />}>
            {(cs) => (
              <ul className="claim-list">
                {cs.map((c) => (
                  <li key={c.id}>
                    <button type="button" aria-pressed={active === c.id} onClick={() => setActive(c.id)}>
                      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                        <span style={{ flex: 1 }}><strong>{formatQuantity(c.quantity, c.quantityQualifier)}</strong> {c.countsWhat}</span>
                        <ClaimStatus status={c.status} />
                      </div>
                      <div className="small muted">{c.speaker ?? t('unattributed')} · {formatDate(c.saidOn)}</div>
                      {located.missing.includes(c.id) && <div className="small" style={{ color: 'var(--amber)' }}>{c.quotedText ? t('quoteNotFound') : t('noQuote')}</div>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Async>
        </aside>
      </div>
      <div style={{ marginTop: 16 }}><RecordHistoryCard recordType="sources" recordId={s.id} what="source" /></div>
    </>
  );
}
