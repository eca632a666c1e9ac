/** The extent to frame on a map (MapLibre's `fitBounds` takes this shape). */
import { bbox } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import type { LngLat } from './lng-lat.js';

/**
 * [[minLng, minLat], [maxLng, maxLat]] of a set of features, or null when none has a place. A
 * feature's own GeoJSON `bbox` counts when it has one: a sub-district listed without its outline
 * (core/contract/layers.ts) is framed by it.
 * @example boundsOf([estate]) // [[109.40, 24.30], [109.41, 24.31]]
 */
export function boundsOf(features: readonly Feature<Geometry | null>[]): [LngLat, LngLat] | null {
  let bounds: [LngLat, LngLat] | null = null;
  for (const feature of features) {
    const box = feature.bbox ?? (feature.geometry ? bbox(feature.geometry) : null);
    if (!box) continue;
    const [minLng = 0, minLat = 0, maxLng = 0, maxLat = 0] = box.length === 6 ? [box[0], box[1], box[3], box[4]] : box;
    bounds = bounds
      ? [
          [Math.min(bounds[0][0], minLng), Math.min(bounds[0][1], minLat)],
          [Math.max(bounds[1][0], maxLng), Math.max(bounds[1][1], maxLat)],
        ]
      : [
          [minLng, minLat],
          [maxLng, maxLat],
        ];
  }
  return bounds;
}
