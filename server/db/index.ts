import type { Db } from './db.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './postgres-db.js';

export type { CopyValue, Db, DbBackend, Executor, Queryable, SqlParam } from './db.js';
export { migrate } from './migrate.js';
export { DbUnavailableError } from './db-errors.js';
export { DataDirLockedError } from './data-dir-lock.js';
export { pendingDb } from './pending-db.js';
export { withIndexesBuiltAfter } from './bulk-load.js';

export interface DbTarget {
  /** A PostGIS server; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** A streaming replica of `databaseUrl` for read-only statements (Db.reader). */
  databaseReadUrl?: string | undefined;
  /** Where the embedded database keeps its files. */
  pgliteDataDir: string;
}

/** Opens the configured back-end: the PostGIS server when a URL is given, else embedded PGlite. */
export function openDb(target: DbTarget): Promise<Db> {
  return target.databaseUrl ? openPostgresDb(target.databaseUrl, target.databaseReadUrl) : openPgliteDb(target.pgliteDataDir);
}
