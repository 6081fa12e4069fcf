import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../app.js';

export default async function health(app: App): Promise<void> {
  app.get('/api/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability',
      response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok'), version: z.string() }) },
    },
  }, async () => {
    await sql`SELECT 1`.execute(app.db);
    return { status: 'ok' as const, database: 'ok' as const, version: '0.1.0' };
  });
}
