/** Polygons tests draw at a given place, sized in metres (equirectangular: fine for tens of metres). */
import type { Polygon } from 'geojson';

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
