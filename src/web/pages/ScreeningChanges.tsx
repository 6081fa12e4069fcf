import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useGet } from '../api/hooks';
import { Async, Empty } from '../components/State';
import { Badge } from '../components/Badge';
import { SelectField } from '../components/Field';
import { formatDate, formatDateTime, formatNumber, humanise } from '../lib/format';

/** `GET /api/screening/changes` (src/http/routes/screening.ts, listDelta): what a list import changed. */
interface ListDelta {
  import: {
    id: number; listSlug: string; listTitle: string; versionDate: string | null; importedAt: string; firstVersion: boolean;
    entities: number; added: number; changed: number; removed: number; rescreened: number | null; organisations: number | null;
  };
  changes: {
    reference: string; change: 'added' | 'changed' | 'removed'; caption: string;
    namesBefore: { value: string }[] | null; namesAfter: { value: string }[] | null;
    matches: { matchId: string; organisationId: string; organisationName: string; status: string; score: number; stale: boolean; closedAt: string | null }[];
  }[];
}

const TONE = { added: 'amber', changed: 'neutral', removed: 'red' } as const;

/** Names on one side only: what an entry gained or lost between versions. */
function nameDiff(before: { value: string }[] | null, after: { value: string }[] | null): { gained: string[]; lost: string[] } {
  const b = new Set((before ?? []).map((n) => n.value));
  const a = new Set((after ?? []).map((n) => n.value));
  return { gained: [...a].filter((v) => !b.has(v)), lost: [...b].filter((v) => !a.has(v)) };
}

/**
 * The latest import of a list as a delta: entries added, changed and removed, how many
 * organisations were re-screened for it, and which of our matches each entry has now.
 */
export function ListChanges({ lists }: { lists: { slug: string; title: string }[] }) {
  const { t } = useTranslation('screening-changes');
  const [slug, setSlug] = useState('');
  const list = slug || lists[0]?.slug || '';
  const delta = useGet<ListDelta>(list ? '/api/screening/changes' : null, { list });
  if (!lists.length) return null;
  return (
    <section className="card" aria-label={t('title')}>
      <div className="card-head"><div><h2>{t('title')}</h2><div className="hint">{t('hint')}</div></div></div>
      <div className="filters">
        <SelectField label={t('list')} value={list} onChange={(e) => setSlug(e.target.value)} options={lists.map((l) => ({ value: l.slug, label: l.title }))} />
      </div>
      <Async state={delta} empty={<Empty title={t('none')} />}>
        {(d) => (
          <div className="card-body">
            <p className="small">
              {t('version', { version: d.import.versionDate ? formatDate(d.import.versionDate) : t('undated'), at: formatDateTime(d.import.importedAt) })}{' '}
              {d.import.firstVersion
                ? t('first', { entities: formatNumber(d.import.entities) })
                : t('counts', { added: formatNumber(d.import.added), changed: formatNumber(d.import.changed), removed: formatNumber(d.import.removed) })}{' '}
              {d.import.rescreened !== null && d.import.organisations !== null && !d.import.firstVersion &&
                t('rescreened', { rescreened: formatNumber(d.import.rescreened), organisations: formatNumber(d.import.organisations) })}
            </p>
            {d.changes.length > 0 && (
              <table className="table">
                <thead><tr><th>{t('change')}</th><th>{t('entry')}</th><th>{t('names')}</th><th>{t('ourMatches')}</th></tr></thead>
                <tbody>
                  {d.changes.map((c) => {
                    const diff = nameDiff(c.namesBefore, c.namesAfter);
                    return (
                      <tr key={c.reference}>
                        <td><Badge tone={TONE[c.change]}>{t(`kind.${c.change}`)}</Badge></td>
                        <td>{c.caption} <span className="muted small">{c.reference}</span></td>
                        <td className="small">
                          {c.change === 'changed' && diff.gained.length > 0 && <div>{t('gained', { names: diff.gained.join('; ') })}</div>}
                          {c.change === 'changed' && diff.lost.length > 0 && <div>{t('lost', { names: diff.lost.join('; ') })}</div>}
                        </td>
                        <td className="small">
                          {c.matches.length === 0 ? <span className="muted">{t('noMatch')}</span> : c.matches.map((m) => (
                            <div key={m.matchId}>
                              <Link href={`/organisations/${m.organisationId}`}>{m.organisationName}</Link> {formatNumber(m.score)} · {humanise(m.status)}
                              {m.closedAt && <> · {t('closed', { at: formatDateTime(m.closedAt) })}</>}
                            </div>
                          ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </div>
        )}
      </Async>
    </section>
  );
}
