// `npm run seed`: reload the demo city into the configured database (DATABASE_URL or embedded).
import { bootstrapDb } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { loadDemoCity } from '../seed/demo-city.js';

const config = loadConfig();
const db = await bootstrapDb({ ...config, seedDemo: false });
try {
  const report = await loadDemoCity(db, undefined, (message) => console.log(`[seed] ${message}`));
  console.log(`[seed] done: ${JSON.stringify(report.counts)}`);
} finally {
  await db.close();
}
