import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * Form state plus the last API error, so each field can show the server's message for it
 * (`fieldError('label')`) and the rest is shown once (`otherErrors(shownFields)`).
 */
export function useForm<T extends Record<string, string | boolean>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof T>(k: K, v: T[K]) => setValues((s) => ({ ...s, [k]: v }));
  const bind = (k: keyof T & string) => ({
    name: k,
    value: String(values[k] ?? ''),
    onChange: (e: { target: { value: string } }) => set(k, e.target.value as T[typeof k]),
    error: error?.forField(k),
  });
  async function run<R>(fn: () => Promise<R>): Promise<R | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  const otherErrors = (shown: string[]): string[] => {
    if (!error) return [];
    if (!error.errors.length) return [error.status === 401 ? 'Sign in to make changes.' : error.status === 403 ? 'Your role may not make this change.' : error.message];
    return error.unclaimed(shown).map((e) => `${e.field}: ${e.message}`);
  };
  return { values, set, setValues, bind, error, setError, busy, run, otherErrors };
}

/** Drops empty strings so optional fields are left out of a request rather than sent as "". */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));
}
