import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, copyTextChunks } from './copy-text.js';
import type { Db, Executor, QueryOptions, SqlParam } from './db.js';
import { toDbError, unavailableReason } from './db-errors.js';

/** How the app's connections appear in pg_stat_activity, so an operator (or a test) can find them. */
export const APPLICATION_NAME = 'renewal-atlas';
/** A server that does not answer within this time counts as unavailable (503) rather than leaving requests hanging. */
const CONNECT_TIMEOUT_MS = 5_000;

/** A prepared statement's name: its text's hash, so one name never stands for two statements. */
function statementName(sql: string): string {
  return `atlas_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}

function toExecutor(target: pg.Pool | pg.PoolClient): Executor {
  return {
    async exec(sql: string): Promise<void> {
      await target.query(sql).catch((error: unknown) => {
        throw toDbError(error);
      });
    },
    async query<Row>(sql: string, params: readonly SqlParam[] = [], options?: QueryOptions): Promise<Row[]> {
      const values = [...params];
      const statement = options?.prepare ? target.query({ name: statementName(sql), text: sql, values }) : target.query(sql, values);
      const result = await statement.catch((error: unknown) => {
        throw toDbError(error);
      });
      return result.rows as Row[];
    },
    async copyRows(table, columns, rows) {
      // A COPY stream holds its connection: from the pool, one is checked out for it.
      const client =
        target instanceof pg.Pool ? await target.connect().catch((error: unknown) => Promise.reject(toDbError(error))) : target;
      try {
        const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await pipeline(Readable.from(copyTextChunks(rows)), stream);
      } catch (error) {
        throw toDbError(error);
      } finally {
        if (client !== target) (client as pg.PoolClient).release();
      }
    },
  };
}

/** Wait before reconnecting a listener whose connection was lost. */
const LISTEN_RETRY_MS = 1_000;

/**
 * A LISTEN on its own connection (a pooled one would be handed to other queries), reopened after
 * the server drops it. Notifications sent while it is down are lost; the SSE clients reload their
 * figures when the stream reconnects, so nothing they show stays stale.
 */
function startListener(connectionString: string, channel: string, onPayload: (payload: string) => void): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const retry = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, LISTEN_RETRY_MS);
    timer.unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: APPLICATION_NAME, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    next.on('error', () => {
      client = null;
      void next.end().catch(() => undefined);
      retry();
    });
    next.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    try {
      await next.connect();
      // The channel is ours (a fixed identifier), never user input.
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (stopped) await next.end();
      else client = next;
    } catch {
      await next.end().catch(() => undefined);
      retry();
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

function openPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // PostGIS functions carry high cost estimates, so a query over a few thousand estates crosses
    // jit_above_cost and spends 100–300 ms compiling code that then runs for less (measured: zone
    // outlines, and the ST_ClusterDBSCAN baseline itself). No query of ours gains from JIT.
    options: '-c jit=off',
  });
  // An idle client losing its connection must not crash the process; the pool drops it and the
  // next query opens a new connection, so the app recovers by itself when the server is back.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Reads from a streaming replica (a hot standby: PostgreSQL's own replication), and from the
 * primary while the replica cannot be reached, so a replica outage costs speed, not answers.
 */
function replicaReader(replica: pg.Pool, primary: Executor): Executor['query'] {
  const onReplica = toExecutor(replica);
  return async <Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<Row[]> => {
    try {
      return await onReplica.query<Row>(sql, params, options);
    } catch (error) {
      if (!unavailableReason(error)) throw error;
      return primary.query<Row>(sql, params, options);
    }
  };
}

/**
 * Connects to a PostGIS server through a connection pool; connects lazily, on the first query.
 * With `readUrl`, read-only statements of `reader` go to that replica.
 */
export async function openPostgresDb(connectionString: string, readUrl?: string): Promise<Db> {
  const pool = openPool(connectionString);
  const replica = readUrl ? openPool(readUrl) : null;
  const primary = toExecutor(pool);
  const listeners = new Set<{ stop(): Promise<void> }>();
  return {
    ...primary,
    backend: 'postgres',
    reader: replica ? { query: replicaReader(replica, primary) } : primary,
    async transaction(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw toDbError(error);
      });
      // A checked-out client has no listener of the pool: without this one, a connection lost
      // mid-transaction is an unhandled 'error' event that ends the process.
      let lost: Error | null = null;
      const onError = (error: Error): void => {
        lost = error;
      };
      client.on('error', onError);
      let failure: unknown = null;
      try {
        await client.query('BEGIN');
        const result = await work(toExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection lost during COMMIT leaves the outcome unknown to us (PostgreSQL commits all or
        // nothing); the 503 tells the caller to look before retrying.
        failure = lost ?? error;
        if (!lost) await client.query('ROLLBACK').catch(() => undefined);
        throw toDbError(failure);
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed instead of going back to the pool.
        client.release(unavailableReason(failure) ? (failure as Error) : undefined);
      }
    },
    async listen(channel, onPayload) {
      const listener = startListener(connectionString, channel, onPayload);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      await Promise.all([pool.end(), replica?.end()]);
    },
  };
}
