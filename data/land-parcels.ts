/**
 * Blocks and parcels of the demo city: each cell of the street grid, inset by half of each
 * bounding road's reserve, is a block; blocks are cut into parcels by recursive splits parallel
 * to the grid axes, leaving a gap at every cut (a wall, or a lane that becomes a path).
 */
import { clipHalfPlane, extentAlong, insetConvex, signedArea, type Point } from './plane-geometry.js';
import type { RoadRef, StreetGrid } from './street-grid.js';

export type BlockKind = 'residential' | 'commercial' | 'institutional' | 'park';

export interface Block {
  cell: number;
  ring: Point[];
  kind: BlockKind;
}

export interface Parcel {
  ring: Point[];
  areaM2: number;
  block: number;
  cell: number;
  /** The other half of the parcel's last split when that half was not split again, else −1. */
  sibling: number;
  kind: BlockKind;
}

/** A lane along the first cut of a block: the line u = at (axis 0) or v = at (axis 1) across its cell. */
export interface LaneProposal {
  cell: number;
  axis: 0 | 1;
  at: number;
}

export interface LandUse {
  blocks: Block[];
  parcels: Parcel[];
  lanes: LaneProposal[];
}

type Rng = () => number;
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** No parcel is cut narrower than this, metres. */
const MIN_PARCEL_DIM_M = 24;
const MIN_BLOCK_AREA_M2 = 1200;
const MIN_PARCEL_AREA_M2 = 250;
const LANE_HALF_WIDTH_M = 3.5;

/** Target parcel area range per block kind, m²; park blocks stay whole. */
const TARGET_AREA_M2: Readonly<Record<BlockKind, [number, number]>> = {
  residential: [1500, 4200],
  commercial: [3000, 7000],
  institutional: [9000, 20000],
  park: [0, 0],
};

function pickKind(rng: Rng): BlockKind {
  const r = rng();
  if (r < 0.07) return 'park';
  if (r < 0.23) return 'institutional';
  if (r < 0.35) return 'commercial';
  return 'residential';
}

/**
 * Cuts every cell of the grid into a block and its parcels.
 * @example subdivide(grid, (road) => 7, createRng(1)).parcels.length // hundreds for the demo
 */
export function subdivide(grid: StreetGrid, halfWidthM: (road: RoadRef) => number, rng: Rng): LandUse {
  const blocks: Block[] = [];
  const parcels: Parcel[] = [];
  const lanes: LaneProposal[] = [];
  grid.cells.forEach((cell, cellIndex) => {
    const ring = cell.ids.map((id) => grid.vertices[id] as Point);
    const inset = insetConvex(
      ring,
      cell.roads.map((road) => halfWidthM(road)),
    );
    if (inset.length < 3 || signedArea(inset) < MIN_BLOCK_AREA_M2) return;
    const [u0, u1] = extentAlong(inset, 1, 0);
    const [v0, v1] = extentAlong(inset, 0, 1);
    if (u1 - u0 < MIN_PARCEL_DIM_M || v1 - v0 < MIN_PARCEL_DIM_M) return;
    const kind = pickKind(rng);
    const blockIndex = blocks.length;
    blocks.push({ cell: cellIndex, ring: inset, kind });
    const [tLo, tHi] = TARGET_AREA_M2[kind];
    const target = kind === 'park' ? Infinity : uniform(rng, tLo, tHi);
    const wantsLane = (kind === 'residential' || kind === 'commercial') && rng() < 0.6;

    const split = (piece: Point[], depth: number): number[] => {
      const area = signedArea(piece);
      if (piece.length < 3 || area < MIN_PARCEL_AREA_M2) return [];
      const leaf = (): number[] => {
        parcels.push({ ring: piece, areaM2: area, block: blockIndex, cell: cellIndex, sibling: -1, kind });
        return [parcels.length - 1];
      };
      if (area <= target * uniform(rng, 0.75, 1.25)) return leaf();
      if (kind === 'residential' && area < 16000 && rng() < 0.12) return leaf(); // the odd large compound
      const lane = depth === 0 && wantsLane;
      const gap = lane ? LANE_HALF_WIDTH_M : uniform(rng, 0.75, 1.25);
      const [pu0, pu1] = extentAlong(piece, 1, 0);
      const [pv0, pv1] = extentAlong(piece, 0, 1);
      const preferU = pu1 - pu0 >= pv1 - pv0;
      for (const axis of preferU ? ([0, 1] as const) : ([1, 0] as const)) {
        const lo = axis === 0 ? pu0 : pv0;
        const hi = axis === 0 ? pu1 : pv1;
        if (hi - lo < 2 * (MIN_PARCEL_DIM_M + gap)) continue;
        const at = Math.min(hi - MIN_PARCEL_DIM_M - gap, Math.max(lo + MIN_PARCEL_DIM_M + gap, lo + (hi - lo) * uniform(rng, 0.38, 0.62)));
        const nx = axis === 0 ? 1 : 0;
        const ny = axis === 0 ? 0 : 1;
        const low = clipHalfPlane(piece, -nx, -ny, -(at - gap));
        const high = clipHalfPlane(piece, nx, ny, at + gap);
        if (low.length < 3 || high.length < 3) continue;
        if (lane) lanes.push({ cell: cellIndex, axis, at });
        const a = split(low, depth + 1);
        const b = split(high, depth + 1);
        if (a.length === 1 && b.length === 1) {
          (parcels[a[0] as number] as Parcel).sibling = b[0] as number;
          (parcels[b[0] as number] as Parcel).sibling = a[0] as number;
        }
        return [...a, ...b];
      }
      return leaf();
    };
    split(inset, 0);
  });
  return { blocks, parcels, lanes };
}
