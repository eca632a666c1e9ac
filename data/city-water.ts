/**
 * Water of the demo city: the 柳江 wrapping the city on three sides, and lakes in a few large parks.
 */
import { chineseNumber, UniqueNamer } from './city-names.js';
import { pick, uniform, type Rng } from './city-random.js';
import type { LandUse } from './land-parcels.js';
import { clipHalfPlane, insetConvex, isSimpleCcwRing, offsetPolyline, signedArea, type Point } from './plane-geometry.js';
import type { RingRoad } from './street-grid.js';

export interface WaterOptions {
  /** One lake per this many estates (at least one). */
  estatesPerLake: number;
  /** Smallest park that can hold a lake, m². */
  minLakeParkM2: number;
  /** Range of the lake's inset from its park's edge, metres. */
  lakeInsetM: readonly [number, number];
  /** Share of each side cut off at a lake's corners (a pond, not a tank). */
  lakeCornerCut: number;
  /** Names of the lakes. */
  lakeNames: readonly string[];
  /** Green strip between the riverside road and the water, metres. */
  riverBankM: number;
  /** Width of the river in the 117-estate city, metres; grows with the city up to √3 times. */
  riverWidthM: number;
  /** How far both banks carry on north past the city's corners, metres of the 117-estate city (scaled). */
  riverReachM: number;
}

export const DEFAULT_WATER_OPTIONS: Readonly<WaterOptions> = {
  estatesPerLake: 400,
  minLakeParkM2: 5000,
  lakeInsetM: [10, 18],
  lakeCornerCut: 0.3,
  lakeNames: ['映月湖', '鹤池', '荷花塘', '莲湖', '镜湖'],
  riverBankM: 30,
  riverWidthM: 360,
  riverReachM: 700,
};

export interface Lake {
  ring: Point[];
  name: string;
  /** The park parcel it lies in. */
  parcel: number;
}

/**
 * Stage: lakes in the largest parks no estate stands on.
 * @example placeLakes(stageRng(seed, 'lakes'), layout.land, layout.parcelIsEstate, 117).length // 1
 */
export function placeLakes(
  rng: Rng,
  land: LandUse,
  parcelIsEstate: Uint8Array,
  estateCount: number,
  options: WaterOptions = DEFAULT_WATER_OPTIONS,
): Lake[] {
  const lakeCount = Math.max(1, Math.round(estateCount / options.estatesPerLake));
  const parkParcels = land.parcels
    .map((p, index) => ({ p, index }))
    .filter(({ p, index }) => p.kind === 'park' && p.areaM2 >= options.minLakeParkM2 && parcelIsEstate[index] === 0)
    .sort((a, b) => b.p.areaM2 - a.p.areaM2 || a.index - b.index)
    .slice(0, lakeCount);
  const lakeNamer = new UniqueNamer();
  return parkParcels.map(({ p, index }) => {
    const ring = roundCorners(insetConvex(p.ring, uniform(rng, options.lakeInsetM[0], options.lakeInsetM[1])), options.lakeCornerCut);
    return { ring, name: lakeNamer.take(pick(rng, options.lakeNames), (k) => `${chineseNumber(k)}号湖`), parcel: index };
  });
}

/** Cuts each corner of a convex ring off at `cut` of its two sides: a pond, not a tank. */
function roundCorners(convex: Point[], cut: number): Point[] {
  let ring = convex;
  for (const corner of ring.slice()) {
    const k = ring.findIndex((q) => q[0] === corner[0] && q[1] === corner[1]);
    if (k < 0) continue;
    const prev = ring[(k + ring.length - 1) % ring.length] as Point;
    const next = ring[(k + 1) % ring.length] as Point;
    const a: Point = [corner[0] + (prev[0] - corner[0]) * cut, corner[1] + (prev[1] - corner[1]) * cut];
    const b: Point = [corner[0] + (next[0] - corner[0]) * cut, corner[1] + (next[1] - corner[1]) * cut];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len < 1) continue;
    ring = clipHalfPlane(ring, -dy / len, dx / len, (-dy / len) * a[0] + (dx / len) * a[1]);
  }
  return ring;
}

/**
 * Stage: the river as one polygon: the riverside chain of the ring road offset outwards (a green
 * strip, then the water), both banks carried on northwards past the city's corners.
 * @example riverRing(stageRng(seed, 'river'), layout.ringRoad, layout.scale)
 */
export function riverRing(rng: Rng, ringRoad: RingRoad, scale: number, options: WaterOptions = DEFAULT_WATER_OPTIONS): Point[] {
  const chain = ringRoad.ring.slice(0, ringRoad.riversideEnd + 1);
  const bankM = options.riverBankM;
  const widthM = options.riverWidthM * Math.sqrt(Math.min(scale, 3));
  const phase = uniform(rng, 0, 2 * Math.PI);
  const inner = offsetPolyline(chain, () => bankM);
  const outer = offsetPolyline(chain, (i) => bankM + widthM * (1 + 0.18 * Math.sin((3 * Math.PI * i) / chain.length + phase)));
  // Both banks carry on past the city's northern corners, bending away from it.
  const reach = options.riverReachM * scale;
  const extend = (p: Point, dir: -1 | 1): Point[] => {
    const out: Point[] = [];
    for (let k = 1; k <= 6; k++) {
      const t = k / 6;
      out.push([p[0] + dir * reach * 0.45 * t * t, p[1] + reach * t]);
    }
    return out;
  };
  const innerStart = inner[0] as Point;
  const innerEnd = inner[inner.length - 1] as Point;
  const outerStart = outer[0] as Point;
  const outerEnd = outer[outer.length - 1] as Point;
  const ring: Point[] = [
    ...extend(innerStart, -1).reverse(),
    ...inner,
    ...extend(innerEnd, 1),
    ...extend(outerEnd, 1).reverse(),
    ...outer.slice().reverse(),
    ...extend(outerStart, -1),
  ];
  const oriented = signedArea(ring) > 0 ? ring : ring.reverse();
  if (!isSimpleCcwRing(oriented)) throw new Error('The river polygon crosses itself; adjust riverRing.');
  return oriented;
}
