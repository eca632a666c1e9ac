// `npm run seed`: reload the demo city into the configured database (DATABASE_URL or embedded).
import { bootstrapDb, logTo } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { loadDemoCity } from '../seed/demo-city.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await bootstrapDb({ ...config, seedDemo: false }, logTo(log));
try {
  const report = await loadDemoCity(db, undefined, (message) => log.info(`[seed] ${message}`));
  log.info(`[seed] done: ${JSON.stringify(report.counts)}`);
} finally {
  await db.close();
}
