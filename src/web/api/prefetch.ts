import { typed, unwrap, type Answer } from './typed';

/**
 * The dashboard's one API answer, asked for as soon as the app's script runs on `/` — before React
 * renders and before the dashboard's own chunk arrives — so the request and the code load together
 * instead of one after the other (bench/web.ts measured the request leaving ~1 s after navigation).
 * The page takes the answer once; any later visit asks again.
 */
type Dashboard = Answer<'case_dashboard'>;

let early: { key: string; answer: Promise<Dashboard> } | null = null;

export function loadDashboard(caseParam: string | undefined, signal?: AbortSignal): Promise<Dashboard> {
  const key = caseParam ?? '';
  if (early && early.key === key) {
    const { answer } = early;
    early = null;
    return answer;
  }
  return typed.GET('/api/dashboard', { params: { query: caseParam ? { case: caseParam } : {} }, signal }).then(unwrap);
}

/** Called once by main.tsx: starts the dashboard request when the app opens on the dashboard. */
export function prefetchForLocation(pathname: string, search: string): void {
  if (pathname !== '/') return;
  const caseParam = new URLSearchParams(search).get('case') ?? undefined;
  const answer = loadDashboard(caseParam);
  // A failure is reported by the page when it takes the answer; never as an unhandled rejection here.
  answer.catch(() => undefined);
  early = { key: caseParam ?? '', answer };
}
