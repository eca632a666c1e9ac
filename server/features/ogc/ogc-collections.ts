/**
 * The feature collections served through OGC API – Features: each names its table, geometry column
 * and the properties a desktop GIS sees (SQL expressions over alias `t`, named as the app's API names them).
 */
import type { Bilingual } from '../../../core/ledger-fields.js';

export interface OgcCollection {
  id: 'estates' | 'zones' | 'facilities';
  title: Bilingual;
  description: Bilingual;
  table: 'estates' | 'zones' | 'facilities';
  geometry: 'geom' | 'outline';
  /** `name: expression` pairs, in order. */
  properties: Readonly<Record<string, string>>;
}

export const OGC_COLLECTIONS: readonly OgcCollection[] = [
  {
    id: 'estates',
    title: { zh: '老旧小区', en: 'Old estates' },
    description: { zh: '城镇老旧小区台账（小区边界与主要字段）', en: 'The ledger of old estates: boundaries and main fields' },
    table: 'estates',
    geometry: 'geom',
    properties: {
      code: 't.code',
      name: 't.name',
      districtCode: 't.district_code',
      subdistrictCode: 't.subdistrict_code',
      yearBuilt: 't.year_built',
      households: 't.households',
      buildings: 't.buildings',
      floorAreaM2: 't.floor_area_m2',
      landAreaM2: 't.land_area_m2',
    },
  },
  {
    id: 'zones',
    title: { zh: '改造片区', en: 'Renovation zones' },
    description: { zh: '区块化、片区化改造的片区外轮廓', en: 'Outlines of the block renovation zones' },
    table: 'zones',
    geometry: 'outline',
    properties: { name: 't.name', subdistrictCode: 't.subdistrict_code', boundary: 't.boundary_source', note: 't.note' },
  },
  {
    id: 'facilities',
    title: { zh: '配套设施', en: 'Service facilities' },
    description: { zh: '生活圈配套设施（现状与规划）', en: 'Life-circle service facilities, existing and planned' },
    table: 'facilities',
    geometry: 'geom',
    properties: { type: 't.type', name: 't.name', status: 't.status' },
  },
];

export function ogcCollection(id: string): OgcCollection | undefined {
  return OGC_COLLECTIONS.find((c) => c.id === id);
}
