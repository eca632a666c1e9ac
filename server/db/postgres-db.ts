import pg from 'pg';
import type { Db, Executor, SqlParam } from './db.js';

function toExecutor(target: pg.Pool | pg.PoolClient): Executor {
  return {
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
    async query<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
      const result = await target.query(sql, [...params]);
      return result.rows as Row[];
    },
  };
}

/** Connects to a PostGIS server through a connection pool. */
export async function openPostgresDb(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    ...toExecutor(pool),
    backend: 'postgres',
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(toExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
