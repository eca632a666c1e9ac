/**
 * Which parcels become estates, and their outlines: old estates cluster in the old town near the
 * south of the peninsula, in patches; a few estates own a second compound on a sibling parcel.
 */
import { uniform, type Rng } from './city-random.js';
import { estateOutline, MAX_ESTATE_AREA_M2 } from './estate-shapes.js';
import type { BlockKind, LandUse, Parcel } from './land-parcels.js';
import { extentAlong, ringCentroid, signedArea, type Point } from './plane-geometry.js';

export interface EstateSiteOptions {
  /** Parcel area range an estate may take, before the setback, m². */
  parcelAreaM2: readonly [number, number];
  /** Smallest share of its bounding box a candidate parcel fills (no slivers). */
  minBoxFill: number;
  /** East–west range of the old town's centre, metres of the 117-estate city (scaled with the city). */
  oldTownURangeM: readonly [number, number];
  /** North–south position of the old town's centre, metres of the 117-estate city (scaled). */
  oldTownVM: number;
  /** Spread of the old town, metres of the 117-estate city (scaled). */
  oldTownSigmaM: number;
  /** How likely each kind of parcel is to hold an estate, relative to housing. */
  kindWeight: Readonly<Record<BlockKind, number>>;
  /** Layouts with fewer candidate parcels per wanted estate are rejected (the city then grows). */
  minCandidatesPerEstate: number;
  /** Share of estates that try to take their sibling parcel as a second part. */
  twoPartShare: number;
  /** Smallest second part, m². */
  secondPartMinM2: number;
}

export const DEFAULT_ESTATE_SITE_OPTIONS: Readonly<EstateSiteOptions> = {
  parcelAreaM2: [900, 16_000],
  minBoxFill: 0.55,
  oldTownURangeM: [-200, 200],
  oldTownVM: -350,
  oldTownSigmaM: 750,
  kindWeight: { residential: 1, commercial: 0.3, institutional: 0.12, park: 0 },
  minCandidatesPerEstate: 1.5,
  twoPartShare: 0.05,
  secondPartMinM2: 300,
};

/** An estate in the grid frame, before it has a name or ledger attributes. */
export interface EstateDraft {
  parts: Point[][];
  cell: number;
  landAreaM2: number;
  centroid: Point;
  oldness: number;
}

/** Where old estates gather: a Gaussian around the old town, modulated by patches. */
interface OldTown {
  oldness: (p: Point) => number;
  patch: (p: Point) => number;
}

interface RankedParcel {
  index: number;
  key: number;
}

function drawOldTown(rng: Rng, scale: number, options: EstateSiteOptions): OldTown {
  const oldCentre: Point = [uniform(rng, options.oldTownURangeM[0], options.oldTownURangeM[1]) * scale, options.oldTownVM * scale];
  const sigma = options.oldTownSigmaM * scale;
  const phaseU = uniform(rng, 0, 2 * Math.PI);
  const phaseV = uniform(rng, 0, 2 * Math.PI);
  return {
    oldness: (p) => Math.exp(-((p[0] - oldCentre[0]) ** 2 + (p[1] - oldCentre[1]) ** 2) / (2 * sigma * sigma)),
    patch: (p) => 0.5 + 0.5 * Math.sin(p[0] / 260 + phaseU) * Math.sin(p[1] / 230 + phaseV),
  };
}

/**
 * Candidates in descending key order, lazily: the first `likely` come from sorting only those
 * above a threshold (a native sort of the keys finds it), the rest only if they are needed.
 */
function* rankByKey(candidates: readonly RankedParcel[], likely: number): Generator<RankedParcel> {
  const byKey = (a: RankedParcel, b: RankedParcel): number => b.key - a.key || a.index - b.index;
  const keys = Float64Array.from(candidates, (c) => c.key).sort();
  const threshold = keys[Math.max(0, keys.length - likely)] ?? -Infinity;
  yield* candidates.filter((c) => c.key >= threshold).sort(byKey);
  yield* candidates.filter((c) => c.key < threshold).sort(byKey);
}

function rankCandidates(
  land: LandUse,
  oldTown: OldTown,
  rng: Rng,
  estateCount: number,
  options: EstateSiteOptions,
): Iterable<RankedParcel> | null {
  const { oldness, patch } = oldTown;
  const [minM2, maxM2] = options.parcelAreaM2;
  const candidates: RankedParcel[] = [];
  land.parcels.forEach((parcel, index) => {
    if (parcel.areaM2 < minM2 || parcel.areaM2 > maxM2 || parcel.kind === 'park') return;
    const [u0, u1] = extentAlong(parcel.ring, 1, 0);
    const [v0, v1] = extentAlong(parcel.ring, 0, 1);
    if (parcel.areaM2 < options.minBoxFill * (u1 - u0) * (v1 - v0)) return;
    const c = ringCentroid(parcel.ring);
    const weight = options.kindWeight[parcel.kind] * (0.35 + oldness(c)) * (0.25 + patch(c)) ** 1.5 * (parcel.areaM2 / 3000) ** 0.45;
    // Weighted sampling without replacement (Efraimidis & Spirakis): the largest keys win.
    candidates.push({ index, key: Math.log(Math.max(rng(), 1e-300)) / weight });
  });
  if (candidates.length < options.minCandidatesPerEstate * estateCount) return null;
  return rankByKey(candidates, Math.ceil(estateCount * 1.3) + 50);
}

/** The estates and which parcels they take, or null when the land has too few good parcels. */
export interface EstateSites {
  drafts: EstateDraft[];
  parcelIsEstate: Uint8Array;
}

/**
 * Stage: picks `estateCount` parcels (with `siteRng`) and draws their outlines (with `shapeRng`).
 * @example chooseEstateSites(land, 1, 117, stageRng(seed, 'estateSites'), stageRng(seed, 'estateOutlines'))
 */
export function chooseEstateSites(
  land: LandUse,
  scale: number,
  estateCount: number,
  siteRng: Rng,
  shapeRng: Rng,
  options: EstateSiteOptions = DEFAULT_ESTATE_SITE_OPTIONS,
): EstateSites | null {
  const oldTown = drawOldTown(siteRng, scale, options);
  const ranked = rankCandidates(land, oldTown, siteRng, estateCount, options);
  if (ranked === null) return null;
  const parcelIsEstate = new Uint8Array(land.parcels.length);
  const drafts: EstateDraft[] = [];
  for (const { index } of ranked) {
    if (drafts.length === estateCount) break;
    if (parcelIsEstate[index] === 1) continue;
    const parcel = land.parcels[index];
    if (parcel === undefined) continue;
    const parts = draftParts(land, parcel, index, parcelIsEstate, shapeRng, options);
    if (parts === null) continue;
    const centroid = ringCentroid(parts[0] as Point[]);
    drafts.push({
      parts,
      cell: parcel.cell,
      landAreaM2: parts.reduce((sum, part) => sum + signedArea(part), 0),
      centroid,
      oldness: oldTown.oldness(centroid) + 0.3 * oldTown.patch(centroid),
    });
  }
  return drafts.length < estateCount ? null : { drafts, parcelIsEstate };
}

/** The outline of the estate on `parcel` (number `index`), and perhaps a second part; marks the parcels taken. */
function draftParts(
  land: LandUse,
  parcel: Parcel,
  index: number,
  parcelIsEstate: Uint8Array,
  shapeRng: Rng,
  options: EstateSiteOptions,
): Point[][] | null {
  const main = estateOutline(parcel.ring, shapeRng, true);
  if (main === null) return null;
  const parts = [main];
  parcelIsEstate[index] = 1;
  // A few estates own a second compound across a lane or wall: a two-part MultiPolygon.
  const sibling = land.parcels[parcel.sibling];
  if (sibling !== undefined && parcelIsEstate[parcel.sibling] === 0 && sibling.kind !== 'park' && shapeRng() < options.twoPartShare) {
    const second = estateOutline(sibling.ring, shapeRng, false, options.secondPartMinM2);
    if (second !== null && signedArea(main) + signedArea(second) <= MAX_ESTATE_AREA_M2) {
      parts.push(second);
      parcelIsEstate[parcel.sibling] = 1;
    }
  }
  return parts;
}
