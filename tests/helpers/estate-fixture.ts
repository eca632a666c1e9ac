/** Estate records for tests: complete ones for client unit tests, and new ones to POST; each test overrides only what it is about. */
import type { Feature, Polygon } from 'geojson';
import type { EstateApiFeature, EstateApiProperties } from '../../core/contract/index.js';

/** The properties of a surveyed estate in 城中街道 (every ledger field known). */
export function estateProperties(id: number, overrides: Partial<EstateApiProperties> = {}): EstateApiProperties {
  return {
    id,
    code: `CZ-${id}`,
    name: `小区${id}`,
    address: '',
    district: '城中区',
    subdistrict: '城中街道',
    community: '',
    districtCode: 'D1',
    subdistrictCode: 'S1',
    communityCode: null,
    yearBuilt: 1990,
    buildings: 1,
    households: 10,
    floorAreaM2: 1000,
    landAreaM2: 500,
    propertyType: 'housing_reform',
    originalOwnerUnit: '',
    hasPropertyManagement: false,
    hasOwnersCommittee: false,
    urgent: false,
    hazardLevel: 'none',
    willingnessPct: null,
    notes: '',
    eligibilityOverride: null,
    eligibilityOverrideReason: null,
    eligible: true,
    importLayerId: null,
    version: 1,
    createdAt: '',
    updatedAt: '',
    ...overrides,
  };
}

/** The same as a Feature with an empty geometry. */
export function estateFeature(id: number, overrides: Partial<EstateApiProperties> = {}): EstateApiFeature {
  return { type: 'Feature', id, geometry: { type: 'MultiPolygon', coordinates: [] }, properties: estateProperties(id, overrides) };
}

/** A POST /api/estates body: an estate another planner adds (built before 2000, so eligible), with `overrides`. */
export function newEstateFeature(geometry: Polygon, overrides: Record<string, unknown> = {}): Feature<Polygon> {
  return {
    type: 'Feature',
    geometry,
    properties: {
      name: '别处新增小区',
      address: '测试路2号',
      yearBuilt: 1996,
      buildings: 2,
      households: 64,
      floorAreaM2: 5200,
      propertyType: 'housing_reform',
      hazardLevel: 'none',
      ...overrides,
    },
  };
}
