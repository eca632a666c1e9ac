/**
 * A zone's outline in its local metric plane: the union of its estates and of the bridges between
 * neighbouring estates (link-bridges.ts), with what a closing would also take in — holes clearly
 * narrower than the gap (a crossroads between four estates) — filled, and
 * slivers and zero-area holes under 1 m² dropped. The estates' own holes (courtyards) stay open
 * unless another member fills them.
 *
 * Computed with Clipper (its WebAssembly build, twice as fast here as a TypeScript port) on integer
 * millimetres, which is exact and never needs a fallback: this is what the suggestions for a whole
 * city use. A stored zone's outline comes from PostGIS with the same parts and the same rules
 * (zone_outline() in migration 008); tests check that the two agree.
 */
import {
  ClipType,
  loadNativeClipperLibInstanceAsync,
  NativeClipperLibRequestedFormat,
  PolyFillType,
  type Path,
  type PolyNode,
  type ReadonlyPath,
} from 'js-angusj-clipper';
import polylabel from 'polylabel';
import { ringBbox } from '../geometry/bbox.js';
import { inRingAt, isHoleRing, type MetricShape } from './metric-shape.js';

// Loaded once per thread, when this module is first imported.
const clipper = await loadNativeClipperLibInstanceAsync(NativeClipperLibRequestedFormat.WasmWithAsmJsFallback);

/** Clipper computes on integers: coordinates become millimetres from the zone's own origin. */
const UNITS_PER_M = 1000;
/** Parts and holes smaller than this are slivers of the union, not land (design.md §7). */
export const OUTLINE_MIN_RING_M2 = 1;
/**
 * A hole is filled when it is clearly narrower than the gap: the widest circle in it has a radius
 * of at most this share of the gap (90 % of the gap across). Exactly at half the gap — a hole as
 * wide as the gap, common in planned blocks — the choice would turn on a millimetre of rounding,
 * and differently here and in PostGIS.
 */
const HOLE_FILL_RADIUS_SHARE = 0.45;

/** The radius up to which zone_outline() (migration 008) fills a hole, for neighbours `gapM` apart. */
export const holeFillRadiusM = (gapM: number): number => gapM * HOLE_FILL_RADIUS_SHARE;
/** How closely the widest circle in a hole is found, metres. */
const LABEL_PRECISION_M = 0.25;

/** GeoJSON MultiPolygon coordinates in metres of the plane. */
export type MetricMultiPolygon = number[][][][];

interface Origin {
  x: number;
  y: number;
}

function ringArea(ring: readonly (readonly number[])[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += ((ring[j]?.[0] ?? 0) - (ring[i]?.[0] ?? 0)) * ((ring[j]?.[1] ?? 0) + (ring[i]?.[1] ?? 0));
  }
  return twice / 2;
}

/** Half the short side of the ring's bbox: no circle inside the ring is wider. */
function radiusBound(ring: readonly (readonly number[])[]): number {
  const [minX, minY, maxX, maxY] = ringBbox(ring);
  return Math.min(maxX - minX, maxY - minY) / 2;
}

/** Twice the signed area of ring `r` of the shape (positive counter-clockwise). */
function shapeRingArea2(shape: MetricShape, r: number): number {
  const { xy, ringStarts } = shape;
  const start = ringStarts[r] ?? 0;
  const end = ringStarts[r + 1] ?? 0;
  let twice = 0;
  for (let i = start, j = end - 1; i < end; j = i++)
    twice += ((xy[2 * j] ?? 0) - (xy[2 * i] ?? 0)) * ((xy[2 * j + 1] ?? 0) + (xy[2 * i + 1] ?? 0));
  return twice;
}

/** Ring `r` of the shape as a Clipper path, wound as asked. */
function shapeRingPath(shape: MetricShape, r: number, origin: Origin, counterClockwise: boolean): Path {
  const start = shape.ringStarts[r] ?? 0;
  // GeoJSON repeats the first vertex at the end; Clipper's paths are implicitly closed.
  const end = (shape.ringStarts[r + 1] ?? 0) - 1;
  const path: Path = new Array<{ x: number; y: number }>(end - start);
  for (let k = start; k < end; k++) {
    path[k - start] = {
      x: Math.round(((shape.xy[2 * k] ?? 0) - origin.x) * UNITS_PER_M),
      y: Math.round(((shape.xy[2 * k + 1] ?? 0) - origin.y) * UNITS_PER_M),
    };
  }
  return shapeRingArea2(shape, r) > 0 === counterClockwise ? path : path.reverse();
}

/** A closed ring (metres) as a Clipper path, as wound. */
function toPath(ring: readonly (readonly number[])[], origin: Origin): Path {
  const path: Path = new Array<{ x: number; y: number }>(ring.length - 1);
  for (let k = 0; k + 1 < ring.length; k++)
    path[k] = {
      x: Math.round(((ring[k]?.[0] ?? 0) - origin.x) * UNITS_PER_M),
      y: Math.round(((ring[k]?.[1] ?? 0) - origin.y) * UNITS_PER_M),
    };
  return path;
}

/**
 * Vertices of the union closer than this to the one before are dropped: where a bridge's corner is
 * set a few millimetres into an estate (link-bridges.ts), the union keeps both.
 */
const MIN_VERTEX_SPACING = 10; // millimetres, in Clipper's units

function toRing(path: ReadonlyPath, origin: Origin, counterClockwise: boolean): number[][] {
  const ring: number[][] = [];
  let last = path[path.length - 1];
  for (const p of path) {
    if (last && Math.abs(p.x - last.x) + Math.abs(p.y - last.y) < MIN_VERTEX_SPACING && ring.length > 0) continue;
    ring.push([p.x / UNITS_PER_M + origin.x, p.y / UNITS_PER_M + origin.y]);
    last = p;
  }
  const first = ring[0];
  if (first) ring.push([first[0] ?? 0, first[1] ?? 0]);
  return ringArea(ring) > 0 === counterClockwise ? ring : ring.reverse();
}

/**
 * The outline of members `shapes` joined by `bridges` (closed rings, metres), for neighbours
 * `gapM` apart. Answers MultiPolygon coordinates in metres, outer rings counter-clockwise.
 */
export function zoneOutline(
  shapes: readonly MetricShape[],
  bridges: readonly (readonly (readonly number[])[])[],
  gapM: number,
): MetricMultiPolygon {
  const first = shapes[0];
  if (!first) return [];
  const origin = { x: Math.floor(first.minX), y: Math.floor(first.minY) };
  const paths: Path[] = [];
  const ownHoles: { shape: MetricShape; r: number }[] = [];
  for (const shape of shapes) {
    for (let r = 0; r + 1 < shape.ringStarts.length; r++) {
      // Holes are wound the other way, so the non-zero rule leaves them open unless another member covers them.
      const hole = isHoleRing(shape, r);
      if (hole) ownHoles.push({ shape, r });
      paths.push(shapeRingPath(shape, r, origin, !hole));
    }
  }
  // Bridges come counter-clockwise (link-bridges.ts).
  for (const bridge of bridges) if (bridge.length >= 4) paths.push(toPath(bridge, origin));

  const tree = clipper.clipToPolyTree({
    clipType: ClipType.Union,
    subjectInputs: [{ data: paths, closed: true }],
    subjectFillType: PolyFillType.NonZero,
  });

  // A hole the closing would fill: narrower than the gap, and not (part of) an estate's own courtyard.
  const fillRadiusM = holeFillRadiusM(gapM);
  const closes = (hole: number[][]): boolean => {
    // The widest circle in a hole is no wider than its bbox's short side, nor than a circle of its
    // area: most holes are slivers that these bounds settle without searching for the circle.
    if (ownHoles.length === 0 && Math.min(radiusBound(hole), Math.sqrt(-ringArea(hole) / Math.PI)) <= fillRadiusM) return true;
    const label = polylabel([hole as [number, number][]], LABEL_PRECISION_M);
    return (
      label.distance <= fillRadiusM &&
      !ownHoles.some(({ shape, r }) => inRingAt(shape.xy, shape.ringStarts[r] ?? 0, shape.ringStarts[r + 1] ?? 0, label[0], label[1]))
    );
  };
  const polygons: MetricMultiPolygon = [];
  const addOuter = (node: PolyNode): void => {
    const outer = toRing(node.contour, origin, true);
    if (ringArea(outer) < OUTLINE_MIN_RING_M2) return;
    const polygon = [outer];
    for (const holeNode of node.childs) {
      const hole = toRing(holeNode.contour, origin, false);
      if (-ringArea(hole) < OUTLINE_MIN_RING_M2 || closes(hole)) continue;
      polygon.push(hole);
      for (const island of holeNode.childs) addOuter(island);
    }
    polygons.push(polygon);
  };
  for (const child of tree.childs) addOuter(child);
  return polygons;
}
