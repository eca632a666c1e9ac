import { createApp } from './app.js';
import { bootstrapDb } from './bootstrap.js';
import { loadConfig } from './config.js';

const startedAt = performance.now();
const config = loadConfig();
const db = await bootstrapDb(config);
const server = createApp(db, config).listen(config.port, () => {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`[http] Renewal Atlas on http://localhost:${config.port} (${db.backend}, ready in ${seconds} s)`);
});

function shutdown(): void {
  server.close(() => {
    void db.close().finally(() => process.exit(0));
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
