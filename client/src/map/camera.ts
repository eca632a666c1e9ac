/** Camera moves of the MapLibre map: framing features, keeping them clear of side panels. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, Geometry } from 'geojson';
import { boundsOf } from '../../../core/geometry/bounds-of';
import { polygonLabelPoint } from '../../../core/geometry/label-points';
import type { LngLat } from '../../../core/geometry/lng-lat';
import type { EstateApiFeature } from '../api';
import type { MapCamera } from './map-adapter';

/** Defaults for the initial camera and fitting; the demo city sits around 109.41 °E 24.31 °N. */
export const MAP_DEFAULTS = {
  center: [109.41, 24.31] as LngLat,
  zoom: 13,
  maxZoom: 19,
  fitPaddingPx: 48,
  fitMaxZoom: 17,
};

/** Frames the features; false when there is nothing to frame. Without animation the camera jumps, which tests rely on. */
export function fitFeatures(map: MapLibreMap, features: readonly Feature<Geometry | null>[], animate: boolean): boolean {
  const bounds = boundsOf(features);
  if (!bounds) return false;
  map.fitBounds(bounds, { padding: MAP_DEFAULTS.fitPaddingPx, maxZoom: MAP_DEFAULTS.fitMaxZoom, duration: animate ? 600 : 0 });
  return true;
}

/** Flies to the features, keeping them clear of a panel over the right `coveredRightPx` pixels of the map. */
export function flyToFeatures(map: MapLibreMap, features: readonly Feature<Geometry | null>[], coveredRightPx: number): void {
  const bounds = boundsOf(features);
  if (!bounds) return;
  const pad = MAP_DEFAULTS.fitPaddingPx;
  const width = map.getContainer().clientWidth;
  // A panel wider than the map leaves nothing to frame beside it; then ignore the panel.
  const right = width - coveredRightPx > 4 * pad ? coveredRightPx + pad : pad;
  map.fitBounds(bounds, { padding: { top: pad, bottom: pad, left: pad, right }, maxZoom: MAP_DEFAULTS.fitMaxZoom, duration: 600 });
}

/** Pans sideways when the estate's label point lies under a panel over the right `coveredRightPx` pixels. */
export function revealFeature(map: MapLibreMap, feature: EstateApiFeature, coveredRightPx: number): void {
  const point = map.project(polygonLabelPoint(feature.geometry));
  const visibleRight = map.getContainer().clientWidth - coveredRightPx;
  const marginPx = 24;
  if (visibleRight <= 2 * marginPx || (point.x > marginPx && point.x < visibleRight - marginPx)) return;
  map.panBy([point.x - visibleRight / 2, 0], { duration: 400 });
}

/** The camera without the rest of the map (what the browser-test hook may touch). */
export function cameraOf(map: MapLibreMap): MapCamera {
  return {
    getCenter: () => {
      const { lng, lat } = map.getCenter();
      return { lng, lat };
    },
    getZoom: () => map.getZoom(),
    jumpTo: (camera) => {
      map.jumpTo(camera);
    },
    isMoving: () => map.isMoving(),
  };
}
