import type { Geometry, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareAround } from '../helpers/test-polygons.js';
import type { EstateApiFeature } from '../../core/contract/index.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type Reply, type TestServer } from '../helpers/test-server.js';
import { findFreeSpots, type FreeSpot } from '../helpers/free-spots.js';
import { openChangeStream } from '../helpers/event-stream.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const square = squareAround;

/** A ring of `vertices` distinct points around [lng, lat]. */
function circle(lng: number, lat: number, radiusM: number, vertices: number): Polygon {
  const ring: [number, number][] = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    ring.push([
      lng + (radiusM * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180)),
      lat + (radiusM * Math.sin(angle)) / 111_320,
    ]);
  }
  const first = ring[0];
  if (first) ring.push(first);
  return { type: 'Polygon', coordinates: [ring] };
}

function feature(geometry: Geometry | null, properties: Record<string, unknown>): unknown {
  return { type: 'Feature', geometry, properties };
}

const BASE_PROPERTIES = {
  name: '测试新村',
  address: '测试路1号',
  yearBuilt: 1995,
  buildings: 3,
  households: 120,
  floorAreaM2: 8600,
  propertyType: 'housing_reform',
  hazardLevel: 'none',
};

describe.each(testBackends())('estate writes API on %s', (backend) => {
  let api: TestServer;
  /** Places inside a sub-district, at least 100 m from any estate and 250 m from each other. */
  const spots: FreeSpot[] = [];

  function call<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return api.request<T>(method, path, body);
  }

  async function tableFingerprint(): Promise<{ estates: number; checksum: string }> {
    const [row] = await api.db.query<{ estates: number; checksum: string }>(
      `SELECT count(*)::int AS estates,
              md5(COALESCE(string_agg(id || ':' || version || ':' || name || ':' || households || ':' || ST_AsText(geom), ',' ORDER BY id), '')) AS checksum
       FROM estates`,
    );
    if (!row) throw new Error('no fingerprint');
    return row;
  }

  /** Sends a request that must be refused and checks the estates table is exactly as before. */
  async function refused(method: string, path: string, body: unknown, status: number): Promise<ErrorBody['error']> {
    const before = await tableFingerprint();
    const reply = await call<ErrorBody>(method, path, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(await tableFingerprint()).toEqual(before);
    return reply.body.error;
  }

  async function postgisAreaM2(geometry: Geometry): Promise<number> {
    const [row] = await api.db.query<{ area: number }>('SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) AS area', [
      JSON.stringify(geometry),
    ]);
    return row?.area ?? Number.NaN;
  }

  function spot(k: number): FreeSpot {
    const found = spots[k];
    if (!found) throw new Error(`need free spot ${k}; found only ${spots.length}`);
    return found;
  }

  beforeAll(async () => {
    api = await startTestServer({ backend });
    spots.push(...(await findFreeSpots(api.db, 7)));
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Spots 0–5 are named by the tests below; the estate factory fills the spots after them, four estates each. */
  let factoryEstates = 0;

  /**
   * A new estate of its own for one test, so that no test depends on another's writes: a square of
   * 36 m on a side, 80 m from its neighbours, in a corner of a free spot (its centre is `at`).
   */
  async function createEstate(
    properties: Record<string, unknown> = {},
  ): Promise<{ estate: EstateApiFeature; at: { lng: number; lat: number } }> {
    const k = factoryEstates++;
    const free = spot(6 + Math.floor(k / 4));
    const offsetM = 40;
    const at = {
      lng: free.lng + ((k % 2 === 0 ? -1 : 1) * offsetM) / (111_320 * Math.cos((free.lat * Math.PI) / 180)),
      lat: free.lat + ((k % 4 < 2 ? -1 : 1) * offsetM) / 111_320,
    };
    const reply = await call<EstateApiFeature>(
      'POST',
      '/api/estates',
      feature(square(at.lng, at.lat, 18), { ...BASE_PROPERTIES, ...properties }),
    );
    if (reply.status !== 201) throw new Error(`could not create a test estate: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { estate: reply.body, at };
  }

  /** PATCHes and expects success, for tests that need an estate at a later version. */
  async function patched(estate: EstateApiFeature, properties: Record<string, unknown>): Promise<EstateApiFeature> {
    const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${estate.id}`, { version: estate.properties.version, properties });
    if (reply.status !== 200) throw new Error(`could not update test estate ${estate.id}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  describe('create, update and delete', () => {
    it('creates an estate: 201 with an id, version 1, the land area PostGIS computes and the sub-district of its location', async () => {
      const { lng, lat, subdistrictCode } = spot(0);
      const geometry = square(lng, lat, 40);
      const reply = await call<EstateApiFeature>('POST', '/api/estates', feature(geometry, BASE_PROPERTIES));
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      const created = reply.body;
      expect(created.id).toBeGreaterThan(0);
      expect(created.properties.id).toBe(created.id);
      expect(created.properties.version).toBe(1);
      expect(created.geometry.type).toBe('MultiPolygon');
      expect(created.properties.landAreaM2).toBeCloseTo(await postgisAreaM2(geometry), 1);
      expect(created.properties.subdistrictCode).toBe(subdistrictCode);
      expect(created.properties.subdistrict?.length).toBeGreaterThan(0);
      expect(created.properties.districtCode).not.toBeNull();
      expect(created.properties.importLayerId).toBeNull();
      expect(created.properties.eligible).toBe(true);
    });

    it('finds a created estate with GET, exactly as POST answered', async () => {
      const { estate } = await createEstate();
      const reply = await call<EstateApiFeature>('GET', `/api/estates/${estate.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(estate);
    });

    it('updates properties only: version 2, the change stored, the polygon and area kept', async () => {
      const { estate } = await createEstate();
      const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${estate.id}`, {
        version: 1,
        properties: { households: 130, eligibilityOverride: false, eligibilityOverrideReason: '已纳入其他项目' },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.properties.version).toBe(2);
      expect(reply.body.properties.households).toBe(130);
      expect(reply.body.properties.eligible).toBe(false);
      expect(reply.body.properties.name).toBe(BASE_PROPERTIES.name);
      expect(reply.body.properties.landAreaM2).toBe(estate.properties.landAreaM2);
      expect(reply.body.geometry).toEqual(estate.geometry);
      expect(Date.parse(reply.body.properties.updatedAt)).toBeGreaterThanOrEqual(Date.parse(estate.properties.updatedAt));
      expect((await call<EstateApiFeature>('GET', `/api/estates/${estate.id}`)).body).toEqual(reply.body);
    });

    it('updates the geometry: the next version and a land area recomputed by PostGIS', async () => {
      const { estate, at } = await createEstate();
      // 27 m instead of 18 m either side: 2.25 times the area, still clear of its neighbours
      const geometry = square(at.lng, at.lat, 27);
      const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${estate.id}`, { version: 1, geometry });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.properties.version).toBe(2);
      expect(reply.body.properties.landAreaM2).toBeGreaterThan(estate.properties.landAreaM2 * 2);
      expect(reply.body.properties.landAreaM2).toBeCloseTo(await postgisAreaM2(geometry), 1);
    });

    it('accepts a whole GET feature sent back (read-only keys stripped)', async () => {
      const { estate } = await createEstate();
      const { properties } = (await call<EstateApiFeature>('GET', `/api/estates/${estate.id}`)).body;
      const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${estate.id}`, {
        version: 1,
        properties: { ...properties, notes: '复核' },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.properties.notes).toBe('复核');
      expect(reply.body.properties.version).toBe(2);
    });

    it('refuses a stale PATCH with 409 version_conflict carrying the current record', async () => {
      const current = await patched((await createEstate()).estate, { notes: '第二版' });
      const error = await refused('PATCH', `/api/estates/${current.id}`, { version: 1, properties: { households: 1 } }, 409);
      expect(error.code).toBe('version_conflict');
      const details = error.details as { current: EstateApiFeature };
      expect(details.current).toEqual(current);
    });

    it('lets only one of two concurrent PATCHes with the same version win', async () => {
      const { estate } = await createEstate();
      const replies = await Promise.all(
        [200, 210].map((households) =>
          call<EstateApiFeature | ErrorBody>('PATCH', `/api/estates/${estate.id}`, { version: 1, properties: { households } }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const current = (await call<EstateApiFeature>('GET', `/api/estates/${estate.id}`)).body;
      expect(current.properties.version).toBe(2);
      const winner = replies.find((r) => r.status === 200)?.body as EstateApiFeature;
      expect(current.properties.households).toBe(winner.properties.households);
    });

    it('refuses a stale DELETE with 409 version_conflict', async () => {
      const current = await patched((await createEstate()).estate, { notes: '第二版' });
      const error = await refused('DELETE', `/api/estates/${current.id}?version=1`, undefined, 409);
      expect(error.code).toBe('version_conflict');
    });

    it('refuses a DELETE without a version with 400', async () => {
      const { estate } = await createEstate();
      const error = await refused('DELETE', `/api/estates/${estate.id}`, undefined, 400);
      expect(error.message).toContain('version');
    });

    it('announces each stored create, edit and delete on the event stream with its estate, and a refused write not at all', async () => {
      const stream = await openChangeStream(api.url, api.headers);
      try {
        const { estate } = await createEstate();
        const current = await patched(estate, { notes: '第二版' });
        await refused('PATCH', `/api/estates/${estate.id}`, { version: 1, properties: { notes: '过时' } }, 409);
        expect((await call('DELETE', `/api/estates/${estate.id}?version=${current.properties.version}`)).status).toBe(204);
        expect(await stream.waitFor(3)).toEqual([1, 2, 3].map(() => ({ kind: 'estates', estateIds: [estate.id] })));
      } finally {
        stream.close();
      }
    });

    it('deletes with the current version (204), after which GET, PATCH and DELETE answer 404', async () => {
      const current = await patched((await createEstate()).estate, { notes: '第二版' });
      const reply = await call('DELETE', `/api/estates/${current.id}?version=${current.properties.version}`);
      expect(reply.status).toBe(204);
      expect((await call('GET', `/api/estates/${current.id}`)).status).toBe(404);
      expect((await refused('PATCH', `/api/estates/${current.id}`, { version: 1, properties: {} }, 404)).code).toBe('not_found');
      expect((await refused('DELETE', `/api/estates/${current.id}?version=1`, undefined, 404)).code).toBe('not_found');
    });
  });

  describe('geometry rules (checked by PostGIS)', () => {
    it('refuses a self-intersecting bow-tie with 422 invalid_geometry and the ST_IsValidReason', async () => {
      const { lng, lat } = spot(1);
      const d = 0.0005;
      const bowTie: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [lng - d, lat - d],
            [lng + d, lat + d],
            [lng + d, lat - d],
            [lng - d, lat + d],
            [lng - d, lat - d],
          ],
        ],
      };
      const error = await refused('POST', '/api/estates', feature(bowTie, BASE_PROPERTIES), 422);
      expect(error.code).toBe('invalid_geometry');
      expect(error.message).toContain('Self-intersection');
    });

    it('refuses latitude 95 with 422 coordinates_out_of_range', async () => {
      const error = await refused('POST', '/api/estates', feature(square(109.4, 95, 40), BASE_PROPERTIES), 422);
      expect(error.code).toBe('coordinates_out_of_range');
    });

    it('refuses projected metre coordinates with 422 coordinates_out_of_range', async () => {
      const error = await refused('POST', '/api/estates', feature(square(500_000, 2_700_000, 40), BASE_PROPERTIES), 422);
      expect(error.code).toBe('coordinates_out_of_range');
    });

    it('refuses an empty polygon and a missing geometry with 422 empty_geometry', async () => {
      const empty = await refused('POST', '/api/estates', feature({ type: 'Polygon', coordinates: [] }, BASE_PROPERTIES), 422);
      expect(empty.code).toBe('empty_geometry');
      const none = await refused('POST', '/api/estates', feature(null, BASE_PROPERTIES), 422);
      expect(none.code).toBe('empty_geometry');
    });

    it('refuses a Point with 422 wrong_geometry_type', async () => {
      const { lng, lat } = spot(1);
      const error = await refused('POST', '/api/estates', feature({ type: 'Point', coordinates: [lng, lat] }, BASE_PROPERTIES), 422);
      expect(error.code).toBe('wrong_geometry_type');
      expect(error.message).toContain('Point');
    });

    it('refuses a polygon of 10 001 vertices with 422 too_many_vertices', async () => {
      const { lng, lat } = spot(1);
      const error = await refused('POST', '/api/estates', feature(circle(lng, lat, 60, 10_001), BASE_PROPERTIES), 422);
      expect(error.code).toBe('too_many_vertices');
    });

    it('accepts a polygon of 9 000 vertices', async () => {
      const { lng, lat } = spot(4);
      const reply = await call<EstateApiFeature>('POST', '/api/estates', feature(circle(lng, lat, 60, 9_000), BASE_PROPERTIES));
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    });

    it('refuses GeoJSON PostGIS cannot read with 422 invalid_geometry and the parser message, not a 500', async () => {
      const error = await refused(
        'POST',
        '/api/estates',
        feature({ type: 'Polygon', coordinates: 'x' } as unknown as Geometry, BASE_PROPERTIES),
        422,
      );
      expect(error.code).toBe('invalid_geometry');
      expect(error.message).toContain('not an array');
      const short = await refused(
        'POST',
        '/api/estates',
        feature({ type: 'Polygon', coordinates: [[[1, 2], [3]]] } as unknown as Geometry, BASE_PROPERTIES),
        422,
      );
      expect(short.code).toBe('invalid_coordinates');
    });

    it('refuses an invalid geometry in a PATCH too, leaving the estate as it was', async () => {
      const { lng, lat } = spot(2);
      const created = (
        await call<EstateApiFeature>('POST', '/api/estates', feature(square(lng, lat, 30), { ...BASE_PROPERTIES, name: '补丁测试' }))
      ).body;
      const d = 0.0004;
      const bowTie: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [lng - d, lat - d],
            [lng + d, lat + d],
            [lng + d, lat - d],
            [lng - d, lat + d],
            [lng - d, lat - d],
          ],
        ],
      };
      const error = await refused(
        'PATCH',
        `/api/estates/${created.id}`,
        { version: 1, geometry: bowTie, properties: { households: 5 } },
        422,
      );
      expect(error.message).toContain('Self-intersection');
      expect((await call<EstateApiFeature>('GET', `/api/estates/${created.id}`)).body).toEqual(created);
    });
  });

  describe('overlap with other estates', () => {
    let demo: { id: number; name: string; lng: number; lat: number };

    beforeAll(async () => {
      const [row] = await api.db.query<{ id: number; name: string; lng: number; lat: number }>(
        'SELECT id, name, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM estates ORDER BY id LIMIT 1',
      );
      if (!row) throw new Error('no demo estate');
      demo = row;
    });

    it('refuses a polygon overlapping a demo estate with 409 overlap naming it and the overlap area', async () => {
      const geometry = square(demo.lng, demo.lat, 8);
      const error = await refused('POST', '/api/estates', feature(geometry, { ...BASE_PROPERTIES, name: '重叠小区' }), 409);
      expect(error.code).toBe('overlap');
      expect(error.message).toContain(demo.name);
      const { overlaps } = error.details as { overlaps: { id: number; name: string; overlapM2: number }[] };
      const [expected] = await api.db.query<{ overlap_m2: number }>(
        'SELECT ST_Area(ST_Intersection(geom, ST_GeomFromGeoJSON($1))::geography) AS overlap_m2 FROM estates WHERE id = $2',
        [JSON.stringify(geometry), demo.id],
      );
      expect(overlaps.map((o) => o.id)).toContain(demo.id);
      const mine = overlaps.find((o) => o.id === demo.id);
      expect(mine?.name).toBe(demo.name);
      expect(mine?.overlapM2).toBeCloseTo(expected?.overlap_m2 ?? Number.NaN, 0);
    });

    it('accepts the same polygon with ?allowOverlap=true', async () => {
      const reply = await call<EstateApiFeature>(
        'POST',
        '/api/estates?allowOverlap=true',
        feature(square(demo.lng, demo.lat, 8), { ...BASE_PROPERTIES, name: '重叠小区' }),
      );
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    });

    it('refuses a PATCH moving an estate onto a demo estate, unless the body allows the overlap', async () => {
      const { lng, lat } = spot(3);
      const created = (
        await call<EstateApiFeature>('POST', '/api/estates', feature(square(lng, lat, 30), { ...BASE_PROPERTIES, name: '搬家小区' }))
      ).body;
      const onto = square(demo.lng, demo.lat, 5);
      const error = await refused('PATCH', `/api/estates/${created.id}`, { version: 1, geometry: onto }, 409);
      expect(error.code).toBe('overlap');
      const allowed = await call<EstateApiFeature>('PATCH', `/api/estates/${created.id}`, {
        version: 1,
        geometry: onto,
        allowOverlap: true,
      });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    });

    it('does not count an estate overlapping its own old polygon', async () => {
      const { lng, lat } = spot(5);
      const created = (
        await call<EstateApiFeature>('POST', '/api/estates', feature(square(lng, lat, 30), { ...BASE_PROPERTIES, name: '自身小区' }))
      ).body;
      const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${created.id}`, { version: 1, geometry: square(lng, lat, 35) });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    });
  });

  describe('field rules', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing name', { ...BASE_PROPERTIES, name: undefined }, 'name'],
      ['a blank name', { ...BASE_PROPERTIES, name: '   ' }, 'name'],
      ['year built 1800', { ...BASE_PROPERTIES, yearBuilt: 1800 }, 'yearBuilt'],
      ['a year built after this year', { ...BASE_PROPERTIES, yearBuilt: new Date().getFullYear() + 1 }, 'yearBuilt'],
      ['willingness 120 %', { ...BASE_PROPERTIES, willingnessPct: 120 }, 'willingnessPct'],
      ['negative households', { ...BASE_PROPERTIES, households: -3 }, 'households'],
      ['fractional buildings', { ...BASE_PROPERTIES, buildings: 2.5 }, 'buildings'],
      ['negative floor area', { ...BASE_PROPERTIES, floorAreaM2: -1 }, 'floorAreaM2'],
      ['an override without a reason', { ...BASE_PROPERTIES, eligibilityOverride: true }, 'eligibilityOverrideReason'],
      ['an unknown property', { ...BASE_PROPERTIES, colour: 'red' }, 'colour'],
      ['an unknown sub-district code', { ...BASE_PROPERTIES, subdistrictCode: 'nowhere' }, 'subdistrictCode'],
    ];

    it.each(cases)('refuses %s with 400 naming the field', async (_label, properties, field) => {
      const { lng, lat } = spot(1);
      const error = await refused('POST', '/api/estates', feature(square(lng, lat, 30), properties), 400);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain(field);
    });

    it('refuses a code another estate already has with 400 naming the code', async () => {
      const [taken] = await api.db.query<{ code: string }>('SELECT code FROM estates WHERE code IS NOT NULL LIMIT 1');
      const { lng, lat } = spot(1);
      const error = await refused('POST', '/api/estates', feature(square(lng, lat, 30), { ...BASE_PROPERTIES, code: taken?.code }), 400);
      expect(error.message).toContain('code');
      expect(error.message).toContain(taken?.code ?? '?');
    });

    it('checks the override rule on the merged record of a PATCH', async () => {
      const [demo] = await api.db.query<{ id: number; version: number }>('SELECT id, version FROM estates ORDER BY id LIMIT 1');
      const error = await refused(
        'PATCH',
        `/api/estates/${demo?.id}`,
        { version: demo?.version, properties: { eligibilityOverride: true } },
        400,
      );
      expect(error.message).toContain('eligibilityOverrideReason');
    });

    it('moves an estate to a named sub-district by PATCH, taking the district from its parent', async () => {
      const [demo] = await api.db.query<{ id: number; version: number; subdistrict_code: string }>(
        'SELECT id, version, subdistrict_code FROM estates ORDER BY id DESC LIMIT 1',
      );
      const [target] = await api.db.query<{ code: string; district_code: string }>(
        'SELECT code, district_code FROM subdistricts WHERE code <> $1 ORDER BY code LIMIT 1',
        [demo?.subdistrict_code ?? ''],
      );
      const unknown = await refused(
        'PATCH',
        `/api/estates/${demo?.id}`,
        { version: demo?.version, properties: { subdistrictCode: 'nowhere' } },
        400,
      );
      expect(unknown.message).toContain('subdistrictCode');
      const reply = await call<EstateApiFeature>('PATCH', `/api/estates/${demo?.id}`, {
        version: demo?.version,
        properties: { subdistrictCode: target?.code },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.properties.subdistrictCode).toBe(target?.code);
      expect(reply.body.properties.districtCode).toBe(target?.district_code);
    });

    it('refuses a body that is not a Feature, and a PATCH without a version, with 400', async () => {
      expect((await refused('POST', '/api/estates', { name: 'x' }, 400)).code).toBe('invalid_request');
      const [demo] = await api.db.query<{ id: number }>('SELECT id FROM estates ORDER BY id LIMIT 1');
      expect((await refused('PATCH', `/api/estates/${demo?.id}`, { properties: { households: 1 } }, 400)).message).toContain('version');
    });
  });
});
