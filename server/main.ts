import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { bootstrapDbWithRetry } from './bootstrap.js';
import { loadConfig, type AppConfig } from './config.js';
import { DataDirLockedError, pendingDb, type Db } from './db/index.js';
import { closeZoneWorkers } from './features/zones/zone-workers.js';
import { createLogger } from './log.js';

/** How long open connections get to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  createLogger().fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const log = createLogger(config.logLevel);
let stopping = false;

// The server listens at once and answers 503 (with Retry-After) until the database is open:
// a PostGIS server that is still starting or unreachable then shows as "unavailable" to users and
// health checks, instead of a refused connection, and the app comes up by itself when it is back.
const db = pendingDb(config.databaseUrl ? 'postgres' : 'pglite');
const server = createApp(db, config, { logger: log }).listen(config.port, config.host);
const addressText = (): string => {
  const address = server.address() as AddressInfo | null;
  return `http://${config.host}:${address?.port ?? config.port}`;
};
// Responses in flight at shutdown: told to close their connection, else keep-alive holds server.close() open.
const inFlight = new Set<ServerResponse>();
server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
  if (stopping) res.shouldKeepAlive = false;
  inFlight.add(res);
  res.once('close', () => inFlight.delete(res));
  // A response already sent when shutdown began leaves an idle connection behind once it finishes.
  res.once('finish', () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
});
server.once('listening', () => log.info(`[http] listening on ${addressText()}; answering 503 until the database is ready`));
server.once('error', (error: NodeJS.ErrnoException) => {
  log.fatal(`[http] cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
  void stop('listen failed', 1);
});

const giveUp = new AbortController();
const bootstrapping: Promise<Db | null> = bootstrapDbWithRetry(config, log, giveUp.signal, (error) => db.waiting(error.reason)).then(
  (opened) => {
    if (stopping) return opened;
    db.ready(opened);
    // performance.now() counts from process start, so this includes module loading and the client build check.
    const seconds = (performance.now() / 1000).toFixed(1);
    log.info(`[http] Renewal Atlas ready on ${addressText()} (${opened.backend}, ready ${seconds} s after start)`);
    return opened;
  },
  (error: unknown) => {
    if (!stopping) {
      // A locked data folder is an operator's situation, not a bug: its message says what to do, no stack.
      if (error instanceof DataDirLockedError) log.fatal(`[db] ${error.message}`);
      else log.fatal({ err: error }, '[db] cannot open the database');
      void stop('database failed', 1);
    }
    return null;
  },
);

async function stop(why: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`[http] ${why}: closing the server and the database…`);
  giveUp.abort();
  const forced = setTimeout(() => {
    log.error(`[http] connections still open after ${SHUTDOWN_GRACE_MS / 1000} s; closing them`);
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  forced.unref();
  // Stops accepting; in-flight requests finish (their keep-alive connections then close), idle ones close now.
  for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  server.closeIdleConnections();
  await new Promise<void>((resolve) =>
    server.close((error) => {
      // ERR_SERVER_NOT_RUNNING when listening failed or had not finished: nothing to close.
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') {
        log.error({ err: error }, '[http] closing the server failed');
        exitCode = 1;
      }
      resolve();
    }),
  );
  try {
    // Also waits for an open or a migration in progress, so the embedded database is closed cleanly.
    const opened = await bootstrapping;
    await opened?.close();
    await closeZoneWorkers();
  } catch (error) {
    log.error({ err: error }, '[db] closing the database failed');
    exitCode = 1;
  }
  clearTimeout(forced);
  log.info('[http] stopped');
  process.exit(exitCode);
}
process.once('SIGINT', (signal) => void stop(signal, 0));
process.once('SIGTERM', (signal) => void stop(signal, 0));
