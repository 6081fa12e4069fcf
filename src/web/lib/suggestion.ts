import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Answer } from '../api/typed';

/**
 * `POST /api/components/suggest`: what a component with this marking in this item would store
 * (`suggestion`, `fields` as the form shows them), each reading shaped the same way, and the
 * readings with their reasoning. Types generated from the route's own schema.
 */
export type ComponentSuggestionAnswer = Answer<'suggestComponent'>;
export type ComponentSuggestion = ComponentSuggestionAnswer['suggestion'];
export type SuggestedWindow = ComponentSuggestion['alternatives'][number];
export type Reading = ComponentSuggestionAnswer['identification']['readings'][number];

export interface SuggestionState {
  answer: ComponentSuggestionAnswer | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * The server's suggestion for a marking in an item, asked again 180 ms after the typing stops;
 * older requests are aborted so what is shown always matches the text in the box. The browser
 * never reads a marking itself: it shows this answer, and "Confirm" sends its values back.
 */
export function useSuggestion(marking: string, itemId: string | null): SuggestionState {
  const [state, setState] = useState<SuggestionState>({ answer: null, loading: false, error: null });
  useEffect(() => {
    if (!marking.trim() || !itemId) {
      setState({ answer: null, loading: false, error: null });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api
        .post<ComponentSuggestionAnswer>('/api/components/suggest', { marking, itemId })
        .then((answer) => {
          if (!ctrl.signal.aborted) setState({ answer, loading: false, error: null });
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setState({ answer: null, loading: false, error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)) });
        });
    }, 180);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [marking, itemId]);
  return state;
}
