import type { Db, DbBackend, Executor, SqlParam } from './db.js';
import { DbUnavailableError, type UnavailableReason } from './db-errors.js';

/** A Db that answers "unavailable" until the real one is handed over with `ready()`. */
export interface PendingDb extends Db {
  ready(db: Db): void;
  /** Why it is not ready yet, for the 503s meanwhile (default 'starting'). */
  waiting(reason: UnavailableReason): void;
}

/**
 * Lets the HTTP server listen before the database is open: requests meanwhile get 503 with
 * Retry-After instead of a refused connection, so a browser or a health check sees why.
 */
export function pendingDb(backend: DbBackend): PendingDb {
  let current: Db | null = null;
  let reason: UnavailableReason = 'starting';
  const real = (): Db => {
    if (!current) throw new DbUnavailableError(reason);
    return current;
  };
  return {
    backend,
    ready(db) {
      current = db;
    },
    waiting(why) {
      reason = why;
    },
    async query<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
      return real().query<Row>(sql, params);
    },
    async exec(sql: string): Promise<void> {
      return real().exec(sql);
    },
    async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return real().transaction(work);
    },
    async close() {
      await current?.close();
      current = null;
    },
  };
}
