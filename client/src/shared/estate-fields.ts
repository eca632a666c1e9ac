/** The ledger fields an estate shows, in the order of the survey form (调查摸底情况统计表). */
import type { EstateProperties } from '../../../core/estate';

export const ESTATE_FIELD_ORDER = [
  'code',
  'name',
  'address',
  'district',
  'subdistrict',
  'community',
  'yearBuilt',
  'buildings',
  'households',
  'floorAreaM2',
  'landAreaM2',
  'propertyType',
  'originalOwnerUnit',
  'hasPropertyManagement',
  'hasOwnersCommittee',
  'urgent',
  'hazardLevel',
  'willingnessPct',
  'notes',
  'eligible',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof EstateProperties)[];

export type EstateField = (typeof ESTATE_FIELD_ORDER)[number];

export function isEstateField(key: string): key is EstateField {
  return (ESTATE_FIELD_ORDER as readonly string[]).includes(key);
}
