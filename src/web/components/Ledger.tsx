import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { useGet } from '../api/hooks';
import { Badge, ClaimStatus, Illustrative } from './Badge';
import { Empty } from './State';
import { RecordHistoryCard } from './RecordHistory';
import { FormError, SelectField, TextArea } from './Field';
import { useForm } from './useForm';
import type { Answer } from '../api/typed';
import { formatDate, formatDateTime, humanise } from '../lib/format';
import { useTranslation } from 'react-i18next';

/** `GET /api/ledger` (src/claims/schema.ts), typed from the generated OpenAPI types. */
export type Ledger = Answer<'ledger'>;
type Topic = Ledger['topics'][number];
type LedgerClaim = Topic['claims'][number];

/**
 * The claims ledger from the server (`GET /api/ledger`): claims filed under topics, set side by side,
 * with the conflicts the server found between them, reviewers' statuses, and the documented figure.
 */
/** What the ledger's owner lets the view do: reviewers and admins rule on claims; `onRuled` reloads the ledger. */
interface Ruling {
  canReview?: boolean;
  onRuled?: () => void;
}

export function LedgerView({ ledger, selected, canReview, onRuled }: { ledger: Ledger; selected: string | null } & Ruling) {
  const { t } = useTranslation('claims');
  const topics = [...ledger.topics].sort((a, b) => b.conflicts.length - a.conflicts.length || a.topic.title.localeCompare(b.topic.title));
  if (topics.length === 0) return <Empty title={t('noTopics')}>{t('noTopicsHint')}</Empty>;
  return <>{topics.map((x) => <TopicCard key={x.topic.id} t={x} selected={selected} canReview={canReview} onRuled={onRuled} />)}</>;
}

function TopicCard({ t, selected, canReview, onRuled }: { t: Topic; selected: string | null } & Ruling) {
  const { t: tr } = useTranslation('claims');
  const inConflict = new Set(t.conflicts.flatMap((c) => [c.a, c.b]));
  return (
    <article style={{ borderTop: '1px solid var(--line)' }} aria-label={t.topic.title}>
      <div className="card-body" style={{ paddingBottom: 4 }}>
        <div className="row">
          <strong>{t.topic.title}</strong>
          <Badge tone="outline">{humanise(t.topic.kind)}{t.topic.unit ? ` · ${t.topic.unit}` : ''}</Badge>
          <Illustrative on={t.topic.illustrative} />
          <span className="spacer" />
          {t.conflicts.length > 0 ? <Badge tone="red">{tr('conflicts', { count: t.conflicts.length })}</Badge> : <Badge tone="green">{tr('consistent')}</Badge>}
        </div>
        {t.finding && (
          <div className="small" style={{ marginTop: 4 }}>
            {tr('documented', { scope: t.finding.scope.label })} <strong>{t.finding.value ?? tr('notComputed')}</strong>
          </div>
        )}
      </div>
      {t.claims.length === 0 ? <div className="card-body muted small">{tr('noClaims')}</div> : (
        <div className="conflict">
          {t.claims.map((c) => <ClaimCell key={c.id} c={c} conflicting={inConflict.has(c.id)} selected={c.id === selected} comparison={t.finding?.comparisons.find((x) => x.claimId === c.id)} canReview={canReview} onRuled={onRuled} />)}
        </div>
      )}
      {t.conflicts.length > 0 && (
        <ul className="small" style={{ margin: 0, padding: '6px 16px 12px 32px', color: 'var(--ink-2)' }}>
          {t.conflicts.map((x) => (
            <li key={`${x.a}-${x.b}`}>
              {x.reason}
              {x.caveat && <span className="muted"> ({x.caveat})</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function ClaimCell({ c, conflicting, selected, comparison, canReview, onRuled }: { c: LedgerClaim; conflicting: boolean; selected: boolean; comparison?: { verdict: string; text: string } } & Ruling) {
  const [ruling, setRuling] = useState(false);
  const { t } = useTranslation('claims');
  return (
    <div className="claim" style={{ background: selected ? 'var(--amber-weak)' : undefined, boxShadow: conflicting ? 'inset 0 3px 0 var(--red)' : undefined }}>
      <div className="qty">{c.value}</div>
      <div className="small">{c.who} · {c.said}</div>
      {(c.quotedText || c.statement) && <blockquote>{c.quotedText ? `“${c.quotedText}”` : c.statement}</blockquote>}
      <div className="row small">
        <ClaimStatus status={c.status} />
        {c.statusReason && <span className="muted" title={c.statusAt ? t('ruledOn', { date: formatDate(c.statusAt) }) : undefined}>{c.statusReason}</span>}
      </div>
      {comparison && <div className="small" style={{ color: comparison.verdict === 'differs' ? 'var(--red)' : 'var(--ink-2)', marginTop: 4 }}>{comparison.text}</div>}
      {c.source && <div className="small" style={{ marginTop: 4 }}><Link href={`/sources/${c.source.id}?claim=${c.id}`}>{c.source.title}</Link></div>}
      {c.statusAt && <RuledBy key={c.statusAt} claimId={c.id} at={c.statusAt} />}
      {canReview && !ruling && <button type="button" className="small" style={{ marginTop: 6 }} onClick={() => setRuling(true)} aria-label={t('ruleOn', { who: c.who, said: c.said })}>{t('rule')}</button>}
      {canReview && ruling && <RulingForm c={c} onCancel={() => setRuling(false)} onDone={() => { setRuling(false); onRuled?.(); }} />}
      <RecordHistoryCard recordType="claims" recordId={c.id} what="claim" inline />
    </div>
  );
}

/** Who made the latest ruling and when (`GET /api/claims/:id/rulings`, loaded only for ruled claims). */
function RuledBy({ claimId, at }: { claimId: string; at: string }) {
  const r = useGet<{ data: { toStatus: string; decidedByName: string | null; decidedAt: string }[] }>(`/api/claims/${claimId}/rulings`);
  const { t } = useTranslation('claims');
  const last = r.data?.data[r.data.data.length - 1];
  if (!last) return <div className="small muted" style={{ marginTop: 4 }}>{t('ruled', { date: formatDate(at) })}</div>;
  return <div className="small muted" style={{ marginTop: 4 }}>{t('ruledBy', { status: humanise(last.toStatus), who: last.decidedByName ?? t('aReviewer'), at: formatDateTime(last.decidedAt) })}</div>;
}

const RULINGS = ['corroborated', 'disputed', 'refuted', 'unverified'];

function RulingForm({ c, onCancel, onDone }: { c: LedgerClaim; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation('claims');
  const f = useForm({ status: c.status === 'unverified' ? 'corroborated' : c.status, reason: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await f.run(() => api.post(`/api/claims/${c.id}/rulings`, { status: f.values.status, reason: f.values.reason }));
    if (ok !== undefined) onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('ruling')} style={{ marginTop: 8, display: 'flex', flexDirection: 'column', gap: 6 }}>
      <SelectField label={t('status')} {...f.bind('status')} options={RULINGS.map((s) => ({ value: s, label: humanise(s) }))} />
      <TextArea label={t('reason')} rows={3} {...f.bind('reason')} />
      <FormError messages={f.otherErrors(['status', 'reason'])} />
      <div className="row">
        <button type="submit" className="small primary" disabled={f.busy}>{t('save')}</button>
        <button type="button" className="small ghost" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
