import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiProperties, EstateSummary } from '../../core/contract/index.js';
import fc from 'fast-check';
import type { EstateApiFeature } from '../../client/src/api/types.js';
import { EMPTY_ATLAS_FILTER, filterEstates, YES_NO, type AtlasFilter } from '../../client/src/state/atlas-filter.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

type EstateCollection = FeatureCollection<MultiPolygon, EstateApiProperties>;
type ErrorBody = { error: { code: string; message: string } };

describe.each(testBackends())('estates API on %s', (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ backend });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reports health with the back-end and the PostGIS version', async () => {
    const { status, body } = await api.get<{ status: string; db: { backend: string; postgis: string } }>('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.db.backend).toBe(backend);
    expect(body.db.postgis).toMatch(/^3\.\d+/);
  });

  it('totals the demo city exactly as the published survey (117 / 435 000 m² / 8 593 / 70 / 18)', async () => {
    const { status, body } = await api.get<EstateSummary>('/api/summary');
    expect(status).toBe(200);
    expect(body).toMatchObject({ estates: 117, floorAreaM2: 435_000, households: 8_593, eligible: 70, urgent: 18 });
    expect(body.buildings).toBeGreaterThan(117);
  });

  it('returns every estate as a MultiPolygon feature with its ledger fields', async () => {
    const { status, body } = await api.get<EstateCollection>('/api/estates');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(117);
    for (const feature of body.features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      expect(typeof feature.id).toBe('number');
      expect(feature.properties.name.length).toBeGreaterThan(0);
      expect(feature.properties.subdistrict?.length).toBeGreaterThan(0);
      if (feature.properties.urgent) expect(feature.properties.eligible).toBe(true);
    }
  });

  it('computes plausible land areas in PostGIS (500 m² to 20 ha) that agree with a spherical estimate', async () => {
    const { body } = await api.get<EstateCollection>('/api/estates');
    for (const feature of body.features) {
      const { landAreaM2, name } = feature.properties;
      expect(landAreaM2, name).toBeGreaterThanOrEqual(500);
      expect(landAreaM2, name).toBeLessThanOrEqual(200_000);
      // Turf's spherical area and PostGIS's spheroidal area differ by well under 1 % at this latitude.
      expect(Math.abs(turfArea(feature) - landAreaM2) / landAreaM2, name).toBeLessThan(0.01);
    }
  });

  it('has no two estates overlapping (every pairwise ST_Intersection has zero area)', async () => {
    const rows = await api.db.query<{ a: number; b: number; overlap_m2: number }>(
      `SELECT a.id AS a, b.id AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS overlap_m2
       FROM estates a JOIN estates b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
       WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0`,
    );
    expect(rows).toEqual([]);
    const [valid] = await api.db.query<{ invalid: number }>(
      'SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid FROM estates',
    );
    expect(valid?.invalid).toBe(0);
  });

  /** Ids of the estates the ledger rule makes eligible, counted by PostGIS: an override wins, else built in or before `cutoffYear`. */
  async function eligibleIdsInSql(cutoffYear: number): Promise<number[]> {
    const rows = await api.db.query<{ id: number }>(
      `SELECT id FROM estates
       WHERE CASE WHEN eligibility_override IS NOT NULL THEN eligibility_override
                  ELSE year_built IS NOT NULL AND year_built <= $1 END
       ORDER BY id`,
      [cutoffYear],
    );
    return rows.map((r) => r.id);
  }

  function eligibleIds(features: EstateCollection['features']): number[] {
    return features
      .filter((f) => f.properties.eligible)
      .map((f) => Number(f.id))
      .sort((a, b) => a - b);
  }

  it('marks as eligible exactly the estates SQL finds built in or before the cutoff year (2000 by default)', async () => {
    const expected = await eligibleIdsInSql(2000);
    expect(expected).toHaveLength(70);
    const { body } = await api.get<EstateCollection>('/api/estates');
    expect(eligibleIds(body.features)).toEqual(expected);
    expect((await api.get<EstateSummary>('/api/summary')).body.eligible).toBe(expected.length);
  });

  it('moves the line with ELIGIBILITY_CUTOFF_YEAR and lets an override win over the year', async () => {
    const [old, recent] = await api.db.query<{ id: number }>(
      `(SELECT id FROM estates WHERE year_built <= 1990 ORDER BY id LIMIT 1)
       UNION ALL (SELECT id FROM estates WHERE year_built > 2000 ORDER BY id LIMIT 1)`,
    );
    if (!old || !recent) throw new Error('the demo city needs an estate built by 1990 and one after 2000');
    const strict = await startTestServer({ db: api.db, env: { ELIGIBILITY_CUTOFF_YEAR: '1995' } });
    await api.db.query(`UPDATE estates SET eligibility_override = (id = $2), eligibility_override_reason = '测试' WHERE id IN ($1, $2)`, [
      old.id,
      recent.id,
    ]);
    try {
      const expected = await eligibleIdsInSql(1995);
      expect(expected).toContain(recent.id);
      expect(expected).not.toContain(old.id);
      expect(expected.length).toBeLessThan(70);
      expect(eligibleIds((await strict.get<EstateCollection>('/api/estates')).body.features)).toEqual(expected);
      expect((await strict.get<EstateSummary>('/api/summary')).body.eligible).toBe(expected.length);
    } finally {
      await api.db.query('UPDATE estates SET eligibility_override = NULL, eligibility_override_reason = NULL WHERE id IN ($1, $2)', [
        old.id,
        recent.id,
      ]);
      await strict.close();
    }
  });

  it('returns for a bounding box exactly the estates PostGIS finds with geom && ST_MakeEnvelope, which include every one ST_Intersects finds', async () => {
    const [extent] = await api.db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT ST_Extent(geom)::geometry AS e FROM estates) AS x`,
    );
    if (!extent) throw new Error('no estates');
    // The south-west third of the city: edges cut through estates, so && and ST_Intersects may differ.
    const bbox = [extent.xmin, extent.ymin, extent.xmin + (extent.xmax - extent.xmin) / 3, extent.ymin + (extent.ymax - extent.ymin) / 3];
    const [byBox, byShape] = await Promise.all(
      ['geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)', 'ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))'].map(
        async (condition) =>
          (await api.db.query<{ id: number }>(`SELECT id FROM estates WHERE ${condition} ORDER BY id`, bbox)).map((r) => r.id),
      ),
    );
    const { status, body } = await api.get<EstateCollection>(`/api/estates?bbox=${bbox.join(',')}`);
    expect(status).toBe(200);
    const returned = body.features.map((f) => Number(f.id)).sort((a, b) => a - b);
    expect(returned).toEqual(byBox);
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.length).toBeLessThan(117);
    expect(returned).toEqual(expect.arrayContaining(byShape ?? []));
  });

  it('filters estates and totals by sub-district, by code or by name', async () => {
    const subdistricts = (await api.get<FeatureCollection>('/api/subdistricts')).body.features;
    const sub = subdistricts[0]?.properties as { code: string; name: string; estates: number; households: number };
    const byCode = await api.get<EstateCollection>(`/api/estates?subdistrict=${sub.code}`);
    const byName = await api.get<EstateCollection>(`/api/estates?subdistrict=${encodeURIComponent(sub.name)}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.features.length).toBe(sub.estates);
    expect(byName.body.features.map((f) => f.id)).toEqual(byCode.body.features.map((f) => f.id));
    for (const f of byCode.body.features) expect(f.properties.subdistrictCode).toBe(sub.code);
    const summary = await api.get<EstateSummary>(`/api/summary?subdistrict=${sub.code}`);
    expect(summary.body.estates).toBe(sub.estates);
    expect(summary.body.households).toBe(byCode.body.features.reduce((sum, f) => sum + (f.properties.households ?? 0), 0));
  });

  it('answers for the atlas filter the estates and totals the map passes (sub-districts, eligibility, urgency, years, search)', async () => {
    const all = (await api.get<{ features: EstateApiFeature[] }>('/api/estates')).body.features;
    const codes = [...new Set(all.map((f) => f.properties.subdistrictCode ?? ''))];
    // Search needles taken from the ledger's own text, in either case, and one nothing contains.
    const needles = [
      ...all.slice(0, 5).flatMap((f) => [f.properties.name.slice(1, 3), f.properties.code?.slice(-3).toUpperCase() ?? '']),
      'zzz未有',
    ];
    const yesNo = fc.subarray([...YES_NO]);
    const year = fc.option(fc.integer({ min: 1975, max: 2010 }), { nil: null });
    const sides = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          subdistrictCodes: fc.subarray([...codes, 'S99']),
          eligible: yesNo,
          urgent: yesNo,
          yearFrom: year,
          yearTo: year,
          search: fc.oneof(fc.constant(''), fc.constantFrom(...needles)),
        }),
        async (restriction) => {
          const filter: AtlasFilter = { ...EMPTY_ATLAS_FILTER, ...restriction };
          const query = new URLSearchParams();
          if (filter.subdistrictCodes.length > 0) query.set('subdistrictCodes', filter.subdistrictCodes.join(','));
          if (filter.eligible.length > 0) query.set('eligible', filter.eligible.join(','));
          if (filter.urgent.length > 0) query.set('urgent', filter.urgent.join(','));
          if (filter.yearFrom !== null) query.set('yearFrom', String(filter.yearFrom));
          if (filter.yearTo !== null) query.set('yearTo', String(filter.yearTo));
          if (filter.search !== '') query.set('search', filter.search);
          const expected = filterEstates(all, filter);
          const listed = await api.get<EstateCollection>(`/api/estates?${query}`);
          expect(listed.status).toBe(200);
          expect(listed.body.features.map((f) => f.id).sort((a, b) => Number(a) - Number(b))).toEqual(
            expected.map((f) => f.id).sort((a, b) => Number(a) - Number(b)),
          );
          const summary = await api.get<EstateSummary>(`/api/summary?${query}`);
          expect(summary.body.estates).toBe(expected.length);
          expect(summary.body.households).toBe(expected.reduce((sum, f) => sum + (f.properties.households ?? 0), 0));
          // What a tiled map fades by: the shorter of the estates kept and those left out.
          const keptIds = expected.map((f) => Number(f.id)).sort((a, b) => a - b);
          const kept = new Set(keptIds);
          const fadedIds = all
            .map((f) => Number(f.id))
            .filter((id) => !kept.has(id))
            .sort((a, b) => a - b);
          const matching = await api.get<{ lists: string; ids: number[] }>(`/api/estates/matching?${query}`);
          expect(matching.status).toBe(200);
          expect(matching.body).toEqual(
            keptIds.length <= fadedIds.length ? { lists: 'kept', ids: keptIds } : { lists: 'faded', ids: fadedIds },
          );
          sides.add(matching.body.lists);
        },
      ),
      { seed: 7, numRuns: 40 },
    );
    // A filter keeping most estates lists those it leaves out: here the estates without a known year.
    const wide = await api.get<{ lists: string; ids: number[] }>('/api/estates/matching?yearFrom=1900');
    const unknownYear = all
      .filter((f) => filterEstates([f], { ...EMPTY_ATLAS_FILTER, yearFrom: 1900 }).length === 0)
      .map((f) => Number(f.id));
    expect(wide.body).toEqual({ lists: 'faded', ids: unknownYear.sort((a, b) => a - b) });
    sides.add(wide.body.lists);
    expect((await api.get('/api/estates/matching')).body).toEqual({ lists: 'faded', ids: [] });
    expect([...sides].sort()).toEqual(['faded', 'kept']);
    // One by hand: a sub-district's estates and those without one.
    const code = codes.find((c) => c !== '')!;
    const both = await api.get<EstateSummary>(`/api/summary?subdistrictCodes=${code},`);
    expect(both.body.estates).toBe(
      all.filter((f) => (f.properties.subdistrictCode ?? '') === code || f.properties.subdistrictCode === null).length,
    );
  });

  it('honours limit', async () => {
    const { body } = await api.get<EstateCollection>('/api/estates?limit=5');
    expect(body.features).toHaveLength(5);
  });

  it.each([
    ['-households', 'e.households DESC'],
    ['yearBuilt', 'e.year_built ASC'],
    ['name', 'e.name ASC'],
    ['-subdistrict', 's.name DESC'],
    ['floorAreaM2', 'e.floor_area_m2 ASC'],
  ])('pages the ledger by %s in the order PostgreSQL sorts %s (unknown last, ties by id), filter included', async (sort, orderSql) => {
    // A few unknown values, so "unknown last" is tested whichever way the column sorts.
    const saved = await api.db.query<{ id: number; households: number | null; floor_area_m2: number | null }>(
      'SELECT id, households, floor_area_m2 FROM estates ORDER BY id DESC LIMIT 3',
    );
    await api.db.query('UPDATE estates SET households = NULL, floor_area_m2 = NULL WHERE id = ANY($1::int[])', [saved.map((r) => r.id)]);
    try {
      const expected = (
        await api.db.query<{ id: number }>(
          `SELECT e.id FROM estates e LEFT JOIN subdistricts s ON s.code = e.subdistrict_code
            WHERE e.urgent IS NOT TRUE ORDER BY ${orderSql} NULLS LAST, e.id`,
        )
      ).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(60);
      const pageRows = 40;
      const paged: number[] = [];
      for (let offset = 0; offset < expected.length; offset += pageRows) {
        const { status, body } = await api.get<EstateCollection>(`/api/estates?urgent=no&sort=${sort}&offset=${offset}&limit=${pageRows}`);
        expect(status).toBe(200);
        expect(body.features.length).toBe(Math.min(pageRows, expected.length - offset));
        paged.push(...body.features.map((f) => Number(f.id)));
      }
      expect(paged).toEqual(expected);
      const beyond = await api.get<EstateCollection>(`/api/estates?urgent=no&sort=${sort}&offset=${expected.length}&limit=${pageRows}`);
      expect(beyond.body.features).toEqual([]);
    } finally {
      // Put back the seed's values (the demo totals are checked above).
      for (const row of saved)
        await api.db.query('UPDATE estates SET households = $2, floor_area_m2 = $3 WHERE id = $1', [
          row.id,
          row.households,
          row.floor_area_m2,
        ]);
    }
  });

  it('returns one estate by id and 404 with a JSON error for an absent one', async () => {
    const list = await api.get<EstateCollection>('/api/estates?limit=1');
    const id = list.body.features[0]?.id;
    const one = await api.get<{ id: number; properties: EstateApiProperties }>(`/api/estates/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(id);
    const missing = await api.get<ErrorBody>('/api/estates/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(missing.body.error.message).toContain('999999');
  });

  it.each([
    ['/api/estates?bbox=1,2,3', 'bbox', '4 comma-separated'],
    ['/api/estates?bbox=109,95,110,96', 'bbox', 'latitude 95'],
    ['/api/estates?bbox=a,b,c,d', 'bbox', 'not a number'],
    ['/api/estates?bbox=110,24,109,25', 'bbox', 'greater than maxLng'],
    ['/api/estates?limit=abc', 'limit', 'whole number'],
    ['/api/estates?limit=0', 'limit', 'at least 1'],
    ['/api/estates?offset=-1', 'offset', 'whole number'],
    ['/api/estates?sort=colour', 'sort', 'ledger field'],
    ['/api/estates?sort=--name', 'sort', 'ledger field'],
    ['/api/estates?subdistrict=不存在街道', 'subdistrict', 'unknown subdistrict'],
    ['/api/summary?district=nowhere', 'district', 'unknown district'],
    ['/api/estates?subdistrct=x', 'subdistrct', 'Unknown property'],
    ['/api/estates/abc', 'id', 'positive whole number'],
    ['/api/summary?eligible=maybe', 'eligible', 'yes, no'],
    ['/api/estates/matching?eligible=maybe', 'eligible', 'yes, no'],
    ['/api/estates/matching?colour=red', 'colour', 'colour'],
    ['/api/summary?urgent=yes,no,yes', 'urgent', '2'],
    ['/api/summary?yearFrom=19x0', 'yearFrom', 'year'],
    [`/api/estates?search=${'x'.repeat(201)}`, 'search', '200'],
    ['/api/facilities?type=casino', 'type', 'unknown facility type'],
  ])('rejects %s with 400 saying what is wrong', async (path, field, phrase) => {
    const { status, body } = await api.get<ErrorBody>(encodeURI(path));
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain(field);
    expect(body.error.message).toContain(phrase);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { status, body } = await api.get<ErrorBody>('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
