import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import type { Loadable } from '../api/hooks';

export function Loading({ label, lines = 3 }: { label?: string; lines?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" style={{ padding: '12px 16px' }}>
      <span className="sr-only">{label ?? t('state.loading')}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - i * 17}%` }} />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <div className="title">{title}</div>
      {children && <div>{children}</div>}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: ApiError | Error; retry?: () => void }) {
  const { t } = useTranslation();
  const title = 'title' in error ? (error).title : t('state.failed');
  return (
    <div className="state error" role="alert">
      <div className="title">{title}</div>
      <div>{error.message}</div>
      {retry && (
        <button type="button" className="small" style={{ marginTop: 10 }} onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Renders the three states every data view has: loading (only before the first answer; later reloads
 * keep the old rows visible), error with a retry, and empty, before handing the data to `children`.
 */
export function Async<T>({ state, empty, isEmpty, children, lines }: {
  state: Loadable<T>;
  empty?: ReactNode;
  isEmpty?: (d: T) => boolean;
  children: (data: T) => ReactNode;
  lines?: number;
}) {
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading lines={lines} />;
  const emptyCheck = isEmpty ?? ((d: T) => Array.isArray(d) ? d.length === 0 : (d as { data?: unknown[] })?.data?.length === 0);
  if (empty !== undefined && emptyCheck(state.data)) return <>{empty}</>;
  return <>{children(state.data)}</>;
}
