/** The parts of the MapLibre style that follow the UI: layer toggles, the selected sub-district and the held roads. */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { RoadCollection } from '../api';
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

/** Puts the held roads in the offline basemap's road source (a tiled city loads them by area); other basemaps have none. */
export function setRoadData(map: MapLibreMap, roads: RoadCollection): void {
  map.getSource<GeoJSONSource>('roads')?.setData(roads);
}
