/**
 * What the app asks of a map, and nothing more — modelled on terra-draw's
 * `TerraDrawAdapter { project, unproject, render }`. AtlasMap (MapLibre + deck.gl + Terra Draw)
 * implements it in the browser, FakeMapAdapter in unit tests. It knows nothing of the store:
 * the features hand it plain values and get events back through callbacks.
 */
import type { Feature, Geometry } from 'geojson';
import type { LngLat, PixelPoint } from '../../../core/geometry/lng-lat';
import type { Parts } from '../../../core/geometry/polygon-parts';
import type { SnapIndex } from '../../../core/geometry/snap-to-estates';
import type { EstateApiFeature, RoadCollection } from '../api';
import type { ImportPreview, MapPointerEvent, MapTarget, MapViewport, SceneInput, VisibleLayers } from './map-types';
import type { EstateTileFilter, EstateTileSpec, SubdistrictShares, TileListing, TileListingKind } from './estate-tiles';

export interface MapAdapterCallbacks {
  onHover?(event: MapPointerEvent): void;
  onClick?(event: MapPointerEvent): void;
  /** The estates have been drawn at their fitted extent for the first time. */
  onReady?(): void;
  /** An external basemap failed to load and the offline style replaced it. */
  onBasemapFallback?(): void;
  /** The camera came to rest (after every pan, zoom or jump). */
  onViewChange?(viewport: MapViewport): void;
}

export interface DrawSurfaceCallbacks {
  /** The outline changed mid-gesture (`sketching`: a polygon is being clicked in). */
  onLive(parts: Parts, sketching: boolean): void;
  /** A gesture finished: vertex dropped, part moved or deleted, polygon closed. */
  onCommit(parts: Parts): void;
  /** A new polygon was closed (the session then switches to select mode). */
  onPolygonClosed(): void;
}

export interface DrawSurfaceOptions {
  callbacks: DrawSurfaceCallbacks;
  /** The neighbours to snap to, read on every pointer move (the estates may change mid-session). */
  snapIndex: () => SnapIndex;
  /** The estate being edited, not to be snapped to. */
  excludeEstateId: number | null;
}

/** The drawing surface of an editing session (Terra Draw in the browser). */
export interface DrawSurface {
  /** Polygon parts drawn; the unfinished one only when `includeSketch`. */
  parts(includeSketch?: boolean): Parts;
  isSketching(): boolean;
  /** Replaces what is drawn with `parts` (session start, undo, redo) without reporting it back. */
  load(parts: Parts): void;
  /** Click vertices of a new polygon (a new estate, or another part of this one). */
  startDrawing(): void;
  /** Move vertices and parts. */
  startSelecting(): void;
  destroy(): void;
}

/** The camera, for browser tests that move the map or wait for it to settle. */
export interface MapCamera {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  jumpTo(camera: { center: LngLat; zoom: number }): void;
  isMoving(): boolean;
}

export interface MapAdapter {
  /** Viewport (CSS pixel, page) position of a coordinate. */
  project(lngLat: LngLat): PixelPoint;
  /** The coordinate at a viewport position. */
  unproject(point: PixelPoint): LngLat;
  /** Replaces what is drawn over the basemap; cheap to call often. */
  render(scene: SceneInput): void;
  /** Draws (or with null removes) the rows of an import that are not yet written. */
  setPreview(preview: ImportPreview | null): void;
  /** Shows or hides the basemap layers that belong to the UI's layer toggles. */
  setVisibleLayers(visible: VisibleLayers): void;
  /** Emphasises one sub-district boundary (null for none). */
  setSelectedSubdistrict(code: string | null): void;
  /** Replaces the roads of the offline basemap (a tiled city holds those of the areas it loaded). */
  setRoads(roads: RoadCollection): void;
  /** Draws the estates from vector tiles (null: from the scene's estates). */
  setEstateTiles(spec: EstateTileSpec | null): void;
  /** Fades tiled estates outside the filter (null: none faded). */
  setEstateTileFilter(filter: EstateTileFilter | null): void;
  /** Fades tiled estates by a filter the tiles cannot evaluate, from the server's list of ids (null: that filter fades none). */
  setEstateTileListing(kind: TileListingKind, listing: TileListing | null): void;
  /** Stages (estate id → stage id) that colour tiled estates over the stage their tile carries. */
  setEstateTileStages(stages: ReadonlyMap<number, string>): void;
  /** Below the tiles' first zoom, fills the sub-districts by their progress (null: no fill). */
  setSubdistrictShares(shares: SubdistrictShares | null): void;
  /** Frames the given features (estates, or sub-districts when the estates come as tiles); without animation the camera jumps. */
  fitTo(features: readonly Feature<Geometry | null>[], animate?: boolean): void;
  /** Flies to features, keeping them clear of a panel over the right `coveredRightPx` pixels. */
  flyTo(features: readonly Feature<Geometry | null>[], coveredRightPx?: number): void;
  /** Pans sideways when the estate lies under a panel covering the right `coveredRightPx` pixels. */
  reveal(feature: EstateApiFeature, coveredRightPx: number): void;
  /** What would be picked at a viewport position. */
  pick(clientX: number, clientY: number): MapTarget | null;
  /** Hands the pointer to an editing session (false) or back to the map's own picking (true). */
  setInteractive(interactive: boolean): void;
  /** Leaves estates out of the drawn layers (the one being edited is drawn by the draw surface). */
  setHiddenEstateIds(ids: readonly number[]): void;
  /** A drawing surface on this map for one editing session; destroy it when the session ends. */
  createDrawSurface(options: DrawSurfaceOptions): DrawSurface;
  readonly camera: MapCamera;
  readonly isReady: boolean;
  /** Estate tiles cut (loaded, or cut again for a new colour or filter) since the map opened: what a colouring change costs. */
  readonly estateTilesCut: number;
  resize(): void;
  destroy(): void;
}
