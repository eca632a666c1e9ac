/** HTTP load for the benchmarks: autocannon runs, a plain server's address, and a bench database's estate count. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { openPostgresDb } from '../../server/db/postgres-db.js';

/** 50 as the issue sets; BENCH_CONNECTIONS lowers it for the smoke run, which shares the machine with other tests. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Seconds per timed load run (BENCH_SECONDS). */
export const WARM_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export interface LoadResult {
  meanMs: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Requests that got no answer within autocannon's timeout. */
  timeouts: number;
}

/** `paths` requested round-robin by CONNECTIONS connections, `amount` requests in all or for `seconds`. */
export async function load(
  url: string,
  paths: readonly string[],
  headers: Record<string, string>,
  options: { amount?: number; seconds?: number; timeoutS?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    // autocannon gives up on a request after 10 s by default; a heavy answer at 50 connections takes longer.
    timeout: options.timeoutS ?? 10,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? WARM_SECONDS }),
    headers,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return {
    meanMs: result.latency.mean,
    requestsPerS: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** Estates in a bench database, 0 when it does not exist yet (BENCH_REUSE keeps a loaded one). */
export async function countEstates(url: string): Promise<number> {
  const probe = await openPostgresDb(url);
  try {
    const [row] = await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
    return row?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await probe.close();
  }
}
