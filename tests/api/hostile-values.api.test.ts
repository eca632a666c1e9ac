/**
 * Issue 7, items 4 and 5: values that pass the request's shape but used to fail inside PostgreSQL
 * (a 500) or be stored wrongly. Every hostile request must be refused with a 4xx and a problem
 * code, change nothing, and /api/imports/validate must agree with the commit. Areas are checked
 * against PostGIS (ST_Area of the geography), never against the code under test.
 */
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature } from '../../core/contract/index.js';
import { findFreeSpots, type FreeSpot } from '../helpers/free-spots.js';
import { testBackends } from '../helpers/test-db.js';
import { squareAround, WHOLE_WORLD } from '../helpers/test-polygons.js';
import { startTestServer, type Reply, type TestServer } from '../helpers/test-server.js';

type Problem = { code: string; message: string; params: Record<string, unknown> };
type RowReport = { index: number; landAreaM2: number | null; problems: Problem[] };
type ErrorBody = { error: { code: string; message: string; params: Record<string, unknown>; details?: unknown } };

const LAYER = { name: '敌意测试', fileName: 'hostile.geojson', format: 'geojson', sourceCrs: 'wgs84' } as const;

/** A polygon ring with one position replaced, for coordinate cases. */
function withPosition(polygon: Polygon, position: unknown): unknown {
  const ring = polygon.coordinates[0] ?? [];
  return { type: 'Polygon', coordinates: [[ring[0], position, ...ring.slice(2)]] };
}

/** A square of `sideDeg` degrees with its south-west corner at [lng, lat]. */
function degreeSquare(lng: number, lat: number, sideDeg: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + sideDeg, lat],
        [lng + sideDeg, lat + sideDeg],
        [lng, lat + sideDeg],
        [lng, lat],
      ],
    ],
  };
}

describe.each(testBackends())('hostile values on %s', (backend) => {
  let api: TestServer;
  const spots: FreeSpot[] = [];
  let existing: EstateApiFeature;

  function call<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return api.request<T>(method, path, body);
  }

  function spot(k: number): FreeSpot {
    const found = spots[k];
    if (!found) throw new Error(`need free spot ${k}; found only ${spots.length}`);
    return found;
  }

  function square(k: number, halfSideM = 30): Polygon {
    return squareAround(spot(k).lng, spot(k).lat, halfSideM);
  }

  async function fingerprint(): Promise<{ estates: number; maxVersion: number; layers: number; checksum: string }> {
    const [row] = await api.db.query<{ estates: number; maxVersion: number; layers: number; checksum: string }>(
      `SELECT count(*)::int AS estates, COALESCE(max(version), 0)::int AS "maxVersion",
              (SELECT count(*)::int FROM import_layers) AS layers,
              md5(COALESCE(string_agg(id || ':' || version || ':' || ST_AsText(geom), ',' ORDER BY id), '')) AS checksum
       FROM estates`,
    );
    if (!row) throw new Error('no fingerprint');
    return row;
  }

  /** Sends a request that must be refused with `status` and checks that nothing changed. */
  async function refused(method: string, path: string, body: unknown, status: number): Promise<ErrorBody['error']> {
    const before = await fingerprint();
    const reply = await call<ErrorBody>(method, path, body);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(status);
    expect(await fingerprint()).toEqual(before);
    return reply.body.error;
  }

  async function postgisAreaM2(geometry: unknown): Promise<number> {
    const [row] = await api.db.query<{ area: number }>('SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) AS area', [
      JSON.stringify(geometry),
    ]);
    return row?.area ?? Number.NaN;
  }

  /** Validate and commit agree: validate's problem codes for the row, and a refused commit that changes nothing. */
  async function importRefused(feature: unknown): Promise<string[]> {
    const validated = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: [feature] });
    expect(validated.status, JSON.stringify(validated.body).slice(0, 500)).toBe(200);
    const codes = (validated.body.rows[0]?.problems ?? []).map((p) => p.code);
    expect(codes.length, 'validate must flag the row').toBeGreaterThan(0);
    const error = await refused('POST', '/api/imports', { layer: LAYER, features: [feature] }, 422);
    expect(error.code).toBe('import_rejected');
    return codes;
  }

  beforeAll(async () => {
    api = await startTestServer({ backend });
    spots.push(...(await findFreeSpots(api.db, 77)));
    const created = await call<EstateApiFeature>('POST', '/api/estates', {
      type: 'Feature',
      geometry: square(0),
      properties: { name: '靶子小区', households: 100 },
    });
    expect(created.status).toBe(201);
    existing = created.body;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('ledger values the database would refuse', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['households beyond int4', { households: 3_000_000_000 }, 'too_big'],
      ['buildings of 2^31', { buildings: 2 ** 31 }, 'too_big'],
      ['a NUL in the name', { name: 'a\u0000b' }, 'unsafe_text'],
      ['a NUL in the notes', { notes: '\u0000' }, 'unsafe_text'],
      ['a lone high surrogate in the address', { address: 'x\uD800y' }, 'unsafe_text'],
      ['a lone low surrogate in the code', { code: '\uDC00' }, 'unsafe_text'],
      ['a NUL in a unit code', { subdistrictCode: 'S\u0000' }, 'unsafe_text'],
      ['a code longer than its limit', { code: 'c'.repeat(65) }, 'too_long'],
    ];

    it.each(cases)('refuses %s on create (400) and stores nothing', async (_label, properties, code) => {
      const error = await refused(
        'POST',
        '/api/estates',
        { type: 'Feature', geometry: square(1), properties: { name: '新建', ...properties } },
        400,
      );
      expect(JSON.stringify(error.details)).toContain(code);
    });

    it.each(cases)('refuses %s on update (400) and changes nothing', async (_label, properties, code) => {
      const error = await refused('PATCH', `/api/estates/${existing.id}`, { version: existing.properties.version, properties }, 400);
      expect(JSON.stringify(error.details)).toContain(code);
    });

    it.each(cases)('flags %s in import validate and refuses it on commit', async (_label, properties) => {
      const codes = await importRefused({ type: 'Feature', geometry: square(2), properties: { name: '导入', ...properties } });
      expect(codes).toContain('invalid_field');
    });

    it('keeps a lone surrogate in a refused row name or unknown key from reaching PostgreSQL', async () => {
      const rows = [
        { type: 'Feature', geometry: square(2), properties: { name: '\uD800', households: -1 } },
        { type: 'Feature', geometry: square(3), properties: { name: 'ok', '\uD800': 1 } },
        { type: 'Feature', geometry: { type: 'Polygon\u0000', coordinates: [] }, properties: { name: 'x' } },
        { type: 'Feature', geometry: square(4), properties: { name: 'a\u0000' } },
      ];
      const validated = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: rows });
      expect(validated.status, JSON.stringify(validated.body).slice(0, 500)).toBe(200);
      for (const report of validated.body.rows) expect(report.problems.length, `row ${report.index}`).toBeGreaterThan(0);
      await refused('POST', '/api/imports', { layer: LAYER, features: rows }, 422);
    });

    it('accepts the largest allowed count and a text at its limit, and commits what validate calls fine', async () => {
      const feature = {
        type: 'Feature',
        geometry: square(5),
        properties: { name: 'n'.repeat(200), code: 'c'.repeat(64), households: 10_000_000, buildings: 0, notes: '😀 emoji pairs are fine' },
      };
      const validated = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: [feature] });
      expect(validated.body.rows[0]?.problems).toEqual([]);
      const committed = await call<{ ids: number[] }>('POST', '/api/imports', { layer: LAYER, features: [feature] });
      expect(committed.status, JSON.stringify(committed.body).slice(0, 500)).toBe(201);
      const [stored] = await api.db.query<{ households: number; notes: string }>('SELECT households, notes FROM estates WHERE id = $1', [
        committed.body.ids[0] ?? null,
      ]);
      expect(stored).toEqual({ households: 10_000_000, notes: '😀 emoji pairs are fine' });
    });
  });

  describe('query values', () => {
    const bad = [
      '/api/estates?district=%00',
      '/api/estates?subdistrict=a%00b',
      '/api/summary?district=%00',
      '/api/estates?district=%ED%A0%80',
      '/api/estates?limit=99999999999999999999',
      '/api/estates?bbox=0,0,1e400,1',
      '/api/estates?bbox=-200,0,1,1',
      '/api/estates/99999999999',
      '/api/facilities?bbox=0,0,1,%00',
    ];
    it.each(bad)('answers %s with a 400', async (path) => {
      const reply = await call<ErrorBody>('GET', path);
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(400);
    });
  });

  describe('validate agrees with commit on random hostile rows', () => {
    /** Any UTF-16 unit, so lone surrogates and NULs turn up. */
    const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 12 });
    const anyValue = fc.oneof(
      anyText,
      fc.integer(),
      fc.constantFrom(2 ** 31, 3_000_000_000, -1, 1e308, 0.5, null, true),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const position = fc.oneof(
      fc.constant<unknown>(null),
      fc.tuple(anyValue, anyValue),
      fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })),
    );

    it('never answers 5xx, flags every row commit refuses, and commits every row validate calls fine', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            name: fc.oneof(anyText, fc.constant('随机小区')),
            code: fc.option(anyText),
            households: anyValue,
            notes: fc.option(anyText),
            willingnessPct: fc.option(anyValue),
          }),
          fc.oneof(fc.constant<unknown>('square'), position),
          fc.integer({ min: 15, max: 60 }),
          async (properties, corner, halfSideM) => {
            const base = squareAround(spot(15 % spots.length).lng, spot(15 % spots.length).lat, halfSideM);
            const geometry = corner === 'square' ? base : withPosition(base, corner);
            const feature = { type: 'Feature', geometry, properties };
            const validated = await call<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: [feature] });
            expect(validated.status).toBe(200);
            const fine = validated.body.rows[0]?.problems.length === 0;
            const before = await fingerprint();
            const committed = await call<ErrorBody>('POST', '/api/imports', { layer: LAYER, features: [feature] });
            expect(committed.status, JSON.stringify(committed.body).slice(0, 300)).toBe(fine ? 201 : 422);
            if (!fine) expect(await fingerprint()).toEqual(before);
          },
        ),
        { numRuns: 40, seed: 7 },
      );
    });
  });

  describe('other request bodies', () => {
    it.each([
      ['a NUL in the layer name', { ...LAYER, name: 'a\u0000' }],
      ['a lone surrogate in the file name', { ...LAYER, fileName: '\uD800.geojson' }],
    ])('refuses an import with %s (400) and writes nothing', async (_label, layer) => {
      await refused(
        'POST',
        '/api/imports',
        { layer, features: [{ type: 'Feature', geometry: square(5), properties: { name: '层' } }] },
        400,
      );
    });

    it.each([
      ['an id beyond int4', { format: 'csv', ids: [3_000_000_000] }],
      ['a NUL in the district', { format: 'csv', district: '\u0000' }],
    ])('refuses an export of %s with 400', async (_label, body) => {
      const reply = await call<ErrorBody>('POST', '/api/export', body);
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(400);
    });
  });

  describe('geometries', () => {
    const coordinateCases: [string, unknown][] = [
      ['a null coordinate pair', null],
      ['null numbers', [null, null]],
      ['string numbers', ['109.4', '24.3']],
      ['booleans', [true, false]],
      ['one number', [109.4]],
      ['four numbers', [109.4, 24.3, 0, 0]],
      ['an object', { lng: 109.4, lat: 24.3 }],
    ];

    it.each(coordinateCases)(
      'refuses a ring position of %s (422 invalid_coordinates) on create, update and import',
      async (_l, position) => {
        const geometry = withPosition(square(6), position);
        const created = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '坏坐标' } }, 422);
        expect(created.code).toBe('invalid_coordinates');
        const updated = await refused('PATCH', `/api/estates/${existing.id}`, { version: existing.properties.version, geometry }, 422);
        expect(updated.code).toBe('invalid_coordinates');
        expect(await importRefused({ type: 'Feature', geometry, properties: { name: '坏坐标' } })).toContain('invalid_coordinates');
      },
    );

    it('refuses coordinates outside longitude/latitude', async () => {
      const geometry = degreeSquare(179.9999, 24, 0.001);
      const error = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '出界' } }, 422);
      expect(error.code).toBe('coordinates_out_of_range');
      expect(await importRefused({ type: 'Feature', geometry, properties: { name: '出界' } })).toContain('coordinates_out_of_range');
    });

    it('refuses an unclosed ring with 422 on both back-ends', async () => {
      const ring = square(6).coordinates[0] ?? [];
      const geometry = { type: 'Polygon', coordinates: [ring.slice(0, 4)] };
      const error = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '未闭合' } }, 422);
      expect(error.code).toBe('unclosed_ring');
      expect(await importRefused({ type: 'Feature', geometry, properties: { name: '未闭合' } })).toContain('unclosed_ring');
    });

    it('refuses the whole world with 422 and the reason, not a 500 from PostGIS', async () => {
      const error = await refused('POST', '/api/estates', { type: 'Feature', geometry: WHOLE_WORLD, properties: { name: '全世界' } }, 422);
      // PostGIS cannot measure it on the spheroid; the refusal carries PostGIS's reason.
      expect(error.code).toBe('invalid_geometry');
      expect(error.message).toContain('Antipodal');
      const patched = await refused(
        'PATCH',
        `/api/estates/${existing.id}`,
        { version: existing.properties.version, geometry: WHOLE_WORLD },
        422,
      );
      expect(patched.code).toBe('invalid_geometry');
      expect(await importRefused({ type: 'Feature', geometry: WHOLE_WORLD, properties: { name: '全世界' } })).toEqual(['invalid_geometry']);
    });

    it('refuses a sliver below the minimum area, giving the area PostGIS measures', async () => {
      const geometry = degreeSquare(spot(7).lng, spot(7).lat, 1e-9);
      const error = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '细条' } }, 422);
      expect(error.code).toBe('area_too_small');
      expect(Number(error.params.areaM2)).toBeCloseTo(await postgisAreaM2(geometry), 2);
      expect(error.params.minimumM2).toBe(20);
      expect(await importRefused({ type: 'Feature', geometry, properties: { name: '细条' } })).toContain('area_too_small');
    });

    it('refuses a 64 000 km² polygon, giving the area PostGIS measures', async () => {
      const geometry = degreeSquare(108, 22, 2.5);
      const areaM2 = await postgisAreaM2(geometry);
      expect(areaM2).toBeGreaterThan(5e6);
      const error = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '巨大' } }, 422);
      expect(error.code).toBe('area_too_large');
      expect(Number(error.params.areaM2)).toBeCloseTo(areaM2, -2);
      expect(error.message).toContain('m²');
      const patched = await refused('PATCH', `/api/estates/${existing.id}`, { version: existing.properties.version, geometry }, 422);
      expect(patched.code).toBe('area_too_large');
      expect(await importRefused({ type: 'Feature', geometry, properties: { name: '巨大' } })).toContain('area_too_large');
    });

    it('accepts an estate just inside the area bounds, as PostGIS measures it', async () => {
      const geometry = squareAround(spot(8).lng, spot(8).lat, 3);
      expect(await postgisAreaM2(geometry)).toBeGreaterThan(20);
      const created = await call<EstateApiFeature>('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '小而合规' } });
      expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    });

    const otherCrs: [string, unknown][] = [
      ['EPSG:3857', { type: 'name', properties: { name: 'EPSG:3857' } }],
      ['a CGCS2000 Gauss-Krüger zone', { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } }],
      ['a linked crs', { type: 'link', properties: { href: 'http://example.com/crs', type: 'proj4' } }],
      ['a string', 'EPSG:3857'],
    ];

    it.each(otherCrs)('refuses a geometry declaring %s (422 unsupported_crs) on create, update and import', async (_l, crs) => {
      const geometry = { ...square(9), crs };
      const created = await refused('POST', '/api/estates', { type: 'Feature', geometry, properties: { name: '坐标系' } }, 422);
      expect(created.code).toBe('unsupported_crs');
      const feature = { type: 'Feature', crs, geometry: square(9), properties: { name: '坐标系' } };
      expect((await refused('POST', '/api/estates', feature, 422)).code).toBe('unsupported_crs');
      const updated = await refused('PATCH', `/api/estates/${existing.id}`, { version: existing.properties.version, geometry }, 422);
      expect(updated.code).toBe('unsupported_crs');
      expect(await importRefused({ type: 'Feature', geometry, properties: { name: '坐标系' } })).toContain('unsupported_crs');
    });

    it.each(['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326', 'CRS84'])(
      'accepts a geometry declaring %s',
      async (name) => {
        const k = 10 + ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326', 'CRS84'].indexOf(name);
        const geometry = { ...square(k), crs: { type: 'name', properties: { name } } };
        const created = await call<EstateApiFeature>('POST', '/api/estates', {
          type: 'Feature',
          geometry,
          properties: { name: `WGS84 ${name}` },
        });
        expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
      },
    );

    it('stores a 3-D polygon as 2-D', async () => {
      // 60 m east of the 3 m square of spot 8: still inside its estate-free 100 m.
      const ring = (squareAround(spot(8).lng + 0.0006, spot(8).lat, 20).coordinates[0] ?? []).map(([lng = 0, lat = 0]) => [lng, lat, 12.5]);
      const created = await call<EstateApiFeature>('POST', '/api/estates', {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { name: '带高程' },
      });
      expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    });
  });
});

describe('configured area bounds', () => {
  let api: TestServer;
  let spot: FreeSpot;

  beforeAll(async () => {
    api = await startTestServer({ env: { ESTATE_MIN_AREA_M2: '5', ESTATE_MAX_AREA_M2: '1000' } });
    const [found] = await findFreeSpots(api.db, 78);
    if (!found) throw new Error('no free spot');
    spot = found;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses an estate above ESTATE_MAX_AREA_M2 with the area PostGIS measures, and accepts one below', async () => {
    const large = squareAround(spot.lng, spot.lat, 30);
    const [measured] = await api.db.query<{ area: number }>('SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) AS area', [
      JSON.stringify(large),
    ]);
    const refused = await api.request<ErrorBody>('POST', '/api/estates', {
      type: 'Feature',
      geometry: large,
      properties: { name: '超限' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'area_too_large', params: { maximumM2: 1000 } });
    expect(Number(refused.body.error.params.areaM2)).toBeCloseTo(measured?.area ?? Number.NaN, 1);

    const small = squareAround(spot.lng, spot.lat, 10);
    const created = await api.request('POST', '/api/estates', { type: 'Feature', geometry: small, properties: { name: '合规' } });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
  });
});
