import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { lockDataDir } from './data-dir-lock.js';
import { copyStatement, copyTextChunks } from './copy-text.js';
import type { Db, Executor, SqlParam } from './db.js';

function toExecutor(target: PGlite | Transaction): Executor {
  return {
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async query<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async copyRows(table, columns, rows) {
      // PGlite reads COPY input from a blob it is handed with the statement.
      const blob = new Blob([...copyTextChunks(rows)]);
      await target.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob });
    },
  };
}

/**
 * Opens (creating if needed) an embedded PostGIS database persisted in `dataDir`; throws
 * DataDirLockedError when another process has it open.
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir, { extensions: { postgis } });
  } catch (error) {
    unlock();
    throw error;
  }
  const executor = toExecutor(pg);
  return {
    ...executor,
    backend: 'pglite',
    reader: executor,
    transaction: (work) => pg.transaction((tx) => work(toExecutor(tx))),
    async listen(channel, onPayload) {
      const stop = await pg.listen(channel, onPayload);
      return async () => {
        // After close() the database is gone and so is the subscription.
        if (!pg.closed) await stop();
      };
    },
    async close() {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}
