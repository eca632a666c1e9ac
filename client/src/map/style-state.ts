/** The parts of the MapLibre style that follow the UI: layer toggles and the selected sub-district. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { STYLE_LAYERS_BY_TOGGLE } from './basemap-style';
import type { VisibleLayers } from './map-types';

/** Applies the toggles and the selection to the loaded style (a style swap loses them, so call again after one). */
export function applyStyleState(map: MapLibreMap, visibleLayers: VisibleLayers | null, selectedSubdistrict: string | null): void {
  if (visibleLayers) {
    for (const [toggle, ids] of Object.entries(STYLE_LAYERS_BY_TOGGLE)) {
      const visible = visibleLayers[toggle as keyof VisibleLayers];
      for (const id of ids ?? []) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      }
    }
  }
  if (map.getLayer('subdistricts-selected')) {
    map.setFilter('subdistricts-selected', ['==', ['get', 'code'], selectedSubdistrict ?? '']);
  }
}
