/**
 * Life-circle facility catalogue (GB 50180-2018; 完整居住社区建设标准(试行) 2020).
 * `maxWalkM` is the standard's 服务半径不宜大于; where the standard gives none the
 * tier default applies and `radiusSource` says so.
 */
export const LIFE_CIRCLE_TIERS = ['15min', '10min', '5min', 'block'] as const;
export type LifeCircleTier = (typeof LIFE_CIRCLE_TIERS)[number];

/** The tiers' names as GB 50180-2018 gives them, for reports (the UI's are in its language files). */
export const LIFE_CIRCLE_TIER_LABELS: Readonly<Record<LifeCircleTier, { zh: string; en: string }>> = {
  '15min': { zh: '15分钟生活圈', en: '15-minute life circle' },
  '10min': { zh: '10分钟生活圈', en: '10-minute life circle' },
  '5min': { zh: '5分钟生活圈', en: '5-minute life circle' },
  block: { zh: '居住街坊', en: 'Residential block' },
};

/** Default walking radius of each tier, metres. */
export const TIER_DEFAULT_WALK_M: Readonly<Record<LifeCircleTier, number>> = {
  '15min': 1000,
  '10min': 500,
  '5min': 300,
  block: 250,
};

export interface FacilityType {
  id: string;
  nameZh: string;
  nameEn: string;
  tier: LifeCircleTier;
  maxWalkM: number;
  radiusSource: 'standard' | 'tier-default';
}

export const FACILITY_CATALOGUE = [
  { id: 'junior_middle_school', nameZh: '初中', nameEn: 'Junior middle school', tier: '15min', maxWalkM: 1000, radiusSource: 'standard' },
  {
    id: 'community_health_center',
    nameZh: '社区卫生服务中心',
    nameEn: 'Health-service centre',
    tier: '15min',
    maxWalkM: 1000,
    radiusSource: 'standard',
  },
  { id: 'cultural_center', nameZh: '文化活动中心', nameEn: 'Cultural centre', tier: '15min', maxWalkM: 1000, radiusSource: 'standard' },
  { id: 'sports_center', nameZh: '体育馆/全民健身中心', nameEn: 'Sports centre', tier: '15min', maxWalkM: 1000, radiusSource: 'standard' },
  {
    id: 'large_sports_field',
    nameZh: '大型多功能运动场地',
    nameEn: 'Large sports ground',
    tier: '15min',
    maxWalkM: 1000,
    radiusSource: 'standard',
  },
  {
    id: 'subdistrict_service_center',
    nameZh: '街道级社区服务中心',
    nameEn: 'Sub-district service centre',
    tier: '15min',
    maxWalkM: 1000,
    radiusSource: 'standard',
  },
  { id: 'elderly_home', nameZh: '养老院', nameEn: 'Elderly home', tier: '15min', maxWalkM: 1000, radiusSource: 'tier-default' },
  { id: 'primary_school', nameZh: '小学', nameEn: 'Primary school', tier: '10min', maxWalkM: 500, radiusSource: 'standard' },
  { id: 'fresh_market', nameZh: '菜市场/生鲜超市', nameEn: 'Fresh market', tier: '10min', maxWalkM: 500, radiusSource: 'standard' },
  { id: 'shopping_center', nameZh: '商场', nameEn: 'Shopping centre', tier: '10min', maxWalkM: 500, radiusSource: 'standard' },
  {
    id: 'medium_sports_field',
    nameZh: '中型多功能运动场地',
    nameEn: 'Medium sports ground',
    tier: '10min',
    maxWalkM: 500,
    radiusSource: 'standard',
  },
  { id: 'bus_stop', nameZh: '公交车站', nameEn: 'Bus stop', tier: '10min', maxWalkM: 500, radiusSource: 'standard' },
  { id: 'kindergarten', nameZh: '幼儿园', nameEn: 'Kindergarten', tier: '5min', maxWalkM: 300, radiusSource: 'standard' },
  { id: 'nursery', nameZh: '托儿所', nameEn: 'Nursery', tier: '5min', maxWalkM: 300, radiusSource: 'standard' },
  {
    id: 'elderly_daycare',
    nameZh: '老年人日间照料中心',
    nameEn: 'Elderly day-care',
    tier: '5min',
    maxWalkM: 300,
    radiusSource: 'standard',
  },
  {
    id: 'community_service_station',
    nameZh: '社区服务站',
    nameEn: 'Community service station',
    tier: '5min',
    maxWalkM: 300,
    radiusSource: 'standard',
  },
  { id: 'cultural_station', nameZh: '文化活动站', nameEn: 'Cultural station', tier: '5min', maxWalkM: 500, radiusSource: 'standard' },
  {
    id: 'outdoor_fitness',
    nameZh: '室外综合健身场地',
    nameEn: 'Outdoor fitness ground',
    tier: '5min',
    maxWalkM: 300,
    radiusSource: 'standard',
  },
  {
    id: 'community_health_station',
    nameZh: '社区卫生服务站',
    nameEn: 'Health station',
    tier: '5min',
    maxWalkM: 300,
    radiusSource: 'tier-default',
  },
  { id: 'community_canteen', nameZh: '社区食堂', nameEn: 'Community canteen', tier: '5min', maxWalkM: 300, radiusSource: 'tier-default' },
  { id: 'convenience_store', nameZh: '便利店', nameEn: 'Convenience store', tier: 'block', maxWalkM: 250, radiusSource: 'tier-default' },
  { id: 'parcel_point', nameZh: '快递/邮件送达设施', nameEn: 'Parcel point', tier: 'block', maxWalkM: 250, radiusSource: 'tier-default' },
  { id: 'waste_point', nameZh: '生活垃圾收集点', nameEn: 'Waste collection point', tier: 'block', maxWalkM: 70, radiusSource: 'standard' },
] as const satisfies readonly FacilityType[];

export type FacilityTypeId = (typeof FACILITY_CATALOGUE)[number]['id'];

export const FACILITY_TYPE_IDS: readonly FacilityTypeId[] = FACILITY_CATALOGUE.map((f) => f.id);

/**
 * Narrows an unknown string to a catalogue id.
 * @example isFacilityTypeId('kindergarten') // true
 */
export function isFacilityTypeId(value: string): value is FacilityTypeId {
  return (FACILITY_TYPE_IDS as readonly string[]).includes(value);
}
