import createClient from 'openapi-fetch';
import type { operations, paths } from '../generated/api';
import { ApiError, csrfHeader, type FieldError } from './client';
import { currentLanguage } from '../i18n/locale';

/**
 * The typed way to call the API: paths, parameters and answers come from src/web/generated/api.ts,
 * which scripts/openapi-types.ts generates from the server's own OpenAPI document. A renamed route,
 * parameter or field breaks the web type-check instead of a page at run time.
 */
export const typed = createClient<paths>({ credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json' } });

typed.use({
  onRequest({ request }) {
    // Cookie-authenticated writes echo the session's CSRF token (docs/working-together.md).
    const h = csrfHeader(request.method);
    if (h) request.headers.set('x-csrf-token', h);
    // The server words its messages in the interface's language (issue 24).
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
});

/** The answer's data, or the problem+json answer as an ApiError (what forms and error states read). */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.response.ok) return r.data as T;
  const p = (r.error ?? {}) as { title?: string; detail?: string; errors?: FieldError[] };
  throw new ApiError(r.response.status, p.title ?? r.response.statusText, p.detail ?? '', Array.isArray(p.errors) ? p.errors : []);
}

/** The JSON body of an operation's 200 answer, by operationId (e.g. `Answer<'case_dashboard'>`). */
export type Answer<Op extends keyof operations> = operations[Op] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
