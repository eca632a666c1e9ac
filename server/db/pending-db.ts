import type { Db, DbBackend, Executor, QueryOptions, SqlParam } from './db.js';
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
  // Listeners asked for before the database opened start when it does.
  const waitingListeners: {
    channel: string;
    onPayload: (payload: string) => void;
    stop: (() => Promise<void>) | null;
    stopped: boolean;
  }[] = [];
  const startListener = async (listener: (typeof waitingListeners)[number], db: Db): Promise<void> => {
    const stop = await db.listen(listener.channel, listener.onPayload).catch(() => null);
    if (listener.stopped) await stop?.();
    else listener.stop = stop;
  };
  const pending: PendingDb = {
    backend,
    // The real database's reader once ready; until then, this (which answers 503).
    reader: {
      query: <Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) =>
        current ? current.reader.query<Row>(sql, params, options) : pending.query<Row>(sql, params, options),
    },
    ready(db) {
      current = db;
      for (const listener of waitingListeners.splice(0)) void startListener(listener, db);
    },
    async listen(channel, onPayload) {
      if (current) return current.listen(channel, onPayload);
      const listener = { channel, onPayload, stop: null as (() => Promise<void>) | null, stopped: false };
      waitingListeners.push(listener);
      return async () => {
        listener.stopped = true;
        await listener.stop?.();
      };
    },
    waiting(why) {
      reason = why;
    },
    async query<Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<Row[]> {
      return real().query<Row>(sql, params, options);
    },
    async exec(sql: string): Promise<void> {
      return real().exec(sql);
    },
    async copyRows(table, columns, rows) {
      return real().copyRows(table, columns, rows);
    },
    async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return real().transaction(work);
    },
    async close() {
      await current?.close();
      current = null;
    },
  };
  return pending;
}
