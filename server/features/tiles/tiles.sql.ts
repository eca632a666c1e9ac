/**
 * The SQL of a vector tile. Both encoders read the same rows — the features whose box meets the
 * tile's buffered envelope (`&& ST_TileEnvelope`), simplified in degrees before they are projected —
 * and differ only in who encodes them: PostGIS's `ST_AsMVT` on a server, the JS tiler (js-tiler.ts)
 * on the embedded back-end, whose PostGIS is built without protobuf.
 */
import { DEFAULT_STAGE } from '../../../core/programme/stages.js';
import { TILE_BUFFER, TILE_EXTENT, tileBoundsLngLat, tileSimplifyToleranceDeg, type TileCoord } from '../../../core/tiles/tile-grid.js';
import { tileAttributesAt, type TileLayerId } from '../../../core/tiles/tile-layers.js';
import type { SqlParam } from '../../db/index.js';
import { eligibleSql } from '../estates/estates.sql.js';

/** Collects parameters as a statement is written, so each statement binds only what it uses. */
class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

export interface TileSettings {
  /** Today's date (YYYY-MM-DD): an estate's stage is its stage on this day. */
  today: string;
  eligibilityCutoffYear: number;
}

interface LayerSql {
  /** FROM clause with alias `t` for the layer's row and any joins. */
  from(p: Params, settings: TileSettings): string;
  geometry: string;
  /** Whether simplification applies (not to points). */
  simplify: boolean;
  attributes: Readonly<Record<string, (p: Params, settings: TileSettings) => string>>;
}

const column = (sql: string) => () => sql;

/**
 * The stage on `day` (a bound date) of estate `t`, joined to its kept state as `cs`: the latest
 * entry not replaced by a correction (core/programme/progress-history.ts). The kept row is that
 * whenever its entry is not after the day, which holds for today as no entry is dated in the
 * future; a replayed day, or a clock set back, falls back to the history (`estate_stage_on`,
 * migration 020).
 */
function stageOnSql(day: string): string {
  return `COALESCE(CASE WHEN cs.estate_id IS NULL OR cs.entry_date <= ${day} THEN cs.stage ELSE estate_stage_on(t.id, ${day}) END, '${DEFAULT_STAGE}')`;
}

const LAYER_SQL: Readonly<Record<TileLayerId, LayerSql>> = {
  estates: {
    // The current stage is kept per estate (migrations 015, 016); see `stageOnSql`.
    from: column(`estates t LEFT JOIN estate_current_state cs ON cs.estate_id = t.id`),
    geometry: 't.geom',
    simplify: true,
    attributes: {
      stage: (p, settings) => stageOnSql(p.add(settings.today, 'date')),
      households: column('t.households'),
      yearBuilt: column('t.year_built'),
      urgent: column('t.urgent'),
      eligible: (p, settings) => {
        p.add(settings.eligibilityCutoffYear, 'int');
        return eligibleSql(p.values.length, 't');
      },
      subdistrictCode: column('t.subdistrict_code'),
      name: column('t.name'),
      floorAreaM2: column('t.floor_area_m2'),
    },
  },
  zones: {
    from: column('zones t'),
    geometry: 't.outline',
    simplify: true,
    attributes: { subdistrictCode: column('t.subdistrict_code'), name: column('t.name') },
  },
  facilities: {
    from: column('facilities t'),
    geometry: 't.geom',
    simplify: false,
    attributes: { type: column('t.type'), status: column('t.status'), name: column('t.name') },
  },
  communities: {
    from: column('communities t'),
    geometry: 't.geom',
    simplify: true,
    attributes: { code: column('t.code'), subdistrictCode: column('t.subdistrict_code') },
  },
  subdistricts: {
    from: column('subdistricts t'),
    geometry: 't.geom',
    simplify: true,
    attributes: { code: column('t.code') },
  },
};

function tileArgs(p: Params, { z, x, y }: TileCoord): string {
  return `${p.add(z, 'int')}, ${p.add(x, 'int')}, ${p.add(y, 'int')}`;
}

export interface TileQuery {
  sql: string;
  params: SqlParam[];
}

/** The layer's features in the tile: `id`, the zoom's attributes and `geom`, the simplified geometry as `project` writes it. */
function featuresSql(
  p: Params,
  layer: TileLayerId,
  coord: TileCoord,
  settings: TileSettings,
  project: (geom4326: string) => string,
): string {
  const spec = LAYER_SQL[layer];
  const columns = (tileAttributesAt(layer, coord.z) as string[]).map(
    (name) => `${spec.attributes[name]?.(p, settings) ?? 'NULL'} AS "${name}"`,
  );
  const from = spec.from(p, settings);
  const geom4326 = spec.simplify
    ? `ST_Simplify(${spec.geometry}, ${p.add(tileSimplifyToleranceDeg(coord.z), 'float8')}, true)`
    : spec.geometry;
  const geom = project(geom4326);
  // The buffered envelope in degrees, as numbers: with nothing to compute from the tile address in
  // SQL, PostgreSQL plans the prepared statement once (a generic plan) instead of on every tile.
  const [west, south, east, north] = tileBoundsLngLat(coord, TILE_BUFFER / TILE_EXTENT).map((value) => p.add(value, 'float8'));
  const envelope = `ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`;
  return `SELECT t.id, ${[...columns, `${geom} AS geom`].join(', ')} FROM ${from} WHERE ${spec.geometry} && ${envelope}`;
}

/** One `ST_AsMVT` statement: the tile's bytes (`tile`), empty when no feature reaches the tile. */
export function postgisTileQuery(layer: TileLayerId, coord: TileCoord, settings: TileSettings): TileQuery {
  const p = new Params();
  const envelope3857 = `ST_TileEnvelope(${tileArgs(p, coord)})`;
  const inner = featuresSql(
    p,
    layer,
    coord,
    settings,
    (geom4326) => `ST_AsMVTGeom(ST_Transform(${geom4326}, 3857), ${envelope3857}, ${TILE_EXTENT}, ${TILE_BUFFER}, true)`,
  );
  return {
    // No `WHERE geom IS NOT NULL`: PostgreSQL would push it into the scan and cut each geometry
    // twice. ST_AsMVT skips rows whose geometry is clipped away and answers no bytes when none is left.
    sql: `SELECT ST_AsMVT(mvt, '${layer}', ${TILE_EXTENT}, 'geom', 'id') AS tile FROM (${inner}) mvt`,
    params: p.values,
  };
}

/**
 * The stage on `settings.today` of every estate whose stage there may differ from the one its tile
 * carries: those with an entry appended by transaction `sinceXid` (the tiles' cursor, the oldest
 * transaction open when it was read) or a later one, or dated after that day (a replayed day). Any
 * other estate's entries are all on or before the day and had committed when its tile was cut, so
 * its tile's stage is its stage on the day.
 */
export function stageOverridesQuery(sinceXid: number, settings: TileSettings): TileQuery {
  const p = new Params();
  const day = p.add(settings.today, 'date');
  const since = p.add(String(sinceXid), 'xid8');
  return {
    sql: `SELECT t.id, ${stageOnSql(day)} AS stage
      FROM estates t LEFT JOIN estate_current_state cs ON cs.estate_id = t.id
      WHERE t.id IN (SELECT estate_id FROM progress_entries WHERE appended_xid >= ${since} OR entry_date > ${day})
      ORDER BY t.id`,
    params: p.values,
  };
}

/** The same features with their geometry as GeoJSON text in degrees, for the JS tiler. */
export function geojsonTileQuery(layer: TileLayerId, coord: TileCoord, settings: TileSettings): TileQuery {
  const p = new Params();
  return { sql: featuresSql(p, layer, coord, settings, (geom4326) => `ST_AsGeoJSON(${geom4326}, 7)`), params: p.values };
}
