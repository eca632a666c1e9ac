/**
 * The synthetic demo city (design.md §10): a town of old estates inside a bend of the 柳江,
 * modelled on the published figures of 柳州市城中区 — 117 estates, 435 000 m², 8 593 households,
 * 70 eligible, 18 of them urgent. Everything is generated from a seed, so the same options
 * always give the same city. The geometry is synthetic: no real estate is where it is drawn.
 *
 * Pipeline, all in metres of a local grid frame and projected to [lng, lat] at the end:
 * ring road and street grid (street-grid.ts) → blocks and parcels (land-parcels.ts) → estates on
 * some parcels (estate-shapes.ts) → sub-districts and communities along streets
 * (admin-partition.ts) → ledger attributes with exact totals (integer-allocation.ts) → roads
 * (road-network.ts) → facilities (facility-placement.ts) → river and lakes.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { PropertyType } from '../core/estate.js';
import { shuffled } from '../core/prng.js';
import { DEMO_FIGURES, targetFigures } from './city-figures.js';
import { buildAdminUnits, type AdminUnit } from './admin-units.js';
import { layOut, type Layout } from './city-layout.js';
import {
  chineseNumber,
  DEMO_DISTRICT,
  GENERAL_NOTES,
  NEW_ESTATE_SUFFIXES,
  NEW_ESTATE_WORDS,
  OLD_ESTATE_SUFFIXES,
  OWNER_UNITS,
  PLACE_WORDS,
  RIVER_NAME,
  UniqueNamer,
  URGENT_NOTES,
} from './city-names.js';
import { makeProjection } from './city-projection.js';
import { allocateLedgerTotals } from './ledger-totals.js';
import { intBetween, pick, stageRng, uniform, type Rng } from './city-random.js';
import type { DemoCity, DemoCityOptions, DemoEstateProperties, WaterProperties } from './demo-city-types.js';
import type { EstateDraft } from './estate-sites.js';
import { chooseUnderServed } from './under-served-areas.js';
import { placeFacilities, type SiteParcel, type SiteRoad } from './facility-placement.js';
import { clipHalfPlane, insetConvex, isSimpleCcwRing, offsetPolyline, ringCentroid, signedArea, type Point } from './plane-geometry.js';
import { buildRoadNetwork, measureRing, nameRoads, nearestStreet } from './road-network.js';
import { cellIndexAt, pointInCell, ROAD_HALF_WIDTH_M, unionCells, type RingRoad, type StreetGrid } from './street-grid.js';

export { DEMO_FIGURES, targetFigures, type CityFigures } from './city-figures.js';
export * from './demo-city-types.js';


/**
 * Generates the demo city. Pure: no I/O, and the same options give the same result.
 * @example generateCity({ seed: 20180, estates: 117 }).estates.features.length // 117
 */
export function generateCity(options: DemoCityOptions): DemoCity {
  const { seed, estates: estateCount } = options;
  if (!Number.isInteger(seed)) throw new Error(`generateCity: seed must be an integer (got ${seed}), e.g. 20180.`);
  if (!Number.isInteger(estateCount) || estateCount < 1 || estateCount > 2_000_000) {
    throw new Error(`generateCity: estates must be an integer from 1 to 2 000 000 (got ${estateCount}).`);
  }
  let scale = Math.max(0.5, Math.sqrt(estateCount / DEMO_FIGURES.estates));
  for (let attempt = 0; attempt < 12; attempt++, scale *= 1.15) {
    const layout = layOut(seed, scale, estateCount);
    if (layout !== null) return assemble(options, layout);
  }
  throw new Error(`generateCity: could not fit ${estateCount} estates; try another seed.`);
}

function assemble(options: DemoCityOptions, layout: Layout): DemoCity {
  const { seed, estates: estateCount } = options;
  const figures = targetFigures(estateCount);
  const { grid, land, drafts, ringRoad, scale } = layout;
  const vertices = grid.vertices;

  const admin = buildAdminUnits(stageRng(seed, 'adminUnits'), grid, drafts, estateCount);
  const { districts, subdistricts, communities, cellDistrict, cellSubdistrict, cellCommunity } = admin;
  const underServed = chooseUnderServed(drafts, admin);
  const underServedMap = underServed.byType;

  // ---- Roads: names first (addresses need them), then the network.
  const roadNames = nameRoads(grid, stageRng(seed, 'roadNames'));
  const ringMeasure = measureRing(grid);
  const segments = buildRoadNetwork(grid, roadNames, land.lanes);

  const totals = allocateLedgerTotals(stageRng(seed, 'ledgerTotals'), drafts, figures);
  const { yearBuilt, eligible, urgent, hazardLevel, floorAreaM2, households, buildings } = totals;
  const n = drafts.length;

  // ---- Codes, names, addresses.
  const sortOrder = drafts
    .map((d, i) => ({ i, community: cellCommunity[d.cell] ?? 0, row: -Math.round(d.centroid[1] / 150), u: d.centroid[0] }))
    .sort((a, b) => a.community - b.community || a.row - b.row || a.u - b.u || a.i - b.i);
  const codeWidth = Math.max(3, String(n).length);
  const estateNamer = new UniqueNamer();
  const addresses = new Set<string>();
  const nameRng = stageRng(seed, 'estateRecords');
  const oldWords = shuffled(PLACE_WORDS, nameRng);
  const units = shuffled(OWNER_UNITS, nameRng);
  const estateFeatures: Feature<MultiPolygon, DemoEstateProperties>[] = [];
  const rotation = (uniform(stageRng(seed, 'rotation'), -10, -4) * Math.PI) / 180;
  const project = makeProjection(rotation);
  const closedRing = (ring: readonly Point[]): Position[] => {
    const coords = ring.map(project);
    coords.push((coords[0] as Position).slice());
    return coords;
  };
  const estateNames: string[] = new Array<string>(n).fill('');
  sortOrder.forEach(({ i }, rank) => {
    const draft = drafts[i] as EstateDraft;
    const year = yearBuilt[i] ?? 2000;
    const isOld = eligible[i] === true;
    const r = nameRng();
    const propertyType: PropertyType = isOld
      ? r < 0.45
        ? 'housing_reform'
        : r < 0.75
          ? 'unit_managed'
          : r < 0.92
            ? 'mixed'
            : 'commercial'
      : r < 0.78
        ? 'commercial'
        : r < 0.93
          ? 'mixed'
          : 'unit_managed';
    const unit =
      propertyType === 'housing_reform' || propertyType === 'unit_managed' || (propertyType === 'mixed' && nameRng() < 0.6)
        ? units[Math.floor(nameRng() * units.length)]
        : undefined;
    const cell = grid.cells[draft.cell];
    if (cell === undefined) throw new Error('Estate outside the street grid.');
    const street = nearestStreet(grid, roadNames, ringMeasure, cell, draft.centroid);
    let number = 2 * Math.floor(street.alongM / 12) + (street.side > 0 ? 2 : 1);
    while (addresses.has(`${street.name}${number}号`)) number += 2;
    const address = `${street.name}${number}号`;
    addresses.add(address);
    const stem = street.name.replace(/(路|街|大道)$/, '');
    let name: string;
    const style = nameRng();
    if (unit !== undefined && style < (propertyType === 'unit_managed' ? 0.7 : 0.45)) {
      name = estateNamer.take(`${unit.short}宿舍`, (k) => `${unit.short}${chineseNumber(k)}宿舍`);
    } else if (isOld && style > 0.8 && !estateNamer.has(`${address}院`)) {
      name = estateNamer.take(`${address}院`);
    } else if (isOld) {
      const word = stem.length === 2 && nameRng() < 0.4 ? stem : (oldWords[Math.floor(nameRng() * oldWords.length)] as string);
      const base = `${word}${pick(nameRng, OLD_ESTATE_SUFFIXES)}`;
      name = estateNamer.take(base, (k) => `${base}${chineseNumber(k)}区`);
    } else {
      const base = `${pick(nameRng, NEW_ESTATE_WORDS)}${pick(nameRng, NEW_ESTATE_SUFFIXES)}`;
      name = estateNamer.take(base, (k) => `${base}${chineseNumber(k)}期`);
    }
    estateNames[i] = name;
    const hasPropertyManagement = isOld ? nameRng() < (propertyType === 'commercial' ? 0.8 : 0.25) : nameRng() < 0.92;
    const hasOwnersCommittee = nameRng() < (isOld ? (hasPropertyManagement ? 0.4 : 0.15) : 0.45);
    const isUrgent = urgent.has(i);
    const hazard = hazardLevel[i] ?? 'none';
    const willingnessPct = isOld
      ? nameRng() < 0.12
        ? null
        : isUrgent
          ? intBetween(nameRng, 75, 98)
          : intBetween(nameRng, 50, 95)
      : nameRng() < 0.75
        ? null
        : intBetween(nameRng, 20, 70);
    const notes: string[] = [];
    if (isUrgent) {
      const first = pick(nameRng, URGENT_NOTES);
      notes.push(first);
      const second = pick(nameRng, URGENT_NOTES);
      if (second !== first && nameRng() < 0.5) notes.push(second);
    }
    if (hazard !== 'none') notes.push(`${intBetween(nameRng, 1, buildings[i] ?? 1)}号楼经鉴定为${hazard}级危房`);
    if (isOld && !hasPropertyManagement && nameRng() < 0.5) notes.push('无物业管理，居民自治');
    if (propertyType === 'mixed' && nameRng() < 0.5) notes.push('房改房与商品房混合，产权分散');
    if (nameRng() < (isOld ? 0.35 : 0.12)) notes.push(pick(nameRng, GENERAL_NOTES));
    notes.splice(3);
    const communityIndex = cellCommunity[draft.cell] ?? -1;
    const subdistrictIndex = cellSubdistrict[draft.cell] ?? -1;
    const districtIndex = cellDistrict[draft.cell] ?? -1;
    estateFeatures.push({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: draft.parts.map((part) => [closedRing(part)]) },
      properties: {
        code: `CZ-${String(rank + 1).padStart(codeWidth, '0')}`,
        name,
        address,
        districtCode: districts[districtIndex]?.code ?? '',
        subdistrictCode: subdistricts[subdistrictIndex]?.code ?? '',
        communityCode: communities[communityIndex]?.code ?? '',
        yearBuilt: year,
        buildings: buildings[i] ?? 1,
        households: households[i] ?? 0,
        floorAreaM2: floorAreaM2[i] ?? 0,
        propertyType,
        originalOwnerUnit: unit?.full ?? '',
        hasPropertyManagement,
        hasOwnersCommittee,
        urgent: isUrgent,
        hazardLevel: hazard,
        willingnessPct,
        notes: notes.join('；'),
      },
    });
  });

  // ---- Lakes in a few large parks.
  const lakeRng = stageRng(seed, 'lakes');
  const lakeCount = Math.max(1, Math.round(estateCount / 400));
  const parkParcels = land.parcels
    .map((p, index) => ({ p, index }))
    .filter(({ p, index }) => p.kind === 'park' && p.areaM2 >= 5000 && layout.parcelIsEstate[index] === 0)
    .sort((a, b) => b.p.areaM2 - a.p.areaM2 || a.index - b.index)
    .slice(0, lakeCount);
  const lakeParcels = new Set(parkParcels.map(({ index }) => index));
  const lakeNamer = new UniqueNamer();
  const lakes = parkParcels.map(({ p }) => {
    let ring = insetConvex(p.ring, uniform(lakeRng, 10, 18));
    // Round the corners off: a pond, not a tank.
    for (const corner of ring.slice()) {
      const k = ring.findIndex((q) => q[0] === corner[0] && q[1] === corner[1]);
      if (k < 0) continue;
      const prev = ring[(k + ring.length - 1) % ring.length] as Point;
      const next = ring[(k + 1) % ring.length] as Point;
      const a: Point = [corner[0] + (prev[0] - corner[0]) * 0.3, corner[1] + (prev[1] - corner[1]) * 0.3];
      const b: Point = [corner[0] + (next[0] - corner[0]) * 0.3, corner[1] + (next[1] - corner[1]) * 0.3];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy);
      if (len < 1) continue;
      ring = clipHalfPlane(ring, -dy / len, dx / len, (-dy / len) * a[0] + (dx / len) * a[1]);
    }
    return { ring, name: lakeNamer.take(pick(lakeRng, ['映月湖', '鹤池', '荷花塘', '莲湖', '镜湖']), (k) => `${chineseNumber(k)}号湖`) };
  });

  // ---- Facilities.
  const siteParcels: SiteParcel[] = [];
  land.parcels.forEach((p, index) => {
    if (layout.parcelIsEstate[index] === 1 || lakeParcels.has(index)) return;
    siteParcels.push({ ring: p.ring, areaM2: p.areaM2, centroid: ringCentroid(p.ring), cell: p.cell });
  });
  const siteRoads: SiteRoad[] = [];
  for (const seg of segments) {
    if (seg.roadClass === 'path') continue;
    for (let k = 0; k + 1 < seg.points.length; k++) {
      siteRoads.push({
        a: seg.points[k] as Point,
        b: seg.points[k + 1] as Point,
        halfWidthM: ROAD_HALF_WIDTH_M[seg.roadClass],
        roadClass: seg.roadClass,
        ring: seg.onRing,
      });
    }
  }
  const facilities = placeFacilities({
    rng: stageRng(seed, 'facilities'),
    estateCount,
    cityAreaM2: signedArea(ringRoad.ring),
    parcels: siteParcels,
    estates: drafts.map((d, i) => ({
      parts: d.parts,
      cell: d.cell,
      subdistrict: cellSubdistrict[d.cell] ?? -1,
      community: cellCommunity[d.cell] ?? -1,
      name: estateNames[i] ?? '',
    })),
    roads: siteRoads,
    insideCity: (p) => {
      const cell = grid.cells[cellIndexAt(grid, p)];
      return cell !== undefined && pointInCell(grid, cell, p);
    },
    cellAt: (p) => cellIndexAt(grid, p),
    cellSubdistrict,
    cellCommunity,
    subdistrictCount: subdistricts.length,
    communityCount: communities.length,
    underServed: underServedMap,
    naming: {
      district: (cell) => districts[cellDistrict[cell] ?? -1]?.name ?? DEMO_DISTRICT.name,
      subdistrict: (cell) => subdistricts[cellSubdistrict[cell] ?? -1]?.name ?? '',
      community: (cell) => communities[cellCommunity[cell] ?? -1]?.name ?? '',
      street: (p, cell) => {
        const c = grid.cells[cell];
        return c === undefined ? roadNames.ring.north : nearestStreet(grid, roadNames, ringMeasure, c, p).name;
      },
    },
  });

  // ---- The river: a band outside the riverside road, wrapping the city on three sides.
  const river = riverRing(ringRoad, scale, stageRng(seed, 'river'));

  // ---- GeoJSON.
  const unitFeature = <P>(unit: AdminUnit, properties: P): Feature<MultiPolygon, P> => ({
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: unionCells(unit.cells.map((c) => grid.cells[c] as StreetGrid['cells'][number])).map((ids) => [
        closedRing(ids.map((id) => vertices[id] as Point)),
      ]),
    },
    properties,
  });
  return {
    options: { seed, estates: estateCount },
    figures,
    underServed: underServed.areas,
    districts: { type: 'FeatureCollection', features: districts.map((u) => unitFeature(u, { code: u.code, name: u.name })) },
    subdistricts: {
      type: 'FeatureCollection',
      features: subdistricts.map((u) => unitFeature(u, { code: u.code, name: u.name, districtCode: (districts[u.parent] as AdminUnit).code })),
    },
    communities: {
      type: 'FeatureCollection',
      features: communities.map((u) =>
        unitFeature(u, { code: u.code, name: u.name, subdistrictCode: (subdistricts[u.parent] as AdminUnit).code }),
      ),
    },
    estates: { type: 'FeatureCollection', features: estateFeatures },
    facilities: {
      type: 'FeatureCollection',
      features: facilities.map((f) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: project(f.point) },
        properties: { type: f.type, name: f.name },
      })),
    },
    roads: {
      type: 'FeatureCollection',
      features: segments.map((s) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.points.map(project) },
        properties: { name: s.name, roadClass: s.roadClass },
      })),
    },
    water: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [closedRing(river)] },
          properties: { name: RIVER_NAME, kind: 'river' },
        },
        ...lakes.map(
          (lake): Feature<Polygon, WaterProperties> => ({
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [closedRing(lake.ring)] },
            properties: { name: lake.name, kind: 'lake' },
          }),
        ),
      ],
    },
  };
}

/**
 * The river as one polygon: the riverside chain of the ring road offset outwards (a green strip,
 * then the water), both banks carried on northwards past the city's corners.
 */
function riverRing(ringRoad: RingRoad, scale: number, rng: Rng): Point[] {
  const chain = ringRoad.ring.slice(0, ringRoad.riversideEnd + 1);
  const bankM = 30;
  const widthM = 360 * Math.sqrt(Math.min(scale, 3));
  const phase = uniform(rng, 0, 2 * Math.PI);
  const inner = offsetPolyline(chain, () => bankM);
  const outer = offsetPolyline(chain, (i) => bankM + widthM * (1 + 0.18 * Math.sin((3 * Math.PI * i) / chain.length + phase)));
  // Both banks carry on past the city's northern corners, bending away from it.
  const reach = 700 * scale;
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
