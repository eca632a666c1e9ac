/**
 * Unconstrained suggestions equal PostGIS's ST_ClusterDBSCAN(eps := gap, minpoints := 1) in the
 * same metric plane, on the PostGIS server back-end (the production path), for a generated city of
 * 10 000 estates around the demo city and one of 3 000 at 114.3 °E 30.6 °N (Wuhan, UTM zone 50
 * rather than 49). The demo city itself is checked on both back-ends in zones.api.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoneSuggestAnswer } from '../../core/contract/index.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { zoneWorkersFailure } from '../../server/features/zones/zone-workers.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { checkSuggestionOutlines, outlineToleranceM2 } from '../helpers/zone-outline-check.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CITIES = [
  { label: '10 000 estates around 109.41 °E 24.31 °N', estates: 10_000, origin: null, gapM: 50 },
  { label: '3 000 estates around 114.3 °E 30.6 °N', estates: 3_000, origin: '114.3,30.6', gapM: 50 },
  { label: '3 000 estates around 114.3 °E 30.6 °N, 80 m gap', estates: 3_000, origin: '114.3,30.6', gapM: 80 },
] as const;

describe.skipIf(!testBackends().includes('postgres')).each(CITIES)('suggested zones equal ST_ClusterDBSCAN: $label', (city) => {
  let work: string;
  let copy: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'atlas-dbscan-'));
    const args = ['tsx', 'data/generate-city.ts', '--estates', String(city.estates), '--out', work];
    if (city.origin) args.push('--origin', city.origin);
    execFileSync('npx', args, { cwd: PROJECT_ROOT, stdio: 'ignore' });
    copy = await openTestDb('postgres');
    await loadDemoCity(copy.db, work);
    server = await startTestServer({ db: copy.db, as: 'planner' });
  }, 240_000);
  afterAll(async () => {
    await server.close();
    await copy.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('has the same groups, estate for estate', async () => {
    const reply = await server.request<ZoneSuggestAnswer>('POST', '/api/zones/suggest', { gapM: city.gapM, eligibleOnly: false });
    expect(reply.status).toBe(200);
    expect(reply.body.consideredEstates).toBe(city.estates);
    // The outlines came from the worker threads, not from the fallback on the server's own thread.
    expect(zoneWorkersFailure()).toBeNull();
    const rows = await copy.db.query<{ ids: number[] }>(
      `SELECT array_agg(id ORDER BY id) AS ids FROM (
         SELECT id, ST_ClusterDBSCAN(ST_Transform(geom, $1::int), eps := $2, minpoints := 1) OVER () AS cid FROM estates
       ) c GROUP BY cid HAVING count(*) > 1`,
      [reply.body.srid, city.gapM],
    );
    const key = (ids: readonly number[]): string => ids.join(',');
    const expected = rows.map((row) => key(row.ids)).sort();
    expect(expected.length).toBeGreaterThan(city.estates / 100);
    expect(reply.body.suggestions.map((s) => key(s.estateIds)).sort()).toEqual(expected);
    // Each outline (Clipper, in JS) is what PostGIS makes of the same estates and bridges, one valid
    // part holding every estate, without slivers.
    for (const check of await checkSuggestionOutlines(copy.db, reply.body, city.gapM)) {
      expect(check).toMatchObject({ valid: true, parts: 1, slivers: 0, outside: 0 });
      expect(check.diffM2).toBeLessThan(outlineToleranceM2(check));
    }
    // Each suggestion's outline holds its estates.
    const suggestions = reply.body.suggestions;
    const outside = await copy.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) WITH ORDINALITY AS s(outline, k)
       JOIN unnest($2::int[], $3::int[]) AS m(id, k) ON m.k = s.k
       JOIN estates e ON e.id = m.id
       WHERE NOT ST_Covers(ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(s.outline), 4326), $4::int), 0.05), ST_Transform(e.geom, $4::int))`,
      [
        suggestions.map((s) => JSON.stringify(s.outline)),
        suggestions.flatMap((s) => s.estateIds),
        suggestions.flatMap((s, k) => s.estateIds.map(() => k + 1)),
        reply.body.srid,
      ],
    );
    expect(outside[0]?.n).toBe(0);
  }, 120_000);
});
