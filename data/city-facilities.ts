/**
 * Facilities of the demo city: the free parcels, roadsides and estate fences of the layout handed
 * to facility-placement.ts (whose FACILITY_PLAN holds the counts and sites per type), with names
 * taken from the administrative units and streets.
 */
import type { AdminUnits } from './admin-units.js';
import type { CityLayout } from './city-layout.js';
import { DEMO_DISTRICT } from './city-names.js';
import type { Rng } from './city-random.js';
import type { CityRoads } from './city-roads.js';
import type { Lake } from './city-water.js';
import { placeFacilities, type FacilityNaming, type PlacedFacility, type SiteParcel, type SiteRoad } from './facility-placement.js';
import { ringCentroid, signedArea, type Point } from './plane-geometry.js';
import { nearestStreet, type RoadSegment } from './road-network.js';
import { cellIndexAt, pointInCell, ROAD_HALF_WIDTH_M, type StreetGrid } from './street-grid.js';
import type { UnderServed } from './under-served-areas.js';

/** The earlier stages' outputs that facility placement needs. */
export interface FacilityStageInput {
  layout: CityLayout;
  lakes: readonly Lake[];
  roads: CityRoads;
  admin: AdminUnits;
  underServed: UnderServed;
  /** Estate names by draft index. */
  estateNames: readonly string[];
  estateCount: number;
}

/**
 * Stage: the facilities of the city, placed with `rng`.
 * @example placeCityFacilities(stageRng(seed, 'facilities'), input).filter((f) => f.type === 'bus_stop').length
 */
export function placeCityFacilities(rng: Rng, input: FacilityStageInput): PlacedFacility[] {
  const { layout, admin, estateNames } = input;
  const { grid, drafts } = layout;
  const { cellSubdistrict, cellCommunity } = admin;
  return placeFacilities({
    rng,
    estateCount: input.estateCount,
    cityAreaM2: signedArea(layout.ringRoad.ring),
    parcels: siteParcels(layout, input.lakes),
    estates: drafts.map((d, i) => ({
      parts: d.parts,
      cell: d.cell,
      subdistrict: cellSubdistrict[d.cell] ?? -1,
      community: cellCommunity[d.cell] ?? -1,
      name: estateNames[i] ?? '',
    })),
    roads: siteRoads(input.roads.segments),
    insideCity: (p) => {
      const cell = grid.cells[cellIndexAt(grid, p)];
      return cell !== undefined && pointInCell(grid, cell, p);
    },
    cellAt: (p) => cellIndexAt(grid, p),
    cellSubdistrict,
    cellCommunity,
    subdistrictCount: admin.subdistricts.length,
    communityCount: admin.communities.length,
    underServed: input.underServed.byType,
    naming: facilityNaming(grid, admin, input.roads),
  });
}

/** Parcels that neither an estate nor a lake takes. */
function siteParcels(layout: CityLayout, lakes: readonly Lake[]): SiteParcel[] {
  const lakeParcels = new Set(lakes.map((lake) => lake.parcel));
  const parcels: SiteParcel[] = [];
  layout.land.parcels.forEach((p, index) => {
    if (layout.parcelIsEstate[index] === 1 || lakeParcels.has(index)) return;
    parcels.push({ ring: p.ring, areaM2: p.areaM2, centroid: ringCentroid(p.ring), cell: p.cell });
  });
  return parcels;
}

/** Every straight piece of the roads, lanes excepted (nothing stands by a lane). */
function siteRoads(segments: readonly RoadSegment[]): SiteRoad[] {
  const roads: SiteRoad[] = [];
  for (const seg of segments) {
    if (seg.roadClass === 'path') continue;
    for (let k = 0; k + 1 < seg.points.length; k++) {
      roads.push({
        a: seg.points[k] as Point,
        b: seg.points[k + 1] as Point,
        halfWidthM: ROAD_HALF_WIDTH_M[seg.roadClass],
        roadClass: seg.roadClass,
        ring: seg.onRing,
      });
    }
  }
  return roads;
}

function facilityNaming(grid: StreetGrid, admin: AdminUnits, roads: CityRoads): FacilityNaming {
  const { districts, subdistricts, communities, cellDistrict, cellSubdistrict, cellCommunity } = admin;
  return {
    district: (cell) => districts[cellDistrict[cell] ?? -1]?.name ?? DEMO_DISTRICT.name,
    subdistrict: (cell) => subdistricts[cellSubdistrict[cell] ?? -1]?.name ?? '',
    community: (cell) => communities[cellCommunity[cell] ?? -1]?.name ?? '',
    street: (p, cell) => {
      const c = grid.cells[cell];
      return c === undefined ? roads.names.ring.north : nearestStreet(grid, roads.names, roads.ringMeasure, c, p).name;
    },
  };
}
