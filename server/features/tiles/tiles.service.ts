/**
 * Vector tiles of estates, zones, facilities and community boundaries, cached in memory under the tile data version
 * (migration 013): any committed change to what a tile draws bumps the version, so a cached tile
 * is never served after its data changed, on this instance or any other.
 */
import { LRUCache } from 'lru-cache';
import { calendarDate } from '../../../core/programme/progress-history.js';
import type { TileCoord } from '../../../core/tiles/tile-grid.js';
import { TILE_LAYERS, type TileLayerId } from '../../../core/tiles/tile-layers.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { encodeTile, type GeojsonTileRow } from './js-tiler.js';
import type { TileStages } from '../../../core/contract/index.js';
import type { IsoDate } from '../../../core/programme/progress-history.js';
import { geojsonTileQuery, postgisTileQuery, stageOverridesQuery, type TileSettings } from './tiles.sql.js';

/** Who encodes a tile: PostGIS (`ST_AsMVT`, server back-end) or the JS tiler (embedded back-end, or a test comparing the two). */
export type TileEncoder = 'postgis' | 'js';

const EMPTY = new Uint8Array(0);

/** The version of the data tiles draw; changes on every commit that changed it. */
export async function tileDataVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>('SELECT version::text AS version FROM tile_data_version');
  return row?.version ?? '0';
}

/**
 * The oldest transaction still open (`pg_snapshot_xmin`, migration 019): every progress entry
 * appended by an earlier transaction has committed and is in any tile cut from now on; entries of
 * this transaction or a later one are named by the stage list (`stageOverridesQuery`). On a
 * streaming replica it is the replica's own snapshot, which matches the rows it serves.
 */
export async function stageCursor(db: Queryable): Promise<number> {
  const [row] = await db.query<{ cursor: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor');
  return Number(row?.cursor ?? 0);
}

function tileSettings(ctx: ServiceContext<Queryable>, day?: IsoDate): TileSettings {
  return { today: day ?? calendarDate(ctx.now()), eligibilityCutoffYear: ctx.settings.eligibilityCutoffYear };
}

/** The stages on `asOf` (default today) that may differ from those of tiles cut after `stageCursor` answered `since`. */
export async function tileStageOverrides(ctx: ServiceContext<Queryable>, since: number, asOf?: IsoDate): Promise<TileStages> {
  const settings = tileSettings(ctx, asOf);
  const { sql, params } = stageOverridesQuery(since, settings);
  const rows = await ctx.db.query<{ id: number; stage: string }>(sql, params);
  return { asOf: settings.today, estates: rows.map((r) => [r.id, r.stage]) };
}

/** One tile straight from the database (no cache); null when empty or below the layer's first zoom. */
export async function renderTile(
  ctx: ServiceContext<Queryable>,
  layer: TileLayerId,
  coord: TileCoord,
  encoder: TileEncoder,
): Promise<Uint8Array | null> {
  if (coord.z < TILE_LAYERS[layer].minZoom) return null;
  const settings = tileSettings(ctx);
  if (encoder === 'postgis') {
    const { sql, params } = postgisTileQuery(layer, coord, settings);
    // Prepared: a tile's statement runs in about a millisecond at z16, as long as planning it.
    const [row] = await ctx.db.query<{ tile: Uint8Array }>(sql, params, { prepare: true });
    return row && row.tile.byteLength > 0 ? new Uint8Array(row.tile) : null;
  }
  const { sql, params } = geojsonTileQuery(layer, coord, settings);
  return encodeTile(layer, coord, await ctx.db.query<GeojsonTileRow>(sql, params));
}

export interface TileAnswer {
  version: string;
  /** null: no feature in the tile (204). */
  bytes: Uint8Array | null;
}

/** Cached tiles of one app, at most `maxBytes` of them; concurrent requests for one missing tile share one query. */
export class TileCache {
  readonly #cache: LRUCache<string, Uint8Array, { ctx: ServiceContext<Queryable>; layer: TileLayerId; coord: TileCoord }>;

  constructor(
    readonly encoder: TileEncoder,
    maxBytes = 64 * 1024 * 1024,
  ) {
    this.#cache = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
      fetchMethod: async (_key, _stale, { context }) => (await renderTile(context.ctx, context.layer, context.coord, encoder)) ?? EMPTY,
    });
  }

  async tile(ctx: ServiceContext<Queryable>, layer: TileLayerId, coord: TileCoord, version: string): Promise<TileAnswer> {
    const key = `${version}/${layer}/${coord.z}/${coord.x}/${coord.y}`;
    const bytes = await this.#cache.fetch(key, { context: { ctx, layer, coord } });
    return { version, bytes: bytes && bytes.byteLength > 0 ? bytes : null };
  }
}
