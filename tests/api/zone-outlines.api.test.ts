/**
 * Golden zone outlines (tests/fixtures/zones, made by make-fixtures.ts) on both back-ends, each
 * case's promise checked with PostGIS: estates across a 30 m road get one outline with no hole and
 * no more land than the road; estates 200 m apart are refused as one zone; an L-shaped estate and
 * a courtyard estate keep their shapes (the courtyard its hole); corner-to-corner neighbours get
 * one outline; four estates round a crossroads get the crossing too; six round a park leave it out. The estates lie at 114.3 °E 30.6 °N, another UTM zone than the demo city.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoneApiFeature } from '../../core/contract/index.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { ZONE_FIXTURE_CASES, ZONE_FIXTURE_PROJ } from '../fixtures/zones/make-fixtures.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'zones');

interface Shape {
  parts: number;
  holes: number;
  holeM2: number;
  covers: boolean;
  goldenDiffM2: number | null;
  membersDiffM2: number;
  outlineM2: number;
  membersM2: number;
}

describe.each(testBackends())('zone outlines against golden fixtures (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.close();
  });

  async function createEstates(name: string): Promise<number[]> {
    const collection = JSON.parse(readFileSync(join(FIXTURES, 'in', `${name}.geojson`), 'utf8')) as FeatureCollection<Polygon>;
    const ids: number[] = [];
    for (const feature of collection.features) {
      const reply = await server.request<{ id: number }>('POST', '/api/estates', feature);
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      ids.push(reply.body.id);
    }
    return ids;
  }

  async function shapeOf(zoneId: number, golden: string | null): Promise<Shape> {
    const [row] = await server.db.query<Shape>(
      `WITH z AS (SELECT outline FROM zones WHERE id = $1),
            m AS (SELECT ST_Union(e.geom) AS g FROM zone_estates ze JOIN estates e ON e.id = ze.estate_id WHERE ze.zone_id = $1)
       SELECT (SELECT ST_NumGeometries(outline) FROM z) AS parts,
              (SELECT count(*)::int FROM z, ST_Dump(z.outline) d, generate_series(1, ST_NumInteriorRings(d.geom)) n) AS holes,
              (SELECT COALESCE(sum(ST_Area(ST_MakePolygon(ST_InteriorRingN(d.geom, n))::geography)), 0) FROM z, ST_Dump(z.outline) d, generate_series(1, ST_NumInteriorRings(d.geom)) n) AS "holeM2",
              (SELECT ST_Covers(ST_Buffer(ST_Transform(z.outline, $2::text), 0.01), ST_Transform(m.g, $2::text)) FROM z, m) AS covers,
              (SELECT ST_Area(ST_SymDifference(z.outline, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326))::geography) FROM z WHERE $3::text IS NOT NULL) AS "goldenDiffM2",
              (SELECT ST_Area(ST_SymDifference(z.outline, m.g)::geography) FROM z, m) AS "membersDiffM2",
              (SELECT ST_Area(outline::geography) FROM z) AS "outlineM2",
              (SELECT ST_Area(g::geography) FROM m) AS "membersM2"`,
      [zoneId, ZONE_FIXTURE_PROJ, golden],
    );
    if (!row) throw new Error('no shape');
    return row;
  }

  it.each(Object.keys(ZONE_FIXTURE_CASES))('%s', async (name) => {
    const fixture = ZONE_FIXTURE_CASES[name];
    if (!fixture) throw new Error(`no case ${name}`);
    const estateIds = await createEstates(name);
    const reply = await server.request<ZoneApiFeature & { error?: { code: string } }>('POST', '/api/zones', { name, estateIds });
    if (fixture.refused) {
      expect(reply.status).toBe(422);
      expect(reply.body.error?.code).toBe(fixture.refused);
      expect(existsSync(join(FIXTURES, 'out', `${name}.geojson`))).toBe(false);
      return;
    }
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const golden = readFileSync(join(FIXTURES, 'out', `${name}.geojson`), 'utf8').trim();
    const shape = await shapeOf(reply.body.id, golden);
    // Same outline as the golden file (to rounding), holding every member.
    expect(shape.goldenDiffM2).toBeLessThan(1);
    expect(shape.covers).toBe(true);
    switch (name) {
      case 'road-30m':
        expect([shape.parts, shape.holes]).toEqual([1, 0]);
        // The road between them (30 m × 80 m) is taken in, and nothing beyond it.
        expect(shape.outlineM2).toBeGreaterThan(shape.membersM2 + 2000);
        expect(shape.outlineM2).toBeLessThanOrEqual(shape.membersM2 + 30 * 80 + 1);
        break;
      case 'corner-40m':
        expect([shape.parts, shape.holes]).toEqual([1, 0]);
        break;
      case 'l-shape':
        expect([shape.parts, shape.holes]).toEqual([1, 0]);
        expect(shape.membersDiffM2).toBeLessThan(1);
        break;
      case 'crossroads':
        // The two roads and their crossing (a 230 m × 190 m block less the four estates), nothing more.
        expect([shape.parts, shape.holes]).toEqual([1, 0]);
        expect(shape.outlineM2).toBeGreaterThan(230 * 190 - 1);
        expect(shape.outlineM2).toBeLessThanOrEqual(230 * 190 + 1);
        break;
      case 'around-park':
        // The lanes between the six estates are taken in; the 240 m park they surround is not.
        expect([shape.parts, shape.holes]).toEqual([1, 1]);
        expect(shape.holeM2).toBeGreaterThan(240 * 240 - 1);
        break;
      case 'courtyard':
        expect([shape.parts, shape.holes]).toEqual([1, 1]);
        expect(shape.holeM2).toBeGreaterThan(3590);
        expect(shape.membersDiffM2).toBeLessThan(1);
        break;
      default:
        throw new Error(`no promise written for case ${name}`);
    }
  });
});
