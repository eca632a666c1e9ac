/** HTTP load for the benchmarks: autocannon runs, a plain server's address, and a bench database's estate count. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { signIn } from '../helpers/sign-in.js';

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

export interface BenchApp {
  url: string;
  /** A signed-in leader's headers. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

/** The app on `db` on a free port, with `env` settings, and a leader signed in. */
export async function startBenchApp(db: Db, env: Record<string, string> = {}): Promise<BenchApp> {
  // A load run leaves its queries running after its connections close: wait until the pool answers
  // again, or the sign-in below times out.
  for (let attempt = 0; attempt < 60; attempt++) {
    const answered = await db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (answered) break;
  }
  const server = createApp(db, loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env })).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    headers: await signIn(url, 'leader'),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What a bare baseline server sends: a status, and a body with its media type. */
export interface BareAnswer {
  status: number;
  type?: string;
  body?: string | Buffer;
}

/**
 * A baseline server with nothing of ours: a plain Node HTTP server and its own pool on `databaseUrl`,
 * as a separate generic server would have. Closing it waits for the queries still running.
 */
export async function bareServer(
  databaseUrl: string,
  answer: (url: URL, db: Db) => Promise<BareAnswer>,
): Promise<{ url: string; close(): Promise<void> }> {
  const db = await openPostgresDb(databaseUrl);
  const server = createServer((req, res) => {
    answer(new URL(req.url ?? '/', 'http://localhost'), db).then(
      ({ status, type, body }) => void res.writeHead(status, type ? { 'Content-Type': type } : {}).end(body),
      () => void res.writeHead(500).end(),
    );
  });
  const url = await listen(server);
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
