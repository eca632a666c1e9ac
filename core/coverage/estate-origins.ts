/** An estate's origins for coverage: its gates when the ledger has any, else its boundary. */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { EstateOrigins } from './facility-index.js';

/**
 * Origins from an estate's geometry and its gate points.
 * @example estateOrigins(square, []).gates // null: measured from the boundary
 */
export function estateOrigins(geometry: Polygon | MultiPolygon, gates: readonly Position[]): EstateOrigins {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = polygons.flat().map((ring) => Float64Array.from(ring.flatMap((p) => [p[0] ?? 0, p[1] ?? 0])));
  const gateCoords = gates.length > 0 ? Float64Array.from(gates.flatMap((p) => [p[0] ?? 0, p[1] ?? 0])) : null;
  return { gates: gateCoords, rings, bbox: boundsOf(gateCoords ? [gateCoords] : rings) };
}

function boundsOf(lists: readonly Float64Array[]): [number, number, number, number] {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i += 2) {
      const lng = list[i]!;
      const lat = list[i + 1]!;
      if (lng < bbox[0]) bbox[0] = lng;
      if (lat < bbox[1]) bbox[1] = lat;
      if (lng > bbox[2]) bbox[2] = lng;
      if (lat > bbox[3]) bbox[3] = lat;
    }
  }
  return bbox;
}
