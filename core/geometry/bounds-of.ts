/** The extent to frame on a map (MapLibre's `fitBounds` takes this shape). */
import { bbox } from '@turf/turf';
import type { Feature } from 'geojson';
import type { LngLat } from './lng-lat.js';

/**
 * [[minLng, minLat], [maxLng, maxLat]] of a set of features, or null when there are none.
 * @example boundsOf([estate]) // [[109.40, 24.30], [109.41, 24.31]]
 */
export function boundsOf(features: readonly Feature[]): [LngLat, LngLat] | null {
  if (features.length === 0) return null;
  const [minLng = 0, minLat = 0, maxLng = 0, maxLat = 0] = bbox({ type: 'FeatureCollection', features: [...features] });
  return [
    [minLng, minLat],
    [maxLng, maxLat],
  ];
}
