/**
 * Walking-network coverage agrees with pgRouting on the PostGIS server back-end, for the demo
 * city: the same graph (every road segment an edge, cost its length on the spheroid), every
 * facility and every estate origin point joined to it where core/network snaps them — the snaps
 * themselves checked against PostGIS's nearest road — and `pgr_withPointsCost` between them, the
 * snap distances added at both ends, the least per estate and type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { checkWalkingCoverageWithPgRouting, distanceToleranceM } from '../helpers/coverage-check.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe.skipIf(!testBackends().includes('postgres'))('walking-network coverage agrees with pgRouting', () => {
  let copy: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    copy = await openTestDb('postgres');
    server = await startTestServer({ db: copy.db, as: 'designer' });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('is the default model when there are roads, and no distance is shorter than the straight line', async () => {
    const walking = await server.get<CoverageResponse>('/api/coverage?scope=city');
    const straight = await server.get<CoverageResponse>('/api/coverage?scope=city&model=euclidean');
    expect(walking.body.model).toBe('network');
    walking.body.estates.forEach((estate, i) => {
      for (const [type, t] of Object.entries(estate.types)) {
        const s = straight.body.estates[i]?.types[type as keyof typeof estate.types];
        if (t?.distanceM != null && s?.distanceM != null)
          expect(t.distanceM).toBeGreaterThanOrEqual(s.distanceM - distanceToleranceM(s.distanceM));
      }
    });
  });

  it('gives every estate and type the walking distance pgRouting gives, within 0.5 % or 1 m', async () => {
    const reply = await server.get<CoverageResponse>('/api/coverage?scope=city&model=network');
    expect(reply.status).toBe(200);
    expect(await checkWalkingCoverageWithPgRouting(copy.db, reply.body)).toBe(reply.body.estates.length * 23);
  }, 240_000);
});
