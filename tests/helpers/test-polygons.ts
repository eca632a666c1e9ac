/** Polygons tests draw: at a given place sized in metres (equirectangular: fine for tens of metres), and rectangles in a zone's metric plane. */
import type { Polygon } from 'geojson';
import { packRings, type MetricShape } from '../../core/zones/metric-shape.js';

const M_PER_DEGREE_LAT = 111_320;

/** A square of about `halfSideM` metres either side of [lng, lat], counter-clockwise from the south-west corner. */
export function squareAround(lng: number, lat: number, halfSideM: number): Polygon {
  const dLat = halfSideM / M_PER_DEGREE_LAT;
  const dLng = halfSideM / (M_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng - dLng, lat - dLat],
        [lng + dLng, lat - dLat],
        [lng + dLng, lat + dLat],
        [lng - dLng, lat + dLat],
        [lng - dLng, lat - dLat],
      ],
    ],
  };
}

/** The whole world as one polygon: PostGIS's geography functions throw "Antipodal edge" on it. */
export const WHOLE_WORLD: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, 90],
      [-180, -90],
    ],
  ],
};

/** An axis-aligned rectangle in metres of a zone's plane: [x0, y0, x1, y1]. */
export type Rect = [x0: number, y0: number, x1: number, y1: number];

/** The rectangle's closed ring, counter-clockwise. */
export const rectRing = ([x0, y0, x1, y1]: Rect): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** The rectangle as a packed metric shape (core/zones). */
export const rectShape = (r: Rect): MetricShape => packRings([rectRing(r)]);
