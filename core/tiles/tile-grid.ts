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

/** The tile of zoom `z` holding a point. */
export function tileContaining(lng: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return { z, x: Math.floor(((lng + 180) / 360) * n), y: Math.min(n - 1, Math.max(0, y)) };
}

/**
 * The tile's bounds in degrees `[west, south, east, north]`, widened on each side by `margin` of
 * the tile's width in Web Mercator (PostGIS's `ST_TileEnvelope(z, x, y, margin => margin)`
 * transformed to degrees: a Mercator rectangle is a rectangle in degrees too).
 */
export function tileBoundsLngLat({ z, x, y }: TileCoord, margin = 0): [number, number, number, number] {
  const n = 2 ** z;
  const lng = (tx: number): number => (tx / n) * 360 - 180;
  const lat = (ty: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lng(x - margin), lat(y + 1 + margin), lng(x + 1 + margin), lat(y - margin)];
}
