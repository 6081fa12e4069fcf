import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, newPage } from './browser.js';
import { startServer, type RunningServer } from './server.js';
import { signInThroughForm } from './session.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface AnalystSession {
  server: RunningServer;
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on the page. */
  problems: string[];
  close(): Promise<void>;
}

/** The built server on a fresh database, Chromium, and an analyst signed in through the form (the reading-reports tests' start). */
export async function analystSession(username: string, displayName: string): Promise<AnalystSession> {
  if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('the web app is not built: run `npm run build`');
  const server = await startServer();
  const browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
  const password = `correct horse battery staple ${username}`;
  expect(server.cli(['user', 'add', username, '--role', 'analyst', '--display-name', displayName, '--password-stdin'], `${password}\n`).status).toBe(0);
  const problems: string[] = [];
  const page = await newPage(ctx, problems);
  await signInThroughForm(page, server.url, username, password, displayName);
  return { server, browser, ctx, page, problems, close: async () => { await browser.close(); await server.stop(); } };
}
