/**
 * Smoke runs of the tile, read-replica, bulk-load, API-reads and browser benchmarks on a tiny city (npm run bench runs them at 200 000
 * estates): each runs end to end on both back-ends and writes every line with a finite ratio to its
 * results file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import type { BenchLine } from '../bench/bench-results.js';
import { skipBrowserTests } from '../browser/browser-helpers.js';
import { canBuildReplicaPair } from '../helpers/replica-cluster.js';
import { withDatabase, databaseName } from '../helpers/test-db-template.js';

const run = promisify(execFile);
const templateUrl = inject('postgresTemplateUrl');

/** Runs one bench script on a tiny city and returns the lines it recorded. */
async function smokeRun(script: string, env: Record<string, string>): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-smoke-'));
  const resultsFile = join(dir, 'results.json');
  try {
    await run(process.execPath, ['--import', 'tsx', script], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        ...env,
        BENCH_RESULTS_FILE: resultsFile,
        BENCH_DATABASE_URL: withDatabase(templateUrl!, `${databaseName(templateUrl!)}_bench_smoke`),
      },
      maxBuffer: 1 << 24,
    });
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { lines: BenchLine[]; machine: { cpus: number } };
    expect(results.machine.cpus).toBeGreaterThan(0);
    for (const line of results.lines) {
      expect(Number.isFinite(line.ratio), line.name).toBe(true);
      expect(line.ours, line.name).toBeGreaterThan(0);
    }
    return results.lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(templateUrl)('benchmark smoke run', () => {
  it('runs the tile benchmark on a tiny city and records every line', async () => {
    const lines = await smokeRun('tests/bench/tiles.bench.ts', {
      BENCH_ESTATES: '300',
      BENCH_EMBEDDED_ESTATES: '150',
      BENCH_SECONDS: '1',
      BENCH_CONNECTIONS: '4',
    });
    expect(lines.length).toBeGreaterThanOrEqual(7);
  }, 300_000);

  it('runs the bulk-load benchmark on a tiny city: the server load and the embedded load', async () => {
    const lines = await smokeRun('tests/bench/load.bench.ts', { BENCH_ESTATES: '300', BENCH_EMBEDDED_ESTATES: '300' });
    expect(lines.map((line) => line.name)).toEqual([
      'bulk load of 300 estates into the PostGIS server',
      'bulk load of a 300-estate city into the embedded back-end',
    ]);
  }, 300_000);

  it('runs the API reads benchmark on a tiny city: the dashboard and a map window against plain PostGIS', async () => {
    const lines = await smokeRun('tests/bench/api-reads.bench.ts', {
      BENCH_ESTATES: '300',
      BENCH_SECONDS: '1',
      BENCH_CONNECTIONS: '4',
      BENCH_CITY_DIR: join(tmpdir(), 'atlas-bench-smoke-city-300'),
    });
    expect(lines.map((line) => line.name)).toEqual([
      'GET /api/dashboard?estates=none at 4 connections, 300 estates (PostGIS): mean latency',
      'GET /api/estates?bbox (z14 windows) at 4 connections, 300 estates (PostGIS): mean latency',
    ]);
  }, 300_000);

  it.skipIf(!canBuildReplicaPair())(
    'runs the read-replica benchmark on a tiny city: the tile replay with reads on a streaming replica against the primary alone',
    async () => {
      const lines = await smokeRun('tests/bench/replica.bench.ts', {
        BENCH_ESTATES: '300',
        BENCH_SECONDS: '1',
        BENCH_CONNECTIONS: '4',
        BENCH_CITY_DIR: join(tmpdir(), 'atlas-bench-smoke-city-300'),
      });
      expect(lines.map((line) => line.name)).toEqual([
        'tiles z10–z16 at 4 connections, cold, reads on a streaming replica, 300 estates (PostGIS): mean latency',
        'tiles z10–z16 at 4 connections, warm, reads on a streaming replica, 300 estates (PostGIS): mean latency',
      ]);
    },
    300_000,
  );

  it.skipIf(skipBrowserTests)(
    'runs the browser benchmark on a tiny city: first draw, panning, recolouring and a stage change, tiles against GeoJSON',
    async () => {
      const lines = await smokeRun('tests/bench/browser.bench.ts', {
        BENCH_ESTATES: '300',
        BENCH_RECOLOUR_CHANGES: '2',
        BENCH_STAGE_CHANGES: '2',
        BENCH_CITY_DIR: join(tmpdir(), 'atlas-bench-smoke-city-300'),
      });
      expect(lines.map((line) => line.name).sort()).toEqual(
        [
          'browser: first drawn estates, 300 estates',
          'browser: long tasks while panning, 300 estates',
          'browser: recolour after a stage change, 300 estates',
          'browser: recolour all estates, 300 estates',
          'browser: recolour all estates in a colouring first chosen, 300 estates',
        ].sort(),
      );
      // The estate showed its new stage's colour in both pages.
      expect(lines.find((line) => line.name.startsWith('browser: recolour after'))?.note).not.toContain('NOT seen');
    },
    300_000,
  );
});
