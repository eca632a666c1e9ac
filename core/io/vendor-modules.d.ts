// Minimal types for the parts of untyped packages that core/io uses.

declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Parses a .shp; with a .prj text the coordinates are reprojected to WGS84 (proj4). Null shapes come back as null. */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, prj?: string): (Geometry | null)[];
  /** Parses a .dbf; `encoding` is a TextDecoder label (the .cpg content). */
  export function parseDbf(dbf: DataView | ArrayBuffer | Uint8Array, encoding?: string): Record<string, unknown>[];
}

declare module '@terraformer/wkt' {
  import type { Geometry } from 'geojson';
  export function wktToGeoJSON(wkt: string): Geometry;
  export function geojsonToWKT(geometry: Geometry): string;
}
