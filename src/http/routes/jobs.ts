import { z } from 'zod';
import type { App } from '../app.js';
import * as jobs from '../../jobs/index.js';

/**
 * `GET /api/jobs/:id`: a job's state, progress, result and problem, from whichever app server
 * asks (jobs live in PostgreSQL). Only the account that started it and admins see it. This
 * plugin also runs jobs on this server once the app is ready, and stops taking them at close.
 */
export const jobSchema = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.record(z.string(), z.unknown()).nullable(),
  result: z.unknown(),
  problem: z.object({ title: z.string(), detail: z.string(), status: z.number().optional(), errors: z.unknown().optional() }).nullable(),
  attempts: z.number().int(),
  runner: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export default async function jobsRoutes(app: App): Promise<void> {
  let runner: Awaited<ReturnType<typeof jobs.startRunner>> | null = null;
  // After every plugin has declared its kinds of job, so that none is taken before its handler exists.
  app.addHook('onReady', async () => {
    runner = await jobs.startRunner(app.db, {}, (msg, extra) => app.log.info(extra ?? {}, msg));
  });
  app.addHook('onClose', async () => {
    await runner?.stop();
  });

  app.get('/api/jobs/:id', {
    config: { permission: 'read' },
    schema: {
      tags: ['jobs'], summary: 'A job: its state, progress, result or problem', operationId: 'get_job',
      params: z.object({ id: z.string().max(100) }), response: { 200: jobSchema },
    },
  }, async (req) => jobs.jobView(await jobs.getJob(app.db, req.actor, req.params.id)));
}
