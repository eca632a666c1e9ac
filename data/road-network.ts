/**
 * Road names and the routable road network: every street, the ring road and the block lanes,
 * split at every junction so that segments meeting there share one point (the same numbers).
 */
import { shuffled } from '../core/prng.js';
import { ARTERIAL_BASES, chineseNumber, PLACE_WORDS, STREET_NAMES, UniqueNamer } from './city-names.js';
import type { LaneProposal } from './land-parcels.js';
import { distanceToSegment, type Point } from './plane-geometry.js';
import {
  linePoint,
  lineParam,
  nodePoint,
  lineSide,
  type Cell,
  type GridLine,
  type RingSide,
  type RoadClass,
  type RoadRef,
  type Station,
  type StreetGrid,
} from './street-grid.js';

type Rng = () => number;

export interface LineName {
  /** Name below `splitAt` (south / west part) and above it. */
  low: string;
  high: string;
  splitAt: number;
}

export interface RoadNames {
  v: (LineName | null)[];
  h: (LineName | null)[];
  ring: Readonly<Record<RingSide, string>>;
  namer: UniqueNamer;
}

export const RING_ROAD_NAMES: Readonly<Record<RingSide, string>> = {
  west: '滨江西路',
  south: '滨江南路',
  east: '滨江东路',
  north: '北环路',
};

export const RING_ROAD_CLASS: Readonly<Record<RingSide, RoadClass>> = {
  west: 'secondary',
  south: 'secondary',
  east: 'secondary',
  north: 'arterial',
};

/** Numbered variant of a road name: 龙城路 → 龙城二路. */
function roadVariant(name: string, k: number): string {
  const suffix = name.endsWith('大道') ? '大道' : name.slice(-1);
  return `${name.slice(0, name.length - suffix.length)}${chineseNumber(k)}${suffix}`;
}

/**
 * Names every street that crosses the city. Arterials get a pair of names split at the city
 * centre (解放北路 / 解放南路, 中山东路 / 中山西路), other streets one name each.
 */
export function nameRoads(grid: StreetGrid, rng: Rng): RoadNames {
  const namer = new UniqueNamer();
  for (const name of Object.values(RING_ROAD_NAMES)) namer.take(name);
  const arterialBases = shuffled(ARTERIAL_BASES, rng);
  const streets = shuffled(STREET_NAMES, rng);
  let arterialIndex = 0;
  let streetIndex = 0;
  // Arterials change name (北/南, 东/西) where they cross the middle arterial of the other family.
  const middle = (lines: readonly GridLine[]): GridLine | null => {
    const arterials = lines.filter((l) => l.span !== null && l.roadClass === 'arterial');
    return arterials[Math.floor((arterials.length - 1) / 2)] ?? null;
  };
  const hMiddle = middle(grid.hLines);
  const vMiddle = middle(grid.vLines);
  const splitOf = (line: GridLine): number => {
    if (line.family === 'v') return hMiddle === null ? 0 : nodePoint(line, hMiddle)[1];
    return vMiddle === null ? 0 : nodePoint(vMiddle, line)[0];
  };
  const nextStreet = (): string => {
    const listed = streets[streetIndex];
    const k = streetIndex++;
    if (listed !== undefined) return namer.take(listed, (n) => roadVariant(listed, n));
    const word = PLACE_WORDS[k % PLACE_WORDS.length] as string;
    const base = `${word}${Math.floor(k / PLACE_WORDS.length) % 2 === 0 ? '路' : '街'}`;
    return namer.take(base, (n) => roadVariant(base, n));
  };
  const name = (line: GridLine): LineName | null => {
    if (line.span === null) return null;
    if (line.roadClass === 'arterial') {
      const base = arterialBases[arterialIndex++];
      const [lowSuffix, highSuffix] = line.family === 'v' ? ['南路', '北路'] : ['西路', '东路'];
      if (base !== undefined && !namer.has(base + lowSuffix) && !namer.has(base + highSuffix)) {
        return { low: namer.take(base + lowSuffix), high: namer.take(base + highSuffix), splitAt: splitOf(line) };
      }
      const word = PLACE_WORDS[arterialIndex % PLACE_WORDS.length] as string;
      const single = namer.take(`${word}大道`, (n) => roadVariant(`${word}大道`, n));
      return { low: single, high: single, splitAt: -Infinity };
    }
    const single = nextStreet();
    return { low: single, high: single, splitAt: -Infinity };
  };
  return { v: grid.vLines.map(name), h: grid.hLines.map(name), ring: RING_ROAD_NAMES, namer };
}

export function lineOf(grid: StreetGrid, road: RoadRef): GridLine {
  const line = road % 2 === 0 ? grid.vLines[road / 2] : grid.hLines[(road - 1) / 2];
  if (line === undefined || road < 0) throw new Error(`Road ${road} is not a grid line.`);
  return line;
}

function lineNameOf(grid: StreetGrid, names: RoadNames, road: RoadRef): LineName {
  const n = road % 2 === 0 ? names.v[road / 2] : names.h[(road - 1) / 2];
  if (n === undefined || n === null) throw new Error(`Road ${road} has no name (it does not cross the city).`);
  return n;
}

/** Street name and its position along the street (for house numbers) of a point near it. */
export interface StreetPosition {
  name: string;
  roadClass: RoadClass;
  /** Distance from where the street's numbering starts, metres. */
  alongM: number;
  /** +1 on the east / north side of a grid street, −1 on the other; +1 on the ring road. */
  side: 1 | -1;
  /** Distance from the point to the street centre line, metres. */
  distanceM: number;
}

/** Cumulative length of the ring at each vertex, and where each side's numbering starts. */
export interface RingMeasure {
  cumulative: number[];
  sideStart: Record<RingSide, number>;
}

export function measureRing(grid: StreetGrid): RingMeasure {
  const { ring, edgeSide } = grid.ringRoad;
  const cumulative = [0];
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k] as Point;
    const b = ring[(k + 1) % ring.length] as Point;
    cumulative.push((cumulative[k] as number) + Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  const sideStart: Record<RingSide, number> = { west: 0, south: 0, east: 0, north: 0 };
  const seen = new Set<RingSide>();
  edgeSide.forEach((side, k) => {
    if (!seen.has(side)) {
      seen.add(side);
      sideStart[side] = cumulative[k] as number;
    }
  });
  return { cumulative, sideStart };
}

/** Position of a point along the road of one cell edge. */
export function streetPosition(grid: StreetGrid, names: RoadNames, measure: RingMeasure, road: RoadRef, p: Point): StreetPosition {
  if (road < 0) {
    const k = -road - 1;
    const { ring, edgeSide } = grid.ringRoad;
    const a = ring[k] as Point;
    const b = ring[(k + 1) % ring.length] as Point;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const tau = Math.max(0, Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len)));
    const side = edgeSide[k] as RingSide;
    return {
      name: names.ring[side],
      roadClass: RING_ROAD_CLASS[side],
      alongM: (measure.cumulative[k] as number) + tau * len - measure.sideStart[side],
      side: 1,
      distanceM: distanceToSegment(p, a, b),
    };
  }
  const line = lineOf(grid, road);
  const name = lineNameOf(grid, names, road);
  const t = lineParam(line, p);
  const origin = Number.isFinite(name.splitAt) ? name.splitAt : (line.span?.tIn ?? 0);
  const stretch = Math.sqrt(1 + line.b * line.b);
  const offset = lineSide(line, p);
  return {
    name: t < name.splitAt ? name.low : name.high,
    roadClass: line.roadClass,
    alongM: Math.abs(t - origin) * stretch,
    side: offset >= 0 ? 1 : -1,
    distanceM: Math.abs(offset) / stretch,
  };
}

/** The street of a cell's edges nearest to a point. */
export function nearestStreet(grid: StreetGrid, names: RoadNames, measure: RingMeasure, cell: Cell, p: Point): StreetPosition {
  let best: StreetPosition | null = null;
  const n = cell.ids.length;
  for (let k = 0; k < n; k++) {
    const a = grid.vertices[cell.ids[k] as number] as Point;
    const b = grid.vertices[cell.ids[(k + 1) % n] as number] as Point;
    const d = distanceToSegment(p, a, b);
    if (best === null || d < best.distanceM) best = { ...streetPosition(grid, names, measure, cell.roads[k] as RoadRef, p), distanceM: d };
  }
  if (best === null) throw new Error('A cell without edges has no nearest street.');
  return best;
}

export interface RoadSegment {
  name: string;
  roadClass: RoadClass;
  points: Point[];
  /** Part of the ring road, whose outer side faces the river. */
  onRing: boolean;
}

interface ProposedStation extends Station {
  lane: number;
}

/** Minimum distance between two junctions on one road, metres. */
const JUNCTION_SPACING_M = 3;

/**
 * All road segments: streets and the ring split at every junction, plus the lanes that could
 * join their streets without crowding another junction.
 */
export function buildRoadNetwork(grid: StreetGrid, names: RoadNames, lanes: readonly LaneProposal[]): RoadSegment[] {
  const stations = junctionStations(grid);
  const { laneEnds, proposals } = laneEndsOf(grid, lanes);
  const rejected = rejectCrowdedLanes(stations, laneEnds, proposals);
  const segments: RoadSegment[] = [];
  streetSegments(grid, names, stations.lineStations, segments);
  ringSegments(grid, names, stations.ringStations, segments);
  laneSegments(grid, names, laneEnds, rejected, segments);
  return segments;
}

/** Where a lane meets the cell boundary, as a station on that boundary's road. */
interface LaneEnd {
  road: RoadRef;
  station: ProposedStation;
}

/** Lane ends proposed as stations, per street, or on the ring road. */
type LaneProposals = Map<RoadRef | 'ring', ProposedStation[]>;

interface JunctionStations {
  /** Per street (by road ref): where it enters and leaves the ring and its junctions. */
  lineStations: Map<RoadRef, Station[]>;
  /** On the ring road, measured in ring edges. */
  ringStations: Station[];
}

function junctionStations(grid: StreetGrid): JunctionStations {
  const nH = grid.hLines.length;
  const lineStations = new Map<RoadRef, Station[]>();
  const ringStations: Station[] = [];
  const pointOf = (id: number): Point => grid.vertices[id] as Point;
  grid.vLines.forEach((line, i) => {
    if (line.span === null) return;
    const list: Station[] = [{ at: line.span.tIn, point: pointOf(line.span.inId) }];
    for (let j = 0; j < nH; j++) {
      const id = grid.nodeIds[i * nH + j] ?? -1;
      if (id >= 0) list.push({ at: (pointOf(id) as Point)[1], point: pointOf(id) });
    }
    list.push({ at: line.span.tOut, point: pointOf(line.span.outId) });
    lineStations.set(2 * i, list);
  });
  grid.hLines.forEach((line, j) => {
    if (line.span === null) return;
    const list: Station[] = [{ at: line.span.tIn, point: pointOf(line.span.inId) }];
    for (let i = 0; i < grid.vLines.length; i++) {
      const id = grid.nodeIds[i * nH + j] ?? -1;
      if (id >= 0) list.push({ at: (pointOf(id) as Point)[0], point: pointOf(id) });
    }
    list.push({ at: line.span.tOut, point: pointOf(line.span.outId) });
    lineStations.set(2 * j + 1, list);
  });
  for (const line of [...grid.vLines, ...grid.hLines]) {
    if (line.span === null) continue;
    for (const id of [line.span.inId, line.span.outId]) ringStations.push({ at: grid.vertexRingPos[id] as number, point: pointOf(id) });
  }

  return { lineStations, ringStations };
}

function laneEndsOf(grid: StreetGrid, lanes: readonly LaneProposal[]): { laneEnds: LaneEnd[][]; proposals: LaneProposals } {
  const { ring } = grid.ringRoad;
  const nR = ring.length;
  const pointOf = (id: number): Point => grid.vertices[id] as Point;
  // Where each lane meets the cell boundary, as a station on that boundary's road.
  const proposals: LaneProposals = new Map();
  const laneEnds: LaneEnd[][] = [];
  lanes.forEach((lane, laneIndex) => {
    const cell = grid.cells[lane.cell] as Cell;
    const n = cell.ids.length;
    const ends: LaneEnd[] = [];
    for (let k = 0; k < n; k++) {
      const p = pointOf(cell.ids[k] as number);
      const q = pointOf(cell.ids[(k + 1) % n] as number);
      const fp = p[lane.axis] - lane.at;
      const fq = q[lane.axis] - lane.at;
      if (fp < 0 === fq < 0) continue;
      const s = fp / (fp - fq);
      const x: Point = [p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])];
      const road = cell.roads[k] as RoadRef;
      if (road >= 0) {
        const line = lineOf(grid, road);
        const t = lineParam(line, x);
        ends.push({ road, station: { at: t, point: linePoint(line, t), lane: laneIndex } });
      } else {
        const m = -road - 1;
        const a = ring[m] as Point;
        const b = ring[(m + 1) % nR] as Point;
        const len2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2;
        const tau = ((x[0] - a[0]) * (b[0] - a[0]) + (x[1] - a[1]) * (b[1] - a[1])) / len2;
        ends.push({
          road,
          station: { at: m + tau, point: [a[0] + tau * (b[0] - a[0]), a[1] + tau * (b[1] - a[1])], lane: laneIndex },
        });
      }
    }
    laneEnds.push(ends);
    if (ends.length !== 2) return;
    for (const end of ends) {
      const key = end.road < 0 ? 'ring' : end.road;
      const list = proposals.get(key);
      if (list) list.push(end.station);
      else proposals.set(key, [end.station]);
    }
  });

  return { laneEnds, proposals };
}

/** The lanes left out; the stations of the others are added to `stations`. */
function rejectCrowdedLanes(stations: JunctionStations, laneEnds: readonly LaneEnd[][], proposals: LaneProposals): Set<number> {
  const { lineStations, ringStations } = stations;
  // Drop lanes whose ends would crowd an existing junction or another lane.
  const rejected = new Set<number>();
  for (const [key, proposed] of proposals) {
    const base = key === 'ring' ? ringStations : (lineStations.get(key) ?? []);
    const all: (Station & { lane?: number })[] = [...base, ...proposed].sort((a, b) => a.at - b.at);
    let last: Station | null = key === 'ring' ? (all[all.length - 1] ?? null) : null;
    for (const st of all) {
      const tooClose = last !== null && Math.hypot(st.point[0] - last.point[0], st.point[1] - last.point[1]) < JUNCTION_SPACING_M;
      if (st.lane !== undefined && tooClose) rejected.add(st.lane);
      else last = st;
    }
  }
  laneEnds.forEach((ends, laneIndex) => {
    if (ends.length !== 2) {
      rejected.add(laneIndex);
      return;
    }
    if (rejected.has(laneIndex)) return;
    for (const end of ends) {
      if (end.road < 0) ringStations.push(end.station);
      else lineStations.get(end.road)?.push(end.station);
    }
  });

  return rejected;
}

function streetSegments(grid: StreetGrid, names: RoadNames, lineStations: Map<RoadRef, Station[]>, segments: RoadSegment[]): void {
  for (const [road, stations] of [...lineStations.entries()].sort((a, b) => a[0] - b[0])) {
    const line = lineOf(grid, road);
    const name = lineNameOf(grid, names, road);
    stations.sort((a, b) => a.at - b.at);
    for (let k = 0; k + 1 < stations.length; k++) {
      const a = stations[k] as Station;
      const b = stations[k + 1] as Station;
      const segmentName = (a.at + b.at) / 2 < name.splitAt ? name.low : name.high;
      segments.push({ name: segmentName, roadClass: line.roadClass, points: [a.point, b.point], onRing: false });
    }
  }
}

function ringSegments(grid: StreetGrid, names: RoadNames, ringStations: Station[], segments: RoadSegment[]): void {
  const { ring, edgeSide } = grid.ringRoad;
  const nR = ring.length;
  ringStations.sort((a, b) => a.at - b.at);
  for (let k = 0; k < ringStations.length; k++) {
    const a = ringStations[k] as Station;
    const b = ringStations[(k + 1) % ringStations.length] as Station;
    const points: Point[] = [a.point];
    const span = (((b.at - a.at) % nR) + nR) % nR;
    for (let m = Math.floor(a.at) + 1; ; m++) {
      const mm = m % nR;
      const d = (((mm - a.at) % nR) + nR) % nR;
      if (d >= span) break;
      points.push(ring[mm] as Point);
    }
    points.push(b.point);
    const side = edgeSide[Math.floor(a.at) % nR] as RingSide;
    segments.push({ name: names.ring[side], roadClass: RING_ROAD_CLASS[side], points, onRing: true });
  }
}

function laneSegments(
  grid: StreetGrid,
  names: RoadNames,
  laneEnds: readonly LaneEnd[][],
  rejected: ReadonlySet<number>,
  segments: RoadSegment[],
): void {
  const nR = grid.ringRoad.ring.length;
  const { edgeSide } = grid.ringRoad;
  const laneCount = new Map<string, number>();
  laneEnds.forEach((ends, laneIndex) => {
    if (rejected.has(laneIndex)) return;
    const [a, b] = ends as [LaneEnd, LaneEnd];
    const street =
      a.road < 0 ? names.ring[edgeSide[Math.floor(a.station.at) % nR] as RingSide] : nameAtStation(grid, names, a.road, a.station.at);
    const count = (laneCount.get(street) ?? 0) + 1;
    laneCount.set(street, count);
    const points = [a.station.point, b.station.point];
    segments.push({ name: `${street}${chineseNumber(count)}巷`, roadClass: 'path', points, onRing: false });
  });
}

function nameAtStation(grid: StreetGrid, names: RoadNames, road: RoadRef, at: number): string {
  const name = lineNameOf(grid, names, road);
  return at < name.splitAt ? name.low : name.high;
}
