/**
 * Source coordinate systems of imported files and their conversion to the one stored system,
 * EPSG:4326 (WGS84; CGCS2000/EPSG:4490 is the same at map scale, so it counts as 'wgs84').
 *
 * GCJ-02 (Amap/高德, Tencent/腾讯) and BD-09 (Baidu/百度) are offset systems. Converting them to WGS84
 * is the inverse of a published forward formula that gcoord solves iteratively, so the result is
 * approximate: treat it as good to 1–2 m (measured WGS84 → GCJ-02 → WGS84 error with gcoord 1.0.7:
 * under 0.01 m around Liuzhou and under 0.1 m around Beijing; tests/unit/io-source-crs.test.ts
 * asserts < 2 m). We never store the offset systems, only record which one a layer came from.
 */
import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';

export const SOURCE_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
/** wgs84 also covers CGCS2000; gcj02 = Amap/Tencent; bd09 = Baidu (BD-09 lng/lat, not BD-09 Mercator). */
export type SourceCrs = (typeof SOURCE_CRS)[number];

const GCOORD_CRS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

type GcoordInput = Parameters<typeof gcoord.transform>[0];
type GcoordCrs = Parameters<typeof gcoord.transform>[1];

/** gcoord declares its own GeoJSON types; ours (@types/geojson) describe the same objects. */
function transformInPlace<G extends Geometry>(geometry: G, from: GcoordCrs, to: GcoordCrs): G {
  return gcoord.transform(geometry as unknown as Exclude<GcoordInput, string>, from, to) as unknown as G;
}

/**
 * A copy of `geometry` in WGS84. gcoord mutates what it is given, so only a deep copy is handed to it;
 * the caller's object is never changed. Outside China gcoord leaves coordinates as they are.
 * @example toWgs84({ type: 'Point', coordinates: [109.4155, 24.3084] }, 'gcj02') // ≈ [109.4100, 24.3110]
 */
export function toWgs84<G extends Geometry>(geometry: G, crs: SourceCrs): G {
  const copy = structuredClone(geometry);
  if (crs === 'wgs84') return copy;
  return transformInPlace(copy, GCOORD_CRS[crs], gcoord.WGS84);
}

/**
 * The opposite direction, WGS84 → an offset system (for making fixtures and for tests). Approximate
 * in the same sense as {@link toWgs84}: a round trip lands within 1–2 m.
 * @example fromWgs84({ type: 'Point', coordinates: [109.41, 24.31] }, 'gcj02')
 */
export function fromWgs84<G extends Geometry>(geometry: G, crs: SourceCrs): G {
  const copy = structuredClone(geometry);
  if (crs === 'wgs84') return copy;
  return transformInPlace(copy, gcoord.WGS84, GCOORD_CRS[crs]);
}

/** Converts one [lng, lat] position (a copy). */
export function positionToWgs84(position: Position, crs: SourceCrs): [number, number] {
  const [lng = NaN, lat = NaN] = position;
  if (crs === 'wgs84') return [lng, lat];
  const out = gcoord.transform([lng, lat], GCOORD_CRS[crs], gcoord.WGS84);
  return [out[0], out[1]];
}

export interface SourceCrsHints {
  /** The text of a Shapefile's .prj (WKT). */
  prjText?: string | null | undefined;
  fileName?: string | undefined;
  /** A sample coordinate from the file, to rule out projected (metre) coordinates. */
  sampleLngLat?: [number, number] | undefined;
}

export interface SourceCrsGuess {
  crs: SourceCrs;
  /** Why, in English, for the UI to show (or translate) next to the pre-selected option. */
  reason: string;
}

const FILE_NAME_HINTS: readonly { pattern: RegExp; crs: SourceCrs; label: string }[] = [
  { pattern: /bd-?09|baidu|bmap|百度/i, crs: 'bd09', label: 'Baidu (BD-09)' },
  { pattern: /gcj-?02|amap|gaode|高德|tencent|qq-?map|腾讯|火星/i, crs: 'gcj02', label: 'Amap/Tencent (GCJ-02)' },
  { pattern: /wgs-?84|cgcs-?2000|4326|4490|gps/i, crs: 'wgs84', label: 'WGS84/CGCS2000' },
];

/**
 * A best guess of a file's coordinate system from its .prj, its name and a sample coordinate;
 * null means "ask the user". A file name that names an offset system wins over a .prj, because
 * GCJ-02 data exported by desktop GIS usually carries a plain WGS84 .prj.
 * @example guessSourceCrs({ fileName: '高德_小区.zip' }) // { crs: 'gcj02', reason: … }
 */
export function guessSourceCrs(hints: SourceCrsHints): SourceCrsGuess | null {
  const sample = hints.sampleLngLat;
  if (sample && (Math.abs(sample[0]) > 180 || Math.abs(sample[1]) > 90)) return null;
  const fileName = hints.fileName ?? '';
  for (const hint of FILE_NAME_HINTS) {
    if (hint.pattern.test(fileName)) {
      return { crs: hint.crs, reason: `the file name "${fileName}" suggests ${hint.label}` };
    }
  }
  const prj = hints.prjText ?? '';
  if (/GCS_WGS_1984|WGS[ _]?84|"WGS 84"|China_Geodetic_Coordinate_System_2000|CGCS[_ ]?2000/i.test(prj)) {
    const system = /2000/.test(prj) ? 'CGCS2000' : 'WGS84';
    // A projected .prj (PROJCS, e.g. CGCS2000 3-degree Gauss-Krüger) was unprojected on reading.
    const kind = /^\s*PROJCS/i.test(prj) ? 'projected (read back to lng/lat)' : 'geographic';
    return { crs: 'wgs84', reason: `the .prj declares ${system} ${kind} coordinates` };
  }
  return null;
}
