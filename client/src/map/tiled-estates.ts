/**
 * The estates of a city drawn from vector tiles, as AtlasMap shows them: the tile layers
 * (estate-tiles.ts) and what MapLibre keeps on their features — stages newer than the tiles, the
 * listings of filters tiles cannot evaluate, selection and hover — each changed only where it
 * differs from what is shown. A new style has neither the source nor any feature state: AtlasMap
 * calls `attach` after every style load and `detach` before a style change.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { EstateColouring, EstateTileRule } from './estate-colours';
import {
  addEstateTileColouring,
  addEstateTiles,
  EMPTY_TILE_FILTER,
  ESTATE_TILE_IDS,
  estateFillLayerId,
  estateTileAt,
  markEstate,
  setEstateTileColour,
  setEstateTileUrl,
  showEstateTileColouring,
  setSubdistrictShares,
  setTileListing,
  setTileStages,
  tileFilterExpression,
  type EstateTileFilter,
  type EstateTileSpec,
  type SubdistrictShares,
  type TileListing,
  type TileListingKind,
} from './estate-tiles';
import type { ColourBy, MapTarget } from './map-types';

/** What of the scene the tile layers show. */
export interface TiledEstatesScene {
  colouring: Pick<EstateColouring, 'colourBy' | 'tileRule'>;
  estatesVisible: boolean;
  selectedEstateId: number | null;
  hoveredEstateId: number | null;
}

interface ShownTiles {
  /** The colourings with a fill layer, each with the rule and filter it draws (`drawnKey`). */
  fills: Map<ColourBy, string>;
  colourBy: ColourBy | null;
  selected: number | null;
  hovered: number | null;
}

const NOTHING_SHOWN = (): ShownTiles => ({ fills: new Map(), colourBy: null, selected: null, hovered: null });

/** Rules as JSON, once per rule: the scene is shown on every hover, and a sub-district rule lists every sub-district. */
const RULE_KEYS = new WeakMap<EstateTileRule, string>();

/** What a fill layer draws: a colouring's rule under a filter (its expression's key). */
function drawnKey(rule: EstateTileRule, filterKey: string): string {
  let key = RULE_KEYS.get(rule);
  if (key === undefined) RULE_KEYS.set(rule, (key = JSON.stringify(rule)));
  return `${key}|${filterKey}`;
}

export class TiledEstates {
  readonly #map: MapLibreMap;
  #attached = false;
  #spec: EstateTileSpec | null = null;
  #shares: SubdistrictShares | null = null;
  #scene: TiledEstatesScene | null = null;
  /** Stages colouring estates over their tiles' (setStages), and those the map shows now. */
  #stages: ReadonlyMap<number, string> = new Map();
  #stagesShown: ReadonlyMap<number, string> = new Map();
  /** The atlas filter's attribute rules, and the filters answered as id lists with the ids marked now. */
  #filter: EstateTileFilter | null = null;
  #listings = new Map<TileListingKind, TileListing>();
  #listingsShown = new Map<TileListingKind, readonly number[]>();
  /** The key of the filter's expression: a change to the search alone, which tiles cannot apply, changes nothing. */
  #filterKey = 'null';
  /** What the layers show now: the colourings drawn, the one shown, the selected and hovered estate. */
  #shown: ShownTiles = NOTHING_SHOWN();

  /** Estate tiles MapLibre has cut (loaded, or cut again for a new colour or filter) since the map opened. */
  #tilesCut = 0;

  constructor(map: MapLibreMap) {
    this.#map = map;
    map.on('sourcedata', (event) => {
      if (event.sourceId === ESTATE_TILE_IDS.source && event.tile !== undefined) this.#tilesCut += 1;
    });
  }

  get tilesCut(): number {
    return this.#tilesCut;
  }

  get isTiled(): boolean {
    return this.#spec !== null;
  }

  /** Tiles from a new URL (a new data version) keep the layers; a first spec, or null, rebuilds them. Answers whether anything changed. */
  setSpec(spec: EstateTileSpec | null): boolean {
    const previous = this.#spec;
    if (previous?.url === spec?.url) return false;
    this.#spec = spec;
    if (previous && spec && this.#attached) setEstateTileUrl(this.#map, spec.url);
    else this.#add();
    return true;
  }

  setShares(shares: SubdistrictShares | null): void {
    this.#shares = shares;
    if (this.#attached) setSubdistrictShares(this.#map, shares);
  }

  setFilter(filter: EstateTileFilter | null): void {
    this.#filter = filter;
    this.#filterKey = JSON.stringify(tileFilterExpression(this.#shownFilter()));
    this.#showColours();
  }

  setListing(kind: TileListingKind, listing: TileListing | null): void {
    if (listing) this.#listings.set(kind, listing);
    else this.#listings.delete(kind);
    this.#filterKey = JSON.stringify(tileFilterExpression(this.#shownFilter()));
    this.#markListings();
    this.#showColours();
  }

  setStages(stages: ReadonlyMap<number, string>): void {
    this.#stages = stages;
    this.#markStages();
  }

  /** The style has loaded: the layers are added again. */
  attach(): void {
    this.#attached = true;
    this.#add();
  }

  /** The style is about to be replaced: its source and feature state go with it. */
  detach(): void {
    this.#attached = false;
  }

  show(scene: TiledEstatesScene): void {
    this.#scene = scene;
    if (!this.#isDrawn()) {
      this.#add();
      return;
    }
    this.#showColours();
    const visible = scene.estatesVisible ? 'visible' : 'none';
    for (const id of [...[...this.#shown.fills.keys()].map(estateFillLayerId), ESTATE_TILE_IDS.hover, ESTATE_TILE_IDS.line]) {
      // A layer added without a visibility shows.
      if (this.#map.getLayer(id) && (this.#map.getLayoutProperty(id, 'visibility') ?? 'visible') !== visible)
        this.#map.setLayoutProperty(id, 'visibility', visible);
    }
    const shown = this.#shown;
    markEstate(this.#map, 'selected', scene.selectedEstateId, shown.selected);
    shown.selected = scene.selectedEstateId;
    markEstate(this.#map, 'hovered', scene.hoveredEstateId, shown.hovered);
    shown.hovered = scene.hoveredEstateId;
  }

  /** The estate drawn at a point of the map container, with its hover card's figures where the tile names it. */
  estateAt(x: number, y: number): MapTarget | null {
    if (!this.#isDrawn() || !this.#scene?.estatesVisible) return null;
    const found = estateTileAt(this.#map, x, y);
    if (!found) return null;
    return found.summary ? { kind: 'estate', id: found.id, summary: found.summary } : { kind: 'estate', id: found.id };
  }

  #isDrawn(): boolean {
    return this.#attached && this.#spec !== null && this.#map.getSource(ESTATE_TILE_IDS.source) !== undefined;
  }

  /** Adds the source and layers when all they need is known; their feature state starts empty. */
  #add(): void {
    if (!this.#attached || !this.#spec || !this.#scene || this.#map.getSource(ESTATE_TILE_IDS.source)) return;
    const { colourBy, tileRule } = this.#scene.colouring;
    addEstateTiles(this.#map, this.#spec);
    addEstateTileColouring(this.#map, this.#spec, colourBy, tileRule, this.#shownFilter());
    setSubdistrictShares(this.#map, this.#shares);
    this.#shown = NOTHING_SHOWN();
    this.#shown.fills.set(colourBy, drawnKey(tileRule, this.#filterKey));
    this.#stagesShown = new Map();
    this.#markStages();
    this.#listingsShown = new Map();
    this.#markListings();
    this.show(this.#scene);
  }

  /** The filter drawn: the atlas filter's attribute rules and the listings' marks. */
  #shownFilter(): EstateTileFilter | null {
    if (this.#listings.size === 0) return this.#filter;
    const listed = Object.fromEntries([...this.#listings].map(([kind, listing]) => [kind, listing.lists]));
    return { ...(this.#filter ?? EMPTY_TILE_FILTER), listed };
  }

  /**
   * Shows the scene's colouring: its layer is added the first time it is chosen, coloured again
   * when its rule or the filter changed since it was drawn (MapLibre cuts the tiles again), and
   * otherwise only shown in place of the other (a repaint). Hidden layers wait until chosen again.
   */
  #showColours(): void {
    if (!this.#isDrawn() || !this.#scene || !this.#spec) return;
    const shown = this.#shown;
    const { colourBy, tileRule } = this.#scene.colouring;
    const key = drawnKey(tileRule, this.#filterKey);
    const drawn = shown.fills.get(colourBy);
    if (drawn === undefined) addEstateTileColouring(this.#map, this.#spec, colourBy, tileRule, this.#shownFilter());
    else if (drawn !== key) setEstateTileColour(this.#map, colourBy, tileRule, this.#shownFilter());
    shown.fills.set(colourBy, key);
    if (colourBy !== shown.colourBy) showEstateTileColouring(this.#map, colourBy, shown.colourBy);
    shown.colourBy = colourBy;
  }

  #markStages(): void {
    if (!this.#isDrawn()) return;
    setTileStages(this.#map, this.#stages, this.#stagesShown);
    this.#stagesShown = this.#stages;
  }

  #markListings(): void {
    if (!this.#isDrawn()) return;
    for (const kind of new Set([...this.#listings.keys(), ...this.#listingsShown.keys()])) {
      const next = this.#listings.get(kind)?.ids ?? [];
      setTileListing(this.#map, kind, next, this.#listingsShown.get(kind) ?? []);
      this.#listingsShown.set(kind, next);
    }
  }
}
