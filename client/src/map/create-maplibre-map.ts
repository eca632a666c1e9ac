/** The MapLibre map of the atlas: its basemap style, camera limits and controls. */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { BasemapConfig } from '../api';
import { offlineStyle, tiandituStyle, withOverlay, type BasemapContext, type BasemapKind } from './basemap-style';
import { MAP_DEFAULTS } from './camera';

// MapLibre 6 finds its worker next to its own module; once bundled that file is elsewhere, so name it.
setWorkerUrl(maplibreWorkerUrl);

export function createMapLibreMap(container: HTMLElement, context: BasemapContext, basemap: BasemapConfig, kind: BasemapKind): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style:
      kind === 'styleUrl' && basemap.styleUrl
        ? basemap.styleUrl
        : kind === 'tianditu' && basemap.tiandituKey
          ? tiandituStyle(context, basemap.tiandituKey)
          : offlineStyle(context),
    transformStyle: kind === 'styleUrl' ? (_previous, next) => withOverlay(context, next) : undefined,
    center: MAP_DEFAULTS.center,
    zoom: MAP_DEFAULTS.zoom,
    maxZoom: MAP_DEFAULTS.maxZoom,
    attributionControl: kind === 'offline' ? false : { compact: true },
    dragRotate: false,
    // Shift-click adds an estate to the picked ones (features/zones); MapLibre's Shift-drag box zoom would swallow that click.
    boxZoom: false,
    pitchWithRotate: false,
    // Test screenshots read the canvas back.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();
  // Top-left: the estate panel covers the right-hand side.
  map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
