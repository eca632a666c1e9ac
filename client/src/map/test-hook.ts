/**
 * `window.__atlas`, for browser tests only: lets a test find the screen pixel of a coordinate
 * and ask what deck.gl picks there, once the estates are drawn (`ready`).
 */
import type { MapAdapter, MapCamera } from './map-adapter';
import type { MapTarget } from './map-types';
import type { LngLat } from '../../../core/geometry/lng-lat';

export interface AtlasTestHook {
  /** The camera (not the MapLibre map): centre, zoom, jumpTo, isMoving. */
  map: MapCamera;
  /** Viewport CSS-pixel position of [lng, lat], usable with page.mouse.click. */
  project(lngLat: LngLat): [number, number];
  /** What deck.gl picks at a viewport position. */
  pick(x: number, y: number): MapTarget | null;
  readonly ready: boolean;
  /** Estate tiles MapLibre has cut since the map opened. */
  readonly estateTilesCut: number;
}

declare global {
  interface Window {
    __atlas?: AtlasTestHook;
  }
}

export function exposeTestHook(atlas: MapAdapter): () => void {
  const hook: AtlasTestHook = {
    map: atlas.camera,
    project: (lngLat) => atlas.project(lngLat),
    pick: (x, y) => atlas.pick(x, y),
    get ready() {
      return atlas.isReady;
    },
    get estateTilesCut() {
      return atlas.estateTilesCut;
    },
  };
  window.__atlas = hook;
  return () => {
    if (window.__atlas === hook) delete window.__atlas;
  };
}
