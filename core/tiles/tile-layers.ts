/**
 * The layers served as vector tiles (GET /api/tiles/{layer}/{z}/{x}/{y}.mvt) and the attributes
 * each carries from which zoom on: the map colours by the small ones at every zoom, and reads
 * names and figures only when the estates are big enough to pick.
 */
export const TILE_LAYERS = {
  // Below z12 an estate is a pixel or two and a tile of a dense city holds a hundred thousand of
  // them (megabytes, seconds to cut): the map shows figures per sub-district there instead.
  estates: {
    minZoom: 12,
    attributes: {
      stage: 0,
      households: 0,
      yearBuilt: 0,
      urgent: 0,
      eligible: 0,
      subdistrictCode: 0,
      name: 14,
      floorAreaM2: 14,
    },
  },
  zones: { minZoom: 9, attributes: { subdistrictCode: 0, name: 12 } },
  facilities: { minZoom: 12, attributes: { type: 0, status: 0, name: 15 } },
  // Boundaries only, from the zoom the estates come in at: below it the sub-districts' fill says more.
  communities: { minZoom: 12, attributes: { code: 0, subdistrictCode: 0 } },
  // Boundaries at every zoom: below the estates' first zoom the map fills them by their share of
  // estates started (client/src/map/estate-tiles.ts), matched by code.
  subdistricts: { minZoom: 0, attributes: { code: 0 } },
} as const;

export type TileLayerId = keyof typeof TILE_LAYERS;
export type TileAttribute<L extends TileLayerId> = keyof (typeof TILE_LAYERS)[L]['attributes'];

export const TILE_LAYER_IDS = Object.keys(TILE_LAYERS) as TileLayerId[];

/** The attributes a tile of `layer` at zoom `z` carries, in a fixed order. */
export function tileAttributesAt<L extends TileLayerId>(layer: L, z: number): TileAttribute<L>[] {
  const attributes = TILE_LAYERS[layer].attributes as Readonly<Record<TileAttribute<L>, number>>;
  return (Object.keys(attributes) as TileAttribute<L>[]).filter((name) => z >= attributes[name]);
}
