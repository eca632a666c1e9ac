// Runs before `npm start`: builds the client only when a source file is newer than the last build,
// so a warm start takes seconds instead of a full Vite build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../config.js';

const BUILT_INDEX = join(PROJECT_ROOT, 'dist', 'client', 'index.html');
const SOURCES = ['client', 'core', 'vite.config.ts', 'package-lock.json'].map((p) => join(PROJECT_ROOT, p));

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtimeMs(join(path, entry))), stat.mtimeMs);
}

const builtAt = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map(newestMtimeMs));
if (builtAt >= changedAt) {
  console.log('[build] client is up to date');
} else {
  console.log('[build] building the client (first start or sources changed)…');
  const started = performance.now();
  await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`[build] client built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
