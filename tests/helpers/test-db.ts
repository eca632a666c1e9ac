import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Db, DbBackend } from '../../server/db/index.js';
import { openPgliteDb } from '../../server/db/pglite-db.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { databaseName, withDatabase } from './test-db-template.js';

/** The back-ends every API test runs against: always embedded, plus the PostGIS server when TEST_DATABASE_URL is set. */
export function testBackends(): DbBackend[] {
  return inject('postgresTemplateUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  db: Db;
  /** The copy's connection URL on the PostGIS server (null for embedded), for a second app instance with its own pool. */
  url: string | null;
  /** Closes the database and deletes this copy. */
  dispose(): Promise<void>;
}

/** A private, seeded copy of the test database for one test file. */
export async function openTestDb(backend: DbBackend): Promise<TestDb> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
    cpSync(inject('pgliteTemplateDir'), dir, { recursive: true });
    const db = await openPgliteDb(dir);
    return {
      db,
      url: null,
      async dispose() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) throw new Error('The postgres back-end needs TEST_DATABASE_URL.');
  const template = databaseName(templateUrl);
  const copy = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgresDb(withDatabase(templateUrl, 'postgres'));
  try {
    await admin.exec(`CREATE DATABASE ${copy} TEMPLATE ${template}`);
  } finally {
    await admin.close();
  }
  const db = await openPostgresDb(withDatabase(templateUrl, copy));
  return {
    db,
    url: withDatabase(templateUrl, copy),
    async dispose() {
      await db.close();
      const dropper = await openPostgresDb(withDatabase(templateUrl, 'postgres'));
      try {
        await dropper.exec(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
}
