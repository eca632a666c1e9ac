/**
 * A MapAdapter without a map, for unit tests: a flat projection around a centre, and a record of
 * what the app asked of it. Its draw surface lets a test play the user's gestures.
 */
import type { EstateTileFilter, EstateTileSpec, SubdistrictShares, TileListing, TileListingKind } from './estate-tiles';
import type { Feature } from 'geojson';
import type { RoadCollection } from '../api';
import type { LngLat, PixelPoint } from '../../../core/geometry/lng-lat';
import type { Parts } from '../../../core/geometry/polygon-parts';
import type { DrawSurface, DrawSurfaceOptions, MapAdapter, MapCamera } from './map-adapter';
import type { ImportPreview, MapTarget, SceneInput, VisibleLayers } from './map-types';

/** Defaults of the fake: the demo city's centre; ~1 m per pixel at 24° N. */
export const FAKE_MAP_DEFAULTS = {
  center: [109.41, 24.31] as LngLat,
  zoom: 16,
  pxPerDegree: 100_000,
};

/** A draw surface that draws nothing: `gesture` and `sketch` stand in for the user. */
export class FakeDrawSurface implements DrawSurface {
  readonly options: DrawSurfaceOptions;
  mode: 'draw' | 'select' | null = null;
  destroyed = false;
  private drawn: Parts = [];
  private sketch: Parts | null = null;

  constructor(options: DrawSurfaceOptions) {
    this.options = options;
  }

  parts(includeSketch = false): Parts {
    return includeSketch && this.sketch ? [...this.drawn, ...this.sketch] : this.drawn;
  }

  isSketching(): boolean {
    return this.sketch !== null;
  }

  load(parts: Parts): void {
    this.drawn = parts;
    this.sketch = null;
  }

  startDrawing(): void {
    this.mode = 'draw';
  }

  startSelecting(): void {
    this.mode = 'select';
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** The user is clicking in a polygon: reported live, not committed. */
  sketchPolygon(ring: Parts[number]): void {
    this.sketch = [ring];
    this.options.callbacks.onLive(this.parts(true), true);
  }

  /** The user finished a gesture that left `parts` drawn; `closedPolygon` when it closed a new one. */
  gesture(parts: Parts, closedPolygon = false): void {
    this.drawn = parts;
    this.sketch = null;
    this.options.callbacks.onCommit(parts);
    if (closedPolygon) this.options.callbacks.onPolygonClosed();
  }
}

export class FakeMapAdapter implements MapAdapter {
  scene: SceneInput | null = null;
  preview: ImportPreview | null = null;
  visibleLayers: VisibleLayers | null = null;
  selectedSubdistrict: string | null = null;
  interactive = true;
  hiddenEstateIds: readonly number[] = [];
  estateTiles: EstateTileSpec | null = null;
  subdistrictShares: SubdistrictShares | null = null;
  estateTileStages: ReadonlyMap<number, string> = new Map();
  estateTileFilter: EstateTileFilter | null = null;
  estateTileListings = new Map<TileListingKind, TileListing>();
  roads: RoadCollection | null = null;
  /** Ids of the estates of each fitTo, and the features of each flyTo, in call order. */
  readonly fits: number[][] = [];
  readonly flights: { features: readonly Feature[]; coveredRightPx: number }[] = [];
  readonly drawSurfaces: FakeDrawSurface[] = [];
  /** What pick() answers. */
  picked: MapTarget | null = null;
  destroyed = false;
  private center: LngLat = FAKE_MAP_DEFAULTS.center;
  private zoom = FAKE_MAP_DEFAULTS.zoom;

  project([lng, lat]: LngLat): PixelPoint {
    const [cLng, cLat] = this.center;
    return [(lng - cLng) * FAKE_MAP_DEFAULTS.pxPerDegree, (cLat - lat) * FAKE_MAP_DEFAULTS.pxPerDegree];
  }

  unproject([x, y]: PixelPoint): LngLat {
    const [cLng, cLat] = this.center;
    return [cLng + x / FAKE_MAP_DEFAULTS.pxPerDegree, cLat - y / FAKE_MAP_DEFAULTS.pxPerDegree];
  }

  render(scene: SceneInput): void {
    this.scene = scene;
  }

  setPreview(preview: ImportPreview | null): void {
    this.preview = preview;
  }

  setVisibleLayers(visible: VisibleLayers): void {
    this.visibleLayers = visible;
  }

  setSelectedSubdistrict(code: string | null): void {
    this.selectedSubdistrict = code;
  }

  fitTo(features: readonly Feature[]): void {
    this.fits.push(features.map((f) => Number(f.id)));
  }

  setEstateTiles(spec: EstateTileSpec | null): void {
    this.estateTiles = spec;
  }

  setRoads(roads: RoadCollection): void {
    this.roads = roads;
  }

  setEstateTileFilter(filter: EstateTileFilter | null): void {
    this.estateTileFilter = filter;
  }

  setEstateTileListing(kind: TileListingKind, listing: TileListing | null): void {
    if (listing) this.estateTileListings.set(kind, listing);
    else this.estateTileListings.delete(kind);
  }

  setEstateTileStages(stages: ReadonlyMap<number, string>): void {
    this.estateTileStages = stages;
  }

  setSubdistrictShares(shares: SubdistrictShares | null): void {
    this.subdistrictShares = shares;
  }

  flyTo(features: readonly Feature[], coveredRightPx = 0): void {
    this.flights.push({ features, coveredRightPx });
  }

  reveal(): void {}

  pick(): MapTarget | null {
    return this.picked;
  }

  setInteractive(interactive: boolean): void {
    this.interactive = interactive;
  }

  setHiddenEstateIds(ids: readonly number[]): void {
    this.hiddenEstateIds = ids;
  }

  createDrawSurface(options: DrawSurfaceOptions): FakeDrawSurface {
    const surface = new FakeDrawSurface(options);
    this.drawSurfaces.push(surface);
    return surface;
  }

  get camera(): MapCamera {
    return {
      getCenter: () => ({ lng: this.center[0], lat: this.center[1] }),
      getZoom: () => this.zoom,
      jumpTo: ({ center, zoom }) => {
        this.center = center;
        this.zoom = zoom;
      },
      isMoving: () => false,
    };
  }

  get isReady(): boolean {
    return this.scene !== null;
  }

  readonly estateTilesCut = 0;

  resize(): void {}

  destroy(): void {
    this.destroyed = true;
  }
}
