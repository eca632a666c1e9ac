import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { HAZARD_LEVELS, isEligible, PROPERTY_TYPES } from '../../core/estate';
import { FACILITY_CATALOGUE, FACILITY_TYPE_IDS } from '../../core/facility-catalogue';
import {
  DEFAULT_DEMO_CITY_OPTIONS,
  DEMO_CITY_LAYERS,
  DEMO_FIGURES,
  generateCity,
  targetFigures,
  type DemoCity,
  type DemoEstateProperties,
  type UnderServedArea,
} from '../../data/city-generator';
import { DEMO_CITY_MANIFEST_FILE, layerFileName, manifestText } from '../../data/demo-city-files';
import { featureCollectionText } from '../../data/geojson-text';

const DEMO_DIR = fileURLToPath(new URL('../../data/demo-city', import.meta.url));

function readLayer<T extends FeatureCollection>(name: string): T {
  return JSON.parse(readFileSync(join(DEMO_DIR, `${name}.geojson`), 'utf8')) as T;
}

const committed = {
  districts: readLayer<FeatureCollection<MultiPolygon>>('districts'),
  subdistricts: readLayer<FeatureCollection<MultiPolygon, { code: string; districtCode: string }>>('subdistricts'),
  communities: readLayer<FeatureCollection<MultiPolygon, { code: string; subdistrictCode: string }>>('communities'),
  estates: readLayer<FeatureCollection<MultiPolygon, DemoEstateProperties>>('estates'),
  facilities: readLayer<FeatureCollection<Point, { type: string; name: string }>>('facilities'),
  roads: readLayer<FeatureCollection<LineString, { name: string; roadClass: string }>>('roads'),
  water: readLayer<FeatureCollection<Polygon | MultiPolygon, { name: string; kind: string }>>('water'),
};
const manifest = JSON.parse(readFileSync(join(DEMO_DIR, DEMO_CITY_MANIFEST_FILE), 'utf8')) as { underServed: UnderServedArea[] };

type Box = [number, number, number, number];
const boxesOverlap = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Pairs of features whose bounding boxes overlap, found through a grid (not all n² pairs). */
function candidatePairs(features: readonly Feature[], cellDeg = 0.002): [number, number][] {
  const boxes = features.map((f) => turf.bbox(f) as Box);
  const cells = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    for (let x = Math.floor(b[0] / cellDeg); x <= Math.floor(b[2] / cellDeg); x++) {
      for (let y = Math.floor(b[1] / cellDeg); y <= Math.floor(b[3] / cellDeg); y++) {
        const key = `${x},${y}`;
        const list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
    }
  });
  const pairs = new Set<string>();
  const out: [number, number][] = [];
  for (const list of cells.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const i = Math.min(list[a] as number, list[b] as number);
        const j = Math.max(list[a] as number, list[b] as number);
        const key = `${i},${j}`;
        if (pairs.has(key) || !boxesOverlap(boxes[i] as Box, boxes[j] as Box)) continue;
        pairs.add(key);
        out.push([i, j]);
      }
    }
  }
  return out;
}

function overlapAreaM2(a: Feature<Polygon | MultiPolygon>, b: Feature<Polygon | MultiPolygon>): number {
  const shared = turf.intersect(turf.featureCollection([a, b]));
  return shared === null ? 0 : turf.area(shared);
}

function expectNoOverlaps(features: readonly Feature<MultiPolygon>[], toleranceM2 = 0.01): void {
  const overlapping = candidatePairs(features)
    .map(([i, j]) => ({ i, j, area: overlapAreaM2(features[i] as Feature<MultiPolygon>, features[j] as Feature<MultiPolygon>) }))
    .filter((p) => p.area >= toleranceM2);
  expect(overlapping).toEqual([]);
}

function isCounterClockwise(ring: Position[]): boolean {
  return !turf.booleanClockwise(turf.lineString(ring));
}

/** Union–find over road endpoints: how many separate networks the segments form. */
function componentCount(roads: FeatureCollection<LineString>): number {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(k, root);
    return root;
  };
  const add = (k: string): void => {
    if (!parent.has(k)) parent.set(k, k);
  };
  for (const f of roads.features) {
    const coords = f.geometry.coordinates;
    const a = JSON.stringify(coords[0]);
    const b = JSON.stringify(coords[coords.length - 1]);
    add(a);
    add(b);
    parent.set(find(a), find(b));
  }
  return new Set([...parent.keys()].map(find)).size;
}

/** Segments of different roads that cross or touch anywhere but at a shared endpoint. */
function improperRoadContacts(roads: FeatureCollection<LineString>): string[] {
  const kx = Math.cos((24.31 * Math.PI) / 180) * 111_320;
  const ky = 110_570;
  const toM = (p: Position): [number, number] => [(p[0] as number) * kx, (p[1] as number) * ky];
  type Seg = { road: number; a: [number, number]; b: [number, number]; ka: string; kb: string };
  const segs: Seg[] = [];
  roads.features.forEach((f, road) => {
    const c = f.geometry.coordinates;
    for (let k = 0; k + 1 < c.length; k++) {
      segs.push({ road, a: toM(c[k] as Position), b: toM(c[k + 1] as Position), ka: JSON.stringify(c[k]), kb: JSON.stringify(c[k + 1]) });
    }
  });
  const orient = (p: [number, number], q: [number, number], r: [number, number]): number =>
    (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const distToSeg = (p: [number, number], s: Seg): number => {
    const dx = s.b[0] - s.a[0];
    const dy = s.b[1] - s.a[1];
    const t = Math.max(0, Math.min(1, ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(p[0] - s.a[0] - t * dx, p[1] - s.a[1] - t * dy);
  };
  const problems: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const s = segs[i] as Seg;
      const t = segs[j] as Seg;
      if (s.road === t.road) continue;
      const shared = [s.ka, s.kb].filter((k) => k === t.ka || k === t.kb);
      const o1 = orient(s.a, s.b, t.a);
      const o2 = orient(s.a, s.b, t.b);
      const o3 = orient(t.a, t.b, s.a);
      const o4 = orient(t.a, t.b, s.b);
      if (shared.length === 0 && o1 * o2 < 0 && o3 * o4 < 0) problems.push(`roads ${s.road} and ${t.road} cross`);
      // An endpoint resting on another segment's interior is a junction that was not split.
      for (const [p, key] of [
        [s.a, s.ka],
        [s.b, s.kb],
      ] as const) {
        if (key !== t.ka && key !== t.kb && distToSeg(p, t) < 0.05)
          problems.push(`road ${s.road} ends on road ${t.road} without a junction`);
      }
      for (const [p, key] of [
        [t.a, t.ka],
        [t.b, t.kb],
      ] as const) {
        if (key !== s.ka && key !== s.kb && distToSeg(p, s) < 0.05)
          problems.push(`road ${t.road} ends on road ${s.road} without a junction`);
      }
    }
  }
  return problems;
}

function coordinatesOf(geometry: Polygon | MultiPolygon | LineString | Point): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(geometry.coordinates);
  return out;
}

function decimals(x: number): number {
  const text = String(x);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

describe('demo city files (data/demo-city)', () => {
  const fresh: DemoCity = generateCity(DEFAULT_DEMO_CITY_OPTIONS);

  it('are exactly what the generator makes from the default seed', () => {
    for (const layer of DEMO_CITY_LAYERS) {
      const onDisk = readFileSync(join(DEMO_DIR, layerFileName(layer)), 'utf8');
      expect(featureCollectionText(fresh[layer]), `${layer}.geojson is stale — run npm run generate:demo`).toBe(onDisk);
    }
    expect(manifestText(fresh)).toBe(readFileSync(join(DEMO_DIR, DEMO_CITY_MANIFEST_FILE), 'utf8'));
  });

  it('repeats itself: two runs with one seed give the same city', () => {
    const again = generateCity(DEFAULT_DEMO_CITY_OPTIONS);
    expect(featureCollectionText(again.estates)).toBe(featureCollectionText(fresh.estates));
    expect(featureCollectionText(again.facilities)).toBe(featureCollectionText(fresh.facilities));
  });

  it('hits the published figures of 城中区 exactly', () => {
    const estates = committed.estates.features.map((f) => f.properties);
    expect(estates).toHaveLength(DEMO_FIGURES.estates);
    expect(estates.reduce((s, e) => s + e.floorAreaM2, 0)).toBe(DEMO_FIGURES.floorAreaM2);
    expect(estates.reduce((s, e) => s + e.households, 0)).toBe(DEMO_FIGURES.households);
    const eligible = estates.filter((e) => isEligible(e.yearBuilt));
    expect(eligible).toHaveLength(DEMO_FIGURES.eligible);
    expect(estates.filter((e) => e.urgent)).toHaveLength(DEMO_FIGURES.urgent);
    expect(eligible.filter((e) => e.urgent)).toHaveLength(DEMO_FIGURES.urgent);
    for (const e of estates.filter((x) => !isEligible(x.yearBuilt))) expect(e.yearBuilt).toBeGreaterThanOrEqual(2001);
    expect(Math.min(...estates.map((e) => e.yearBuilt))).toBe(1965);
    expect(Math.max(...estates.map((e) => e.yearBuilt))).toBe(2015);
    const hazardous = estates.filter((e) => e.hazardLevel !== 'none');
    expect(hazardous.length).toBeGreaterThanOrEqual(3);
    expect(hazardous.length).toBeLessThanOrEqual(12);
    expect(hazardous.every((e) => e.yearBuilt <= 2000)).toBe(true);
    expect(new Set(hazardous.map((e) => e.hazardLevel))).toEqual(new Set(['B', 'C', 'D']));
  });

  it('keeps every estate attribute plausible and within the ledger vocabulary', () => {
    const roadNames = new Set(committed.roads.features.map((f) => f.properties.name));
    const codes = new Set<string>();
    const names = new Set<string>();
    for (const f of committed.estates.features) {
      const e = f.properties;
      const landM2 = turf.area(f);
      expect(e.code).toMatch(/^CZ-\d{3}$/);
      expect(Number.isInteger(e.floorAreaM2) && Number.isInteger(e.households) && Number.isInteger(e.buildings)).toBe(true);
      expect(landM2).toBeGreaterThanOrEqual(800);
      expect(landM2).toBeLessThanOrEqual(60_000);
      expect(e.floorAreaM2 / landM2).toBeGreaterThanOrEqual(0.6);
      expect(e.floorAreaM2 / landM2).toBeLessThanOrEqual(3.0);
      expect(e.floorAreaM2 / e.households).toBeGreaterThanOrEqual(40);
      expect(e.floorAreaM2 / e.households).toBeLessThanOrEqual(80);
      expect(e.buildings).toBeGreaterThanOrEqual(1);
      expect(e.buildings).toBeLessThanOrEqual(20);
      expect(PROPERTY_TYPES).toContain(e.propertyType);
      expect(HAZARD_LEVELS).toContain(e.hazardLevel);
      if (e.propertyType === 'commercial') expect(e.originalOwnerUnit).toBe('');
      if (e.willingnessPct !== null) expect(e.willingnessPct >= 0 && e.willingnessPct <= 100).toBe(true);
      expect(e.address).toMatch(/^\p{Script=Han}+\d+号$/u);
      expect(roadNames.has(e.address.replace(/\d+号$/, ''))).toBe(true);
      expect(e.name).toMatch(/\p{Script=Han}/u);
      codes.add(e.code);
      names.add(e.name);
    }
    expect(codes.size).toBe(DEMO_FIGURES.estates);
    expect(names.size).toBe(DEMO_FIGURES.estates);
    const floor = committed.estates.features.map((f) => f.properties.floorAreaM2);
    expect(Math.max(...floor) / Math.min(...floor)).toBeGreaterThan(8);
    expect(committed.estates.features.some((f) => f.geometry.coordinates.length === 2)).toBe(true);
  });

  it('writes [lng, lat] near 109.41°E 24.31°N rounded to at most 7 decimals', () => {
    for (const layer of DEMO_CITY_LAYERS) {
      for (const f of committed[layer].features) {
        for (const [lng, lat] of coordinatesOf(f.geometry)) {
          expect(Math.abs((lng as number) - 109.41)).toBeLessThan(0.05);
          expect(Math.abs((lat as number) - 24.31)).toBeLessThan(0.05);
          expect(decimals(lng as number)).toBeLessThanOrEqual(7);
          expect(decimals(lat as number)).toBeLessThanOrEqual(7);
        }
      }
    }
  });

  it('draws valid counter-clockwise estate polygons that do not overlap', () => {
    for (const f of committed.estates.features) {
      expect(turf.booleanValid(f), f.properties.code).toBe(true);
      for (const polygon of f.geometry.coordinates) {
        const ring = polygon[0] as Position[];
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        expect(isCounterClockwise(ring)).toBe(true);
      }
    }
    expectNoOverlaps(committed.estates.features);
  });

  it('keeps estates, roads and facilities out of the river and lakes', () => {
    const water = committed.water.features;
    expect(water.some((w) => w.properties.kind === 'river' && w.properties.name === '柳江')).toBe(true);
    for (const w of water) {
      expect(turf.booleanValid(w)).toBe(true);
      for (const e of committed.estates.features) expect(turf.booleanIntersects(w, e), e.properties.code).toBe(false);
      for (const r of committed.roads.features) expect(turf.booleanIntersects(w, r), r.properties.name).toBe(false);
      for (const p of committed.facilities.features) expect(turf.booleanPointInPolygon(p, w), p.properties.name).toBe(false);
    }
  });

  it('wraps the river around the west, south and east of the city', () => {
    const river = committed.water.features.find((w) => w.properties.kind === 'river') as Feature<Polygon>;
    const [cx, cy] = turf.centroid(committed.districts.features[0] as Feature<MultiPolygon>).geometry.coordinates as [number, number];
    const [minX, minY, maxX, maxY] = turf.bbox(committed.districts.features[0] as Feature<MultiPolygon>);
    for (const probe of [
      [minX - 0.002, cy],
      [cx, minY - 0.002],
      [maxX + 0.002, cy],
    ]) {
      expect(turf.booleanPointInPolygon(turf.point(probe), river), `river at ${probe.join(',')}`).toBe(true);
    }
    expect(turf.booleanPointInPolygon(turf.point([cx, maxY + 0.002]), river)).toBe(false);
  });

  it('places each estate in the sub-district and community its codes name', () => {
    const subs = new Map(committed.subdistricts.features.map((f) => [f.properties.code, f]));
    const comms = new Map(committed.communities.features.map((f) => [f.properties.code, f]));
    for (const f of committed.estates.features) {
      const c = turf.centroid(f);
      const sub = subs.get(f.properties.subdistrictCode);
      const comm = comms.get(f.properties.communityCode);
      expect(sub && comm, f.properties.code).toBeTruthy();
      expect(f.properties.districtCode).toBe('450202');
      expect(comm?.properties.subdistrictCode).toBe(f.properties.subdistrictCode);
      expect(turf.booleanPointInPolygon(c, sub as Feature<MultiPolygon>), f.properties.code).toBe(true);
      expect(turf.booleanPointInPolygon(c, comm as Feature<MultiPolygon>), f.properties.code).toBe(true);
    }
  });

  it('tiles the district with 6–8 sub-districts and each sub-district with 2–4 communities', () => {
    const district = committed.districts.features[0] as Feature<MultiPolygon>;
    expect(committed.districts.features).toHaveLength(1);
    const subs = committed.subdistricts.features;
    expect(subs.length).toBeGreaterThanOrEqual(6);
    expect(subs.length).toBeLessThanOrEqual(8);
    const areaOf = (fs: readonly Feature<MultiPolygon>[]): number => fs.reduce((s, f) => s + turf.area(f), 0);
    expect(areaOf(subs) / turf.area(district)).toBeCloseTo(1, 6);
    expectNoOverlaps(subs, 1);
    for (const sub of subs) {
      expect(turf.booleanValid(sub)).toBe(true);
      const comms = committed.communities.features.filter((c) => c.properties.subdistrictCode === sub.properties.code);
      expect(comms.length).toBeGreaterThanOrEqual(2);
      expect(comms.length).toBeLessThanOrEqual(4);
      expect(areaOf(comms) / turf.area(sub)).toBeCloseTo(1, 6);
      expectNoOverlaps(comms, 1);
    }
  });

  it('builds one connected road network that meets only at shared junction points', () => {
    const classes = new Set(committed.roads.features.map((f) => f.properties.roadClass));
    expect(classes).toEqual(new Set(['arterial', 'secondary', 'branch', 'path']));
    expect(committed.roads.features.every((f) => /\p{Script=Han}/u.test(f.properties.name))).toBe(true);
    expect(componentCount(committed.roads)).toBe(1);
    expect(improperRoadContacts(committed.roads)).toEqual([]);
  });

  it('offers every facility type, many waste points and shops, few sports centres, none inside an estate', () => {
    const count = (type: string): number => committed.facilities.features.filter((f) => f.properties.type === type).length;
    for (const type of FACILITY_TYPE_IDS) expect(count(type), type).toBeGreaterThanOrEqual(1);
    expect(committed.facilities.features.every((f) => (FACILITY_TYPE_IDS as readonly string[]).includes(f.properties.type))).toBe(true);
    expect(count('waste_point')).toBeGreaterThan(100);
    expect(count('convenience_store')).toBeGreaterThan(30);
    expect(count('sports_center')).toBeLessThanOrEqual(2);
    for (const p of committed.facilities.features) {
      for (const e of committed.estates.features) {
        expect(turf.booleanPointInPolygon(p, e), `${p.properties.name} in ${e.properties.code}`).toBe(false);
      }
    }
  });

  it('leaves the under-served sub-districts of the manifest without those facilities within walking radius', () => {
    expect(manifest.underServed.length).toBeGreaterThanOrEqual(1);
    for (const area of manifest.underServed) {
      const estates = committed.estates.features.filter((e) => e.properties.subdistrictCode === area.subdistrictCode);
      expect(estates.length).toBeGreaterThan(0);
      for (const type of area.lacks) {
        const radiusM = FACILITY_CATALOGUE.find((f) => f.id === type)?.maxWalkM ?? 0;
        const sites = committed.facilities.features.filter((f) => f.properties.type === type);
        expect(sites.length).toBeGreaterThan(0);
        for (const e of estates) {
          for (const site of sites) {
            expect(turf.pointToPolygonDistance(site, e, { units: 'meters' }), `${type} near ${e.properties.code}`).toBeGreaterThan(radiusM);
          }
        }
      }
    }
  });
});

describe('a generated city of 1 000 estates', () => {
  const city = generateCity({ seed: DEFAULT_DEMO_CITY_OPTIONS.seed, estates: 1000 });
  const estates = city.estates.features;

  it('scales the published totals in proportion', () => {
    const want = targetFigures(1000);
    expect(estates).toHaveLength(1000);
    expect(estates.reduce((s, f) => s + f.properties.floorAreaM2, 0)).toBe(want.floorAreaM2);
    expect(estates.reduce((s, f) => s + f.properties.households, 0)).toBe(want.households);
    expect(estates.filter((f) => isEligible(f.properties.yearBuilt))).toHaveLength(want.eligible);
    expect(estates.filter((f) => f.properties.urgent && isEligible(f.properties.yearBuilt))).toHaveLength(want.urgent);
    expect(want.floorAreaM2).toBe(Math.round((435_000 * 1000) / 117));
  });

  it('draws valid estates that do not overlap each other or the water', () => {
    for (const f of estates) expect(turf.booleanValid(f), f.properties.code).toBe(true);
    expectNoOverlaps(estates);
    const river = city.water.features[0] as Feature<Polygon>;
    const riverBox = turf.bbox(river) as Box;
    for (const f of estates) {
      if (boxesOverlap(turf.bbox(f) as Box, riverBox)) expect(turf.booleanIntersects(river, f)).toBe(false);
    }
  });

  it('keeps codes, names and the road network consistent', () => {
    expect(new Set(estates.map((f) => f.properties.code)).size).toBe(1000);
    expect(new Set(estates.map((f) => f.properties.name)).size).toBe(1000);
    expect(componentCount(city.roads)).toBe(1);
    for (const type of FACILITY_TYPE_IDS)
      expect(
        city.facilities.features.some((f) => f.properties.type === type),
        type,
      ).toBe(true);
  });
});
