/**
 * Which catalogue type an imported facility's category names: the catalogue id, its Chinese or
 * English name (or one half of a name such as 菜市场/生鲜超市), a common Chinese synonym, an
 * OpenStreetMap category (../shared/realdata) or an OSM tag written `key=value`.
 */
import { FACILITY_CATALOGUE, isFacilityTypeId, type FacilityTypeId } from '../facility-catalogue.js';
import { facilityTypeOfOsmCategory } from '../coverage/osm-facility-types.js';

/** Names planners' spreadsheets use for a type besides the catalogue's own. */
const CHINESE_SYNONYMS: Readonly<Record<string, FacilityTypeId>> = {
  中学: 'junior_middle_school',
  社区卫生服务中心: 'community_health_center',
  卫生服务中心: 'community_health_center',
  卫生院: 'community_health_center',
  文化中心: 'cultural_center',
  全民健身中心: 'sports_center',
  养老机构: 'elderly_home',
  敬老院: 'elderly_home',
  农贸市场: 'fresh_market',
  菜场: 'fresh_market',
  超市: 'fresh_market',
  购物中心: 'shopping_center',
  公交站: 'bus_stop',
  托育: 'nursery',
  托育机构: 'nursery',
  日间照料中心: 'elderly_daycare',
  养老服务站: 'elderly_daycare',
  社区服务中心: 'community_service_station',
  党群服务中心: 'community_service_station',
  健身场地: 'outdoor_fitness',
  卫生服务站: 'community_health_station',
  卫生室: 'community_health_station',
  诊所: 'community_health_station',
  老年食堂: 'community_canteen',
  长者食堂: 'community_canteen',
  快递柜: 'parcel_point',
  快递点: 'parcel_point',
  驿站: 'parcel_point',
  垃圾收集点: 'waste_point',
  垃圾分类点: 'waste_point',
};

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

const BY_LABEL = new Map<string, FacilityTypeId>();
for (const type of FACILITY_CATALOGUE) {
  BY_LABEL.set(type.id, type.id);
  BY_LABEL.set(normalise(type.nameEn), type.id);
  BY_LABEL.set(type.nameZh, type.id);
  for (const part of type.nameZh.split('/')) BY_LABEL.set(part, type.id);
}
for (const [label, id] of Object.entries(CHINESE_SYNONYMS)) if (!BY_LABEL.has(label)) BY_LABEL.set(label, id);

/**
 * The catalogue type a category text names, or null.
 * @example facilityTypeOfLabel('幼儿园') // 'kindergarten'; facilityTypeOfLabel('amenity=school') // 'primary_school'
 */
export function facilityTypeOfLabel(text: string): FacilityTypeId | null {
  const label = normalise(text);
  if (label === '') return null;
  const direct = BY_LABEL.get(label);
  if (direct) return direct;
  if (isFacilityTypeId(label)) return label;
  // An OSM tag: the value names the category (amenity=kindergarten, shop=supermarket, highway=bus_stop).
  const tagValue = /^[a-z_:]+=([a-z_]+)$/.exec(label)?.[1];
  return facilityTypeOfOsmCategory(tagValue ?? label);
}
