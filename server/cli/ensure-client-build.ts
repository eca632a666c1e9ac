// Builds the client before `npm start` only when one of its sources is newer than the last build,
// so a warm start skips Vite. The decision looks at the client's own sources only: `npm install`
// rewrites package-lock.json without changing what Vite would produce.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, PROJECT_ROOT } from '../config.js';
import { createLogger, type LogLevel } from '../log.js';

/** What the built client is made from, relative to the project root (client/ holds index.html). */
export const CLIENT_SOURCES = ['client', 'core', 'vite.config.ts'] as const;
/** The file whose age stands for the whole build. */
export const BUILT_CLIENT_INDEX = join('dist', 'client', 'index.html');

export type ClientBuildDecision =
  { build: false; reason: 'up_to_date' } | { build: true; reason: 'never_built' | 'sources_changed'; changedPath?: string };

function newestFile(path: string): { path: string; mtimeMs: number } | null {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  // A directory's own mtime changes when a file in it is deleted or renamed.
  let newest: { path: string; mtimeMs: number } = { path, mtimeMs: stat.mtimeMs };
  for (const entry of readdirSync(path)) {
    const found = newestFile(join(path, entry));
    if (found && found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/**
 * Whether the client under `projectRoot` must be built: when it never was, or when a file under
 * CLIENT_SOURCES changed after dist/client/index.html was written.
 * @example decideClientBuild(PROJECT_ROOT) // { build: false, reason: 'up_to_date' } on a warm start
 */
export function decideClientBuild(projectRoot: string): ClientBuildDecision {
  const built = join(projectRoot, BUILT_CLIENT_INDEX);
  if (!existsSync(built)) return { build: true, reason: 'never_built' };
  const builtAtMs = statSync(built).mtimeMs;
  for (const source of CLIENT_SOURCES) {
    const newest = newestFile(join(projectRoot, source));
    if (newest && newest.mtimeMs > builtAtMs) return { build: true, reason: 'sources_changed', changedPath: newest.path };
  }
  return { build: false, reason: 'up_to_date' };
}

/** LOG_LEVEL as configured; a bad configuration is reported by server/main.ts, which runs next. */
function configuredLogLevel(): LogLevel {
  try {
    return loadConfig().logLevel;
  } catch {
    return 'info';
  }
}

/** Builds the client with Vite when `decideClientBuild` says so; prints what it decided. */
export async function ensureClientBuild(projectRoot: string = PROJECT_ROOT): Promise<void> {
  const log = createLogger(configuredLogLevel());
  const decision = decideClientBuild(projectRoot);
  if (!decision.build) {
    log.info('[build] client is up to date');
    return;
  }
  const why = decision.reason === 'never_built' ? 'first start' : `${decision.changedPath ?? 'a source'} changed`;
  log.info(`[build] building the client (${why})…`);
  const started = performance.now();
  // Vite is loaded only when needed: importing it costs about a second on a warm start.
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), root: join(projectRoot, 'client'), logLevel: 'warn' });
  log.info(`[build] client built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureClientBuild();
}
