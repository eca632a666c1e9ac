/**
 * The one database module. Two back-ends implement it — embedded PGlite with PostGIS
 * (default) and a PostGIS server through `pg` — with the same SQL and `$n` parameters.
 * Nothing outside server/db imports pg or PGlite.
 */
import type { CopyValue } from './copy-text.js';

export type DbBackend = 'pglite' | 'postgres';

export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[];

export type { CopyValue };

export interface QueryOptions {
  /**
   * Keep the statement prepared on each server connection (named after its text), so a statement
   * run many times a second is parsed and planned once per connection, not on every run: for
   * small, hot statements such as a vector tile, planning costs as much as running. PGlite
   * ignores it.
   */
  prepare?: boolean;
}

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. Row shape is the caller's promise. */
  query<Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<Row[]>;
}

export interface Executor extends Queryable {
  /** Runs a script of several statements without parameters (migrations, seeding). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads `rows` into `table`'s `columns` with one COPY … FROM (text format), far faster than
   * INSERTs for a whole city. Table and column names are our own identifiers, never input.
   */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<void>;
}

export interface Db extends Executor {
  readonly backend: DbBackend;
  /**
   * Where read-only statements may go: a streaming replica when DATABASE_READ_URL is set (falling
   * back to the primary while the replica cannot be reached), else this database itself. A replica
   * lags the primary by its replay delay, so a read that must see the caller's own write just
   * before uses the Db itself.
   */
  readonly reader: Queryable;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` with each NOTIFY payload on `channel` (committed transactions only) until
   * the returned function stops it. On a PostGIS server the listener has its own connection and
   * reconnects by itself after the server comes back.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
