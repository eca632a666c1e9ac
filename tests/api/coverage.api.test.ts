/**
 * GET /api/coverage on both back-ends: straight-line distances from every estate's gates or
 * boundary to the nearest facility of each type agree with PostGIS (ST_Distance on geography),
 * for the demo city and for estates far from it (Helsinki, another UTM zone; a polygon with a hole
 * and one of two parts); scopes, origins and bad queries.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse, FacilityTypesResponse } from '../../core/contract/index.js';
import type { SiteAnswer } from '../../core/contract/index.js';
import { FACILITY_CATALOGUE, FACILITY_TYPE_IDS } from '../../core/facility-catalogue.js';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createRng } from '../../core/prng.js';
import type { Db } from '../../server/db/index.js';
import { checkCoverageByBruteForce } from '../helpers/coverage-check.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { squareAround } from '../helpers/test-polygons.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HELSINKI = { lng: 24.94, lat: 60.17 };

async function insertEstate(db: Db, name: string, geometry: Polygon | MultiPolygon, households: number): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO estates (name, households, geom) VALUES ($1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326))) RETURNING id`,
    [name, households, JSON.stringify(geometry)],
  );
  return row!.id;
}

async function insertGate(db: Db, estateId: number, lng: number, lat: number): Promise<void> {
  await db.query('INSERT INTO estate_gates (estate_id, geom) VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326))', [estateId, lng, lat]);
}

/** Estates at Helsinki: one with a courtyard (a kindergarten inside the hole is not inside the estate), one of two parts, one with gates. */
async function addFarEstates(db: Db): Promise<{ holed: number; twoParts: number; gated: number }> {
  const outer = squareAround(HELSINKI.lng, HELSINKI.lat, 200).coordinates[0]!;
  const hole = squareAround(HELSINKI.lng, HELSINKI.lat, 80).coordinates[0]!.slice().reverse();
  const holed = await insertEstate(db, '赫尔辛基 有内院', { type: 'Polygon', coordinates: [outer, hole] }, 300);
  const partA = squareAround(HELSINKI.lng + 0.01, HELSINKI.lat + 0.004, 60).coordinates;
  const partB = squareAround(HELSINKI.lng + 0.018, HELSINKI.lat + 0.004, 60).coordinates;
  const twoParts = await insertEstate(db, '赫尔辛基 两块', { type: 'MultiPolygon', coordinates: [partA, partB] }, 200);
  const gated = await insertEstate(db, '赫尔辛基 有门', squareAround(HELSINKI.lng - 0.012, HELSINKI.lat - 0.003, 150), 250);
  const gatedRing = squareAround(HELSINKI.lng - 0.012, HELSINKI.lat - 0.003, 150).coordinates[0]!;
  await insertGate(db, gated, gatedRing[0]![0]!, gatedRing[0]![1]!);
  await insertGate(db, gated, (gatedRing[1]![0]! + gatedRing[2]![0]!) / 2, (gatedRing[1]![1]! + gatedRing[2]![1]!) / 2);
  await db.query(
    `INSERT INTO facilities (type, name, geom) VALUES ('kindergarten', '内院幼儿园', ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
    [HELSINKI.lng, HELSINKI.lat],
  );
  const rng = createRng(60);
  const types = FACILITY_TYPE_IDS.slice(0, 9);
  for (let i = 0; i < 60; i++) {
    const type = types[i % types.length]!;
    await db.query('INSERT INTO facilities (type, name, geom) VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326))', [
      type,
      `Helsinki ${i}`,
      HELSINKI.lng + (rng() - 0.5) * 0.12,
      HELSINKI.lat + (rng() - 0.5) * 0.06,
    ]);
  }
  return { holed, twoParts, gated };
}

describe.each(testBackends())('life-circle coverage on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  let far: { holed: number; twoParts: number; gated: number };
  let gatedDemoEstate: number;

  beforeAll(async () => {
    copy = await openTestDb(backend);
    far = await addFarEstates(copy.db);
    const [demo] = await copy.db.query<{ id: number; lng: number; lat: number }>(
      'SELECT id, ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS lng, ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS lat FROM estates ORDER BY households DESC LIMIT 1',
    );
    gatedDemoEstate = demo!.id;
    await insertGate(copy.db, demo!.id, demo!.lng, demo!.lat);
    server = await startTestServer({ db: copy.db, as: 'designer' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('gives every estate and type the distance PostGIS gives, within 0.5 % or 1 m', async () => {
    const reply = await server.get<CoverageResponse>('/api/coverage?model=euclidean&scope=city');
    expect(reply.status).toBe(200);
    const [{ estates } = { estates: 0 }] = await copy.db.query<{ estates: number }>('SELECT count(*)::int AS estates FROM estates');
    expect(reply.body.estates).toHaveLength(estates);
    const compared = await checkCoverageByBruteForce(copy.db, reply.body);
    expect(compared).toBe(estates * FACILITY_TYPE_IDS.length);
  });

  it('measures from gates when an estate has them, from the boundary otherwise', async () => {
    const reply = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${far.gated}`);
    expect(reply.body.estates.map((e) => [e.id, e.origin])).toEqual([[far.gated, 'gates']]);
    const demo = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${gatedDemoEstate}`);
    expect(demo.body.estates[0]?.origin).toBe('gates');
    const holed = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${far.holed}`);
    expect(holed.body.estates[0]?.origin).toBe('boundary');
    // The kindergarten in the courtyard is 80 m from the estate, not inside it.
    expect(holed.body.estates[0]?.types.kindergarten?.distanceM).toBeGreaterThan(70);
  });

  it('lists as gaps every counted type out of reach, of every tier', async () => {
    const reply = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${far.twoParts}`);
    const estate = reply.body.estates[0]!;
    const outOfReach = Object.entries(estate.types)
      .filter(([, t]) => t && (t.distanceM === null || t.distanceM > t.radiusM))
      .map(([id]) => id);
    expect(estate.gaps).toEqual(outOfReach);
    expect(estate.gaps).toContain('waste_point');
    expect(estate.scorePct).toBeCloseTo((100 * (FACILITY_TYPE_IDS.length - estate.gaps.length)) / FACILITY_TYPE_IDS.length, 6);
  });

  it('weights the shares of a sub-district by its estates’ households', async () => {
    const [sub] = await copy.db.query<{ code: string; households: number }>(
      'SELECT subdistrict_code AS code, sum(households)::int AS households FROM estates WHERE subdistrict_code IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 1',
    );
    const reply = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=subdistrict&id=${sub!.code}`);
    expect(reply.status).toBe(200);
    const kindergarten = reply.body.shares.kindergarten!;
    expect(kindergarten.households).toBe(sub!.households);
    const covered = reply.body.estates.filter((e) => e.types.kindergarten?.covered).reduce((sum, e) => sum + e.households, 0);
    expect(kindergarten.coveredHouseholds).toBe(covered);
    const tier5 = reply.body.estates.filter((e) => !e.gaps.some((g) => reply.body.types.find((t) => t.id === g)?.tier === '5min'));
    expect(reply.body.tiers['5min']?.coveredHouseholds).toBe(tier5.reduce((sum, e) => sum + e.households, 0));
  });

  it('pools a zone: a type is covered when any member reaches it', async () => {
    const planner = await server.as('planner');
    const ids = await copy.db.query<{ id: number }>('SELECT id FROM estates WHERE subdistrict_code IS NOT NULL ORDER BY id LIMIT 2');
    const created = await planner.request<{ properties: { id: number } }>('POST', '/api/zones', {
      name: '覆盖测试片区',
      estateIds: ids.map((r) => r.id),
      splitReason: 'coverage test',
    });
    expect(created.status).toBe(201);
    const reply = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=zone&id=${created.body.properties.id}`);
    expect(reply.status).toBe(200);
    const zone = reply.body.zone!;
    expect(zone.gaps).toEqual(
      reply.body.estates.reduce<string[]>((gaps, e) => gaps.filter((g) => e.gaps.includes(g as never)), [...FACILITY_TYPE_IDS]),
    );
  });

  it('lets an administrator change a type’s radius and whether it counts, and coverage follows', async () => {
    const before = (await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${far.holed}`)).body.estates[0]!;
    const kindergartenM = before.types.kindergarten!.distanceM!;
    expect(before.gaps).toContain('nursery');
    expect((await server.request('PUT', '/api/facility-types/kindergarten', { radiusM: 50, counted: true })).status).toBe(403);
    const admin = await server.as('admin');
    for (const body of [
      { radiusM: 5, counted: true },
      { radiusM: 300 },
      { radiusM: '300', counted: true },
      { radiusM: 300, counted: true, x: 1 },
    ]) {
      expect((await admin.request('PUT', '/api/facility-types/kindergarten', body)).status).toBe(400);
    }
    expect((await admin.request('PUT', '/api/facility-types/swimming_pool', { radiusM: 300, counted: true })).status).toBe(400);
    const shorter = Math.max(10, Math.floor(kindergartenM) - 5);
    const changed = await admin.request<FacilityTypesResponse>('PUT', '/api/facility-types/kindergarten', {
      radiusM: shorter,
      counted: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.types.find((t) => t.id === 'kindergarten')).toMatchObject({ radiusM: shorter, defaultRadiusM: 300 });
    expect((await admin.request('PUT', '/api/facility-types/nursery', { radiusM: 300, counted: false })).status).toBe(200);
    const after = (await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=estate&id=${far.holed}`)).body.estates[0]!;
    expect(after.types.kindergarten).toMatchObject({ radiusM: shorter, covered: false });
    expect(after.gaps).toContain('kindergarten');
    expect(after.gaps).not.toContain('nursery');
    expect(after.types.nursery).toBeUndefined();
    const [audit] = await copy.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'facility_type'");
    expect(audit?.n).toBe(2);
    // Put the catalogue back for the other tests of this file.
    await admin.request('PUT', '/api/facility-types/kindergarten', { radiusM: 300, counted: true });
    await admin.request('PUT', '/api/facility-types/nursery', { radiusM: 300, counted: true });
  });

  it('suggests sites for a kindergarten whose newly covered estates PostGIS confirms, for designers only', async () => {
    const reply = await server.get<SiteAnswer>('/api/coverage/sites?type=kindergarten&k=3&model=euclidean');
    expect(reply.status).toBe(200);
    expect(reply.body.sites.length).toBeGreaterThan(0);
    const taken: number[] = [];
    for (const site of reply.body.sites) {
      // Uncovered: no kindergarten within 300 m of the estate (its gates, else its polygon); reached: the site within 300 m; not taken by an earlier pick.
      const rows = await copy.db.query<{ id: number; households: number }>(
        `WITH o AS (SELECT e.id, e.households, COALESCE((SELECT ST_Collect(g.geom) FROM estate_gates g WHERE g.estate_id = e.id), e.geom)::geography AS geog FROM estates e)
         SELECT o.id, o.households FROM o
         WHERE ST_DWithin(o.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 300)
           AND NOT EXISTS (SELECT 1 FROM facilities f WHERE f.type = 'kindergarten' AND ST_DWithin(o.geog, f.geom::geography, 300))
           AND NOT (o.id = ANY($3::int[]))
         ORDER BY o.id`,
        [site.lng, site.lat, taken],
      );
      expect([...site.estateIds].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
      expect(site.households).toBe(rows.reduce((sum, r) => sum + r.households, 0));
      taken.push(...site.estateIds);
    }
    const households = reply.body.sites.map((s) => s.households);
    expect(households).toEqual([...households].sort((a, b) => b - a));
    expect((await (await server.as('leader')).get('/api/coverage/sites?type=kindergarten')).status).toBe(403);
    for (const query of ['type=pool', 'type=kindergarten&k=0', 'type=kindergarten&k=21', 'k=3', 'type=kindergarten&model=x']) {
      expect({ query, status: (await server.get(`/api/coverage/sites?${query}`)).status }).toEqual({ query, status: 400 });
    }
  });

  it('answers a bad query with 400 and an unknown scope id with 404', async () => {
    for (const query of [
      '',
      'scope=town',
      'scope=estate',
      'scope=estate&id=abc',
      'scope=city&id=1',
      'scope=city&model=bus',
      'scope=city&x=1',
    ]) {
      const reply = await server.get<{ error: { code: string } }>(`/api/coverage?${query}`);
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
    }
    expect((await server.get('/api/coverage?scope=estate&id=999999')).status).toBe(404);
    // Without roads the walking model cannot run: 422, and the default falls back to straight lines.
    await copy.db.query('CREATE TABLE roads_aside AS SELECT * FROM roads');
    await copy.db.query('DELETE FROM roads');
    const noRoads = await server.get<{ error: { code: string } }>(`/api/coverage?scope=estate&id=${far.holed}&model=network`);
    expect([noRoads.status, noRoads.body.error.code]).toEqual([422, 'no_road_network']);
    expect((await server.get<CoverageResponse>(`/api/coverage?scope=estate&id=${far.holed}`)).body.model).toBe('euclidean');
    await copy.db.query('INSERT INTO roads SELECT * FROM roads_aside');
    expect((await server.get<CoverageResponse>(`/api/coverage?scope=estate&id=${far.holed}`)).body.model).toBe('network');
    expect((await server.get('/api/coverage?scope=zone&id=999999')).status).toBe(404);
    expect((await server.get('/api/coverage?scope=subdistrict&id=nowhere')).status).toBe(404);
  });

  it('exports the gap report of a zone and of the city: one row per missing type, as the coverage answer says', async () => {
    const city = await server.get<CoverageResponse>('/api/coverage?model=euclidean&scope=city');
    const csv = await server.raw('/api/coverage/report?model=euclidean&scope=city&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('.csv');
    const parsed = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const gapCount = city.body.estates.reduce((sum, e) => sum + e.gaps.length, 0);
    expect(parsed.length - 1).toBe(gapCount);
    // Every row names an estate's gap with the distance the coverage answer gives (rounded to the metre).
    const byId = new Map(city.body.estates.map((e) => [e.id, e]));
    for (const row of parsed.slice(1, 200)) {
      const estate = byId.get(Number(row[0]))!;
      const gap = estate.gaps.find((g) => row[5]!.startsWith(FACILITY_CATALOGUE.find((t) => t.id === g)!.nameZh));
      expect(gap, row.join(',')).toBeDefined();
      const distance = estate.types[gap!]?.distanceM;
      expect(row[6]).toBe(distance == null ? '' : String(Math.round(distance)));
    }

    const planner = await server.as('planner');
    const members = await copy.db.query<{ id: number }>(
      'SELECT id FROM estates WHERE id NOT IN (SELECT estate_id FROM zone_estates) ORDER BY id DESC LIMIT 2',
    );
    const created = await planner.request<{ id: number }>('POST', '/api/zones', {
      name: '缺项清单片区',
      estateIds: members.map((m) => m.id),
      splitReason: 'gap report test',
    });
    expect(created.status).toBe(201);
    const zoneId = created.body.id;
    {
      const zone = await server.get<CoverageResponse>(`/api/coverage?model=euclidean&scope=zone&id=${zoneId}`);
      const xlsx = await server.raw(`/api/coverage/report?model=euclidean&scope=zone&id=${zoneId}&format=xlsx`);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer,
      );
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['缺项 Gaps', '覆盖率 Shares']);
      const gaps = workbook.worksheets[0]!;
      const rows = gaps.getSheetValues().slice(3).filter(Boolean);
      const expected = zone.body.zone!.gaps.length + zone.body.estates.reduce((sum, e) => sum + e.gaps.length, 0);
      expect(rows).toHaveLength(expected);
      const shares = workbook.worksheets[1]!.getSheetValues().slice(3).filter(Boolean) as unknown[][];
      const kindergarten = shares.find((r) => String(r[1]).startsWith('幼儿园'))!;
      expect(kindergarten[4]).toBe(zone.body.shares.kindergarten!.coveredHouseholds);
    }
    expect((await server.raw('/api/coverage/report?scope=city&format=pdf')).status).toBe(400);
    expect((await server.raw('/api/coverage/report?scope=zone&format=csv')).status).toBe(400);
  });
});
