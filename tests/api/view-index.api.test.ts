/**
 * The areas a map view shows (core/geometry/view-index.ts, the sub-district legend's list) are
 * those PostGIS finds with `ST_Intersects(geom, ST_MakeEnvelope(view))`: the demo city's
 * sub-districts, and real OpenStreetMap residential polygons, under seeded random views.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox as turfBbox } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bbox } from '../../core/geometry/bbox.js';
import { viewIndex, type ViewArea } from '../../core/geometry/view-index.js';
import { createRng } from '../../core/prng.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { REALDATA_AREAS, realdataFile } from '../helpers/realdata.js';

type Outline = Polygon | MultiPolygon;

/** Views over `extent`, from a sliver to more than the whole, in seeded random places. */
function randomViews(extent: Bbox, count: number, seed: number): Bbox[] {
  const random = createRng(seed);
  const [minLng, minLat, maxLng, maxLat] = extent;
  return Array.from({ length: count }, () => {
    const width = (maxLng - minLng) * (0.02 + random() * 0.8);
    const height = (maxLat - minLat) * (0.02 + random() * 0.8);
    const lng = minLng - width / 2 + random() * (maxLng - minLng);
    const lat = minLat - height / 2 + random() * (maxLat - minLat);
    return [lng, lat, lng + width, lat + height];
  });
}

describe.each(testBackends())('areas in a map view against PostGIS on %s', (backend) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(backend);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  /** For each view, the indexes of the outlines ST_Intersects says it meets. */
  async function postgisInView(outlines: readonly Outline[], views: readonly Bbox[]): Promise<number[][]> {
    const rows = await testDb.db.query<{ view: number; area: number }>(
      `SELECT v.i - 1 AS view, a.i - 1 AS area
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(outline, i)
         JOIN jsonb_array_elements($2::jsonb) WITH ORDINALITY AS v(box, i)
           ON ST_Intersects(
                ST_SetSRID(ST_GeomFromGeoJSON(a.outline), 4326),
                ST_MakeEnvelope((v.box->>0)::float8, (v.box->>1)::float8, (v.box->>2)::float8, (v.box->>3)::float8, 4326))
        ORDER BY 1, 2`,
      [JSON.stringify(outlines), JSON.stringify(views)],
    );
    return views.map((_, view) => rows.filter((row) => Number(row.view) === view).map((row) => Number(row.area)));
  }

  async function expectSameAsPostgis(outlines: readonly Outline[], views: readonly Bbox[]): Promise<number> {
    const areas: ViewArea<number>[] = outlines.map((outline, i) => ({ value: i, bbox: turfBbox(outline).slice(0, 4) as Bbox, outline }));
    const index = viewIndex(areas);
    const expected = await postgisInView(outlines, views);
    let found = 0;
    views.forEach((view, i) => {
      const { nearest, count } = index.inView(view, Infinity);
      expect(
        [...nearest].sort((a, b) => a - b),
        `view ${view.join(',')}`,
      ).toEqual(expected[i]);
      expect(count).toBe(expected[i]!.length);
      found += count;
    });
    return found;
  }

  it('finds the demo city’s sub-districts that ST_Intersects finds in 60 views', async () => {
    const rows = await testDb.db.query<{ outline: MultiPolygon }>(
      'SELECT ST_AsGeoJSON(geom)::json AS outline FROM subdistricts ORDER BY code',
    );
    expect(rows.length).toBeGreaterThan(5);
    const outlines = rows.map((row) => row.outline);
    const extent = turfBbox({ type: 'GeometryCollection', geometries: outlines }).slice(0, 4) as Bbox;
    const found = await expectSameAsPostgis(outlines, randomViews(extent, 60, 20181));
    expect(found).toBeGreaterThan(60);
  });

  it.each(REALDATA_AREAS)('finds the real %s residential polygons that ST_Intersects finds in 60 views', async (area) => {
    const collection = JSON.parse(readFileSync(realdataFile(area, 'residential_landuse'), 'utf8')) as FeatureCollection;
    const outlines = collection.features
      .map((f) => f.geometry)
      .filter((g): g is Outline => g.type === 'Polygon' || g.type === 'MultiPolygon');
    const extent = turfBbox(collection).slice(0, 4) as Bbox;
    const found = await expectSameAsPostgis(outlines, randomViews(extent, 60, 7));
    expect(found).toBeGreaterThan(30);
  });
});
