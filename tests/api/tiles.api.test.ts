/**
 * Vector tiles on both back-ends: which estates a tile holds is what PostGIS finds in the tile's
 * envelope, attributes equal the ledger (the stage from a plain SQL derivation), names appear from
 * z14, the JS tiler's tiles equal `ST_AsMVT`'s feature for feature, ETag/304, immutable caching
 * under the current version, a change to an estate or its progress changes the version and the
 * tile, 204 for empty tiles, and 400/401 answers.
 */
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../core/programme/progress-history.js';
import { DEFAULT_STAGE, DEFAULT_STAGE_CATALOGUE } from '../../core/programme/stages.js';
import { TILE_EXTENT, tileContaining, type TileCoord } from '../../core/tiles/tile-grid.js';
import { TILE_LAYER_IDS, type TileLayerId } from '../../core/tiles/tile-layers.js';
import { serviceContext } from '../../server/context.js';
import { loadConfig } from '../../server/config.js';
import { renderTile } from '../../server/features/tiles/tiles.service.js';
import type { Db } from '../../server/db/index.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

interface DecodedFeature {
  id: number;
  properties: Record<string, unknown>;
  /** Net area of the polygon rings in tile units² (0 for points). */
  areaUnits: number;
}

function decode(bytes: Uint8Array, layer: string): DecodedFeature[] {
  const tile = new VectorTile(new Pbf(bytes));
  const found = tile.layers[layer];
  if (!found) return [];
  expect(found.extent).toBe(TILE_EXTENT);
  const features: DecodedFeature[] = [];
  for (let i = 0; i < found.length; i++) {
    const feature: VectorTileFeature = found.feature(i);
    let area = 0;
    if (feature.type === 3) {
      for (const ring of feature.loadGeometry()) {
        for (let j = 0, k = ring.length - 1; j < ring.length; k = j++) area += ring[k]!.x * ring[j]!.y - ring[j]!.x * ring[k]!.y;
      }
    }
    features.push({ id: Number(feature.id), properties: { ...feature.properties }, areaUnits: Math.abs(area / 2) });
  }
  return features.sort((a, b) => a.id - b.id);
}

async function idsInEnvelope(db: Db, table: string, geometry: string, { z, x, y }: TileCoord): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM ${table} WHERE ST_Intersects(${geometry}, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)) ORDER BY id`,
    [z, x, y],
  );
  return rows.map((r) => r.id);
}

/** Each estate's stage on `day` (default today), derived from the whole history in plain SQL. */
async function currentStages(db: Db, day = calendarDate(new Date())): Promise<Map<number, string>> {
  const rows = await db.query<{ estate_id: number; stage: string }>(
    `SELECT DISTINCT ON (estate_id) estate_id, stage FROM progress_entries p
     WHERE entry_date <= $1::date AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = p.id)
     ORDER BY estate_id, entry_date DESC, id DESC`,
    [day],
  );
  return new Map(rows.map((r) => [r.estate_id, r.stage]));
}

describe.each(testBackends())('vector tiles on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  /** A z14 tile over the demo city's densest spot. */
  let busy: TileCoord;
  beforeAll(async () => {
    copy = await openTestDb(backend);
    server = await startTestServer({ db: copy.db, as: 'planner' });
    const [centre] = await copy.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (
         SELECT ST_Centroid(geom) AS c, (SELECT count(*) FROM estates o WHERE ST_DWithin(o.geom, e.geom, 0.005)) AS near
         FROM estates e ORDER BY near DESC, id LIMIT 1) s`,
    );
    busy = tileContaining(centre!.lng, centre!.lat, 14);
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  const tilePath = (layer: TileLayerId, { z, x, y }: TileCoord, query = '') => `/api/tiles/${layer}/${z}/${x}/${y}.mvt${query}`;

  it('serves a z14 estates tile holding every estate PostGIS finds in it, with the ledger attributes and the current stage', async () => {
    const reply = await server.raw(tilePath('estates', busy));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/vnd\.mapbox-vector-tile/);
    const features = decode(reply.bytes, 'estates');
    const inside = await idsInEnvelope(copy.db, 'estates', 'geom', busy);
    expect(inside.length).toBeGreaterThan(3);
    // Every estate meeting the tile is there; extra ones only reach in through the 64-unit buffer.
    const ids = features.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(inside));
    const [buffered] = await copy.db.query<{ ids: number[] }>(
      `SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM estates
       WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326))`,
      [busy.z, busy.x, busy.y],
    );
    expect(buffered!.ids).toEqual(expect.arrayContaining(ids));
    const ledger = await copy.db.query<{ id: number; name: string; households: number; floor_area_m2: number; subdistrict_code: string }>(
      `SELECT id, name, households, floor_area_m2, subdistrict_code FROM estates WHERE id = ANY($1::int[])`,
      [ids],
    );
    const stages = await currentStages(copy.db);
    for (const row of ledger) {
      const props = features.find((f) => f.id === row.id)!.properties;
      expect(props).toMatchObject({ name: row.name, households: row.households, subdistrictCode: row.subdistrict_code });
      expect(props.floorAreaM2).toBeCloseTo(row.floor_area_m2, 6);
      expect(props.stage).toBe(stages.get(row.id) ?? 'not_in_programme');
    }
    expect(new Set(features.map((f) => f.properties.stage)).size).toBeGreaterThan(0);
  });

  it('leaves names out below z14 and answers 204 where nothing is, and below a layer’s first zoom', async () => {
    const parent: TileCoord = { z: 13, x: Math.floor(busy.x / 2), y: Math.floor(busy.y / 2) };
    const features = decode((await server.raw(tilePath('estates', parent))).bytes, 'estates');
    expect(features.length).toBeGreaterThan(3);
    expect(features.every((f) => f.properties.name === undefined && typeof f.properties.households === 'number')).toBe(true);
    expect((await server.raw(tilePath('estates', { z: 14, x: 0, y: 0 }))).status).toBe(204);
    expect((await server.raw(tilePath('estates', { z: 8, x: busy.x >> 6, y: busy.y >> 6 }))).status).toBe(204);
  });

  it('serves the community boundaries, each community PostGIS finds in the tile with its code, and none below z12', async () => {
    const communities = decode((await server.raw(tilePath('communities', busy))).bytes, 'communities');
    const inside = await idsInEnvelope(copy.db, 'communities', 'geom', busy);
    expect(inside.length).toBeGreaterThan(0);
    expect(communities.map((f) => f.id)).toEqual(expect.arrayContaining(inside));
    const codes = await copy.db.query<{ id: number; code: string; subdistrict_code: string }>(
      'SELECT id, code, subdistrict_code FROM communities WHERE id = ANY($1::int[])',
      [inside],
    );
    for (const row of codes) {
      expect(communities.find((f) => f.id === row.id)!.properties).toEqual({ code: row.code, subdistrictCode: row.subdistrict_code });
    }
    expect((await server.raw(tilePath('communities', { z: 11, x: busy.x >> 3, y: busy.y >> 3 }))).status).toBe(204);
  });

  it('serves the sub-district boundaries at every zoom, each sub-district PostGIS finds in the tile with its code', async () => {
    for (const z of [14, 10, 6]) {
      const coord: TileCoord = { z, x: busy.x >> (14 - z), y: busy.y >> (14 - z) };
      const features = decode((await server.raw(tilePath('subdistricts', coord))).bytes, 'subdistricts');
      const inside = await idsInEnvelope(copy.db, 'subdistricts', 'geom', coord);
      expect(inside.length, `z${z}`).toBeGreaterThan(0);
      expect(features.map((f) => f.id).sort(), `z${z}`).toEqual(expect.arrayContaining(inside));
      const codes = await copy.db.query<{ id: number; code: string }>('SELECT id, code FROM subdistricts WHERE id = ANY($1::int[])', [
        inside,
      ]);
      for (const row of codes) expect(features.find((f) => f.id === row.id)!.properties).toEqual({ code: row.code });
    }
  });

  it('serves zones and facilities, each with what PostGIS finds in the tile', async () => {
    const zone = await copy.db.query<{ lng: number; lat: number }>(
      'SELECT ST_X(ST_PointOnSurface(outline)) AS lng, ST_Y(ST_PointOnSurface(outline)) AS lat FROM zones ORDER BY id LIMIT 1',
    );
    const zoneTiles = zone.length > 0 ? [tileContaining(zone[0]!.lng, zone[0]!.lat, 13)] : [];
    for (const coord of zoneTiles) {
      const ids = decode((await server.raw(tilePath('zones', coord))).bytes, 'zones').map((f) => f.id);
      expect(ids).toEqual(expect.arrayContaining(await idsInEnvelope(copy.db, 'zones', 'outline', coord)));
    }
    const facilities = decode((await server.raw(tilePath('facilities', busy))).bytes, 'facilities');
    const inside = await idsInEnvelope(copy.db, 'facilities', 'geom', busy);
    expect(inside.length).toBeGreaterThan(0);
    expect(facilities.map((f) => f.id)).toEqual(expect.arrayContaining(inside));
    expect(facilities.every((f) => typeof f.properties.type === 'string')).toBe(true);
  });

  it('answers 304 to its ETag, caches for a day under the current version, and changes both when an estate or its progress changes', async () => {
    const index = await server.get<{ version: string; layers: { estates: { tiles: string[] } } }>('/api/tiles');
    expect(index.status).toBe(200);
    const first = await server.raw(tilePath('estates', busy));
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"t${index.body.version}"`);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect((await server.raw(tilePath('estates', busy), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const pinned = await server.raw(tilePath('estates', busy, `?v=${index.body.version}`));
    expect(pinned.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
    expect(index.body.layers.estates.tiles[0]).toBe(`/api/tiles/estates/{z}/{x}/{y}.mvt?v=${index.body.version}`);

    // A rolled-back write leaves the version alone.
    await expect(
      copy.db.transaction(async (tx) => {
        await tx.query('UPDATE estates SET households = households + 1 WHERE id = (SELECT min(id) FROM estates)');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await server.get<{ version: string }>('/api/tiles')).body.version).toBe(index.body.version);

    const target = decode(first.bytes, 'estates')[0]!;
    const [estate] = await copy.db.query<{ version: number; households: number }>('SELECT version, households FROM estates WHERE id = $1', [
      target.id,
    ]);
    const patched = await server.request('PATCH', `/api/estates/${target.id}`, {
      version: estate!.version,
      properties: { households: estate!.households + 7 },
    });
    expect(patched.status).toBe(200);
    const after = await server.raw(tilePath('estates', busy), { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(decode(after.bytes, 'estates').find((f) => f.id === target.id)!.properties.households).toBe(estate!.households + 7);

    // An estate not yet in the programme moves to the next stage: the tile's stage follows.
    const fresh = decode(after.bytes, 'estates').find((f) => f.properties.stage === DEFAULT_STAGE)!;
    const nextStage = DEFAULT_STAGE_CATALOGUE.ids[1]!;
    const progress = await server.request('POST', '/api/progress', {
      estateId: fresh.id,
      date: calendarDate(new Date()),
      stage: nextStage,
      progressPct: 0,
    });
    expect(progress.status).toBe(201);
    const afterProgress = await server.raw(tilePath('estates', busy));
    expect(afterProgress.headers.get('etag')).not.toBe(after.headers.get('etag'));
    expect(decode(afterProgress.bytes, 'estates').find((f) => f.id === fresh.id)!.properties.stage).toBe(nextStage);

    // A correction replaces that entry: the tile shows the corrected stage, and every estate's kept
    // current stage (migration 015) is still the plain derivation from the history.
    const laterStage = DEFAULT_STAGE_CATALOGUE.ids[2]!;
    const correction = await server.request('POST', '/api/progress', {
      estateId: fresh.id,
      date: calendarDate(new Date()),
      stage: laterStage,
      progressPct: 0,
      corrects: (progress.body as { id: number }[])[0]!.id,
      note: 'wrong stage picked',
    });
    expect(correction.status).toBe(201);
    const afterCorrection = await server.raw(tilePath('estates', busy));
    expect(decode(afterCorrection.bytes, 'estates').find((f) => f.id === fresh.id)!.properties.stage).toBe(laterStage);
    const kept = await copy.db.query<{ estate_id: number; stage: string }>('SELECT estate_id, stage FROM estate_current_state');
    expect(new Map(kept.map((r) => [r.estate_id, r.stage]))).toEqual(await currentStages(copy.db));
  });

  it('draws the stage of an earlier day from the history when the clock is set back before the latest entries', async () => {
    const day = '2026-01-15';
    const ctx = serviceContext(copy.db, loadConfig({}), () => new Date(`${day}T04:00:00Z`));
    const bytes = await renderTile(ctx, 'estates', busy, backend === 'postgres' ? 'postgis' : 'js');
    const stages = await currentStages(copy.db, day);
    const features = decode(bytes!, 'estates');
    expect(features.length).toBeGreaterThan(0);
    for (const feature of features)
      expect([feature.id, feature.properties.stage]).toEqual([feature.id, stages.get(feature.id) ?? DEFAULT_STAGE]);
    // The day matters: some estate drawn here was at another stage then than it is now.
    const now = await currentStages(copy.db);
    expect(features.some((f) => (now.get(f.id) ?? DEFAULT_STAGE) !== f.properties.stage)).toBe(true);
  });

  it('names, from the tiles’ cursor, each estate whose stage differs from its tile’s: after progress and on a replayed day', async () => {
    type Stages = { asOf: string; estates: [number, string][] };
    const index = await server.get<{ stageCursor: number }>('/api/tiles');
    expect(index.status).toBe(200);
    const cursor = index.body.stageCursor;
    // Every entry here has committed, so its transaction is before the oldest one open then.
    const [appended] = await copy.db.query<{ latest: string }>(
      `SELECT coalesce(max(appended_xid), '0')::text AS latest FROM progress_entries`,
    );
    expect(cursor).toBeGreaterThan(Number(appended!.latest));
    const [{ ids }] = (await copy.db.query<{ ids: number[] }>('SELECT array_agg(id ORDER BY id) AS ids FROM estates')) as [
      { ids: number[] },
    ];
    // Nothing appended since and nothing dated after today: what is named (only what other
    // transactions open on the cluster keep in the window) is at today's stage, and not the city.
    const today = await currentStages(copy.db);
    const quiet = await server.get<Stages>(`/api/tiles/estates/stages?since=${cursor}`);
    expect(quiet.status).toBe(200);
    expect(quiet.body.asOf).toBe(calendarDate(new Date()));
    for (const [id, stage] of quiet.body.estates) expect([id, stage]).toEqual([id, today.get(id) ?? DEFAULT_STAGE]);
    expect(quiet.body.estates.length).toBeLessThan(ids.length / 10);

    // Progress on two estates (one moving on, one recorded at its own stage): both are named, at today's stage.
    const [moving, staying] = await copy.db.query<{ id: number }>('SELECT id FROM estates ORDER BY id DESC LIMIT 2');
    const movingStage = DEFAULT_STAGE_CATALOGUE.ids.find((id) => id !== (today.get(moving!.id) ?? DEFAULT_STAGE))!;
    for (const [estateId, stage] of [
      [moving!.id, movingStage],
      [staying!.id, today.get(staying!.id) ?? DEFAULT_STAGE],
    ] as const) {
      const reply = await server.request('POST', '/api/progress', { estateId, date: calendarDate(new Date()), stage, progressPct: 0 });
      expect(reply.status, String(estateId)).toBe(201);
    }
    const after = await server.get<Stages>(`/api/tiles/estates/stages?since=${cursor}`);
    const now = await currentStages(copy.db);
    const afterNamed = new Map(after.body.estates);
    for (const id of [moving!.id, staying!.id]) expect([id, afterNamed.get(id)]).toEqual([id, now.get(id) ?? DEFAULT_STAGE]);
    for (const [id, stage] of afterNamed) expect([id, stage]).toEqual([id, now.get(id) ?? DEFAULT_STAGE]);
    expect(now.get(moving!.id)).toBe(movingStage);

    // A replayed day: every estate whose stage then differs from today's is named, each at its stage then.
    const [middle] = await copy.db.query<{ day: string }>(
      `SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY entry_date), 'YYYY-MM-DD') AS day FROM progress_entries`,
    );
    const day = middle!.day;
    const then = await currentStages(copy.db, day);
    const replay = await server.get<Stages>(`/api/tiles/estates/stages?since=${cursor}&asOf=${day}`);
    expect(replay.body.asOf).toBe(day);
    const named = new Map(replay.body.estates);
    const differing = ids.filter((id) => (then.get(id) ?? DEFAULT_STAGE) !== (now.get(id) ?? DEFAULT_STAGE));
    expect(differing.length).toBeGreaterThan(0);
    for (const id of differing) expect([id, named.get(id)]).toEqual([id, then.get(id) ?? DEFAULT_STAGE]);
    for (const [id, stage] of named) expect([id, stage]).toEqual([id, then.get(id) ?? DEFAULT_STAGE]);
    // Only estates with an entry after the day or the cursor: not the whole city.
    expect(named.size).toBeLessThan(ids.length);

    for (const query of [
      '',
      '?since=-1',
      '?since=abc',
      `?since=${cursor}&asOf=2026-13-01`,
      `?since=${cursor}&x=1`,
      '?since=99999999999999999',
    ]) {
      const reply = await server.get<{ error: { code: string } }>(`/api/tiles/estates/stages${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code, query).toBeTypeOf('string');
    }
    expect((await (await server.as(null)).get(`/api/tiles/estates/stages?since=${cursor}`)).status).toBe(401);
  });

  it.runIf(backend === 'postgres')(
    'names an entry that was uncommitted when the tiles were listed and commits under a lower id',
    async () => {
      // One planner's entry takes its id, then waits in an open transaction; another's commits after it, under a higher id.
      const { Client } = await import('pg');
      const slow = new Client({ connectionString: copy.url! });
      await slow.connect();
      try {
        const [late, early] = await copy.db.query<{ id: number }>('SELECT id FROM estates ORDER BY id LIMIT 2');
        const before = await currentStages(copy.db);
        const lateStage = DEFAULT_STAGE_CATALOGUE.ids.find((id) => id !== (before.get(late!.id) ?? DEFAULT_STAGE))!;
        await slow.query('BEGIN');
        const inserted = await slow.query<{ id: number }>(
          `INSERT INTO progress_entries (estate_id, entry_date, stage, progress_pct, author_name) VALUES ($1, $2::date, $3, 0, 'slow planner') RETURNING id`,
          [late!.id, calendarDate(new Date()), lateStage],
        );
        const reply = await server.request<{ id: number }[]>('POST', '/api/progress', {
          estateId: early!.id,
          date: calendarDate(new Date()),
          stage: before.get(early!.id) ?? DEFAULT_STAGE,
          progressPct: 0,
        });
        expect(reply.status).toBe(201);
        const [committed] = await copy.db.query<{ id: number }>('SELECT max(id)::int AS id FROM progress_entries');
        expect(inserted.rows[0]!.id).toBeLessThan(committed!.id);
        // The map lists its tiles now: the slow entry is not in them (uncommitted) ...
        const cursor = (await server.get<{ stageCursor: number }>('/api/tiles')).body.stageCursor;
        await slow.query('COMMIT');
        // ... so the stage list from that cursor must name it, at the stage it commits.
        const named = new Map(
          (await server.get<{ estates: [number, string][] }>(`/api/tiles/estates/stages?since=${cursor}`)).body.estates,
        );
        expect(named.get(late!.id)).toBe(lateStage);
        expect((await currentStages(copy.db)).get(late!.id)).toBe(lateStage);
      } finally {
        await slow.end();
      }
    },
  );

  it('refuses a bad tile address with 400 and an anonymous caller with 401', async () => {
    for (const path of [
      '/api/tiles/roads/14/0/0.mvt',
      '/api/tiles/estates/23/0/0.mvt',
      '/api/tiles/estates/2/4/0.mvt',
      '/api/tiles/estates/2/0/-1.mvt',
      '/api/tiles/estates/2/0/0.mvt?v=abc',
      '/api/tiles/estates/2/0/0.mvt?bbox=1,2,3,4',
      '/api/tiles?x=1',
    ]) {
      const reply = await server.get<{ error: { code: string } }>(path);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code, path).toBeTypeOf('string');
    }
    const anonymous = await server.as(null);
    expect((await anonymous.raw(tilePath('estates', busy))).status).toBe(401);
  });

  it.runIf(backend === 'postgres')('gives the same tiles from the JS tiler as from ST_AsMVT, feature for feature', async () => {
    const ctx = serviceContext(copy.db, loadConfig({}));
    const coords = [14, 15, 16, 12, 10].map((z) => ({ z, x: busy.x >> (14 - z), y: busy.y >> (14 - z) }));
    let compared = 0;
    for (const layer of TILE_LAYER_IDS) {
      for (const coord of coords) {
        const [fromPostgis, fromJs] = await Promise.all([renderTile(ctx, layer, coord, 'postgis'), renderTile(ctx, layer, coord, 'js')]);
        const a = fromPostgis ? decode(fromPostgis, layer) : [];
        const b = fromJs ? decode(fromJs, layer) : [];
        // A sliver in the buffer may survive one encoder's clipping and not the other's.
        const common = a.filter((f) => b.some((g) => g.id === f.id));
        expect(common.length, `${layer} ${JSON.stringify(coord)}`).toBeGreaterThanOrEqual(Math.max(a.length, b.length) * 0.98 - 1);
        for (const feature of common) {
          const other = b.find((g) => g.id === feature.id)!;
          expect(other.properties).toEqual(feature.properties);
          // Equal areas within a tile unit's rounding along the outline.
          expect(Math.abs(other.areaUnits - feature.areaUnits)).toBeLessThanOrEqual(Math.max(8, feature.areaUnits * 0.02));
        }
        compared += common.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
