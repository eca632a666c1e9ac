/** A complete estate record for client unit tests; each test overrides only what it is about. */
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
