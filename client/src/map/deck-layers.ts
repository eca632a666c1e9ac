/**
 * The deck.gl layers drawn over the basemap, built from a plain description of the scene.
 * Layer ids are stable so deck.gl diffs props instead of rebuilding layers.
 */
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { EstateApiFeature, EstateApiProperties } from '../api';
import { withAlpha, type Rgba } from '../../../core/colour';
import { ESTATE_MARKS, estateFill } from './estate-colours';
import { facilityColour } from './facility-style';
import { labelsAt, labelWidthPx, type LineLabel, type PointLabel } from '../../../core/geometry/label-points';
import type { FacilityDatum, ImportPreview, MapScene, MapTarget, SceneInput } from './map-types';
import { ZONE_LAYER_IDS, zoneFillLayer, zoneOverLayers } from './zone-layers';
import { coverageLayers } from './coverage-layers';

export const LAYER_IDS = {
  estates: 'estates',
  estateHighlight: 'estate-highlight',
  facilities: 'facilities',
  roadLabels: 'road-labels',
  subdistrictLabels: 'subdistrict-labels',
  estateLabels: 'estate-labels',
  importPreview: 'import-preview',
} as const;

/** CJK-capable system fonts first; deck.gl rasterises the glyphs itself, so no glyph server is needed. */
export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif';

/** Estate names appear from this zoom on, where an estate is large enough to hold its name. */
export const ESTATE_LABEL_MIN_ZOOM = 16.5;
/** Street names from this zoom on: further out they cover the city (and its sub-district fills) in text. */
export const ROAD_LABEL_MIN_ZOOM = 12;

/**
 * In a city drawn from tiles, facilities are drawn from this zoom on: the browser holds only those
 * of the areas looked at this close (features/atlas/use-held-areas.ts), and further out the
 * sub-districts' figures stand for the city.
 */
export const AREA_VIEW_MIN_ZOOM = 14;

/** Sub-district names are drawn this large, on a background this much wider on each side. */
const SUBDISTRICT_LABEL_SIZE_PX = 16;
const SUBDISTRICT_LABEL_PADDING_PX: [number, number] = [6, 2];

/** How wide a sub-district must be on screen before its name is drawn: the name and its background. */
export function subdistrictLabelWidthPx(name: string): number {
  return labelWidthPx(name, SUBDISTRICT_LABEL_SIZE_PX) + 2 * SUBDISTRICT_LABEL_PADDING_PX[0];
}

/** Labels appear and go in half-zoom steps, so the deck layers change at most twice per zoom level. */
const labelStep = (zoom: number): number => Math.floor(zoom * 2);

/**
 * What a zoom shows, as one number the deck layers change with: the label step, which labels
 * (0 sub-districts, 1 and roads, 2 and estates) and whether a tiled city's facilities are drawn.
 */
export function deckZoomBand(zoom: number): number {
  const labels = zoom >= ESTATE_LABEL_MIN_ZOOM ? 2 : zoom >= ROAD_LABEL_MIN_ZOOM ? 1 : 0;
  return 8 * labelStep(zoom) + 2 * labels + (zoom >= AREA_VIEW_MIN_ZOOM ? 1 : 0);
}

// The labels one list shows at one step, kept so a redraw at that step hands deck.gl the same array
// and the text layer is not laid out again.
const shownByStep = new WeakMap<readonly PointLabel[], { step: number; shown: PointLabel[] }>();
function labelsAtStep(labels: readonly PointLabel[], zoom: number): PointLabel[] {
  const step = labelStep(zoom);
  const kept = shownByStep.get(labels);
  if (kept?.step === step) return kept.shown;
  const shown = labelsAt(labels, step / 2);
  shownByStep.set(labels, { step, shown });
  return shown;
}

const { selectedOutline: SELECTED_OUTLINE, hoverOutline: HOVER_OUTLINE, hoverFill: HOVER_FILL, outline: ESTATE_OUTLINE } = ESTATE_MARKS;
const FADED_OUTLINE: Rgba = [255, 255, 255, 90];
/** The outline of an estate whose stage changed this period ("changes since last report"). */
export const CHANGED_OUTLINE: Rgba = [200, 0, 90, 255];

type EstateGeoFeature = Feature<Geometry, EstateApiProperties>;

// A soft box behind the text keeps it readable over any fill; deck.gl's SDF outline renders
// hollow glyphs on some GL back-ends (SwiftShader), so it is not used.
const TEXT_DEFAULTS = {
  characterSet: 'auto',
  fontFamily: LABEL_FONT_FAMILY,
  billboard: true,
  sizeUnits: 'pixels',
  pickable: false,
  background: true,
  backgroundPadding: [4, 1],
  backgroundBorderRadius: 3,
} as const;

function estateLayer(scene: MapScene): Layer {
  return new GeoJsonLayer<EstateApiProperties>({
    id: LAYER_IDS.estates,
    data: scene.estates as EstateGeoFeature[],
    // From tiles the map draws every estate itself; the few held here would be drawn twice.
    visible: scene.visibleLayers.estates && !scene.tiledEstates,
    pickable: true,
    filled: true,
    stroked: true,
    getFillColor: (f) => estateFill(scene.colouring, f.properties, scene.faded.ids.has(f.properties.id)),
    getLineColor: (f) =>
      scene.changed.ids.has(f.properties.id) ? CHANGED_OUTLINE : scene.faded.ids.has(f.properties.id) ? FADED_OUTLINE : ESTATE_OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (scene.changed.ids.has(f.properties.id) ? 3 : 1),
    updateTriggers: {
      getFillColor: [scene.colouring.key, scene.faded.key],
      getLineColor: [scene.faded.key, scene.changed.key],
      getLineWidth: [scene.changed.key],
    },
  });
}

function highlightLayer(scene: MapScene): Layer {
  const byId = (id: number | null) => (id === null ? undefined : scene.estates.find((e) => e.id === id));
  const selected = byId(scene.selectedEstateId);
  const hovered = scene.hoveredEstateId !== scene.selectedEstateId ? byId(scene.hoveredEstateId) : undefined;
  // Hovered first so the selected outline is drawn on top where they touch.
  const features = [hovered, selected].filter((f): f is EstateApiFeature => f !== undefined) as EstateGeoFeature[];
  return new GeoJsonLayer<EstateApiProperties>({
    id: LAYER_IDS.estateHighlight,
    data: features,
    visible: scene.visibleLayers.estates,
    pickable: false,
    filled: true,
    stroked: true,
    getFillColor: (f) => (f.properties.id === scene.selectedEstateId ? [0, 0, 0, 0] : HOVER_FILL),
    getLineColor: (f) => (f.properties.id === scene.selectedEstateId ? SELECTED_OUTLINE : HOVER_OUTLINE),
    getLineWidth: (f) => (f.properties.id === scene.selectedEstateId ? 4 : 2.5),
    lineWidthUnits: 'pixels',
    updateTriggers: {
      getFillColor: [scene.selectedEstateId],
      getLineColor: [scene.selectedEstateId],
      getLineWidth: [scene.selectedEstateId],
    },
  });
}

function facilityLayer(scene: MapScene): Layer {
  return new ScatterplotLayer<FacilityDatum>({
    id: LAYER_IDS.facilities,
    data: scene.facilities as FacilityDatum[],
    visible: scene.visibleLayers.facilities && (!scene.tiledEstates || scene.zoom >= AREA_VIEW_MIN_ZOOM),
    pickable: true,
    stroked: true,
    filled: true,
    // Metres, clamped to pixels: small dots for the district view, larger when zoomed in.
    radiusUnits: 'meters',
    getRadius: 12,
    radiusMinPixels: 3,
    radiusMaxPixels: 7,
    lineWidthUnits: 'pixels',
    // A planned facility is drawn hollow in its type's colour: there is nothing there yet.
    getLineWidth: (d) => (d.feature.properties.status === 'planned' ? 2 : 1),
    getLineColor: (d) =>
      d.feature.properties.status === 'planned' ? withAlpha(facilityColour(d.feature.properties.type), 255) : [255, 255, 255, 255],
    getFillColor: (d) => withAlpha(facilityColour(d.feature.properties.type), d.feature.properties.status === 'planned' ? 60 : 255),
    getPosition: (d) => {
      const [lng = 0, lat = 0] = d.feature.geometry.coordinates;
      return [lng, lat];
    },
  });
}

function labelLayers(scene: MapScene): Layer[] {
  const labelsOn = scene.visibleLayers.labels;
  return [
    new TextLayer<LineLabel>({
      ...TEXT_DEFAULTS,
      id: LAYER_IDS.roadLabels,
      data: scene.roadLabels as LineLabel[],
      visible: labelsOn && scene.showRoadLabels && scene.visibleLayers.roads && scene.zoom >= ROAD_LABEL_MIN_ZOOM,
      getText: (d) => d.text,
      getPosition: (d) => d.position,
      getAngle: (d) => d.angleDeg,
      getSize: 12,
      getColor: [110, 100, 86, 255],
      getBackgroundColor: [243, 240, 232, 200],
    }),
    new TextLayer<PointLabel>({
      ...TEXT_DEFAULTS,
      id: LAYER_IDS.subdistrictLabels,
      data: labelsAtStep(scene.subdistrictLabels, scene.zoom),
      visible: labelsOn && scene.visibleLayers.subdistricts,
      getText: (d) => d.text,
      getPosition: (d) => d.position,
      getSize: SUBDISTRICT_LABEL_SIZE_PX,
      fontWeight: 'bold',
      getColor: [80, 56, 130, 255],
      getBackgroundColor: [255, 255, 255, 170],
      backgroundPadding: SUBDISTRICT_LABEL_PADDING_PX,
    }),
    new TextLayer<PointLabel>({
      ...TEXT_DEFAULTS,
      id: LAYER_IDS.estateLabels,
      data: scene.estateLabels as PointLabel[],
      visible: labelsOn && scene.visibleLayers.estates && scene.zoom >= ESTATE_LABEL_MIN_ZOOM,
      getText: (d) => d.text,
      getPosition: (d) => d.position,
      getSize: 12,
      getColor: [40, 40, 40, 255],
      getBackgroundColor: [255, 255, 255, 190],
    }),
  ];
}

/**
 * What deck.gl's layers are built from, compared field by field (`sameDeckInputs`): equal inputs
 * build equal layers, so the overlay is left alone. deck.gl's own diff of a dozen new layer objects
 * costs 1–20 ms of script, as much as a tiled recolouring's whole budget. A tiled city's colouring,
 * fading, changed outlines, and its hover and selection off the held estates are MapLibre's alone.
 */
export type DeckInputs = Readonly<Record<keyof MapScene, unknown>> & { preview: ImportPreview | null };

export function deckInputs(scene: MapScene, preview: ImportPreview | null): DeckInputs {
  if (!scene.tiledEstates) return { ...scene, preview };
  // The highlight layer outlines only estates the scene holds: over tiles, MapLibre's feature state
  // marks the others, so hovering across a tiled city leaves deck.gl alone.
  const held = (id: number | null) => (id !== null && scene.estates.some((estate) => estate.id === id) ? id : null);
  return {
    ...scene,
    // Read by the estate layer alone, which is hidden while the estates come from tiles.
    colouring: null,
    faded: null,
    changed: null,
    hoveredEstateId: held(scene.hoveredEstateId),
    selectedEstateId: held(scene.selectedEstateId),
    preview,
  };
}

export function sameDeckInputs(a: DeckInputs | null, b: DeckInputs): boolean {
  if (!a) return false;
  return (Object.keys(b) as (keyof DeckInputs)[]).every((key) => Object.is(a[key], b[key]));
}

export function buildDeckLayers(scene: MapScene): Layer[] {
  return [
    zoneFillLayer(scene),
    estateLayer(scene),
    ...zoneOverLayers(scene, TEXT_DEFAULTS),
    highlightLayer(scene),
    ...coverageLayers(scene),
    facilityLayer(scene),
    ...labelLayers(scene),
  ];
}

const PREVIEW_COLOURS = {
  okFill: [31, 95, 168, 90],
  okLine: [31, 95, 168, 255],
  problemFill: [215, 48, 31, 120],
  problemLine: [180, 20, 10, 255],
  skippedFill: [120, 120, 120, 40],
  skippedLine: [110, 110, 110, 200],
} as const satisfies Record<string, Rgba>;

/** The rows of an import before they are written: problem rows red (skipped or not), other skipped rows grey, the rest blue. */
export function importPreviewLayer(preview: ImportPreview): Layer {
  const problems = new Set(preview.problemIndexes);
  const skipped = new Set(preview.skippedIndexes);
  const kind = (index: number) => (problems.has(index) ? 'problem' : skipped.has(index) ? 'skipped' : 'ok');
  return new GeoJsonLayer({
    id: LAYER_IDS.importPreview,
    data: preview.features as Feature[],
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (_f, { index }) => (kind(index) === 'problem' ? 2.5 : 1.5),
    getFillColor: (_f, { index }) => PREVIEW_COLOURS[`${kind(index)}Fill`],
    getLineColor: (_f, { index }) => PREVIEW_COLOURS[`${kind(index)}Line`],
    updateTriggers: {
      getFillColor: [preview.problemIndexes, preview.skippedIndexes],
      getLineColor: [preview.problemIndexes, preview.skippedIndexes],
      getLineWidth: [preview.problemIndexes, preview.skippedIndexes],
    },
  });
}

/** What a deck.gl pick hit, as a MapTarget of the scene it was drawn from. */
export function pickedTarget(info: PickingInfo, scene: SceneInput): MapTarget | null {
  if (!info.picked || info.index < 0) return null;
  const layerId = info.layer?.id;
  if (layerId === LAYER_IDS.estates) {
    const estate = scene.estates[info.index];
    return estate ? { kind: 'estate', id: estate.id } : null;
  }
  if (layerId === ZONE_LAYER_IDS.fill) {
    const zone = scene.zones.zones[info.index];
    return zone ? { kind: 'zone', id: zone.id } : null;
  }
  if (layerId === LAYER_IDS.facilities) {
    const datum = scene.facilities[info.index];
    return datum ? { kind: 'facility', index: datum.index } : null;
  }
  return null;
}
