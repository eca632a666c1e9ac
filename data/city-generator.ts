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
import { DEMO_FIGURES, targetFigures } from './city-figures.js';
import { buildAdminUnits, type AdminUnit } from './admin-units.js';
import { layOut, type Layout } from './city-layout.js';
import {
  chineseNumber,
  DEMO_DISTRICT,
  RIVER_NAME,
  UniqueNamer,
} from './city-names.js';
import { cityProjection, closedRing as closedRingOf } from './city-projection.js';
import { recordEstates } from './estate-records.js';
import { allocateLedgerTotals } from './ledger-totals.js';
import { pick, stageRng, uniform, type Rng } from './city-random.js';
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
  const estateRecords = recordEstates(stageRng(seed, 'estateRecords'), { drafts, grid, roadNames, ringMeasure, admin, totals });
  const estateNames = estateRecords.names;
  const project = cityProjection(stageRng(seed, 'rotation'));
  const closedRing = (ring: readonly Point[]): Position[] => closedRingOf(ring, project);
  const estateFeatures = estateRecords.records.map(
    ({ draft, properties }): Feature<MultiPolygon, DemoEstateProperties> => ({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: (drafts[draft] as EstateDraft).parts.map((part) => [closedRing(part)]) },
      properties,
    }),
  );

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
