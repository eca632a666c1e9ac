/**
 * deck.gl layers of renovation zones (片区): a faint pickable fill under the estates (a click
 * between estates opens the zone), and above them the outlines, names, neighbour links, the
 * estates picked to form a zone, and suggested zones as dashed outlines. Estates keep their own
 * colours inside a zone: nothing opaque is drawn over them.
 */
import { GeoJsonLayer, PathLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry, Position } from 'geojson';
import type { PointLabel } from '../../../core/geometry/label-points';
import type { EstateApiProperties, ZoneApiProperties, ZoneSuggestion } from '../api';
import { withAlpha, type Rgba } from '../../../core/colour';
import { dashedRings, metresPerPixel } from './dashed-rings';
import type { MapScene } from './map-types';

export const ZONE_LAYER_IDS = {
  fill: 'zone-fill',
  outline: 'zone-outline',
  links: 'zone-links',
  labels: 'zone-labels',
  picked: 'estate-picked',
  suggestions: 'zone-suggestions',
  suggestionFill: 'zone-suggestion-fill',
} as const;

/**
 * Look of the zone layers: a dark green apart from the estate status colours (red, orange, grey
 * blue), the purple sub-district lines and the selected-estate blue; suggestions in magenta.
 */
export const ZONE_STYLE = {
  outline: [27, 94, 32, 255] as Rgba,
  selectedOutline: [10, 60, 14, 255] as Rgba,
  fill: [46, 125, 50, 30] as Rgba,
  selectedFill: [46, 125, 50, 56] as Rgba,
  labelBackground: [27, 94, 32, 225] as Rgba,
  link: [230, 81, 0, 255] as Rgba,
  picked: [0, 151, 167, 255] as Rgba,
  pickedFill: [255, 255, 255, 40] as Rgba,
  suggestion: [194, 24, 91, 255] as Rgba,
  focusedSuggestion: [136, 14, 79, 255] as Rgba,
  focusedSuggestionFill: [194, 24, 91, 45] as Rgba,
  outlineWidthPx: 2.5,
  selectedOutlineWidthPx: 4,
  dashPx: 8,
  gapPx: 5,
};

type ZoneGeoFeature = Feature<Geometry, ZoneApiProperties>;
type EstateGeoFeature = Feature<Geometry, EstateApiProperties>;

interface DashPath {
  path: Position[];
  focused: boolean;
}

function ringsOf(suggestion: ZoneSuggestion): Position[][] {
  return suggestion.outline.coordinates.flatMap((polygon) => polygon);
}

/** The suggestions' outlines as dashes about `dashPx` long at this zoom. */
export function suggestionDashes(scene: MapScene): DashPath[] {
  const first = scene.zones.suggestions[0]?.outline.coordinates[0]?.[0]?.[0];
  if (!first) return [];
  // Whole zoom steps, so the dashes are recut only when the zoom band changes.
  const mPerPx = metresPerPixel(first[1] ?? 0, Math.round(scene.zoom));
  return scene.zones.suggestions.flatMap((s, index) =>
    dashedRings(ringsOf(s), ZONE_STYLE.dashPx * mPerPx, ZONE_STYLE.gapPx * mPerPx).map((path) => ({
      path,
      focused: index === scene.zones.focusedSuggestion,
    })),
  );
}

/** Drawn before the estates: pickable, so a click inside a zone but off its estates finds the zone. */
export function zoneFillLayer(scene: MapScene): Layer {
  const { zones, selectedZoneId } = scene.zones;
  return new GeoJsonLayer<ZoneApiProperties>({
    id: ZONE_LAYER_IDS.fill,
    data: zones as ZoneGeoFeature[],
    pickable: true,
    filled: true,
    stroked: false,
    getFillColor: (f) => (f.properties.id === selectedZoneId ? ZONE_STYLE.selectedFill : ZONE_STYLE.fill),
    updateTriggers: { getFillColor: [selectedZoneId] },
  });
}

/** Drawn above the estates. */
export function zoneOverLayers(scene: MapScene, labelProps: Record<string, unknown>): Layer[] {
  const z = scene.zones;
  const estates = z.picked.ids.size ? (scene.estates.filter((e) => z.picked.ids.has(e.id)) as EstateGeoFeature[]) : [];
  const focused = z.focusedSuggestion === null ? undefined : z.suggestions[z.focusedSuggestion];
  return [
    new GeoJsonLayer({
      id: ZONE_LAYER_IDS.suggestionFill,
      data: focused ? [{ type: 'Feature', geometry: focused.outline, properties: {} }] : [],
      pickable: false,
      filled: true,
      stroked: false,
      getFillColor: ZONE_STYLE.focusedSuggestionFill,
    }),
    new PathLayer<DashPath>({
      id: ZONE_LAYER_IDS.suggestions,
      data: suggestionDashes(scene),
      pickable: false,
      widthUnits: 'pixels',
      getPath: (d) => d.path as [number, number][],
      getWidth: (d) => (d.focused ? 3.5 : 2.5),
      getColor: (d) => (d.focused ? ZONE_STYLE.focusedSuggestion : ZONE_STYLE.suggestion),
      capRounded: true,
    }),
    new GeoJsonLayer<EstateApiProperties>({
      id: ZONE_LAYER_IDS.picked,
      data: estates,
      pickable: false,
      filled: true,
      stroked: true,
      getFillColor: ZONE_STYLE.pickedFill,
      getLineColor: ZONE_STYLE.picked,
      lineWidthUnits: 'pixels',
      getLineWidth: 3.5,
    }),
    new GeoJsonLayer<ZoneApiProperties>({
      id: ZONE_LAYER_IDS.outline,
      data: z.zones as ZoneGeoFeature[],
      pickable: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineColor: (f) => {
        if (f.properties.id === z.selectedZoneId) return ZONE_STYLE.selectedOutline;
        const stageColour = z.outlineColours?.byZone.get(f.properties.id);
        return stageColour ? withAlpha(stageColour, 255) : ZONE_STYLE.outline;
      },
      getLineWidth: (f) => (f.properties.id === z.selectedZoneId ? ZONE_STYLE.selectedOutlineWidthPx : ZONE_STYLE.outlineWidthPx),
      updateTriggers: { getLineColor: [z.selectedZoneId, z.outlineColours?.key ?? ''], getLineWidth: [z.selectedZoneId] },
    }),
    new GeoJsonLayer({
      id: ZONE_LAYER_IDS.links,
      data: [...z.links] as Feature[],
      pickable: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 4,
      lineCapRounded: true,
      getLineColor: ZONE_STYLE.link,
    }),
    new TextLayer<PointLabel>({
      ...labelProps,
      id: ZONE_LAYER_IDS.labels,
      data: z.labels as PointLabel[],
      visible: scene.visibleLayers.labels,
      getText: (d) => d.text,
      getPosition: (d) => d.position,
      getSize: 14,
      fontWeight: 'bold',
      getColor: [255, 255, 255, 255],
      getBackgroundColor: ZONE_STYLE.labelBackground,
      backgroundPadding: [6, 2],
    }),
  ];
}
