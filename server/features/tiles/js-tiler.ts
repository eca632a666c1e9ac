/**
 * The embedded back-end's tile encoder: PGlite's PostGIS has no protobuf, so the rows of
 * tiles.sql.ts's GeoJSON query are cut, projected and encoded here with MapLibre's own libraries
 * (geojson-vt for the tile geometry, vt-pbf for the protobuf) into the tile `ST_AsMVT` would give.
 */
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from '../../../core/tiles/tile-grid.js';

/** A row of the GeoJSON tile query: `id`, attributes, and `geom` as GeoJSON text. */
export type GeojsonTileRow = { id: number; geom: string } & Record<string, unknown>;

/** A tile of one layer as MVT bytes, or null when no feature reaches into it. */
export function encodeTile(layer: string, coord: TileCoord, rows: readonly GeojsonTileRow[]): Uint8Array | null {
  if (rows.length === 0) return null;
  const features = rows.map(({ id, geom, ...attributes }): GeoJSON.Feature => ({
    type: 'Feature',
    id,
    // ST_AsMVT leaves out null attributes; so do we.
    properties: Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null)),
    geometry: JSON.parse(geom) as GeoJSON.Geometry,
  }));
  const tile = geoJSONToTile({ type: 'FeatureCollection', features }, coord.z, coord.x, coord.y, {
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
    clip: true,
    // Geometry arrives simplified to half a tile unit; geojson-vt's own pass only drops what rounding merges.
    tolerance: 0.5,
  });
  if (tile.features.length === 0) return null;
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT });
}
