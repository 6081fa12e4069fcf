import { useEffect, useState } from 'react';
import { api, ApiError, isMissingRoute } from '../api/client';
import { hasRoute } from '../api/capabilities';
import type { IdentifyResult } from '../../markings/types';

export type { IdentifyResult, Reading } from '../../markings/types';

export interface IdentifyState {
  result: IdentifyResult | null;
  loading: boolean;
  error: ApiError | null;
  /** The server has no identification route (issue 2 not deployed): readings come only on save. */
  unavailable: boolean;
}

/**
 * Live readings of a marking from `POST /api/identify`, asked again 180 ms after the typing stops;
 * older requests are aborted so the panel always matches the text in the box.
 */
export function useIdentify(marking: string, recoveredOn: string | null): IdentifyState {
  const [state, setState] = useState<IdentifyState>({ result: null, loading: false, error: null, unavailable: false });
  useEffect(() => {
    const text = marking.trim();
    if (!text || state.unavailable) {
      setState((s) => ({ ...s, result: null, loading: false, error: null }));
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(async () => {
      if (!(await hasRoute('POST', '/api/identify'))) {
        if (!ctrl.signal.aborted) setState({ result: null, loading: false, error: null, unavailable: true });
        return;
      }
      api
        // The item's recovery date rules out readings dated after it; sent in both shapes the route may take.
        .post<IdentifyResult>('/api/identify', { marking, ...(recoveredOn ? { recoveredOn, context: { recoveredOn } } : {}) })
        .then((result) => {
          if (!ctrl.signal.aborted) setState({ result, loading: false, error: null, unavailable: false });
        })
        .catch((e: unknown) => {
          if (ctrl.signal.aborted) return;
          if (isMissingRoute(e)) setState({ result: null, loading: false, error: null, unavailable: true });
          else setState({ result: null, loading: false, error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)), unavailable: false });
        });
    }, 180);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [marking, recoveredOn]);
  return state;
}
