/**
 * The street skeleton of the demo city, in local metres of the grid frame (u east, v north):
 * a convex ring road (riverside on three sides, a straight arterial on the north) and two
 * families of slightly tilted, unevenly spaced straight streets. Every point where roads meet
 * is one entry of a shared vertex table, so cells, administrative units and road segments that
 * share a corner share the very same numbers.
 */
import { signedArea, type Point } from './plane-geometry.js';

import type { RoadClass } from '../core/contract/index.js';

export type { RoadClass };

/** Half of the road reserve (red-line width) per class, metres. */
export const ROAD_HALF_WIDTH_M: Readonly<Record<RoadClass, number>> = { arterial: 20, secondary: 12, branch: 7, path: 3 };

export type RingSide = 'west' | 'south' | 'east' | 'north';

export interface RingRoad {
  /** Counter-clockwise centre line, starting at the north-west corner. */
  ring: Point[];
  /** Side of the city each edge ring[k] → ring[k + 1] runs along. */
  edgeSide: RingSide[];
  /** ring[0 … riversideEnd] is the riverside chain from the north-west to the north-east corner. */
  riversideEnd: number;
}

export interface GridLine {
  family: 'v' | 'h';
  /** v-family: u = a + b·t with t = v; h-family: v = a + b·t with t = u. */
  a: number;
  b: number;
  roadClass: RoadClass;
  span: LineSpan | null;
}

export interface LineSpan {
  tIn: number;
  tOut: number;
  inId: number;
  outId: number;
}

/** A road's junction: a parameter along it (t for a line, ring position k + τ for the ring) and its point. */
export interface Station {
  at: number;
  point: Point;
}

/**
 * Which road an edge of a cell runs along: vertical line i → 2i, horizontal line j → 2j + 1,
 * ring edge k → −(k + 1).
 */
export type RoadRef = number;
export const vRoad = (i: number): RoadRef => 2 * i;
export const hRoad = (j: number): RoadRef => 2 * j + 1;
export const ringRoad = (k: number): RoadRef => -(k + 1);

export interface Cell {
  i: number;
  j: number;
  /** Counter-clockwise vertex ids. */
  ids: number[];
  /** roads[k] is the road under edge ids[k] → ids[k + 1]. */
  roads: RoadRef[];
}

export interface StreetGrid {
  ringRoad: RingRoad;
  vLines: GridLine[];
  hLines: GridLine[];
  vertices: Point[];
  /** Ring position (k + τ) of each vertex on the ring, NaN elsewhere. */
  vertexRingPos: number[];
  /** Vertex id of node (i, j) at [i * hLines.length + j], −1 outside the ring. */
  nodeIds: Int32Array;
  cells: Cell[];
  /** Index into `cells` of cell (i, j) at [i * (hLines.length − 1) + j], −1 when it lies outside. */
  cellIndex: Int32Array;
}

type Rng = () => number;
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** A clearance every junction keeps from every other and from ring vertices, metres. */
const CLEARANCE_M = 2.5;
const MIN_LINE_GAP_M = 175;
const MAX_LINE_GAP_M = 300;
const MAX_TILT = 0.06;

function bezier(p0: Point, p1: Point, p2: Point, t: number): Point {
  const s = 1 - t;
  return [s * s * p0[0] + 2 * s * t * p1[0] + t * t * p2[0], s * s * p0[1] + 2 * s * t * p1[1] + t * t * p2[1]];
}

/**
 * The ring road: a rounded U (half-ellipse to the south, gently curving sides) closed on the
 * north by a straight arterial. `scale` 1 gives a peninsula of about 1.9 km × 1.6 km.
 */
export function buildRingRoad(scale: number, rng: Rng): RingRoad {
  const aw = 900 * scale * uniform(rng, 0.96, 1.04);
  const ae = 980 * scale * uniform(rng, 0.96, 1.04);
  const b = 860 * scale * uniform(rng, 0.95, 1.05);
  const h = 720 * scale * uniform(rng, 0.95, 1.05);
  const nw: Point = [-aw + 80 * scale, h];
  const ne: Point = [ae - 110 * scale, h];
  const sideSteps = Math.max(4, Math.min(150, Math.round(h / 90)));
  const ellipseSteps = Math.max(24, Math.min(600, Math.round((Math.PI * ((aw + ae) / 2 + b)) / 2 / 75)));
  const phase = uniform(rng, 0, 2 * Math.PI);
  const ring: Point[] = [];
  const edgeSide: RingSide[] = [];
  for (let k = 0; k < sideSteps; k++) {
    ring.push(bezier(nw, [-aw, 0.45 * h], [-aw, 0], k / sideSteps));
    edgeSide.push('west');
  }
  for (let k = 0; k < ellipseSteps; k++) {
    const theta = Math.PI + (Math.PI * k) / ellipseSteps;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    // A gentle wobble that vanishes (with its slope) where the half-ellipse meets the sides.
    const wobble = 1 + 0.025 * s * s * Math.sin(3 * theta + phase);
    ring.push([c * (c < 0 ? aw : ae) * wobble, s * b * wobble]);
    edgeSide.push(theta < 1.3 * Math.PI ? 'west' : theta < 1.7 * Math.PI ? 'south' : 'east');
  }
  for (let k = 0; k <= sideSteps; k++) {
    ring.push(bezier([ae, 0], [ae, 0.45 * h], ne, k / sideSteps));
    edgeSide.push(k === sideSteps ? 'north' : 'east');
  }
  const n = ring.length;
  for (let k = 0; k < n; k++) {
    const p = ring[(k + n - 1) % n] as Point;
    const q = ring[k] as Point;
    const r = ring[(k + 1) % n] as Point;
    if ((q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0]) <= 0) {
      throw new Error(`Ring road is not convex at vertex ${k}; adjust the wobble in buildRingRoad.`);
    }
  }
  return { ring, edgeSide, riversideEnd: n - 1 };
}

/** Point of a line at parameter t. */
export function linePoint(line: GridLine, t: number): Point {
  return line.family === 'v' ? [line.a + line.b * t, t] : [t, line.a + line.b * t];
}

/** Parameter of a point (on or near the line) along it. */
export function lineParam(line: GridLine, p: Point): number {
  return line.family === 'v' ? p[1] : p[0];
}

/** Signed offset of a point from the line: positive east of a v-line, north of an h-line. */
export function lineSide(line: GridLine, p: Point): number {
  return line.family === 'v' ? p[0] - (line.a + line.b * p[1]) : p[1] - (line.a + line.b * p[0]);
}

function generateLines(family: 'v' | 'h', lo: number, hi: number, spanOther: number, rng: Rng): GridLine[] {
  const step = Math.min(0.025, (0.35 * MIN_LINE_GAP_M) / spanOther);
  let b = uniform(rng, -0.02, 0.02);
  // The first and last lines lie wholly outside the ring so that every cell has four sides.
  let a = lo - 40 - MAX_TILT * spanOther - uniform(rng, 0, 80);
  const lines: GridLine[] = [];
  for (;;) {
    lines.push({ family, a, b, roadClass: 'branch', span: null });
    if (a - MAX_TILT * spanOther > hi + 40) break;
    a += uniform(rng, MIN_LINE_GAP_M, MAX_LINE_GAP_M);
    b = Math.max(-MAX_TILT, Math.min(MAX_TILT, b + uniform(rng, -step, step)));
  }
  return lines;
}

/** Where a vertical and a horizontal street cross. */
export function nodePoint(v: GridLine, h: GridLine): Point {
  const u = (v.a + v.b * h.a) / (1 - v.b * h.b);
  return [u, h.a + h.b * u];
}

interface RingHit {
  t: number;
  point: Point;
  pos: number;
}

function intersectRing(line: GridLine, ring: readonly Point[]): [RingHit, RingHit] | 'degenerate' | null {
  const hits: RingHit[] = [];
  const n = ring.length;
  for (let k = 0; k < n; k++) {
    const p = ring[k] as Point;
    const q = ring[(k + 1) % n] as Point;
    const fp = lineSide(line, p);
    const fq = lineSide(line, q);
    if (fp < 0 !== fq < 0) {
      const tau = fp / (fp - fq);
      const point: Point = [p[0] + tau * (q[0] - p[0]), p[1] + tau * (q[1] - p[1])];
      hits.push({ t: lineParam(line, point), point, pos: k + tau });
    }
  }
  if (hits.length === 0) return null;
  // A line through a ring vertex or along an edge: the caller moves it.
  if (hits.length !== 2) return 'degenerate';
  const [h0, h1] = hits as [RingHit, RingHit];
  return h0.t < h1.t ? [h0, h1] : [h1, h0];
}

// 15 bits per axis keeps keys small integers (fast Map keys); bucket indices stay well inside ±16 384.
const bucketKey = (x: number, y: number): number => ((x & 0x7fff) << 15) | (y & 0x7fff);

/** Edges of the ring bucketed on a coarse grid, to find what lies within a few metres of a point. */
class EdgeBuckets {
  private readonly buckets = new Map<number, number[]>();
  constructor(
    private readonly ring: readonly Point[],
    private readonly sizeM: number,
  ) {
    const n = ring.length;
    for (let k = 0; k < n; k++) {
      const p = ring[k] as Point;
      const q = ring[(k + 1) % n] as Point;
      const x0 = Math.floor((Math.min(p[0], q[0]) - CLEARANCE_M) / sizeM);
      const x1 = Math.floor((Math.max(p[0], q[0]) + CLEARANCE_M) / sizeM);
      const y0 = Math.floor((Math.min(p[1], q[1]) - CLEARANCE_M) / sizeM);
      const y1 = Math.floor((Math.max(p[1], q[1]) + CLEARANCE_M) / sizeM);
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const key = bucketKey(x, y);
          const list = this.buckets.get(key);
          if (list) list.push(k);
          else this.buckets.set(key, [k]);
        }
      }
    }
  }

  /** The nearest ring edge within the clearance, or null. */
  near(p: Point): { edge: number; distance: number } | null {
    const key = bucketKey(Math.floor(p[0] / this.sizeM), Math.floor(p[1] / this.sizeM));
    let best: { edge: number; distance: number } | null = null;
    const n = this.ring.length;
    for (const k of this.buckets.get(key) ?? []) {
      const a = this.ring[k] as Point;
      const b = this.ring[(k + 1) % n] as Point;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
      const d = Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
      if (d < CLEARANCE_M && (best === null || d < best.distance)) best = { edge: k, distance: d };
    }
    return best;
  }
}

/**
 * Lays the street grid over the ring road, moves any street whose junctions would come closer
 * than the clearance to another junction or a ring vertex, and cuts the ring into cells.
 */
export function buildStreetGrid(ringRoad: RingRoad, rng: Rng): StreetGrid {
  const ring = ringRoad.ring;
  const { vLines, hLines } = layLines(ring, rng);
  const hits = settleLines(ring, vLines, hLines);
  const { vertices, vertexRingPos, nodeIds } = junctionVertices(ring, vLines, hLines, hits);
  const grid: StreetGrid = {
    ringRoad,
    vLines,
    hLines,
    vertices,
    vertexRingPos,
    nodeIds,
    cells: [],
    cellIndex: new Int32Array((vLines.length - 1) * (hLines.length - 1)).fill(-1),
  };
  buildCells(grid);
  return grid;
}

/** The street lines over the ring's bounding box (the only random part of the grid). */
function layLines(ring: readonly Point[], rng: Rng): { vLines: GridLine[]; hLines: GridLine[] } {
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const [u, v] of ring) {
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const spanU = Math.max(-uMin, uMax);
  const spanV = Math.max(-vMin, vMax);
  const vLines = generateLines('v', uMin, uMax, spanV, rng);
  // Horizontal streets stop well short of the straight north side, then one line lies beyond it.
  const hLines = generateLines('h', vMin, vMax - 110 - MAX_TILT * spanU, spanU, rng);
  while (hLines.length > 1) {
    const last = hLines[hLines.length - 1] as GridLine;
    if (last.a + Math.abs(last.b) * spanU < vMax - 110) break;
    hLines.pop();
  }
  const lastH = hLines[hLines.length - 1] as GridLine;
  hLines.push({ family: 'h', a: vMax + 60 + MAX_TILT * spanU * 2, b: lastH.b, roadClass: 'branch', span: null });

  return { vLines, hLines };
}

/** Nudges streets until no junction or ring crossing crowds another; returns each line's ring crossings. */
function settleLines(ring: readonly Point[], vLines: GridLine[], hLines: GridLine[]): Map<GridLine, [RingHit, RingHit] | null> {
  const buckets = new EdgeBuckets(ring, 250);
  const hits = new Map<GridLine, [RingHit, RingHit] | null>();
  for (let attempt = 0; ; attempt++) {
    if (attempt > 300) throw new Error('Street grid did not settle after 300 nudges; try another seed.');
    const nudge = new Set<GridLine>();
    for (const line of [...vLines, ...hLines]) {
      const hit = intersectRing(line, ring);
      if (hit === 'degenerate') {
        hits.set(line, null);
        nudge.add(line);
        continue;
      }
      hits.set(line, hit);
      if (hit === null) continue;
      if (hit[1].t - hit[0].t < 10) nudge.add(line);
      for (const end of hit) {
        const k = Math.floor(end.pos);
        const tau = end.pos - k;
        const a = ring[k] as Point;
        const b = ring[(k + 1) % ring.length] as Point;
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (tau * len < CLEARANCE_M || (1 - tau) * len < CLEARANCE_M) nudge.add(line);
      }
    }
    for (const v of vLines) {
      for (const h of hLines) {
        const near = buckets.near(nodePoint(v, h));
        if (near === null) continue;
        const a = ring[near.edge] as Point;
        const b = ring[(near.edge + 1) % ring.length] as Point;
        // Move the street that slides the junction across the ring, not along it.
        nudge.add(Math.abs(b[1] - a[1]) >= Math.abs(b[0] - a[0]) ? v : h);
      }
    }
    if (nudge.size === 0) break;
    for (const line of nudge) line.a += 3 + (attempt % 3);
  }

  return hits;
}

/** The vertex table: ring vertices, then where streets cross the ring, then the junctions. */
function junctionVertices(
  ring: readonly Point[],
  vLines: GridLine[],
  hLines: GridLine[],
  hits: ReadonlyMap<GridLine, [RingHit, RingHit] | null>,
): Pick<StreetGrid, 'vertices' | 'vertexRingPos' | 'nodeIds'> {
  const nV = vLines.length;
  const nH = hLines.length;
  const vertices: Point[] = ring.map((p) => [p[0], p[1]]);
  const vertexRingPos: number[] = ring.map((_, k) => k);
  const addVertex = (p: Point, ringPos: number): number => {
    vertices.push(p);
    vertexRingPos.push(ringPos);
    return vertices.length - 1;
  };
  for (const line of [...vLines, ...hLines]) {
    const hit = hits.get(line) ?? null;
    if (hit === null) continue;
    line.span = {
      tIn: hit[0].t,
      tOut: hit[1].t,
      inId: addVertex(hit[0].point, hit[0].pos),
      outId: addVertex(hit[1].point, hit[1].pos),
    };
  }
  const nodeIds = new Int32Array(nV * nH).fill(-1);
  for (let i = 0; i < nV; i++) {
    const v = vLines[i] as GridLine;
    for (let j = 0; j < nH; j++) {
      const h = hLines[j] as GridLine;
      const p = nodePoint(v, h);
      if (v.span && h.span && v.span.tIn < p[1] && p[1] < v.span.tOut) nodeIds[i * nH + j] = addVertex(p, NaN);
    }
  }
  if (vertices.length >= 2 ** 22) throw new Error('Street grid has too many vertices for the edge keys; lower --estates.');

  return { vertices, vertexRingPos, nodeIds };
}

interface Portion {
  start: number;
  end: number;
  road: RoadRef;
}

function portion(line: GridLine, t0: number, t1: number, id0: number, id1: number, road: RoadRef, reverse: boolean): Portion | null {
  const span = line.span;
  if (span === null) return null;
  if (Math.max(t0, span.tIn) >= Math.min(t1, span.tOut)) return null;
  const start = t0 >= span.tIn ? id0 : span.inId;
  const end = t1 <= span.tOut ? id1 : span.outId;
  if (start < 0 || end < 0) throw new Error('Street grid junction table is inconsistent (node outside the ring).');
  return reverse ? { start: end, end: start, road } : { start, end, road };
}

function buildCells(grid: StreetGrid): void {
  const { vLines, hLines, vertices, vertexRingPos, nodeIds } = grid;
  const nR = grid.ringRoad.ring.length;
  const nH = hLines.length;
  const cyc = (x: number): number => ((x % nR) + nR) % nR;
  const node = (i: number, j: number): Point => nodePoint(vLines[i] as GridLine, hLines[j] as GridLine);
  const id = (i: number, j: number): number => nodeIds[i * nH + j] ?? -1;
  for (let i = 0; i < vLines.length - 1; i++) {
    for (let j = 0; j < nH - 1; j++) {
      const left = vLines[i] as GridLine;
      const right = vLines[i + 1] as GridLine;
      const bottom = hLines[j] as GridLine;
      const top = hLines[j + 1] as GridLine;
      const sw = node(i, j);
      const se = node(i + 1, j);
      const ne = node(i + 1, j + 1);
      const nw = node(i, j + 1);
      const portions = [
        portion(bottom, sw[0], se[0], id(i, j), id(i + 1, j), hRoad(j), false),
        portion(right, se[1], ne[1], id(i + 1, j), id(i + 1, j + 1), vRoad(i + 1), false),
        portion(top, nw[0], ne[0], id(i, j + 1), id(i + 1, j + 1), hRoad(j + 1), true),
        portion(left, sw[1], nw[1], id(i, j), id(i, j + 1), vRoad(i), true),
      ].filter((p): p is Portion => p !== null);
      if (portions.length === 0) continue;
      const ids: number[] = [];
      const roads: RoadRef[] = [];
      for (let k = 0; k < portions.length; k++) {
        const p = portions[k] as Portion;
        const next = portions[(k + 1) % portions.length] as Portion;
        ids.push(p.start);
        roads.push(p.road);
        if (p.end === next.start) continue;
        // Leave the cell's side where it meets the ring and follow the ring counter-clockwise.
        const pe = vertexRingPos[p.end] ?? NaN;
        const ps = vertexRingPos[next.start] ?? NaN;
        if (!Number.isFinite(pe) || !Number.isFinite(ps)) throw new Error('Cell boundary left a street away from the ring.');
        ids.push(p.end);
        roads.push(ringRoad(Math.floor(pe)));
        const target = cyc(ps - pe);
        for (let m = Math.floor(pe) + 1; ; m++) {
          const mm = m % nR;
          if (cyc(mm - pe) >= target) break;
          ids.push(mm);
          roads.push(ringRoad(mm));
        }
      }
      if (signedArea(ids.map((v) => vertices[v] as Point)) <= 0) throw new Error(`Cell (${i}, ${j}) came out clockwise.`);
      grid.cellIndex[i * (nH - 1) + j] = grid.cells.length;
      grid.cells.push({ i, j, ids, roads });
    }
  }
}

/** Index into grid.cells of the cell whose quad contains the point, or −1 outside the city. */
export function cellIndexAt(grid: StreetGrid, p: Point): number {
  const find = (lines: readonly GridLine[]): number => {
    let lo = 0;
    let hi = lines.length - 1;
    if (lineSide(lines[0] as GridLine, p) < 0 || lineSide(lines[hi] as GridLine, p) >= 0) return -1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (lineSide(lines[mid] as GridLine, p) >= 0) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const i = find(grid.vLines);
  const j = find(grid.hLines);
  if (i < 0 || j < 0) return -1;
  return grid.cellIndex[i * (grid.hLines.length - 1) + j] ?? -1;
}

/** Whether a point lies inside a cell's polygon (even–odd rule over its vertex ids). */
export function pointInCell(grid: StreetGrid, cell: Cell, p: Point): boolean {
  let inside = false;
  const ids = cell.ids;
  for (let i = 0, n = ids.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = grid.vertices[ids[i] as number] as Point;
    const [xj, yj] = grid.vertices[ids[j] as number] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Outer rings (vertex ids, counter-clockwise) of the union of some cells: edges two cells share
 * cancel, the rest chain into rings. Cells of one unit form a convex region, so one ring.
 */
export function unionCells(cells: readonly Cell[]): number[][] {
  const edges = new Map<number, number>();
  const key = (a: number, b: number): number => a * 4194304 + b;
  for (const cell of cells) {
    const n = cell.ids.length;
    for (let k = 0; k < n; k++) {
      const a = cell.ids[k] as number;
      const b = cell.ids[(k + 1) % n] as number;
      if (edges.has(key(b, a))) edges.delete(key(b, a));
      else edges.set(key(a, b), b);
    }
  }
  const next = new Map<number, number>();
  for (const [k, b] of edges) {
    const a = Math.floor(k / 4194304);
    if (next.has(a)) throw new Error('Union of cells pinches at a vertex; units must be convex.');
    next.set(a, b);
  }
  const rings: number[][] = [];
  while (next.size > 0) {
    const start = next.keys().next().value as number;
    const ringIds: number[] = [];
    let cur = start;
    do {
      ringIds.push(cur);
      const b = next.get(cur);
      if (b === undefined) throw new Error('Union of cells left an open chain.');
      next.delete(cur);
      cur = b;
    } while (cur !== start);
    rings.push(ringIds);
  }
  return rings;
}
