/**
 * Vector tiles in the web-mercator XYZ grid, as MapLibre requests them. The server's two encoders
 * (PostGIS `ST_AsMVT`, and the JS tiler of the embedded back-end) share these numbers, so their
 * tiles match.
 */

/** Tile coordinates of MVT geometry: 4096 units across, the MVT default. */
export const TILE_EXTENT = 4096;
/** Geometry reaches this many tile units past each edge, so strokes and fills join without seams. */
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 22;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/**
 * Why `z/x/y` names no tile of the grid, or null when it does.
 * @example tileCoordRefusal({ z: 2, x: 4, y: 0 }) // 'x 4 is outside 0…3 at zoom 2'
 */
export function tileCoordRefusal({ z, x, y }: TileCoord): string | null {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return `zoom ${z} is outside 0…${MAX_TILE_ZOOM}`;
  const last = 2 ** z - 1;
  if (!Number.isInteger(x) || x < 0 || x > last) return `x ${x} is outside 0…${last} at zoom ${z}`;
  if (!Number.isInteger(y) || y < 0 || y > last) return `y ${y} is outside 0…${last} at zoom ${z}`;
  return null;
}

/**
 * Half a tile unit at zoom `z`, in degrees of longitude: the simplification tolerance applied
 * before projecting (a degree of latitude is shorter on the tile than a degree of longitude
 * nowhere south of the poles, so this never removes a visible vertex).
 */
export function tileSimplifyToleranceDeg(z: number): number {
  return 360 / 2 ** z / TILE_EXTENT / 2;
}
