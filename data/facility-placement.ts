/**
 * Life-circle facilities of the demo city: how many of each type, where they may stand (a free
 * parcel, the roadside, just outside an estate's fence) and the areas deliberately left without
 * some of them. Placement spreads each type out (best of several random candidates, Mitchell's
 * best-candidate sampling) so that coverage gaps come from the plan, not from clumping.
 */
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../core/facility-catalogue.js';
import { CONVENIENCE_BRANDS, PARCEL_POINT_BRANDS, UniqueNamer, chineseNumber } from './city-names.js';
import { distanceToRingArea, type Point } from './plane-geometry.js';
import type { RoadClass } from './street-grid.js';

type Rng = () => number;

type SiteKind = 'parcel' | 'roadside' | 'estate-edge' | 'store' | 'parcel-point';

interface FacilityPlan {
  /** How many the 117-estate demo city gets; scaled with the estate count. Ignored for scoped types. */
  perDemoCity: number;
  site: SiteKind;
  /** Smallest free parcel that can take it, m². */
  minParcelM2: number;
  /** Whether it takes a parcel to itself (schools, markets) or shares one (stations, canteens). */
  exclusive: boolean;
  /** One per sub-district or per community instead of a city-wide count. */
  scope: 'city' | 'subdistrict' | 'community';
}

/** Counts and sites per facility type; many waste points and shops, one sports centre. */
export const FACILITY_PLAN: Readonly<Record<FacilityTypeId, FacilityPlan>> = {
  junior_middle_school: { perDemoCity: 3, site: 'parcel', minParcelM2: 10000, exclusive: true, scope: 'city' },
  community_health_center: { perDemoCity: 2, site: 'parcel', minParcelM2: 2500, exclusive: true, scope: 'city' },
  cultural_center: { perDemoCity: 2, site: 'parcel', minParcelM2: 3000, exclusive: true, scope: 'city' },
  sports_center: { perDemoCity: 1, site: 'parcel', minParcelM2: 12000, exclusive: true, scope: 'city' },
  large_sports_field: { perDemoCity: 1, site: 'parcel', minParcelM2: 12000, exclusive: true, scope: 'city' },
  subdistrict_service_center: { perDemoCity: 0, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'subdistrict' },
  elderly_home: { perDemoCity: 2, site: 'parcel', minParcelM2: 2500, exclusive: true, scope: 'city' },
  primary_school: { perDemoCity: 6, site: 'parcel', minParcelM2: 7000, exclusive: true, scope: 'city' },
  fresh_market: { perDemoCity: 5, site: 'parcel', minParcelM2: 1500, exclusive: true, scope: 'city' },
  shopping_center: { perDemoCity: 4, site: 'parcel', minParcelM2: 4000, exclusive: true, scope: 'city' },
  medium_sports_field: { perDemoCity: 3, site: 'parcel', minParcelM2: 4000, exclusive: true, scope: 'city' },
  bus_stop: { perDemoCity: 36, site: 'roadside', minParcelM2: 0, exclusive: false, scope: 'city' },
  kindergarten: { perDemoCity: 9, site: 'parcel', minParcelM2: 2000, exclusive: true, scope: 'city' },
  nursery: { perDemoCity: 5, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  elderly_daycare: { perDemoCity: 6, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  community_service_station: { perDemoCity: 0, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'community' },
  cultural_station: { perDemoCity: 10, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  outdoor_fitness: { perDemoCity: 14, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  community_health_station: { perDemoCity: 9, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  community_canteen: { perDemoCity: 6, site: 'parcel', minParcelM2: 0, exclusive: false, scope: 'city' },
  convenience_store: { perDemoCity: 60, site: 'store', minParcelM2: 0, exclusive: false, scope: 'city' },
  parcel_point: { perDemoCity: 40, site: 'parcel-point', minParcelM2: 0, exclusive: false, scope: 'city' },
  waste_point: { perDemoCity: 0, site: 'estate-edge', minParcelM2: 0, exclusive: false, scope: 'city' },
};

/** Straight-line margin added to a facility's walking radius when keeping it away from an under-served area, metres. */
export const UNDER_SERVED_MARGIN_M = 30;

const MAX_SHARED_PER_PARCEL = 3;
/** Candidates per placement: more spread for rare types, less work for the hundreds of shops. */
const CANDIDATES_RARE = 6;
const CANDIDATES_COMMON = 3;

/** A parcel no estate stands on (convex). */
export interface SiteParcel {
  ring: Point[];
  areaM2: number;
  centroid: Point;
  cell: number;
}

export interface SiteEstate {
  parts: Point[][];
  cell: number;
  subdistrict: number;
  community: number;
  name: string;
}

/** A straight piece of road between junctions (or between ring vertices). */
export interface SiteRoad {
  a: Point;
  b: Point;
  halfWidthM: number;
  roadClass: RoadClass;
  /** True on the ring road, whose outer side faces the river. */
  ring: boolean;
}

export interface FacilityNaming {
  district(cell: number): string;
  subdistrict(cell: number): string;
  community(cell: number): string;
  street(p: Point, cell: number): string;
}

export interface PlacementInput {
  rng: Rng;
  estateCount: number;
  cityAreaM2: number;
  parcels: SiteParcel[];
  estates: SiteEstate[];
  roads: SiteRoad[];
  insideCity: (p: Point) => boolean;
  cellAt: (p: Point) => number;
  cellSubdistrict: Int32Array;
  cellCommunity: Int32Array;
  subdistrictCount: number;
  communityCount: number;
  underServed: ReadonlyMap<FacilityTypeId, ReadonlySet<number>>;
  naming: FacilityNaming;
}

export interface PlacedFacility {
  type: FacilityTypeId;
  point: Point;
  name: string;
}

interface Site {
  point: Point;
  cell: number;
  parcel?: number;
  estate?: number;
}

// 15 bits per axis keeps keys small integers (fast Map keys); bucket indices stay well inside ±16 384.
const bucketKey = (x: number, y: number): number => ((x & 0x7fff) << 15) | (y & 0x7fff);

/** Points bucketed on a square grid, for "how far is the nearest one, up to r". */
class PointGrid {
  private readonly buckets = new Map<number, number[]>();
  constructor(private readonly sizeM: number) {}

  add(p: Point): void {
    const key = bucketKey(Math.floor(p[0] / this.sizeM), Math.floor(p[1] / this.sizeM));
    const list = this.buckets.get(key);
    if (list) list.push(p[0], p[1]);
    else this.buckets.set(key, [p[0], p[1]]);
  }

  /** Distance to the nearest point, capped at the bucket size. */
  nearest(p: Point): number {
    const bx = Math.floor(p[0] / this.sizeM);
    const by = Math.floor(p[1] / this.sizeM);
    let best2 = this.sizeM * this.sizeM;
    for (let x = bx - 1; x <= bx + 1; x++) {
      for (let y = by - 1; y <= by + 1; y++) {
        const list = this.buckets.get(bucketKey(x, y));
        if (list === undefined) continue;
        for (let k = 0; k < list.length; k += 2) {
          const dx = p[0] - (list[k] as number);
          const dy = p[1] - (list[k + 1] as number);
          const d2 = dx * dx + dy * dy;
          if (d2 < best2) best2 = d2;
        }
      }
    }
    return Math.sqrt(best2);
  }
}

/** Estates of the under-served sub-districts, bucketed by bounding box. */
class EstateIndex {
  private readonly buckets = new Map<number, number[]>();
  constructor(
    private readonly estates: readonly SiteEstate[],
    keep: (estate: SiteEstate) => boolean,
    private readonly sizeM: number,
  ) {
    estates.forEach((estate, index) => {
      if (!keep(estate)) return;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const part of estate.parts) {
        for (const [x, y] of part) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
      for (let x = Math.floor(x0 / sizeM); x <= Math.floor(x1 / sizeM); x++) {
        for (let y = Math.floor(y0 / sizeM); y <= Math.floor(y1 / sizeM); y++) {
          const list = this.buckets.get(bucketKey(x, y));
          if (list) list.push(index);
          else this.buckets.set(bucketKey(x, y), [index]);
        }
      }
    });
  }

  /** Whether any kept estate accepted by `match` lies within r of p. */
  anyWithin(p: Point, r: number, match: (estate: SiteEstate) => boolean): boolean {
    const reach = Math.ceil(r / this.sizeM);
    const bx = Math.floor(p[0] / this.sizeM);
    const by = Math.floor(p[1] / this.sizeM);
    for (let x = bx - reach; x <= bx + reach; x++) {
      for (let y = by - reach; y <= by + reach; y++) {
        for (const index of this.buckets.get(bucketKey(x, y)) ?? []) {
          const estate = this.estates[index] as SiteEstate;
          if (match(estate) && estate.parts.some((part) => distanceToRingArea(p, part) <= r)) return true;
        }
      }
    }
    return false;
  }
}

const RADIUS_M = new Map<FacilityTypeId, number>(FACILITY_CATALOGUE.map((f) => [f.id, f.maxWalkM]));

function streetStem(street: string): string {
  return /[东南西北]路$/.test(street) ? street : street.replace(/(路|街|大道)$/, '');
}

/**
 * Places every facility type. Under-served sub-districts get none of the listed types within
 * the type's walking radius (plus a margin) of any of their estates, by straight-line distance
 * and therefore by walking distance too.
 */
export function placeFacilities(input: PlacementInput): PlacedFacility[] {
  const placer = new FacilityPlacer(input);
  for (const facility of FACILITY_CATALOGUE) {
    const type = facility.id;
    const plan = FACILITY_PLAN[type];
    if (type === 'waste_point') continue;
    if (plan.scope === 'city') placer.placeCityWide(type, plan);
    else placer.placeScoped(type, plan);
  }
  placer.placeWastePoints();
  return placer.placed;
}

/** The state of one placement run; every random draw goes through `input.rng`, in a fixed order. */
class FacilityPlacer {
  readonly placed: PlacedFacility[] = [];
  private readonly rng: Rng;
  private readonly parcels: SiteParcel[];
  private readonly estates: SiteEstate[];
  private readonly namer = new UniqueNamer();
  private readonly estateIndex: EstateIndex;
  // Flat copies of what every candidate looks at: a million parcel objects would mostly be cache misses.
  private readonly parcelArea: Float64Array;
  private readonly parcelCell: Int32Array;
  private readonly parcelX: Float64Array;
  private readonly parcelY: Float64Array;
  private readonly parcelTaken: Uint8Array;
  private readonly parcelHosted: Uint8Array;
  private readonly cityParcels: number[];
  private readonly subdistrictParcels: number[][];
  private readonly communityParcels: number[][];
  private readonly subdistrictEstates: number[][];
  private readonly communityEstates: number[][];
  private readonly bigRoads: SiteRoad[];
  private readonly anyRoads: SiteRoad[];

  constructor(private readonly input: PlacementInput) {
    const { rng, parcels, estates, roads } = input;
    this.rng = rng;
    this.parcels = parcels;
    this.estates = estates;
    const underServedSubdistricts = new Set<number>();
    for (const set of input.underServed.values()) for (const s of set) underServedSubdistricts.add(s);
    this.estateIndex = new EstateIndex(estates, (e) => underServedSubdistricts.has(e.subdistrict), 250);
    this.parcelArea = Float64Array.from(parcels, (p) => p.areaM2);
    this.parcelCell = Int32Array.from(parcels, (p) => p.cell);
    this.parcelX = Float64Array.from(parcels, (p) => p.centroid[0]);
    this.parcelY = Float64Array.from(parcels, (p) => p.centroid[1]);
    this.parcelTaken = new Uint8Array(parcels.length);
    this.parcelHosted = new Uint8Array(parcels.length);
    this.cityParcels = parcels.map((_, index) => index);
    this.subdistrictParcels = this.unitParcels(input.cellSubdistrict, input.subdistrictCount);
    this.subdistrictEstates = Array.from({ length: input.subdistrictCount }, () => []);
    this.communityEstates = Array.from({ length: input.communityCount }, () => []);
    estates.forEach((estate, index) => {
      this.subdistrictEstates[estate.subdistrict]?.push(index);
      this.communityEstates[estate.community]?.push(index);
    });
    this.communityParcels = this.unitParcels(input.cellCommunity, input.communityCount);
    const longEnough = (r: SiteRoad): boolean => r.roadClass !== 'path' && Math.hypot(r.b[0] - r.a[0], r.b[1] - r.a[1]) >= 50;
    this.bigRoads = roads.filter((r) => longEnough(r) && r.roadClass !== 'branch');
    this.anyRoads = roads.filter(longEnough);
  }

  private unitParcels(cellUnit: Int32Array, count: number): number[][] {
    const lists: number[][] = Array.from({ length: count }, () => []);
    this.parcelCell.forEach((cell, index) => lists[cellUnit[cell] ?? -1]?.push(index));
    return lists;
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.rng() * items.length)];
  }

  private excluded(type: FacilityTypeId, p: Point): boolean {
    const set = this.input.underServed.get(type);
    if (set === undefined) return false;
    const r = (RADIUS_M.get(type) ?? 1000) + UNDER_SERVED_MARGIN_M;
    return this.estateIndex.anyWithin(p, r, (e) => set.has(e.subdistrict));
  }

  private parcelSite(pool: readonly number[], plan: FacilityPlan): Site | null {
    const { rng, parcelTaken, parcelArea, parcelHosted, parcelCell, parcelX, parcelY } = this;
    const index = this.pick(pool);
    if (index === undefined || parcelTaken[index] === 1 || (parcelArea[index] as number) < plan.minParcelM2) return null;
    const hosted = parcelHosted[index] as number;
    const cell = parcelCell[index] as number;
    const cx = parcelX[index] as number;
    const cy = parcelY[index] as number;
    if (plan.exclusive) return hosted > 0 ? null : { point: [cx, cy], cell, parcel: index };
    if (hosted >= MAX_SHARED_PER_PARCEL) return null;
    // Somewhere between the centroid and a corner: inside, since parcels are convex.
    const ring = (this.parcels[index] as SiteParcel).ring;
    const corner = ring[Math.floor(rng() * ring.length)] as Point;
    const t = 0.15 + 0.6 * rng();
    return { point: [cx + t * (corner[0] - cx), cy + t * (corner[1] - cy)], cell, parcel: index };
  }

  private roadsideSite(pool: readonly SiteRoad[]): Site | null {
    const { rng } = this;
    const road = this.pick(pool);
    if (road === undefined) return null;
    const dx = road.b[0] - road.a[0];
    const dy = road.b[1] - road.a[1];
    const len = Math.hypot(dx, dy);
    const s = (20 + rng() * (len - 40)) / len;
    // The ring road's left side is the city; elsewhere either side will do.
    const side = road.ring || rng() < 0.5 ? 1 : -1;
    const off = Math.max(1, road.halfWidthM - 2) * side;
    const p: Point = [road.a[0] + s * dx - (dy / len) * off, road.a[1] + s * dy + (dx / len) * off];
    if (!this.input.insideCity(p)) return null;
    const cell = this.input.cellAt(p);
    return cell < 0 ? null : { point: p, cell };
  }

  private estateEdgeSite(estateIndexInList: number): Site | null {
    const estate = this.estates[estateIndexInList];
    if (estate === undefined) return null;
    const ring = estate.parts[0] as Point[];
    for (let attempt = 0; attempt < 8; attempt++) {
      const k = Math.floor(this.rng() * ring.length);
      const a = ring[k] as Point;
      const b = ring[(k + 1) % ring.length] as Point;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len < 6) continue;
      // 0.6 m outside the fence: in the lane, the setback or the road reserve, never in an estate.
      const point: Point = [(a[0] + b[0]) / 2 + ((b[1] - a[1]) / len) * 0.6, (a[1] + b[1]) / 2 - ((b[0] - a[0]) / len) * 0.6];
      return { point, cell: estate.cell, estate: estateIndexInList };
    }
    return null;
  }

  private nameFor(type: FacilityTypeId, site: Site, serial: number): string {
    const { naming } = this.input;
    const community = naming.community(site.cell);
    const subdistrict = naming.subdistrict(site.cell);
    const street = naming.street(site.point, site.cell);
    const estate = site.estate === undefined ? undefined : (this.estates[site.estate] as SiteEstate).name;
    const communityStem = community.replace(/社区$/, '');
    const unique = (base: string, variant: (k: number) => string): string => this.namer.take(base, variant);
    switch (type) {
      case 'junior_middle_school':
        return unique(
          `柳州市第${chineseNumber(serial * 5 + 3)}中学`,
          (k) => `柳州市第${chineseNumber(serial * 5 + 3)}中学${chineseNumber(k)}校区`,
        );
      case 'primary_school':
        return unique(`${street}小学`, (k) => `${street}第${chineseNumber(k)}小学`);
      case 'kindergarten':
        return unique(`${communityStem}幼儿园`, (k) => `${communityStem}第${chineseNumber(k)}幼儿园`);
      case 'nursery':
        return unique(`${communityStem}托儿所`, (k) => `${communityStem}第${chineseNumber(k)}托儿所`);
      case 'community_health_center':
        return unique(`${subdistrict}社区卫生服务中心`, (k) => `${subdistrict}第${chineseNumber(k)}社区卫生服务中心`);
      case 'community_health_station':
        return unique(`${community}卫生服务站`, (k) => `${community}第${chineseNumber(k)}卫生服务站`);
      case 'cultural_center':
        return unique(`${subdistrict}文化活动中心`, (k) => `${subdistrict}第${chineseNumber(k)}文化活动中心`);
      case 'cultural_station':
        return unique(`${community}文化活动站`, (k) => `${community}第${chineseNumber(k)}文化活动站`);
      case 'sports_center':
        return unique(`${naming.district(site.cell)}全民健身中心`, (k) => `${naming.district(site.cell)}第${chineseNumber(k)}全民健身中心`);
      case 'large_sports_field':
        return unique(`${streetStem(street)}体育场`, (k) => `${streetStem(street)}第${chineseNumber(k)}体育场`);
      case 'medium_sports_field':
        return unique(`${streetStem(street)}运动场`, (k) => `${streetStem(street)}第${chineseNumber(k)}运动场`);
      case 'outdoor_fitness':
        return unique(`${communityStem}健身广场`, (k) => `${communityStem}第${chineseNumber(k)}健身广场`);
      case 'subdistrict_service_center':
        return `${subdistrict}社区服务中心`;
      case 'community_service_station':
        return `${community}服务站`;
      case 'elderly_home':
        return unique(`${streetStem(street)}养老院`, (k) => `${streetStem(street)}第${chineseNumber(k)}养老院`);
      case 'elderly_daycare':
        return unique(`${community}日间照料中心`, (k) => `${community}第${chineseNumber(k)}日间照料中心`);
      case 'community_canteen':
        return unique(`${community}长者食堂`, (k) => `${community}第${chineseNumber(k)}长者食堂`);
      case 'fresh_market':
        return unique(`${streetStem(street)}菜市场`, (k) => `${streetStem(street)}第${chineseNumber(k)}菜市场`);
      case 'shopping_center':
        return unique(
          `${streetStem(street)}${serial % 2 === 0 ? '商场' : '百货'}`,
          (k) => `${streetStem(street)}${chineseNumber(k)}号商场`,
        );
      case 'bus_stop':
        return `${street}站`;
      case 'convenience_store':
        return `${this.pick(CONVENIENCE_BRANDS) ?? '便利店'}(${streetStem(street)}店)`;
      case 'parcel_point':
        return `${this.pick(PARCEL_POINT_BRANDS) ?? '快递驿站'}(${estate ?? streetStem(street)}店)`;
      case 'waste_point':
        return `${estate ?? street}${serial === 0 ? '垃圾收集点' : '垃圾分类投放点'}`;
    }
  }

  private commit(type: FacilityTypeId, site: Site, serial: number, grid: PointGrid | null): void {
    if (site.parcel !== undefined) {
      this.parcelHosted[site.parcel] = (this.parcelHosted[site.parcel] as number) + 1;
      if (FACILITY_PLAN[type].exclusive) this.parcelTaken[site.parcel] = 1;
    }
    grid?.add(site.point);
    this.placed.push({ type, point: site.point, name: this.nameFor(type, site, serial) });
  }

  /** Best of several candidates from `sample`: the one farthest from the type's earlier sites. */
  private placeSpread(type: FacilityTypeId, sample: () => Site | null, grid: PointGrid | null, serial: number): boolean {
    const wanted = FACILITY_PLAN[type].perDemoCity >= 30 ? CANDIDATES_COMMON : CANDIDATES_RARE;
    let best: Site | null = null;
    let bestScore = -1;
    let valid = 0;
    for (let attempt = 0; attempt < wanted * 6 && valid < wanted; attempt++) {
      const site = sample();
      if (site === null || this.excluded(type, site.point)) continue;
      valid++;
      const score = grid === null ? 0 : grid.nearest(site.point);
      if (score > bestScore) {
        bestScore = score;
        best = site;
      }
    }
    if (best === null) return false;
    this.commit(type, best, serial, grid);
    return true;
  }

  /** One per sub-district or community: on a free parcel, else by an estate's fence. */
  placeScoped(type: FacilityTypeId, plan: FacilityPlan): void {
    const lists = plan.scope === 'subdistrict' ? this.subdistrictParcels : this.communityParcels;
    const estatesOfUnit = plan.scope === 'subdistrict' ? this.subdistrictEstates : this.communityEstates;
    lists.forEach((pool, unit) => {
      const unitEstates = estatesOfUnit[unit] ?? [];
      const ok = this.placeSpread(type, () => this.parcelSite(pool, plan), null, unit);
      if (!ok && unitEstates.length > 0) this.placeSpread(type, () => this.estateEdgeSite(this.pick(unitEstates) ?? -1), null, unit);
    });
  }

  /** The city-wide count of `type`, spread out over the city. */
  placeCityWide(type: FacilityTypeId, plan: FacilityPlan): void {
    const { rng, parcelArea, cityParcels, estates } = this;
    const count = Math.max(1, Math.round(plan.perDemoCity * (this.input.estateCount / 117)));
    const spacingM = Math.max(60, 0.8 * Math.sqrt(this.input.cityAreaM2 / count));
    const grid = new PointGrid(Math.min(spacingM, 1500));
    let pool = plan.minParcelM2 > 0 ? cityParcels.filter((i) => (parcelArea[i] as number) >= plan.minParcelM2) : cityParcels;
    if (plan.site === 'parcel' && pool.length < count) {
      // Too few parcels that big: fall back to the largest ones.
      pool = cityParcels
        .slice()
        .sort((a, b) => (parcelArea[b] as number) - (parcelArea[a] as number) || a - b)
        .slice(0, count * 4);
    }
    const relaxed = { ...plan, minParcelM2: 0 };
    const sample = (): Site | null => {
      switch (plan.site) {
        case 'parcel':
          return this.parcelSite(pool, relaxed);
        case 'roadside':
          return this.roadsideSite(this.bigRoads);
        case 'store':
          return rng() < 0.5 ? this.roadsideSite(this.anyRoads) : this.parcelSite(pool, plan);
        case 'parcel-point':
          return rng() < 0.6 ? this.estateEdgeSite(Math.floor(rng() * estates.length)) : this.roadsideSite(this.anyRoads);
        case 'estate-edge':
          return this.estateEdgeSite(Math.floor(rng() * estates.length));
      }
    };
    for (let serial = 0; serial < count; serial++) this.placeSpread(type, sample, grid, serial);
  }

  /** Waste collection points: most estates have one or two by the fence, some none at all. */
  placeWastePoints(): void {
    this.estates.forEach((_, index) => {
      const r = this.rng();
      const count = r < 0.12 ? 0 : r < 0.62 ? 1 : r < 0.92 ? 2 : 3;
      for (let serial = 0; serial < count; serial++) {
        const site = this.estateEdgeSite(index);
        if (site !== null) this.commit('waste_point', site, serial, null);
      }
    });
  }
}
