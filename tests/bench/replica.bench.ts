/**
 * `npm run bench` (read replica): the tile replay of tiles.bench.ts at 50 connections, cold and
 * warm, against the app with its reads on a streaming replica (DATABASE_READ_URL) and against the
 * same app on the primary alone. Both servers are a pair of our own (pg_createcluster, pg_basebackup
 * -R, tests/helpers/replica-cluster.ts) holding a copy of the bench city, so the two sides differ
 * only in where the reads go. On one machine the replica adds no cores: the figure says what the
 * hop to a replica costs, not what a second machine would add.
 *
 * BENCH_DATABASE_URL (default …/atlas_bench_reads, shared with api-reads.bench.ts) holds the city,
 * loaded first unless BENCH_REUSE=1 finds it there. Needs root and Debian's PostgreSQL cluster tools;
 * without them the bench says so and records nothing.
 */
import type { Db } from '../../server/db/index.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { canBuildReplicaPair, startReplicaPair } from '../helpers/replica-cluster.js';
import { benchCityDb } from './bench-db.js';
import { CONNECTIONS, load, startBenchApp, WARM_SECONDS, type LoadResult } from './bench-http.js';
import { recordBench } from './bench-results.js';
import { replayTiles, tilePaths } from './tile-replay.js';

const ESTATES = Number(process.env.BENCH_ESTATES ?? 200_000);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench_reads';

/** A fresh app on `db` (an empty tile cache), its replay cold once, then warm for WARM_SECONDS. */
async function replay(db: Db, paths: string[]): Promise<{ cold: LoadResult; warm: LoadResult }> {
  const app = await startBenchApp(db);
  try {
    const cold = await load(app.url, paths, app.headers, { amount: paths.length });
    const warm = await load(app.url, paths, app.headers, { seconds: WARM_SECONDS });
    return { cold, warm };
  } finally {
    await app.close();
  }
}

if (!canBuildReplicaPair()) {
  console.log('replica bench skipped: it needs root and pg_createcluster / pg_basebackup');
  process.exit(0);
}
const { db: source } = await benchCityDb(URL_, ESTATES);
await source.close();
const pair = await startReplicaPair(URL_);
try {
  const primaryOnly = await openPostgresDb(pair.primaryUrl);
  const withReplica = await openPostgresDb(pair.primaryUrl, pair.replicaUrl);
  try {
    // The replica streams what the primary restored; wait until it holds the whole city.
    for (let attempt = 0; attempt < 600; attempt++) {
      const [row] = await withReplica.reader.query<{ n: number }>('SELECT count(*)::int AS n FROM estates').catch(() => [{ n: -1 }]);
      if (row?.n === ESTATES) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const paths = tilePaths(await replayTiles(primaryOnly));
    const alone = await replay(primaryOnly, paths);
    const replicated = await replay(withReplica, paths);
    for (const label of ['cold', 'warm'] as const) {
      const ours = replicated[label];
      const base = alone[label];
      recordBench({
        name: `tiles z10–z16 at ${CONNECTIONS} connections, ${label}, reads on a streaming replica, ${ESTATES} estates (PostGIS): mean latency`,
        ours: ours.meanMs,
        baseline: base.meanMs,
        unit: 'ms',
        baselineName: 'the same app and replay with every query on the primary',
        // One machine: the replica shares the primary's two cores, so "no slower than 1.5×" is the bar here.
        target: 1.5,
        note: `with the replica ${ours.requestsPerS.toFixed(0)} req/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms, non-2xx ${ours.non2xx}; primary alone ${base.requestsPerS.toFixed(0)} req/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms, non-2xx ${base.non2xx}; both clusters on this machine`,
      });
    }
  } finally {
    await withReplica.close();
    await primaryOnly.close();
  }
} finally {
  await pair.dispose();
}
