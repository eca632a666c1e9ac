/**
 * A tiled map keeps every colouring drawn in its own fill layer (client/src/map/tiled-estates.ts):
 * choosing another colouring only changes which layer is drawn (a repaint), never a data-driven
 * colour, which would make MapLibre cut and upload every tile again. Held to that with a map that
 * records the style calls it receives.
 */
import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TiledEstates, type TiledEstatesScene } from '../../client/src/map/tiled-estates';
import { estateFillLayerId, ESTATE_TILE_IDS, tileFillExpression, type EstateTileFilter } from '../../client/src/map/estate-tiles';
import { createEstateColouring, type LedgerRanges } from '../../client/src/map/estate-colours';
import { COLOUR_BY_OPTIONS, type ColourBy } from '../../client/src/map/map-types';
import { estateFeature } from '../helpers/estate-fixture';

type Call = [method: string, ...args: unknown[]];

/** The part of MapLibre's map TiledEstates uses, recording each style change. */
function recordingMap() {
  const calls: Call[] = [];
  const layers = new Map<string, { paint: Record<string, unknown>; layout: Record<string, unknown> }>();
  const sources = new Set<string>();
  const map = {
    getSource: (id: string) => (sources.has(id) ? { type: 'vector' } : undefined),
    addSource: (id: string) => {
      sources.add(id);
      calls.push(['addSource', id]);
    },
    getLayer: (id: string) => layers.get(id),
    addLayer: (layer: { id: string; paint?: Record<string, unknown>; layout?: Record<string, unknown> }, beforeId?: string) => {
      layers.set(layer.id, { paint: { ...layer.paint }, layout: { ...layer.layout } });
      calls.push(['addLayer', layer.id, beforeId]);
    },
    setPaintProperty: (id: string, name: string, value: unknown) => {
      layers.get(id)!.paint[name] = value;
      calls.push(['setPaintProperty', id, name, value]);
    },
    getLayoutProperty: (id: string, name: string) => layers.get(id)?.layout[name],
    setLayoutProperty: (id: string, name: string, value: unknown) => {
      layers.get(id)!.layout[name] = value;
      calls.push(['setLayoutProperty', id, name, value]);
    },
    on: () => undefined,
    setFeatureState: () => calls.push(['setFeatureState']),
    removeFeatureState: () => calls.push(['removeFeatureState']),
  };
  /** A new style: no source, no layers. */
  const restyle = () => {
    layers.clear();
    sources.clear();
  };
  return { map: map as unknown as MapLibreMap, calls, layers, restyle };
}

const estates = [1, 2, 3].map(
  (id) => estateFeature(id, { subdistrictCode: `S0${id}`, yearBuilt: 1980 + id, households: 100 * id }).properties,
);
const ranges: LedgerRanges = { yearBuilt: [1970, 2000], households: [10, 900] };

/** The scene as the map hands it over, with the colouring the store makes for the choice. */
function scene(colourBy: ColourBy, ledgerRanges = ranges): TiledEstatesScene {
  const colouring = createEstateColouring(colourBy, estates, null, 'kindergarten', null, ledgerRanges);
  return { colouring, estatesVisible: true, selectedEstateId: null, hoveredEstateId: null };
}
const ruleOf = (colourBy: ColourBy, ledgerRanges = ranges) => scene(colourBy, ledgerRanges).colouring.tileRule;

function drawnTiles() {
  const recorded = recordingMap();
  const tiles = new TiledEstates(recorded.map);
  tiles.show(scene('stage'));
  tiles.setSpec({ url: 'http://atlas.test/api/tiles/estates/{z}/{x}/{y}.mvt', minZoom: 10, maxZoom: 16 });
  tiles.attach();
  return { tiles, ...recorded };
}

const paintCalls = (calls: Call[], property: string) =>
  calls.filter(([method, , name]) => method === 'setPaintProperty' && name === property);
const addedLayers = (calls: Call[]) => calls.filter(([method]) => method === 'addLayer').map(([, id]) => id);
const drawnColourings = (layers: ReturnType<typeof recordingMap>['layers']) =>
  COLOUR_BY_OPTIONS.filter((c) => layers.get(estateFillLayerId(c))?.paint['fill-layer-opacity'] === 1);

describe('colourings over vector tiles', () => {
  it('draws the chosen colouring in its own fill layer, under the hover wash and the outlines', () => {
    const { calls, layers } = drawnTiles();
    expect(addedLayers(calls)).toEqual([ESTATE_TILE_IDS.hover, ESTATE_TILE_IDS.line, estateFillLayerId('stage')]);
    expect(calls.find(([method, id]) => method === 'addLayer' && id === estateFillLayerId('stage'))?.[2]).toBe(ESTATE_TILE_IDS.hover);
    expect(layers.get(estateFillLayerId('stage'))?.paint['fill-color']).toEqual(tileFillExpression(ruleOf('stage'), null));
    expect(drawnColourings(layers)).toEqual(['stage']);
  });

  it('adds a colouring’s layer the first time it is chosen, and after that only changes which layer is drawn', () => {
    const { tiles, calls, layers } = drawnTiles();
    calls.length = 0;
    tiles.show(scene('eligibility'));
    expect(addedLayers(calls)).toEqual([estateFillLayerId('eligibility')]);
    expect(layers.get(estateFillLayerId('eligibility'))?.paint['fill-color']).toEqual(tileFillExpression(ruleOf('eligibility'), null));
    expect(drawnColourings(layers)).toEqual(['eligibility']);
    for (const colourBy of ['stage', 'eligibility', 'stage'] as const) {
      calls.length = 0;
      // A new colouring object each time, as the store makes one on every dashboard answer.
      tiles.show(scene(colourBy));
      expect(addedLayers(calls)).toEqual([]);
      expect(paintCalls(calls, 'fill-color')).toEqual([]);
      expect(drawnColourings(layers)).toEqual([colourBy]);
    }
    // A hover or a selection changes no paint at all.
    calls.length = 0;
    tiles.show({ ...scene('stage'), hoveredEstateId: 2, selectedEstateId: 3 });
    expect(calls.filter(([method]) => method === 'setPaintProperty')).toEqual([]);
  });

  it('colours a hidden colouring’s layer again, when it is chosen, if its rule changed meanwhile', () => {
    const { tiles, calls, layers } = drawnTiles();
    tiles.show(scene('households'));
    tiles.show(scene('stage'));
    calls.length = 0;
    // The ledger grew: the households ramp spans more.
    const wider: LedgerRanges = { ...ranges, households: [10, 2000] };
    tiles.show(scene('households', wider));
    expect(paintCalls(calls, 'fill-color').map(([, id]) => id)).toEqual([estateFillLayerId('households')]);
    expect(layers.get(estateFillLayerId('households'))?.paint['fill-color']).toEqual(tileFillExpression(ruleOf('households', wider), null));
  });

  it('fades the shown colouring outside a new filter at once, and a hidden one when it is chosen again', () => {
    const { tiles, calls, layers } = drawnTiles();
    tiles.show(scene('eligibility'));
    tiles.show(scene('stage'));
    calls.length = 0;
    const filter: EstateTileFilter = { subdistrictCodes: ['S01'], eligible: [], urgent: [], yearFrom: null, yearTo: null };
    tiles.setFilter(filter);
    expect(paintCalls(calls, 'fill-color').map(([, id]) => id)).toEqual([estateFillLayerId('stage')]);
    expect(layers.get(estateFillLayerId('stage'))?.paint['fill-color']).toEqual(tileFillExpression(ruleOf('stage'), filter));
    calls.length = 0;
    tiles.show(scene('eligibility'));
    expect(paintCalls(calls, 'fill-color').map(([, id]) => id)).toEqual([estateFillLayerId('eligibility')]);
    expect(layers.get(estateFillLayerId('eligibility'))?.paint['fill-color']).toEqual(tileFillExpression(ruleOf('eligibility'), filter));
  });

  it('hides and shows every colouring’s layer, the hover wash and the outlines with the estates layer', () => {
    const { tiles, layers } = drawnTiles();
    tiles.show(scene('yearBuilt'));
    tiles.show({ ...scene('stage'), estatesVisible: false });
    for (const id of [estateFillLayerId('stage'), estateFillLayerId('yearBuilt'), ESTATE_TILE_IDS.hover, ESTATE_TILE_IDS.line])
      expect(layers.get(id)?.layout.visibility).toBe('none');
  });

  it('starts again with only the shown colouring’s layer after a style change', () => {
    const { tiles, calls, layers, restyle } = drawnTiles();
    tiles.show(scene('eligibility'));
    tiles.detach();
    restyle();
    calls.length = 0;
    tiles.attach();
    expect(addedLayers(calls)).toEqual([ESTATE_TILE_IDS.hover, ESTATE_TILE_IDS.line, estateFillLayerId('eligibility')]);
    expect(drawnColourings(layers)).toEqual(['eligibility']);
    calls.length = 0;
    tiles.show(scene('stage'));
    expect(addedLayers(calls)).toEqual([estateFillLayerId('stage')]);
  });
});
