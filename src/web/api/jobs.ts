import { api, ApiError } from './client';

/** A job as `GET /api/jobs/:id` answers it (src/http/routes/jobs.ts, jobSchema). */
export interface JobView<R = unknown> {
  id: string;
  url: string;
  kind: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: Record<string, unknown> | null;
  result: R | null;
  problem: { title: string; detail: string; status?: number; errors?: { field: string; message: string }[] } | null;
  attempts: number;
}

/**
 * Follows a job to its end, reporting each state seen (for a progress bar); resolves with its
 * result, or throws its problem as an ApiError so that forms show it by field as they show a 400.
 */
export async function followJob<R>(job: JobView<R>, onUpdate: (j: JobView<R>) => void, intervalMs = 500): Promise<R> {
  let current = job;
  onUpdate(current);
  while (current.state === 'queued' || current.state === 'running') {
    await new Promise((r) => setTimeout(r, intervalMs));
    current = await api.get<JobView<R>>(current.url);
    onUpdate(current);
  }
  if (current.state === 'failed') {
    const p = current.problem ?? { title: 'Job failed', detail: 'the job failed' };
    throw new ApiError(p.status ?? 500, p.title, p.detail, p.errors ?? []);
  }
  return current.result as R;
}
