/**
 * The one way the web app talks to the API. It keeps the CSRF token that cookie-authenticated writes
 * must echo (see docs/working-together.md, "Contract between the web app and accounts") and turns
 * `application/problem+json` answers into an ApiError whose field errors forms show beside the field.
 */
import { currentLanguage } from '../i18n/locale';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title);
  }

  /** The message for one field, matching `field` exactly or as the last part of a dotted path. */
  forField(field: string): string | undefined {
    const hit = this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`));
    return hit?.message;
  }

  /** Errors that name no field the form shows, so they are not lost. */
  unclaimed(shown: readonly string[]): FieldError[] {
    return this.errors.filter((e) => !shown.some((f) => e.field === f || e.field.endsWith(`.${f}`)));
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token a request with this method must carry, if any (reads and token-less sessions carry none). */
export function csrfHeader(method: string): string | null {
  return method !== 'GET' && method !== 'HEAD' ? csrfToken : null;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as { title?: string; detail?: string; errors?: FieldError[] };
      return new ApiError(res.status, p.title ?? res.statusText, p.detail ?? '', Array.isArray(p.errors) ? p.errors : []);
    } catch {
      /* fall through to the generic error */
    }
  }
  return new ApiError(res.status, res.statusText || 'Request failed', `the server answered ${res.status}`);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const csrf = csrfHeader(method);
  if (csrf) headers['x-csrf-token'] = csrf;
  // The server words its messages (problems, identification reasoning) in the interface's language (issue 24).
  headers['accept-language'] = currentLanguage();
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', 'the server could not be reached; check the connection and try again');
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: (path: string) => request<void>('DELETE', path),
};
