import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { DbBackend } from '../../server/db/index.js';
import { openTestDb } from './test-db.js';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the whole app (API + built client) on a free port over a private copy of the demo database. */
export async function startTestServer(backend: DbBackend = 'pglite'): Promise<TestServer> {
  const testDb = await openTestDb(backend);
  const config = loadConfig({ PORT: '0', SEED_DEMO: 'false' });
  const server = createApp(testDb.db, config).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.dispose();
    },
  };
}
