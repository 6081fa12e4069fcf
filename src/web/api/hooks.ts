import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';
import type { Page } from './types';

export interface Loadable<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `path` (with `query`) and reloads whenever either changes. Earlier requests are aborted so a
 * fast typist never sees an older answer overwrite a newer one. `path: null` loads nothing.
 */
export function useGet<T>(path: string | null, query?: Record<string, string | number | boolean | undefined | null>): Loadable<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  return useQuery<T>(key, (signal) => api.get<T>(path!, query, signal));
}

/**
 * Runs `load` (a typed call, e.g. `(signal) => typed.GET('/api/dashboard', { signal }).then(unwrap)`)
 * whenever `key` changes, aborting the previous one. `key: null` loads nothing.
 */
export function useQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctrl.signal).then(
      (data) => { if (!ctrl.signal.aborted) setState({ data, loading: false }); },
      (e: unknown) => {
        if ((e as Error).name === 'AbortError' || ctrl.signal.aborted) return;
        setState({ error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)), loading: false });
      },
    );
    return () => ctrl.abort();
    // `key` stands for everything `load` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * Every row of a list endpoint, page by page (the API caps pages at 500), for pickers and tables
 * that show them all; `max` bounds the work. Figures are never counted from these: the server's
 * findings say them.
 */
export function useAll<T>(path: string | null, query: Record<string, string | number | undefined> = {}, max = 5000): Loadable<T[]> & { truncated: boolean } {
  const [state, setState] = useState<{ data?: T[]; error?: ApiError; loading: boolean; truncated: boolean }>({ loading: true, truncated: false });
  const [tick, setTick] = useState(0);
  const key = `${path}?${JSON.stringify(query)}`;
  const alive = useRef(0);
  useEffect(() => {
    if (path === null) {
      setState({ loading: false, truncated: false });
      return;
    }
    const run = ++alive.current;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    (async () => {
      const rows: T[] = [];
      let total = Infinity;
      let ended = false;
      while (!ended && rows.length < total && rows.length < max) {
        const page = await api.get<Page<T>>(path, { ...query, limit: 500, offset: rows.length }, ctrl.signal);
        rows.push(...page.data);
        total = page.total;
        // An estimated total can exceed what is there: a short page is the end.
        ended = page.data.length < 500;
      }
      if (run === alive.current) setState({ data: rows, loading: false, truncated: !ended && rows.length < total });
    })().catch((e: unknown) => {
      if ((e as Error).name === 'AbortError') return;
      setState({ error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)), loading: false, truncated: false });
    });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, max]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, truncated: state.truncated, reload };
}
