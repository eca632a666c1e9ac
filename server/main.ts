import { createApp } from './app.js';
import { bootstrapDb } from './bootstrap.js';
import { loadConfig } from './config.js';

/** How long open connections get to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

const config = loadConfig();
const db = await bootstrapDb(config);
const server = createApp(db, config).listen(config.port, () => {
  // performance.now() counts from process start, so this includes module loading and the client build check.
  const seconds = (performance.now() / 1000).toFixed(1);
  console.log(`[http] Renewal Atlas on http://localhost:${config.port} (${db.backend}, ready ${seconds} s after start)`);
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[http] ${signal}: closing the server and the database…`);
  // A browser's idle keep-alive connections would otherwise hold server.close() open.
  server.closeIdleConnections();
  const forced = setTimeout(() => {
    console.error(`[http] connections still open after ${SHUTDOWN_GRACE_MS / 1000} s; closing them`);
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  forced.unref();
  let exitCode = 0;
  try {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  } catch (error) {
    // ERR_SERVER_NOT_RUNNING when the signal came before listening finished: nothing to close.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') {
      console.error('[http] closing the server failed:', error);
      exitCode = 1;
    }
  }
  try {
    await db.close();
  } catch (error) {
    console.error('[db] closing the database failed:', error);
    exitCode = 1;
  }
  clearTimeout(forced);
  console.log('[http] stopped');
  process.exit(exitCode);
}
process.once('SIGINT', (signal) => void shutdown(signal));
process.once('SIGTERM', (signal) => void shutdown(signal));
