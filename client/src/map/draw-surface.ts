/**
 * The drawing surface of an editing session: Terra Draw on the MapLibre map, in polygon mode
 * (click vertices; double-click, Enter or a click on the first vertex closes; Esc cancels) or
 * select mode (drag vertices and parts, click a midpoint to add a vertex, right-click to delete
 * one). Each part of a MultiPolygon is its own Terra Draw Polygon; the session joins them on save.
 *
 * It reports every change as parts: live ones while the pointer moves, committed ones when a
 * gesture finishes. React and the store never touch Terra Draw itself: they get a DrawSurface
 * from MapAdapter.createDrawSurface, which hands this class the Terra Draw adapter of its map.
 */
import type { Polygon, Position } from 'geojson';
import {
  TerraDraw,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type SnapToCustom,
  type TerraDrawMouseEvent,
  type SnappableContext,
} from 'terra-draw';
import { committedSketchRing, type Parts } from '../../../core/geometry/polygon-parts';
import { snapToEstates } from '../../../core/geometry/snap-to-estates';
import type { DrawSurface, DrawSurfaceCallbacks, DrawSurfaceOptions } from './map-adapter';

/** Terra Draw's adapter interface (`{ project, unproject, render, … }`); the package exports it only inside its types. */
export type TerraDrawAdapter = ConstructorParameters<typeof TerraDraw>[0]['adapter'];

/** Look of the drawing; matches the selected-estate blue of deck-layers.ts. */
export const DRAW_STYLE = {
  colour: '#1436a0',
  vertexColour: '#ffffff',
  snapColour: '#fa8c16',
  fillOpacity: 0.25,
  outlineWidthPx: 2.5,
  /** How close a click must be to the first/last vertex to close the polygon. */
  closePointerDistancePx: 12,
  snapTolerancePx: 10,
} as const;

const POLYGON_MODE = 'polygon';
const SELECT_MODE = 'select';

function isPolygonPart(feature: GeoJSONStoreFeatures): feature is GeoJSONStoreFeatures & { geometry: Polygon } {
  return feature.geometry.type === 'Polygon' && feature.properties.mode === POLYGON_MODE;
}

export class TerraDrawSurface implements DrawSurface {
  private readonly draw: TerraDraw;
  private readonly callbacks: DrawSurfaceCallbacks;
  private loading = false;
  private frame = 0;

  /** `adapter`: Terra Draw's adapter for the map library (created by the map adapter that owns the map). */
  constructor(adapter: TerraDrawAdapter, options: DrawSurfaceOptions) {
    this.callbacks = options.callbacks;
    const exclude = options.excludeEstateId === null ? undefined : new Set([options.excludeEstateId]);
    const snap: SnapToCustom = (event: TerraDrawMouseEvent, context: SnappableContext) => {
      const found = snapToEstates(
        options.snapIndex(),
        [event.containerX, event.containerY],
        {
          project: ([lng, lat]) => {
            const { x, y } = context.project(lng, lat);
            return [x, y];
          },
          unproject: ([x, y]) => {
            const { lng, lat } = context.unproject(x, y);
            return [lng, lat];
          },
        },
        { tolerancePx: DRAW_STYLE.snapTolerancePx, excludeIds: exclude },
      );
      return found?.position;
    };
    const { colour, vertexColour, snapColour, fillOpacity, outlineWidthPx } = DRAW_STYLE;
    this.draw = new TerraDraw({
      adapter,
      modes: [
        new TerraDrawPolygonMode({
          snapping: { toCustom: snap },
          pointerDistance: DRAW_STYLE.closePointerDistancePx,
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: {
            fillColor: colour,
            fillOpacity,
            outlineColor: colour,
            outlineWidth: outlineWidthPx,
            closingPointColor: vertexColour,
            closingPointOutlineColor: colour,
            closingPointWidth: 5,
            closingPointOutlineWidth: 2,
            snappingPointColor: snapColour,
            snappingPointOutlineColor: vertexColour,
            snappingPointWidth: 6,
            snappingPointOutlineWidth: 2,
          },
        }),
        new TerraDrawSelectMode({
          pointerDistance: DRAW_STYLE.closePointerDistancePx,
          // Escape belongs to the session (cancel); Delete removes the selected part.
          keyEvents: { deselect: null, delete: 'Delete', rotate: null, scale: null },
          flags: {
            [POLYGON_MODE]: {
              feature: {
                draggable: true,
                coordinates: { midpoints: true, draggable: true, deletable: true, snappable: { toCustom: snap } },
              },
            },
          },
          styles: {
            selectedPolygonColor: colour,
            selectedPolygonFillOpacity: fillOpacity,
            selectedPolygonOutlineColor: colour,
            selectedPolygonOutlineWidth: outlineWidthPx,
            selectionPointColor: vertexColour,
            selectionPointOutlineColor: colour,
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: colour,
            midPointOutlineColor: vertexColour,
            midPointWidth: 3,
            midPointOutlineWidth: 1,
          },
        }),
      ],
    });
    this.draw.start();
    this.draw.on('change', (_ids, type) => {
      if (this.loading) return;
      // A deleted part is a finished action; everything else is shown live, once per frame.
      // Guidance points (snap marker, closing points) come and go while sketching: those are live.
      if (type === 'delete' && !this.isSketching()) {
        this.callbacks.onCommit(this.parts());
        return;
      }
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.callbacks.onLive(this.parts(true), this.isSketching());
      });
    });
    this.draw.on('finish', (_id, context) => {
      if (this.loading) return;
      this.callbacks.onCommit(this.parts());
      if (context.mode === POLYGON_MODE && context.action === 'draw') this.callbacks.onPolygonClosed();
    });
  }

  /** Polygon parts in the store; the unfinished one (its clicked vertices only) when `includeSketch`. */
  parts(includeSketch = false): Parts {
    return this.draw
      .getSnapshot()
      .filter(isPolygonPart)
      .filter((f) => includeSketch || !f.properties.currentlyDrawing)
      .map((f) =>
        f.properties.currentlyDrawing ? committedSketchRing(f.geometry.coordinates[0] ?? []) : (f.geometry.coordinates[0] ?? []),
      );
  }

  isSketching(): boolean {
    return this.draw.getModeState() === 'drawing';
  }

  /** Replaces what is drawn with `parts` (session start, undo, redo) without reporting it back. */
  load(parts: Parts): void {
    this.loading = true;
    try {
      this.draw.clear();
      const features: GeoJSONStoreFeatures[] = parts.map((ring) => ({
        id: this.draw.getFeatureId(),
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring.map((p: Position) => [p[0] ?? 0, p[1] ?? 0])] },
        properties: { mode: POLYGON_MODE },
      }));
      const results = this.draw.addFeatures(features);
      const rejected = results.filter((r) => !r.valid);
      if (rejected.length > 0) console.warn('[edit] Terra Draw refused parts:', rejected.map((r) => r.reason).join('; '));
    } finally {
      this.loading = false;
    }
  }

  /** Click vertices of a new polygon (a new estate, or another part of this one). */
  startDrawing(): void {
    if (this.draw.getMode() !== POLYGON_MODE) this.draw.setMode(POLYGON_MODE);
  }

  /** Move vertices and parts; selects the first (or only) part so its vertices show. */
  startSelecting(): void {
    if (this.draw.getMode() !== SELECT_MODE) this.draw.setMode(SELECT_MODE);
    const first = this.draw.getSnapshot().find(isPolygonPart);
    if (first?.id !== undefined) this.draw.selectFeature(first.id);
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.draw.stop();
  }
}
