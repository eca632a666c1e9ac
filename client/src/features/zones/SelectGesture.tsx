/**
 * The box and lasso tools: while one is chosen, a drag on the map draws the shape (the map does
 * not pan) and picks the estates whose label point it takes in (shape-hits.ts). Shift/Ctrl/⌘ adds
 * to the picked estates, Alt takes out; a plain drag replaces them. The wheel still zooms.
 */
import { memo, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { polygonLabelPoint } from '../../../../core/geometry/label-points';
import type { LngLat, PixelPoint } from '../../../../core/geometry/lng-lat';
import type { EstateApiFeature } from '../../api';
import type { MapAdapter } from '../../map/map-adapter';
import { useAtlasStore } from '../../state/atlas-store';
import type { PickMode, SelectTool } from '../../state/zone-slice';
import { boxRing, idsInShape, thinPath } from './shape-hits';
import { SelectTools } from './SelectTools';

/** A lasso point is kept once the pointer has moved this far from the last one. */
const LASSO_STEP_PX = 3;

interface Gesture {
  tool: Exclude<SelectTool, 'click'>;
  /** Viewport positions of the pointer. */
  points: PixelPoint[];
  mode: PickMode;
  /** Viewport position of the map's root, to draw the shape inside it. */
  origin: PixelPoint;
}

function modeOf(event: PointerEvent): PickMode {
  if (event.altKey) return 'remove';
  return event.shiftKey || event.ctrlKey || event.metaKey ? 'add' : 'replace';
}

function shapeOf(gesture: Gesture): PixelPoint[] {
  const first = gesture.points[0];
  const last = gesture.points[gesture.points.length - 1];
  if (gesture.tool === 'box') return first && last ? boxRing(first, last) : [];
  return gesture.points;
}

export interface SelectGestureProps {
  atlas: MapAdapter;
  /** The map's root element: the gesture listens there before MapLibre and deck.gl do. */
  rootRef: RefObject<HTMLDivElement | null>;
  estates: readonly EstateApiFeature[];
  /** A gesture began: the hover tooltip goes (the pointer draws now). */
  onGestureStart(): void;
}

export const SelectGesture = memo(function SelectGesture({ atlas, rootRef, estates, onGestureStart }: SelectGestureProps) {
  const tool = useAtlasStore((s) => s.selectTool);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const gestureRef = useRef<Gesture | null>(null);
  const labelPoints = useMemo(() => estates.map((f) => ({ id: f.id, lngLat: polygonLabelPoint(f.geometry) as LngLat })), [estates]);
  const labelPointsRef = useRef(labelPoints);
  const onStartRef = useRef(onGestureStart);
  useEffect(() => {
    labelPointsRef.current = labelPoints;
    onStartRef.current = onGestureStart;
  }, [labelPoints, onGestureStart]);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || tool === 'click') return;
    const onDown = (event: PointerEvent) => {
      const inCanvas = event.target instanceof Element && event.target.closest('.atlas-map-canvas') !== null;
      if (event.button !== 0 || !inCanvas) return;
      event.stopPropagation();
      event.preventDefault();
      const rect = root.getBoundingClientRect();
      const next: Gesture = { tool, points: [[event.clientX, event.clientY]], mode: modeOf(event), origin: [rect.left, rect.top] };
      gestureRef.current = next;
      setGesture(next);
      onStartRef.current();
    };
    // MapLibre starts its drag-pan on mousedown, which follows pointerdown: hold that back too.
    const onMouseDown = (event: MouseEvent) => {
      if (gestureRef.current) event.stopPropagation();
    };
    const onMove = (event: PointerEvent) => {
      const current = gestureRef.current;
      if (!current) return;
      // The map does not hover or pan under a drawing pointer.
      event.stopPropagation();
      const at: PixelPoint = [event.clientX, event.clientY];
      const points: PixelPoint[] =
        current.tool === 'box' ? [current.points[0] ?? at, at] : thinPath([...current.points, at], LASSO_STEP_PX);
      const next: Gesture = { ...current, points };
      gestureRef.current = next;
      setGesture(next);
    };
    const onUp = (event: PointerEvent) => {
      const current = gestureRef.current;
      if (!current) return;
      // The release ends the gesture, not a click: the map must not clear what was just picked.
      event.stopPropagation();
      const swallowClick = (click: MouseEvent) => click.stopPropagation();
      window.addEventListener('click', swallowClick, { capture: true, once: true });
      window.setTimeout(() => window.removeEventListener('click', swallowClick, { capture: true }), 0);
      gestureRef.current = null;
      setGesture(null);
      const ring = shapeOf(current);
      const screen = labelPointsRef.current.map((p) => ({ id: p.id, at: atlas.project(p.lngLat) }));
      const ids = idsInShape(screen, ring);
      const store = useAtlasStore.getState();
      store.pickEstates(ids, current.mode);
      store.selectEstate(null);
    };
    root.addEventListener('pointerdown', onDown, { capture: true });
    root.addEventListener('mousedown', onMouseDown, { capture: true });
    // Capture: the map's own handlers may stop a pointerup from bubbling to the window.
    window.addEventListener('pointermove', onMove, { capture: true });
    window.addEventListener('pointerup', onUp, { capture: true });
    root.classList.add('atlas-map-selecting');
    return () => {
      root.removeEventListener('pointerdown', onDown, { capture: true });
      root.removeEventListener('mousedown', onMouseDown, { capture: true });
      window.removeEventListener('pointermove', onMove, { capture: true });
      window.removeEventListener('pointerup', onUp, { capture: true });
      root.classList.remove('atlas-map-selecting');
      gestureRef.current = null;
      setGesture(null);
    };
  }, [tool, rootRef, atlas]);

  const ring = gesture ? shapeOf(gesture).map(([x, y]) => `${x - gesture.origin[0]},${y - gesture.origin[1]}`) : [];
  return (
    <>
      <SelectTools />
      {ring.length > 1 ? (
        <svg className="atlas-select-shape" data-testid="select-shape" aria-hidden="true">
          <polygon points={ring.join(' ')} />
        </svg>
      ) : null}
    </>
  );
});
