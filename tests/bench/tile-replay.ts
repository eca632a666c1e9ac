/** The fixed replay of estate tiles the tile benchmarks request (tiles.bench.ts, replica.bench.ts). */
import { tileContaining, type TileCoord } from '../../core/tiles/tile-grid.js';
import type { Queryable } from '../../server/db/index.js';

/** A fixed replay: a block of tiles around the city centre at each zoom from 10 to 16. */
export async function replayTiles(db: Queryable): Promise<TileCoord[]> {
  const [centre] = await db.query<{ lng: number; lat: number }>(
    'SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Extent(geom)::geometry) AS c FROM estates) s',
  );
  const tiles: TileCoord[] = [];
  for (let z = 10; z <= 16; z++) {
    const mid = tileContaining(centre!.lng, centre!.lat, z);
    const half = z <= 11 ? 1 : 2;
    for (let dx = -half; dx < half; dx++) for (let dy = -half; dy < half; dy++) tiles.push({ z, x: mid.x + dx, y: mid.y + dy });
  }
  return tiles;
}

/** The app's URL path of each estate tile. */
export const tilePaths = (tiles: readonly TileCoord[]): string[] => tiles.map(({ z, x, y }) => `/api/tiles/estates/${z}/${x}/${y}.mvt`);
