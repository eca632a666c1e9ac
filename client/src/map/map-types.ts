/**
 * The words the map adapters speak: what can be coloured by, which layers can be toggled, what a
 * pointer hits and the import preview to draw. The store keeps values of these types; the map
 * owns them so it never needs to know the store (client/src/state).
 */
import type { Rgb } from '../../../core/colour';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { LineLabel, PointLabel } from '../../../core/geometry/label-points';
import type { LngLat } from '../../../core/geometry/lng-lat';
import type { Bbox } from '../../../core/geometry/bbox';
import type { EstateApiFeature, FacilityFeature, ZoneApiFeature, ZoneLinkFeature, ZoneSuggestion } from '../api';
import type { EstateColouring } from './estate-colours';

export const COLOUR_BY_OPTIONS = ['stage', 'eligibility', 'yearBuilt', 'households', 'subdistrict', 'gaps', 'reach'] as const;
/** status = eligibility + urgency (the default); gaps = how many life-circle facility types are out of reach; reach = how far the nearest of one chosen type is; the others are ramps or categories. */
export type ColourBy = (typeof COLOUR_BY_OPTIONS)[number];

/** The colourings by life-circle results, which the browser computes per estate and vector tiles do not carry. */
export const COVERAGE_COLOURINGS: readonly ColourBy[] = ['gaps', 'reach'];

export function isColourBy(value: string): value is ColourBy {
  return (COLOUR_BY_OPTIONS as readonly string[]).includes(value);
}

export const LAYER_KEYS = ['estates', 'facilities', 'subdistricts', 'communities', 'roads', 'labels'] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];
export type VisibleLayers = Readonly<Record<LayerKey, boolean>>;

/** Rows of an import shown on the map before anything is written. */
export interface ImportPreview {
  features: readonly Feature<Polygon | MultiPolygon>[];
  /** Indexes into `features` of rows with problems (drawn red). */
  problemIndexes: readonly number[];
  /** Indexes into `features` of rows the user skips (drawn faint). */
  skippedIndexes: readonly number[];
}

/** What the pointer is over: an estate or a zone (inside its outline, off its estates) by id, or a facility by its index in the facility collection. */
/** What a tile carries of an estate for its hover card (from z14, core/tiles/tile-layers.ts). */
export interface EstateTileSummary {
  name: string;
  households: number | null;
  floorAreaM2: number | null;
}

export type MapTarget =
  /** `summary`: an estate drawn from tiles that the browser does not hold, as its tile describes it. */
  { kind: 'estate'; id: number; summary?: EstateTileSummary } | { kind: 'facility'; index: number } | { kind: 'zone'; id: number };

export interface MapPointerEvent {
  target: MapTarget | null;
  /** Shift, Ctrl or ⌘ was held: the click adds to or removes from a selection instead of replacing it. */
  additive: boolean;
  /** Pixel position inside the map container. */
  x: number;
  y: number;
  /** Where on the ground, when the pointer is over the map. */
  lngLat?: LngLat | null;
  /** Size of the map container, to keep popups inside it. */
  width: number;
  height: number;
}

/** What the map shows after a move: the extent in degrees and the zoom. */
export interface MapViewport {
  bbox: Bbox;
  zoom: number;
}

export interface FacilityDatum {
  feature: FacilityFeature;
  /** Index in the full facility collection (the hover target refers to it). */
  index: number;
}

/** Estates the owner's filter leaves out, drawn faded as context; `key` changes whenever `ids` does. */
export interface FadedEstates {
  ids: ReadonlySet<number>;
  key: string;
}

/** Renovation zones (片区) and what is being formed: outlines with labels, the picked estates, suggestions. */
export interface ZoneScene {
  zones: readonly ZoneApiFeature[];
  labels: readonly PointLabel[];
  selectedZoneId: number | null;
  /** Neighbour links of the selected zone. */
  links: readonly ZoneLinkFeature[];
  /** Estates picked to form or change a zone; `key` changes whenever `ids` does. */
  picked: { ids: ReadonlySet<number>; key: string };
  /** Suggested zones, drawn dashed; `focused` is the one pointed at in the list. */
  suggestions: readonly ZoneSuggestion[];
  focusedSuggestion: number | null;
  /** When estates are coloured by stage: each zone's outline in its stage's colour (its least advanced member's); `key` changes with it. */
  outlineColours: { byZone: ReadonlyMap<number, Rgb>; key: string } | null;
}

/**
 * The selected estate's life circle: in the straight-line model rings at the tiers' walking radii,
 * in the walking model the walksheds (street pieces reachable within each radius, drawn buffered);
 * and a line (straight, or along the streets) to the nearest facility of each missing type.
 */
export interface CoverageOverlay {
  /** The selected estate, or null when only what-if facilities are drawn. */
  estateId: number | null;
  rings: readonly Feature<Polygon | MultiPolygon, { radiusM: number }>[];
  walksheds: readonly { radiusM: number; paths: readonly Position[][] }[];
  lines: readonly Feature<LineString, { typeId: string }>[];
  /** Facilities the designer placed to try (what-if), not saved. */
  virtualFacilities: readonly Position[];
  /** The estate's gates, where distances are measured from. */
  gates: readonly Position[];
}

export interface MapScene {
  estates: readonly EstateApiFeature[];
  facilities: readonly FacilityDatum[];
  colouring: EstateColouring;
  faded: FadedEstates;
  /** Estates whose stage changed in the reporting period, outlined; same shape as `faded`. */
  changed: FadedEstates;
  visibleLayers: VisibleLayers;
  selectedEstateId: number | null;
  hoveredEstateId: number | null;
  roadLabels: readonly LineLabel[];
  subdistrictLabels: readonly PointLabel[];
  estateLabels: readonly PointLabel[];
  zones: ZoneScene;
  /** The selected estate's life circle, when it has been computed. */
  coverage: CoverageOverlay | null;
  /** Road labels only belong on the offline basemap; an external basemap has its own. */
  showRoadLabels: boolean;
  zoom: number;
  /** The estates are drawn from vector tiles by the map itself; `estates` then holds only those the user opened. */
  tiledEstates: boolean;
}

/** The scene as its owner describes it; the map adds the zoom, whether road labels are its own and whether it draws estates from tiles. */
export type SceneInput = Omit<MapScene, 'zoom' | 'showRoadLabels' | 'tiledEstates'>;
