/**
 * Straight-line coverage of a generated city of 10 000 estates and ~35 000 facilities agrees with
 * PostGIS's ST_Distance on geography for every estate and type, on the PostGIS server back-end
 * (the embedded one checks the demo city and far estates in coverage.api.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../core/contract/index.js';
import { FACILITY_TYPE_IDS } from '../../core/facility-catalogue.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { checkCoverageByWindows } from '../helpers/coverage-check.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ESTATES = 10_000;

describe.skipIf(!testBackends().includes('postgres'))('coverage of a 10 000-estate city agrees with PostGIS', () => {
  let work: string;
  let copy: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'atlas-coverage-'));
    execFileSync('npx', ['tsx', 'data/generate-city.ts', '--estates', String(ESTATES), '--out', work], {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    });
    copy = await openTestDb('postgres');
    await loadDemoCity(copy.db, work);
    server = await startTestServer({ db: copy.db, as: 'designer' });
  }, 240_000);
  afterAll(async () => {
    await server.close();
    await copy.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('gives every estate and type the distance PostGIS gives, within 0.5 % or 1 m', async () => {
    const reply = await server.get<CoverageResponse>('/api/coverage?model=euclidean&scope=city');
    expect(reply.status).toBe(200);
    expect(reply.body.estates).toHaveLength(ESTATES);
    expect(await checkCoverageByWindows(copy.db, reply.body)).toBe(ESTATES * FACILITY_TYPE_IDS.length);
  }, 240_000);
});
