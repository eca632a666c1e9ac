/**
 * Estates drawn by MapLibre from the server's vector tiles (GET /api/tiles), for a city too large
 * to send to the browser as one GeoJSON collection. MapLibre cuts and colours the tiles in its
 * worker, so panning a city of 200 000 estates keeps the main thread free; the colour is an
 * expression over the tile's attributes, so recolouring every estate costs one style change.
 * Below the tiles' first zoom the sub-districts are filled by their progress instead.
 */
import type { FillLayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
// A dependency of maplibre-gl, which re-exports it only inside its own types.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Rgb, Rgba } from '../../../core/colour';
import { ESTATE_FILL_ALPHA } from '../../../core/palette-rules';
import type { EstateIdListing } from '../../../core/estate-id-listing';
import { ESTATE_MARKS, FILTERED_OUT_COLOUR, type EstateTileRule } from './estate-colours';
import type { ColourBy, EstateTileSummary } from './map-types';
import { SUBDISTRICT_TILE_LAYER } from './basemap-style';

/** Where the tiles are: a URL template with {z}/{x}/{y} (absolute, since MapLibre fetches in a worker) and the zooms served. */
export interface EstateTileSpec {
  url: string;
  minZoom: number;
  maxZoom: number;
}

/** Each sub-district's fill below the tiles' first zoom: its share (0–1) of estates started, by code. */
export interface SubdistrictShares {
  byCode: ReadonlyMap<string, number>;
  /** From the least to the most advanced share. */
  stops: readonly Rgb[];
}

export const ESTATE_TILE_IDS = {
  source: 'estate-tiles',
  sourceLayer: 'estates',
  hover: 'estate-tiles-hover',
  line: 'estate-tiles-line',
  subdistrictFill: 'subdistrict-shares-fill',
} as const;

/**
 * The fill layer of one colouring. A colouring once chosen keeps its layer, cut from the same tiles
 * in one bucket with the others (MapLibre shares the geometry of layers alike but for paint), and
 * only the shown one is drawn: choosing it again changes which layer is drawn, a repaint, where a
 * new data-driven colour would make MapLibre cut and upload every tile again.
 */
export const estateFillLayerId = (colourBy: ColourBy): string => `estate-tiles-fill-${colourBy}`;

/** The source of the sub-district outlines in the offline and overlay styles (basemap-style.ts). */
const SUBDISTRICT_SOURCE = 'subdistricts';
const SUBDISTRICT_LINE_LAYER = 'subdistricts-line';

/** The sub-districts' fill below the tiles' first zoom lets the river and the roads show through. */
export const SUBDISTRICT_SHARE_OPACITY = 0.7;

function css([r, g, b]: Rgb | Rgba, alpha = 1): string {
  return `rgba(${r},${g},${b},${alpha})`;
}

function rampExpression(input: ExpressionSpecification, min: number, max: number, stops: readonly Rgb[]): ExpressionSpecification | string {
  const first = stops[0];
  if (!first) return 'rgba(0,0,0,0)';
  if (stops.length === 1 || max <= min) return css(first);
  // The same evenly spaced linear stops as core/colour.ts interpolateStops.
  const pairs = stops.flatMap((stop, i) => [min + ((max - min) * i) / (stops.length - 1), css(stop)]);
  return ['interpolate', ['linear'], input, ...pairs] as ExpressionSpecification;
}

/**
 * The fill colour of an estate tile feature under a colouring's tile rule.
 * @example tileColourExpression({ kind: 'fixed', colour: [1, 2, 3] }) // 'rgba(1,2,3,1)'
 */
export function tileColourExpression(rule: EstateTileRule): ExpressionSpecification | string {
  switch (rule.kind) {
    case 'fixed':
      return css(rule.colour);
    case 'match': {
      if (rule.colours.length === 0) return css(rule.fallback);
      const pairs = rule.colours.flatMap(([value, colour]) => [value, css(colour)]);
      // A stage set on the feature (setTileStages) wins over the one the tile was cut with.
      const value: ExpressionSpecification = ['coalesce', ['feature-state', STAGE_STATE], ['get', rule.attribute]];
      return ['match', ['to-string', value], ...pairs, css(rule.fallback)] as ExpressionSpecification;
    }
    case 'codeSlot': {
      const code: ExpressionSpecification = ['to-string', ['get', rule.attribute]];
      const last: ExpressionSpecification = ['downcase', ['slice', code, ['-', ['length', code], 1]]];
      const place: ExpressionSpecification = ['index-of', last, rule.alphabet];
      const slots = rule.palette.flatMap((colour, i) => [i, css(colour)]);
      return [
        'case',
        ['any', ['==', last, ''], ['<', place, 0]],
        css(rule.fallback),
        ['match', ['%', place, rule.palette.length], ...slots, css(rule.fallback)],
      ] as unknown as ExpressionSpecification;
    }
    case 'flags': {
      const cases = rule.flags.flatMap(([flag, colour]) => [['to-boolean', ['get', flag]], css(colour)]);
      return ['case', ...cases, css(rule.fallback)] as ExpressionSpecification;
    }
    case 'ramp': {
      // ST_AsMVT leaves out a null attribute: an estate without the figure has no place on the ramp.
      const ramp = rampExpression(['to-number', ['get', rule.attribute]], rule.min, rule.max, rule.stops);
      return ['case', ['has', rule.attribute], ramp, css(rule.fallback)] as ExpressionSpecification;
    }
  }
}

/** The feature-state key of an estate's stage on the shown day, where it may differ from its tile's. */
const STAGE_STATE = 'stage';

/**
 * The atlas filter on what an estate tile carries (the same rules as client/src/state/atlas-filter.ts
 * `passes`, held to it by a unit test): sub-districts ('' for none), eligibility, urgency and the
 * year range; an empty list or null restricts nothing. The text search is not among them: tiles
 * carry names only from z14 and no addresses.
 */
export interface EstateTileFilter {
  subdistrictCodes: readonly string[];
  eligible: readonly ('yes' | 'no')[];
  urgent: readonly ('yes' | 'no')[];
  yearFrom: number | null;
  yearTo: number | null;
  /** The parts a tile cannot evaluate, answered by the server as id lists (`TileListing`): what each list holds. */
  listed?: TileListingModes;
}

/** A filter restricting nothing. */
export const EMPTY_TILE_FILTER: EstateTileFilter = { subdistrictCodes: [], eligible: [], urgent: [], yearFrom: null, yearTo: null };

/**
 * The filters a tile cannot evaluate from its attributes: the leaders' programme filter (plan,
 * batch, categories, a replayed day's stage) and the text search (names from z14 only, no addresses).
 */
export type TileListingKind = 'programme' | 'search';

/**
 * Estates the server found for such a filter, marked on the tile features as feature state. The
 * server lists the shorter side: the estates the filter keeps, or those it fades.
 */
export type TileListing = EstateIdListing;

export type TileListingModes = Partial<Record<TileListingKind, TileListing['lists']>>;

/** The feature-state key marking an estate listed by a listing of this kind. */
export const listedState = (kind: TileListingKind): string => `${kind}Listed`;

function listingExpression(kind: TileListingKind, lists: TileListing['lists']): ExpressionSpecification {
  const listed: ExpressionSpecification = ['boolean', ['feature-state', listedState(kind)], false];
  return lists === 'kept' ? listed : ['!', listed];
}

function yesNoExpression(selected: readonly ('yes' | 'no')[], attribute: 'eligible' | 'urgent'): ExpressionSpecification | null {
  if (selected.length === 0 || selected.length === 2) return null;
  // ST_AsMVT leaves out a null: an estate without the flag is a "no".
  const value: ExpressionSpecification = ['to-boolean', ['coalesce', ['get', attribute], false]];
  return selected[0] === 'yes' ? value : ['!', value];
}

/**
 * Whether a tile feature passes the filter, as an expression; null when the filter restricts nothing.
 * @example tileFilterExpression({ subdistrictCodes: ['S01'], eligible: [], urgent: [], yearFrom: null, yearTo: null })
 */
export function tileFilterExpression(filter: EstateTileFilter | null): ExpressionSpecification | null {
  if (!filter) return null;
  const tests: ExpressionSpecification[] = [];
  if (filter.subdistrictCodes.length > 0)
    tests.push(['match', ['to-string', ['coalesce', ['get', 'subdistrictCode'], '']], [...new Set(filter.subdistrictCodes)], true, false]);
  for (const [selected, attribute] of [
    [filter.eligible, 'eligible'],
    [filter.urgent, 'urgent'],
  ] as const) {
    const test = yesNoExpression(selected, attribute);
    if (test) tests.push(test);
  }
  if (filter.yearFrom !== null || filter.yearTo !== null) {
    // An unknown year (left out, or 0) passes no range.
    const year: ExpressionSpecification = ['to-number', ['coalesce', ['get', 'yearBuilt'], 0]];
    tests.push(['>', year, 0]);
    if (filter.yearFrom !== null) tests.push(['>=', year, filter.yearFrom]);
    if (filter.yearTo !== null) tests.push(['<=', year, filter.yearTo]);
  }
  for (const [kind, lists] of Object.entries(filter.listed ?? {}) as [TileListingKind, TileListing['lists']][])
    tests.push(listingExpression(kind, lists));
  if (tests.length === 0) return null;
  return tests.length === 1 ? tests[0]! : ['all', ...tests];
}

/** The fill colour of an estate tile feature: the colouring's, faded outside the filter as the GeoJSON map fades it. */
export function tileFillExpression(rule: EstateTileRule, filter: EstateTileFilter | null): ExpressionSpecification | string {
  const colour = tileColourExpression(rule);
  const passes = tileFilterExpression(filter);
  if (!passes) return colour;
  // The layer's opacity multiplies the colour's alpha: the faded colour ends at FILTERED_OUT_COLOUR's own alpha.
  const [r, g, b, a] = FILTERED_OUT_COLOUR;
  return ['case', passes, colour, css([r, g, b], Math.min(1, a / ESTATE_FILL_ALPHA))] as ExpressionSpecification;
}

const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isHovered: ExpressionSpecification = ['boolean', ['feature-state', 'hovered'], false];

/** A fill layer's opacity as a whole: 1 for the colouring shown, 0 (not drawn at all) for the others. */
const layerOpacity = (shown: boolean): number => (shown ? 1 : 0);

const fillLayer = (colourBy: ColourBy, rule: EstateTileRule, filter: EstateTileFilter | null, minZoom: number): FillLayerSpecification => ({
  id: estateFillLayerId(colourBy),
  type: 'fill',
  source: ESTATE_TILE_IDS.source,
  'source-layer': ESTATE_TILE_IDS.sourceLayer,
  minzoom: minZoom,
  paint: {
    'fill-color': tileFillExpression(rule, filter),
    // Constant: a feature-state term here would make every colouring's layer redo its paint on each hover and stage change.
    'fill-opacity': ESTATE_FILL_ALPHA / 255,
    'fill-layer-opacity': layerOpacity(false),
    // A colouring shows at once: a layer fading in or out is drawn through a texture, frame by frame.
    'fill-layer-opacity-transition': { duration: 0, delay: 0 },
  },
});

/**
 * Adds the estate tile source and its layers but the colourings' (again after a style change),
 * below nothing: deck.gl draws over them. Each colouring's fill goes in under the hover wash
 * (addEstateTileColouring).
 */
export function addEstateTiles(map: MapLibreMap, spec: EstateTileSpec): void {
  if (map.getSource(ESTATE_TILE_IDS.source)) return;
  map.addSource(ESTATE_TILE_IDS.source, {
    type: 'vector',
    tiles: [spec.url],
    minzoom: spec.minZoom,
    maxzoom: spec.maxZoom,
  });
  // The hovered estate's wash, as deck.gl lays it over a held estate (deck-layers.ts), in one layer for every colouring.
  const [r, g, b, hoverAlpha] = ESTATE_MARKS.hoverFill;
  map.addLayer({
    id: ESTATE_TILE_IDS.hover,
    type: 'fill',
    source: ESTATE_TILE_IDS.source,
    'source-layer': ESTATE_TILE_IDS.sourceLayer,
    minzoom: spec.minZoom,
    paint: {
      'fill-color': css([r, g, b]),
      // No antialiased edge pass: the outline layer above draws the edges.
      'fill-antialias': false,
      'fill-opacity': ['case', ['all', isHovered, ['!', isSelected]], hoverAlpha / 255, 0],
    },
  });
  map.addLayer({
    id: ESTATE_TILE_IDS.line,
    type: 'line',
    source: ESTATE_TILE_IDS.source,
    'source-layer': ESTATE_TILE_IDS.sourceLayer,
    minzoom: spec.minZoom,
    paint: {
      'line-color': [
        'case',
        isSelected,
        css(ESTATE_MARKS.selectedOutline),
        isHovered,
        css(ESTATE_MARKS.hoverOutline),
        css(ESTATE_MARKS.outline, ESTATE_MARKS.outline[3] / 255),
      ],
      'line-width': ['case', isSelected, 4, isHovered, 2.5, 1],
    },
  });
  const subdistricts = map.getSource(SUBDISTRICT_SOURCE);
  if (subdistricts) {
    map.addLayer(
      {
        id: ESTATE_TILE_IDS.subdistrictFill,
        type: 'fill',
        source: SUBDISTRICT_SOURCE,
        // A tiled city's sub-districts come as tiles too (basemap-style.ts).
        ...(subdistricts.type === 'vector' ? { 'source-layer': SUBDISTRICT_TILE_LAYER } : {}),
        maxzoom: spec.minZoom,
        paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': SUBDISTRICT_SHARE_OPACITY },
      },
      // Under the boundary lines, which stay visible over the fill.
      map.getLayer(SUBDISTRICT_LINE_LAYER) ? SUBDISTRICT_LINE_LAYER : ESTATE_TILE_IDS.hover,
    );
  }
}

/** A new data version: the same layers read tiles from the new URL. */
export function setEstateTileUrl(map: MapLibreMap, url: string): void {
  const source = map.getSource(ESTATE_TILE_IDS.source);
  if (source && 'setTiles' in source && typeof source.setTiles === 'function') (source.setTiles as (tiles: string[]) => void)([url]);
}

/**
 * MapLibre validates a paint value against the style spec before taking it, 2–13 ms of script for a
 * colouring's expression and more for the sub-districts' (one pair per sub-district). These
 * expressions are built here and held to MapLibre's own expression parser by the unit tests
 * (client-estate-tiles.test.ts), so the map takes them unvalidated.
 */
const BUILT_HERE = { validate: false } as const;

/** Adds a colouring's fill layer, hidden, the first time the colouring is chosen (MapLibre cuts the tiles again): under the hover wash, over the sub-districts' fill. */
export function addEstateTileColouring(
  map: MapLibreMap,
  spec: EstateTileSpec,
  colourBy: ColourBy,
  rule: EstateTileRule,
  filter: EstateTileFilter | null,
): void {
  if (!map.getLayer(estateFillLayerId(colourBy))) map.addLayer(fillLayer(colourBy, rule, filter, spec.minZoom), ESTATE_TILE_IDS.hover);
}

/** Colours a colouring's fill layer by its rule, faded outside the filter (MapLibre cuts the tiles again). */
export function setEstateTileColour(map: MapLibreMap, colourBy: ColourBy, rule: EstateTileRule, filter: EstateTileFilter | null): void {
  const id = estateFillLayerId(colourBy);
  if (map.getLayer(id)) map.setPaintProperty(id, 'fill-color', tileFillExpression(rule, filter), BUILT_HERE);
}

/** Shows one colouring's fill layer in place of another's. */
export function showEstateTileColouring(map: MapLibreMap, shown: ColourBy, previous: ColourBy | null): void {
  for (const [colourBy, opacity] of [
    [previous, layerOpacity(false)],
    [shown, layerOpacity(true)],
  ] as const) {
    const id = colourBy === null ? null : estateFillLayerId(colourBy);
    if (id && map.getLayer(id)) map.setPaintProperty(id, 'fill-layer-opacity', opacity, BUILT_HERE);
  }
}

/** Each sub-district's fill colour by its share of estates started (by code); transparent with no shares. */
export function subdistrictShareExpression(shares: SubdistrictShares | null): ExpressionSpecification | string {
  if (!shares) return 'rgba(0,0,0,0)';
  const pairs = [...shares.byCode].flatMap(([code, share]) => [code, share]);
  const share = (pairs.length > 0 ? ['match', ['get', 'code'], ...pairs, 0] : ['literal', 0]) as unknown as ExpressionSpecification;
  return rampExpression(share, 0, 1, shares.stops);
}

export function setSubdistrictShares(map: MapLibreMap, shares: SubdistrictShares | null): void {
  if (map.getLayer(ESTATE_TILE_IDS.subdistrictFill))
    map.setPaintProperty(ESTATE_TILE_IDS.subdistrictFill, 'fill-color', subdistrictShareExpression(shares), BUILT_HERE);
}

/**
 * Colours estates by the stages in `next` (estate id → stage) over those their tiles carry, changing
 * only what differs from `previous`: a progress change or a replayed day touches the estates it
 * concerns, and no tile is fetched or cut again.
 */
export function setTileStages(map: MapLibreMap, next: ReadonlyMap<number, string>, previous: ReadonlyMap<number, string>): void {
  if (!map.getSource(ESTATE_TILE_IDS.source)) return;
  const target = (id: number) => ({ source: ESTATE_TILE_IDS.source, sourceLayer: ESTATE_TILE_IDS.sourceLayer, id });
  for (const id of previous.keys()) if (!next.has(id)) map.removeFeatureState(target(id), STAGE_STATE);
  for (const [id, stage] of next) if (previous.get(id) !== stage) map.setFeatureState(target(id), { [STAGE_STATE]: stage });
}

/**
 * Marks the estates of a listing (`TileListing`) on the tile features, changing only what differs
 * from the previous list of the same kind; the fill expression reads the mark (`listed`).
 */
export function setTileListing(map: MapLibreMap, kind: TileListingKind, next: readonly number[], previous: readonly number[]): void {
  if (!map.getSource(ESTATE_TILE_IDS.source)) return;
  const target = (id: number) => ({ source: ESTATE_TILE_IDS.source, sourceLayer: ESTATE_TILE_IDS.sourceLayer, id });
  const key = listedState(kind);
  const kept = new Set(next);
  const before = new Set(previous);
  for (const id of previous) if (!kept.has(id)) map.removeFeatureState(target(id), key);
  for (const id of next) if (!before.has(id)) map.setFeatureState(target(id), { [key]: true });
}

/** Marks one estate (by tile feature id) as selected or hovered; the previous one loses the mark. */
export function markEstate(map: MapLibreMap, state: 'selected' | 'hovered', id: number | null, previous: number | null): void {
  if (!map.getSource(ESTATE_TILE_IDS.source) || id === previous) return;
  const target = { source: ESTATE_TILE_IDS.source, sourceLayer: ESTATE_TILE_IDS.sourceLayer };
  if (previous !== null) map.setFeatureState({ ...target, id: previous }, { [state]: false });
  if (id !== null) map.setFeatureState({ ...target, id }, { [state]: true });
}

/** The estate drawn from tiles at a point of the map container: its id, and its hover card's figures where the tile names it. */
export function estateTileAt(map: MapLibreMap, x: number, y: number): { id: number; summary: EstateTileSummary | null } | null {
  // The hover layer holds every estate, whichever colouring is shown.
  const layer = ESTATE_TILE_IDS.hover;
  if (!map.getLayer(layer)) return null;
  const [feature] = map.queryRenderedFeatures([x, y], { layers: [layer] });
  if (typeof feature?.id !== 'number') return null;
  const { name, households, floorAreaM2 } = feature.properties as Record<string, unknown>;
  const figure = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    id: feature.id,
    summary: typeof name === 'string' ? { name, households: figure(households), floorAreaM2: figure(floorAreaM2) } : null,
  };
}
