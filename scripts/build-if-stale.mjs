// Rebuilds dist/ (server via tsc, web app via Vite) only when a source file is newer than the last
// build, so `npm start` and `npm test` are quick after the first time and never run stale code.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const inputs = ['src', 'bench', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => path.join(root, p));
const newestInput = Math.max(...inputs.map((p) => (existsSync(p) && statSync(p).isDirectory() ? newest(p) : existsSync(p) ? statSync(p).mtimeMs : 0)));
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (newestInput > built) {
  const t0 = Date.now();
  process.stderr.write('building Remnant (server and web app)…\n');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
  process.stderr.write(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
