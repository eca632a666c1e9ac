/**
 * The browser's MapAdapter: one MapLibre map with a deck.gl overlay and, while editing, a Terra
 * Draw surface. React talks to the MapAdapter interface only and never touches MapLibre, deck.gl
 * or Terra Draw objects (see features/atlas/MapView.tsx).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { LngLat, PixelPoint } from '../../../core/geometry/lng-lat';
import type { BasemapConfig, EstateApiFeature, RoadCollection } from '../api';
import { basemapKind, offlineStyle, type BasemapContext, type BasemapKind } from './basemap-style';
import { cameraOf, fitFeatures, flyToFeatures, revealFeature } from './camera';
import { createMapLibreMap } from './create-maplibre-map';
import { DeckFrames, type AnimationFrameProvider } from './deck-frames';
import {
  buildDeckLayers,
  deckInputs,
  importPreviewLayer,
  deckZoomBand,
  pickedTarget,
  sameDeckInputs,
  type DeckInputs,
} from './deck-layers';
import { TerraDrawSurface } from './draw-surface';
import type { DrawSurface, DrawSurfaceOptions, MapAdapter, MapAdapterCallbacks, MapCamera } from './map-adapter';
import type { ImportPreview, MapPointerEvent, MapScene, MapTarget, SceneInput, VisibleLayers } from './map-types';
import { applyStyleState, setRoadData } from './style-state';
import type { EstateTileFilter, EstateTileSpec, SubdistrictShares, TileListing, TileListingKind } from './estate-tiles';
import { TiledEstates } from './tiled-estates';

export interface AtlasMapOptions {
  container: HTMLElement;
  context: BasemapContext;
  basemap: BasemapConfig;
  callbacks: MapAdapterCallbacks;
}

/**
 * Shift, Ctrl or ⌘ held during a click. MapboxOverlay hands deck.gl MapLibre's map event as
 * `srcEvent`, whose `originalEvent` is the DOM event with the keys.
 */
function isAdditive(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const keys = event as { shiftKey?: unknown; ctrlKey?: unknown; metaKey?: unknown; originalEvent?: unknown };
  if (keys.shiftKey === true || keys.ctrlKey === true || keys.metaKey === true) return true;
  return keys.originalEvent !== undefined && keys.originalEvent !== event && isAdditive(keys.originalEvent);
}

export class AtlasMap implements MapAdapter {
  private readonly map: MapLibreMap;
  /** The estates of a city drawn from vector tiles (null spec: drawn by deck.gl from the scene). */
  private readonly tiles: TiledEstates;
  private readonly overlay: MapboxOverlay;
  /** deck.gl's frames, only while the map is busy (deck-frames.ts). */
  private readonly deckFrames = new DeckFrames();
  /** Ends the listeners this map adds to its container. */
  private readonly listening = new AbortController();
  private context: BasemapContext;
  /** The road collection the loaded style's road source holds. */
  private roadsInStyle: RoadCollection;
  private readonly callbacks: MapAdapterCallbacks;
  private kind: BasemapKind;
  private scene: SceneInput | null = null;
  private preview: ImportPreview | null = null;
  private visibleLayers: VisibleLayers | null = null;
  private selectedSubdistrict: string | null = null;
  private zoomBand: number;
  private zoomStep = 0;
  private styleLoaded = false;
  private fitted = false;
  private ready = false;
  private deckFramesSinceScene = 0;
  /** What the layers deck.gl has were built from. */
  private deckInputs: DeckInputs | null = null;
  private destroyed = false;
  /** False while an edit session owns the pointer (client/src/edit): deck.gl then neither picks nor selects. */
  private interactive = true;
  private sceneInput: SceneInput | null = null;
  private hiddenEstateIds: ReadonlySet<number> = new Set();

  constructor(options: AtlasMapOptions) {
    this.context = options.context;
    this.roadsInStyle = options.context.roads;
    this.callbacks = options.callbacks;
    this.kind = basemapKind(options.basemap);
    this.map = createMapLibreMap(options.container, this.context, options.basemap, this.kind);
    this.tiles = new TiledEstates(this.map);
    this.zoomBand = deckZoomBand(this.map.getZoom());

    const overlayProps: MapboxOverlayProps & { animationFrameProvider: AnimationFrameProvider } = {
      interleaved: false,
      layers: [],
      pickingRadius: 4,
      onHover: (info) => this.handlePointer(info, 'hover'),
      onClick: (info, event) => this.handlePointer(info, 'click', isAdditive(event.srcEvent)),
      onAfterRender: () => this.afterDeckRender(),
      // Not among deck.gl's typed props: Deck hands its props to its AnimationLoop, which reads it.
      animationFrameProvider: this.deckFrames,
    };
    this.overlay = new MapboxOverlay(overlayProps);
    this.map.addControl(this.overlay);
    // A camera move, not every MapLibre frame: tiles arriving and feature-state changes (a stage
    // recolouring) repaint the map without changing what deck.gl draws, and MapboxOverlay itself
    // redraws deck.gl on each MapLibre frame where the view changed.
    for (const type of ['move', 'resize'] as const) this.map.on(type, () => this.deckFrames.wake());
    // The container outlives this map (MapView makes a new one in it when its data changes).
    for (const type of ['pointermove', 'pointerdown', 'pointerup', 'pointerleave', 'wheel'] as const)
      options.container.addEventListener(type, () => this.deckFrames.wake(), {
        capture: true,
        passive: true,
        signal: this.listening.signal,
      });

    this.map.on('style.load', () => {
      this.styleLoaded = true;
      this.applyRoads();
      this.applyStyleState();
      this.tiles.attach();
    });
    this.map.on('idle', () => this.checkReady());
    const reportView = (): void => {
      const bounds = this.map.getBounds();
      this.callbacks.onViewChange?.({
        bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
        zoom: this.map.getZoom(),
      });
    };
    // The first view too: a map framed before it loads has no move to end.
    this.map.once('load', reportView);
    this.map.on('moveend', reportView);
    this.map.on('error', (event) => this.handleMapError(event));
    this.map.on('zoom', () => {
      const band = deckZoomBand(this.map.getZoom());
      // Whole zoom steps recut the dashes of suggested zones (zone-layers.ts).
      const step = Math.round(this.map.getZoom());
      if (band !== this.zoomBand || (step !== this.zoomStep && (this.scene?.zones.suggestions.length ?? 0) > 0)) {
        this.zoomBand = band;
        this.zoomStep = step;
        this.renderDeck();
      }
    });
  }

  /** Replaces what deck.gl draws; cheap to call often, deck.gl diffs by layer id and update triggers. */
  render(scene: SceneInput): void {
    this.sceneInput = scene;
    this.scene = this.hiddenEstateIds.size ? { ...scene, estates: scene.estates.filter((f) => !this.hiddenEstateIds.has(f.id)) } : scene;
    // The frames counted for the layers deck.gl has stand when the scene builds the same ones.
    if (this.renderDeck()) this.deckFramesSinceScene = 0;
  }

  /** Draws (or with null removes) the rows of an import that are not yet written. */
  setPreview(preview: ImportPreview | null): void {
    this.preview = preview;
    this.renderDeck();
  }

  /** Shows or hides the basemap layers that belong to the UI's layer toggles. */
  setVisibleLayers(visible: VisibleLayers): void {
    this.visibleLayers = visible;
    this.applyStyleState();
  }

  /** Emphasises one sub-district boundary (null for none). */
  setSelectedSubdistrict(code: string | null): void {
    this.selectedSubdistrict = code;
    this.applyStyleState();
  }

  setRoads(roads: RoadCollection): void {
    // Kept in the context too: a fallback to the offline style rebuilds it from there.
    this.context = { ...this.context, roads };
    this.applyRoads();
  }

  /** Draws the estates from vector tiles (null: from the scene's estates, through deck.gl). */
  setEstateTiles(spec: EstateTileSpec | null): void {
    if (this.tiles.setSpec(spec)) this.renderDeck();
  }

  setSubdistrictShares(shares: SubdistrictShares | null): void {
    this.tiles.setShares(shares);
  }

  setEstateTileFilter(filter: EstateTileFilter | null): void {
    this.tiles.setFilter(filter);
  }

  setEstateTileListing(kind: TileListingKind, listing: TileListing | null): void {
    this.tiles.setListing(kind, listing);
  }

  setEstateTileStages(stages: ReadonlyMap<number, string>): void {
    this.tiles.setStages(stages);
  }

  fitTo(features: readonly Feature<Geometry | null>[], animate = true): void {
    if (fitFeatures(this.map, features, animate)) this.fitted = true;
  }

  flyTo(features: readonly Feature<Geometry | null>[], coveredRightPx = 0): void {
    flyToFeatures(this.map, features, coveredRightPx);
  }

  reveal(feature: EstateApiFeature, coveredRightPx: number): void {
    revealFeature(this.map, feature, coveredRightPx);
  }

  /** Viewport (CSS pixel, page) position of a coordinate. */
  project(lngLat: LngLat): PixelPoint {
    const point = this.map.project(lngLat);
    const rect = this.map.getContainer().getBoundingClientRect();
    return [rect.left + point.x, rect.top + point.y];
  }

  unproject([x, y]: PixelPoint): LngLat {
    const rect = this.map.getContainer().getBoundingClientRect();
    const { lng, lat } = this.map.unproject([x - rect.left, y - rect.top]);
    return [lng, lat];
  }

  /** What deck.gl would pick at a viewport position. */
  pick(clientX: number, clientY: number): MapTarget | null {
    const rect = this.map.getContainer().getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const info = this.overlay.pickObject({ x, y, radius: 0 });
    return (info && this.scene ? pickedTarget(info, this.scene) : null) ?? this.tiles.estateAt(x, y);
  }

  /**
   * Hands the pointer to an editing session (false) or back to deck.gl (true): while editing,
   * clicks go to Terra Draw and must not select or hover estates.
   */
  setInteractive(interactive: boolean): void {
    if (this.interactive === interactive) return;
    this.interactive = interactive;
    // The class lets the editing styles fade deck.gl's estates so the outline being drawn shows through.
    this.map.getContainer().classList.toggle('atlas-map-editing', !interactive);
    if (interactive) return;
    this.map.getCanvas().style.cursor = '';
    // Drop any hover tooltip: the pointer now belongs to the editing session.
    const container = this.map.getContainer();
    this.callbacks.onHover?.({ target: null, additive: false, x: 0, y: 0, width: container.clientWidth, height: container.clientHeight });
  }

  /** Leaves estates out of the deck.gl layers (the one being edited is drawn by Terra Draw instead). */
  setHiddenEstateIds(ids: readonly number[]): void {
    this.hiddenEstateIds = new Set(ids);
    if (this.sceneInput) this.render(this.sceneInput);
  }

  /** Terra Draw on this MapLibre map; the map itself never leaves this class. */
  createDrawSurface(options: DrawSurfaceOptions): DrawSurface {
    return new TerraDrawSurface(new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: 9 }), options);
  }

  get camera(): MapCamera {
    return cameraOf(this.map);
  }

  get isReady(): boolean {
    return this.ready;
  }

  get estateTilesCut(): number {
    return this.tiles.tilesCut;
  }

  get basemapKind(): BasemapKind {
    return this.kind;
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.destroyed = true;
    this.listening.abort();
    this.map.removeControl(this.overlay);
    this.overlay.finalize();
    this.map.remove();
  }

  /** Hands deck.gl layers built from the scene; false when they would equal the layers it has. */
  private renderDeck(): boolean {
    if (!this.scene || this.destroyed) return false;
    const scene: MapScene = {
      ...this.scene,
      zoom: this.map.getZoom(),
      showRoadLabels: this.kind === 'offline',
      tiledEstates: this.tiles.isTiled,
    };
    this.tiles.show({
      colouring: scene.colouring,
      estatesVisible: scene.visibleLayers.estates,
      selectedEstateId: scene.selectedEstateId,
      hoveredEstateId: scene.hoveredEstateId,
    });
    const inputs = deckInputs(scene, this.preview);
    if (sameDeckInputs(this.deckInputs, inputs)) return false;
    this.deckInputs = inputs;
    const layers = buildDeckLayers(scene);
    if (this.preview) layers.push(importPreviewLayer(this.preview));
    this.overlay.setProps({ layers });
    this.deckFrames.wake();
    return true;
  }

  private handlePointer(info: PickingInfo, kind: 'hover' | 'click', additive = false): void {
    if (!this.interactive) return;
    const container = this.map.getContainer();
    const event: MapPointerEvent = {
      target: (this.scene ? pickedTarget(info, this.scene) : null) ?? this.tiles.estateAt(info.x, info.y),
      additive,
      x: info.x,
      y: info.y,
      lngLat: info.coordinate ? [info.coordinate[0] ?? 0, info.coordinate[1] ?? 0] : null,
      width: container.clientWidth,
      height: container.clientHeight,
    };
    if (kind === 'hover') {
      this.map.getCanvas().style.cursor = event.target ? 'pointer' : '';
      this.callbacks.onHover?.(event);
    } else {
      this.callbacks.onClick?.(event);
    }
  }

  /** Roads that arrived after the style was built (or while it loads) go into its source. */
  private applyRoads(): void {
    if (!this.styleLoaded || this.roadsInStyle === this.context.roads) return;
    this.roadsInStyle = this.context.roads;
    setRoadData(this.map, this.context.roads);
  }

  private applyStyleState(): void {
    if (this.styleLoaded) applyStyleState(this.map, this.visibleLayers, this.selectedSubdistrict);
  }

  private handleMapError(event: { error: { message?: string } }): void {
    const sourceId = 'sourceId' in event && typeof event.sourceId === 'string' ? event.sourceId : '';
    const externalFailed = (this.kind === 'styleUrl' && !this.styleLoaded) || (this.kind === 'tianditu' && sourceId.startsWith('tianditu'));
    if (!externalFailed) {
      console.warn('[atlas map]', event.error.message ?? event.error);
      return;
    }
    // No internet or a bad key: keep working on the offline basemap rather than a blank map.
    this.kind = 'offline';
    this.styleLoaded = false;
    this.tiles.detach();
    // The identity transform replaces the style-URL one, which would add the overlay a second time.
    this.roadsInStyle = this.context.roads;
    this.map.setStyle(offlineStyle(this.context), { diff: false, transformStyle: (_previous, next) => next });
    this.renderDeck();
    this.callbacks.onBasemapFallback?.();
  }

  private afterDeckRender(): void {
    this.deckFrames.wake();
    this.deckFramesSinceScene += 1;
    this.checkReady();
  }

  /** Ready = the map has settled at the fitted camera and deck.gl has drawn the latest scene since. */
  private checkReady(): void {
    // With no estates there is nothing to fit; the empty map is then the settled state.
    if (this.ready || !this.scene || (!this.fitted && this.scene.estates.length > 0)) return;
    if (this.deckFramesSinceScene < 1 || !this.map.loaded() || this.map.isMoving()) return;
    this.ready = true;
    this.callbacks.onReady?.();
  }
}
