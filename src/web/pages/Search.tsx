import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import type { Claim, Component, Incident, Item, Organisation, Page, Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { Empty, ErrorState, Loading } from '../components/State';
import { Icon } from '../components/Icon';
import { componentName } from '../lib/derived';
import { countryName, formatDate, formatDateAt, formatNumber, formatQuantity, humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';

/**
 * Search across every record type at once: each resource's own full-text search (PostgreSQL), run in
 * parallel, with the record type and, for components, the maker country as facets.
 */
type Kind = 'components' | 'items' | 'organisations' | 'claims' | 'sources' | 'incidents';
// Labels are keys of search.json's `kind`.
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'components', label: 'components' },
  { kind: 'items', label: 'items' },
  { kind: 'organisations', label: 'organisations' },
  { kind: 'claims', label: 'claims' },
  { kind: 'sources', label: 'sources' },
  { kind: 'incidents', label: 'incidents' },
];
const PER_KIND = 25;

type Results = Record<Kind, Page<unknown> | ApiError>;

function hit(kind: Kind, r: unknown) {
  switch (kind) {
    case 'components': {
      const c = r as Component;
      return { href: `/items/${c.itemId}/components`, title: componentName(c), sub: `${c.markingRaw.replace(/\n/g, ' · ')}${c.makerCountry ? ` — ${countryName(c.makerCountry)}` : ''}` };
    }
    case 'items': {
      const i = r as Item;
      return { href: `/items/${i.id}`, title: i.label, sub: [i.weaponModel, localName(i.recoveredPlace, i.recoveredPlaceUk), i.recoveredOn && formatDate(i.recoveredOn)].filter(Boolean).join(' · ') };
    }
    case 'organisations': {
      const o = r as Organisation;
      return { href: `/organisations/${o.id}`, title: o.name, sub: `${humanise(o.kind)}${o.country ? ` · ${countryName(o.country)}` : ''}` };
    }
    case 'claims': {
      const c = r as Claim;
      return { href: `/claims?claim=${c.id}`, title: `${formatQuantity(c.quantity, c.quantityQualifier)} ${c.countsWhat ?? ''}`.trim(), sub: [localName(c.speaker, c.speakerUk), c.saidOn && formatDateAt(c.saidOn, c.saidOnPrecision), c.quotedText].filter(Boolean).join(' · ') };
    }
    case 'sources': {
      const s = r as Source;
      return { href: `/sources/${s.id}`, title: s.title, sub: [s.publisher, s.publishedOn && formatDate(s.publishedOn)].filter(Boolean).join(' · ') };
    }
    case 'incidents': {
      const i = r as Incident;
      return { href: `/map?incident=${i.id}`, title: i.title, sub: [formatDate(i.occurredFrom), localName(i.placeName, i.placeNameUk)].filter(Boolean).join(' · ') };
    }
  }
}

export default function Search() {
  const { t } = useTranslation('search');
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const only = params.get('type') as Kind | null;
  const [, navigate] = useLocation();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<Results | null>(null);
  const close = useGet<CloseMatches>(q.trim() ? '/api/search' : null, { q: q.trim(), limit: 12 });
  useEffect(() => setText(q), [q]);

  useEffect(() => {
    if (!q.trim()) {
      setResults(null);
      return;
    }
    const ctrl = new AbortController();
    setResults(null);
    void Promise.all(
      KINDS.map(async ({ kind }) => {
        try {
          return [kind, await api.get<Page<unknown>>(`/api/${kind}`, { q, limit: kind === 'components' ? 200 : PER_KIND }, ctrl.signal)] as const;
        } catch (e) {
          return [kind, e instanceof ApiError ? e : new ApiError(0, 'Error', String(e))] as const;
        }
      }),
    ).then((rs) => {
      if (!ctrl.signal.aborted) setResults(Object.fromEntries(rs) as Results);
    });
    return () => ctrl.abort();
  }, [q]);

  const setParam = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v === null) p.delete(k);
    else p.set(k, v);
    navigate(`/search?${p.toString()}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };

  const total = results ? KINDS.reduce((n, { kind }) => n + (results[kind] instanceof ApiError ? 0 : (results[kind]).total), 0) : 0;

  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <form role="search" onSubmit={submit} className="row" style={{ marginBottom: 16 }}>
        <label htmlFor="search-q" className="sr-only">{t('label')}</label>
        <div className="search-input" style={{ flex: 1, maxWidth: 640 }}>
          <Icon name="search" />
          <input id="search-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('placeholder')} autoFocus />
        </div>
        <button type="submit" className="primary">{t('submit')}</button>
      </form>
      {!q ? (
        <div className="card"><Empty title={t('prompt')}>{t('promptHint')}</Empty></div>
      ) : !results ? (
        <div className="card"><Loading lines={6} label={t('searching')} /></div>
      ) : (
        <div className="grid search-grid">
          <aside className="card" aria-label={t('facets')} style={{ alignSelf: 'start' }}>
            <div className="card-head"><h3>{t('type')}</h3></div>
            <button type="button" className="facet" aria-pressed={!only} onClick={() => setParam('type', null)}><span>{t('all')}</span><span>{formatNumber(total)}</span></button>
            {KINDS.map(({ kind, label }) => {
              const r = results[kind];
              return (
                <button key={kind} type="button" className="facet" aria-pressed={only === kind} onClick={() => setParam('type', kind)}>
                  <span>{t(`kind.${label}`)}</span><span>{r instanceof ApiError ? '!' : formatNumber(r.total)}</span>
                </button>
              );
            })}
          </aside>
          <div className="stack" aria-live="polite">
            {close.data && close.data.hits.length > 0 && !only && <CloseMatchesCard hits={close.data.hits} />}
            {total === 0 && !close.data?.hits.length && <div className="card"><Empty title={t('nothing', { q })}>{t('nothingHint')}</Empty></div>}
            {KINDS.filter(({ kind }) => !only || only === kind).map(({ kind, label }) => {
              const r = results[kind];
              if (r instanceof ApiError) return <section key={kind} className="card"><div className="card-head"><h2>{t(`kind.${label}`)}</h2></div><ErrorState error={r} /></section>;
              const rows = r.data;
              if (rows.length === 0) return null;
              const shown = only ? rows : rows.slice(0, 5);
              return (
                <section key={kind} className="card" aria-label={t(`kind.${label}`)}>
                  <div className="card-head">
                    <h2>{t(`kind.${label}`)}</h2>
                    <span className="hint">{t('found', { n: formatNumber(r.total) })}{!only && rows.length > 5 && <> · <button type="button" className="ghost small" onClick={() => setParam('type', kind)}>{t('more')}</button></>}</span>
                  </div>
                  {shown.map((row) => {
                    const h = hit(kind, row);
                    return (
                      <Link key={(row as { id: string }).id} href={h.href} className="search-hit">
                        <div className={`t ${kind === 'components' ? 'mono' : ''}`}>{h.title}</div>
                        {h.sub && <div className="small muted" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{h.sub}</div>}
                      </Link>
                    );
                  })}
                </section>
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}

/** `GET /api/search`: names close to the query, typos forgiven, ranked by the server. */
interface CloseMatches {
  hits: { kind: 'organisation' | 'part_number' | 'place'; id: string | null; label: string; detail: string | null; count: number; matched: string; score: number }[];
}


function closeHref(h: CloseMatches['hits'][number]): string {
  if (h.kind === 'organisation') return `/organisations/${h.id}`;
  if (h.kind === 'part_number') return `/components?q=${encodeURIComponent(h.label)}`;
  return `/search?q=${encodeURIComponent(h.label)}`;
}

/** Makers, part numbers and places spelt like the query: "Infinion" finds Infineon. */
function CloseMatchesCard({ hits }: { hits: CloseMatches['hits'] }) {
  const { t } = useTranslation('search');
  return (
    <section className="card" aria-label={t('close')}>
      <div className="card-head"><h2>{t('close')}</h2><span className="hint">{t('closeHint')}</span></div>
      {hits.map((h) => (
        <Link key={`${h.kind}:${h.id ?? h.label}`} href={closeHref(h)} className="search-hit">
          <div className={`t ${h.kind === 'part_number' ? 'mono' : ''}`}>{h.label}</div>
          <div className="small muted">
            {t(`closeKind.${h.kind}`)}
            {h.kind === 'organisation' && h.detail ? ` · ${countryName(h.detail)}` : ''}
            {h.kind === 'part_number' ? ` · ${t('components', { count: h.count })}` : ''}
            {h.kind === 'place' ? ` · ${t('records', { count: h.count })}` : ''}
          </div>
        </Link>
      ))}
    </section>
  );
}
