import path from 'node:path';

/** Everything Remnant reads from the environment, in one place so README and code cannot drift apart. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  loadDemo: boolean;
  maxUploadBytes: number;
  logLevel: string;
}

function intFrom(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom('PORT', 8080, env),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.REMNANT_DATA_DIR || '.remnant'),
    databaseUrl: env.DATABASE_URL || undefined,
    loadDemo: env.REMNANT_DEMO !== '0',
    maxUploadBytes: intFrom('REMNANT_MAX_UPLOAD_MB', 25, env) * 1024 * 1024,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
