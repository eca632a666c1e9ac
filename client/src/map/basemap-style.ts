/**
 * MapLibre styles for the basemap. The default works with no internet: every source is
 * GeoJSON from our own API and no layer needs glyphs or sprites (text is drawn by deck.gl).
 * An external basemap (a style URL, or Tianditu raster tiles with a key) can replace the
 * offline land, water and roads; the boundary overlay is added on top of whichever is used.
 */
import type { MapOptions } from 'maplibre-gl';
// A dependency of maplibre-gl, which re-exports it only inside its own types.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BasemapConfig, CommunityCollection, RoadCollection, SubdistrictCollection, WaterCollection } from '../api';
import type { LayerKey } from './map-types';
import { MAP_LAND_HEX } from '../../../core/palette-rules';
import type { TileLayerSource } from '../../../core/contract/index';
import type { TileLayerId } from '../../../core/tiles/tile-layers';

/** The tile layers (and the source layers in their tiles) of the community and sub-district boundaries. */
const COMMUNITY_TILE_LAYER: TileLayerId = 'communities';
export const SUBDISTRICT_TILE_LAYER: TileLayerId = 'subdistricts';

export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
type LayerSpecification = StyleSpecification['layers'][number];
type SourceSpecification = StyleSpecification['sources'][string];

export const BASEMAP_COLOURS = {
  land: MAP_LAND_HEX,
  water: '#a9cce8',
  waterEdge: '#86b4da',
  roadCasing: '#d3cdc0',
  arterial: '#ffffff',
  secondary: '#ffffff',
  branch: '#fbfaf6',
  path: '#c9c2b3',
  community: '#a596b8',
  subdistrict: '#6b4fa0',
  subdistrictSelected: '#3f2a7a',
} as const;

export interface BasemapContext {
  water: WaterCollection;
  roads: RoadCollection;
  communities: CommunityCollection;
  /** A city drawn from tiles draws the community boundaries from these (GET /api/tiles), not from `communities`. */
  communityTiles?: TileLayerSource | undefined;
  subdistricts: SubdistrictCollection;
  /** A city drawn from tiles draws the sub-district boundaries from these; `subdistricts` then holds no outlines. */
  subdistrictTiles?: TileLayerSource | undefined;
}

/** Which MapLibre layers belong to which layer toggle of the UI. */
export const STYLE_LAYERS_BY_TOGGLE: Partial<Record<LayerKey, readonly string[]>> = {
  roads: ['roads-casing', 'roads-line'],
  communities: ['communities-line'],
  subdistricts: ['subdistricts-line', 'subdistricts-selected'],
};

function geojson(data: FeatureCollection): SourceSpecification {
  return { type: 'geojson', data };
}

/** Road width in pixels by class at zoom 12 and 17, interpolated between. */
const ROAD_WIDTH_Z12: Readonly<Record<string, number>> = { arterial: 2.2, secondary: 1.5, branch: 0.8, path: 0.5 };
const ROAD_WIDTH_Z17: Readonly<Record<string, number>> = { arterial: 18, secondary: 12, branch: 7, path: 2.5 };

function widthExpression(extra: number): ExpressionSpecification {
  const byClass = (table: Readonly<Record<string, number>>): ExpressionSpecification => [
    'match',
    ['get', 'roadClass'],
    'arterial',
    (table.arterial ?? 1) + extra,
    'secondary',
    (table.secondary ?? 1) + extra,
    'branch',
    (table.branch ?? 1) + extra,
    (table.path ?? 1) + extra,
  ];
  return ['interpolate', ['exponential', 1.6], ['zoom'], 12, byClass(ROAD_WIDTH_Z12), 17, byClass(ROAD_WIDTH_Z17)];
}

function offlineBaseSources(ctx: BasemapContext): Record<string, SourceSpecification> {
  return { water: geojson(ctx.water), roads: geojson(ctx.roads) };
}

function offlineBaseLayers(): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.land } },
    {
      id: 'water-fill',
      type: 'fill',
      source: 'water',
      paint: { 'fill-color': BASEMAP_COLOURS.water, 'fill-outline-color': BASEMAP_COLOURS.waterEdge },
    },
    {
      id: 'roads-casing',
      type: 'line',
      source: 'roads',
      filter: ['!=', ['get', 'roadClass'], 'path'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': BASEMAP_COLOURS.roadCasing, 'line-width': widthExpression(2) },
    },
    {
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': [
          'match',
          ['get', 'roadClass'],
          'arterial',
          BASEMAP_COLOURS.arterial,
          'secondary',
          BASEMAP_COLOURS.secondary,
          'branch',
          BASEMAP_COLOURS.branch,
          BASEMAP_COLOURS.path,
        ],
        'line-width': widthExpression(0),
      },
    },
  ];
}

/** Boundaries from tiles when the city is drawn from tiles, else from the listed outlines. */
function outlineSource(collection: FeatureCollection<Geometry | null>, tiles: TileLayerSource | undefined): SourceSpecification {
  if (tiles) return { type: 'vector', ...tiles };
  return geojson({ ...collection, features: collection.features.filter(hasOutline) });
}

/** What a layer over a boundary source adds to read it from tiles (its source layer and first zoom). */
function fromTiles(layer: TileLayerId, tiles: TileLayerSource | undefined): { 'source-layer'?: string; minzoom?: number } {
  return tiles ? { 'source-layer': layer, minzoom: tiles.minzoom } : {};
}

function hasOutline<F extends Feature<Geometry | null>>(feature: F): feature is F & Feature<Geometry> {
  return feature.geometry !== null;
}

function overlaySources(ctx: BasemapContext): Record<string, SourceSpecification> {
  return {
    communities: outlineSource(ctx.communities, ctx.communityTiles),
    subdistricts: outlineSource(ctx.subdistricts, ctx.subdistrictTiles),
  };
}

function overlayLayers(ctx: BasemapContext): LayerSpecification[] {
  return [
    {
      id: 'communities-line',
      type: 'line',
      source: 'communities',
      ...fromTiles(COMMUNITY_TILE_LAYER, ctx.communityTiles),
      paint: { 'line-color': BASEMAP_COLOURS.community, 'line-width': 1, 'line-dasharray': [2, 2], 'line-opacity': 0.9 },
    },
    {
      id: 'subdistricts-line',
      type: 'line',
      source: 'subdistricts',
      ...fromTiles(SUBDISTRICT_TILE_LAYER, ctx.subdistrictTiles),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BASEMAP_COLOURS.subdistrict,
        // Zoomed out over a province's thousands of sub-districts, full-strength outlines hide the
        // sub-district fill they bound: there they thin and fade.
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.5, 12, 2, 17, 4],
        'line-dasharray': [3, 1.5],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.3, 12, 0.85],
      },
    },
    {
      id: 'subdistricts-selected',
      type: 'line',
      source: 'subdistricts',
      ...fromTiles(SUBDISTRICT_TILE_LAYER, ctx.subdistrictTiles),
      filter: ['==', ['get', 'code'], ''],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BASEMAP_COLOURS.subdistrictSelected, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 6] },
    },
  ];
}

/** The default, fully offline style. */
export function offlineStyle(ctx: BasemapContext): StyleSpecification {
  return {
    version: 8,
    name: 'Renewal Atlas offline',
    sources: { ...offlineBaseSources(ctx), ...overlaySources(ctx) },
    layers: [...offlineBaseLayers(), ...overlayLayers(ctx)],
  };
}

const TIANDITU_SUBDOMAINS = ['0', '1', '2', '3', '4', '5', '6', '7'];

/** Tianditu web-Mercator (`_w`) WMTS tile URLs for one layer (vec = roads and land, cva = Chinese annotation). */
export function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  const k = encodeURIComponent(key);
  return TIANDITU_SUBDOMAINS.map(
    (s) =>
      `https://t${s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${k}`,
  );
}

/** Tianditu vector map (vec_w) with its annotation (cva_w), then our boundaries. */
export function tiandituStyle(ctx: BasemapContext, key: string): StyleSpecification {
  const raster = (layer: 'vec' | 'cva'): SourceSpecification => ({
    type: 'raster',
    tiles: tiandituTiles(layer, key),
    tileSize: 256,
    maxzoom: 18,
    attribution: '© 天地图 Tianditu',
  });
  return {
    version: 8,
    name: 'Renewal Atlas on Tianditu',
    sources: { 'tianditu-vec': raster('vec'), 'tianditu-cva': raster('cva'), ...overlaySources(ctx) },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.land } },
      { id: 'tianditu-vec', type: 'raster', source: 'tianditu-vec' },
      { id: 'tianditu-cva', type: 'raster', source: 'tianditu-cva' },
      ...overlayLayers(ctx),
    ],
  };
}

/** Adds our boundary overlay on top of a style fetched from a URL (used as MapLibre's transformStyle). */
export function withOverlay(ctx: BasemapContext, style: StyleSpecification): StyleSpecification {
  return { ...style, sources: { ...style.sources, ...overlaySources(ctx) }, layers: [...style.layers, ...overlayLayers(ctx)] };
}

export type BasemapKind = 'offline' | 'tianditu' | 'styleUrl';

/** styleUrl wins over tiandituKey; neither means the offline style. */
export function basemapKind(config: BasemapConfig): BasemapKind {
  if (config.styleUrl) return 'styleUrl';
  if (config.tiandituKey) return 'tianditu';
  return 'offline';
}
