import type { DbBackend } from '../../server/db/index.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { AddressInfo } from 'node:net';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface ApiFixture extends TestDb {
  get<T = unknown>(path: string): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** The real Express app over a private database copy, reached over HTTP like a browser would. */
export async function openApi(backend: DbBackend): Promise<ApiFixture> {
  const testDb = await openTestDb(backend);
  const server = createApp(testDb.db, loadConfig({ SEED_DEMO: 'false' })).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...testDb,
    async get<T>(path: string) {
      const response = await fetch(base + path);
      return { status: response.status, body: (await response.json()) as T };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.dispose();
    },
  };
}
