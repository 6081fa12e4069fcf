import type { App } from '../../src/http/app.js';

/** A job as `GET /api/jobs/:id` answers it. */
export interface JobBody {
  id: string;
  url: string;
  kind: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: Record<string, unknown> | null;
  result: any;
  problem: { title: string; detail: string; status?: number; errors?: { field: string; message: string }[] } | null;
  attempts: number;
}

/** Polls a job's URL until it has ended (the app's own runner does the work). */
export async function followJob(app: App, url: string, timeoutMs = 30_000): Promise<JobBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    const job = res.json<JobBody>();
    if (job.state === 'succeeded' || job.state === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${url} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
