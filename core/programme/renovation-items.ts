/**
 * Renovation items (改造内容, design.md §4; 国办发〔2020〕23号): the catalogue a project's items are
 * chosen from, each in its category (基础/完善/提升) with its unit, and the key counts leaders
 * follow (lifts, parking spaces, elderly-care and childcare facilities, pipes).
 */
import type { Bilingual } from '../ledger-fields.js';

export const RENOVATION_CATEGORIES = ['basic', 'improvement', 'upgrade'] as const;
export type RenovationCategory = (typeof RENOVATION_CATEGORIES)[number];

export const RENOVATION_CATEGORY_LABELS: Readonly<Record<RenovationCategory, Bilingual>> = {
  basic: { zh: '基础类', en: 'Basic' },
  improvement: { zh: '完善类', en: 'Improvement' },
  upgrade: { zh: '提升类', en: 'Upgrade' },
};

/** The figures that roll up across the programme. */
export const KEY_COUNTS = ['lifts', 'parkingSpaces', 'elderlyCare', 'childcare', 'pipesKm'] as const;
export type KeyCount = (typeof KEY_COUNTS)[number];

export const KEY_COUNT_LABELS: Readonly<Record<KeyCount, Bilingual & { unit: Bilingual }>> = {
  lifts: { zh: '加装电梯', en: 'Lifts installed', unit: { zh: '部', en: '' } },
  parkingSpaces: { zh: '停车位', en: 'Parking spaces', unit: { zh: '个', en: '' } },
  elderlyCare: { zh: '养老服务设施', en: 'Elderly-care facilities', unit: { zh: '处', en: '' } },
  childcare: { zh: '托育设施', en: 'Childcare facilities', unit: { zh: '处', en: '' } },
  pipesKm: { zh: '改造管网', en: 'Pipes renewed', unit: { zh: '公里', en: 'km' } },
};

export interface RenovationItemType {
  id: string;
  category: RenovationCategory;
  label: Bilingual;
  /** The unit a quantity is given in. */
  unit: Bilingual;
  /** The key count this item adds to, and the factor from its quantity (metres of pipe → km). */
  counts?: { key: KeyCount; factor: number };
}

const M = { zh: '米', en: 'm' };
const M2 = { zh: '平方米', en: 'm²' };
const SITES = { zh: '处', en: 'sites' };
const UNITS = { zh: '个', en: 'units' };
const SETS = { zh: '套', en: 'sets' };
const PIPE = { key: 'pipesKm', factor: 0.001 } as const;

export const RENOVATION_ITEM_TYPES: readonly RenovationItemType[] = [
  { id: 'water_supply', category: 'basic', label: { zh: '供水管网改造', en: 'Water supply pipes' }, unit: M, counts: PIPE },
  { id: 'drainage', category: 'basic', label: { zh: '排水及雨污分流', en: 'Drainage and rain-sewage separation' }, unit: M, counts: PIPE },
  { id: 'power', category: 'basic', label: { zh: '供电设施改造', en: 'Power supply' }, unit: SETS },
  { id: 'telecom', category: 'basic', label: { zh: '通信光纤入户', en: 'Telecom and fibre' }, unit: SETS },
  { id: 'gas', category: 'basic', label: { zh: '燃气管道改造', en: 'Gas pipes' }, unit: M, counts: PIPE },
  { id: 'heating', category: 'basic', label: { zh: '供热管网改造', en: 'Heating pipes' }, unit: M, counts: PIPE },
  { id: 'fire_safety', category: 'basic', label: { zh: '消防设施', en: 'Fire safety' }, unit: SETS },
  { id: 'security', category: 'basic', label: { zh: '安防监控与门禁', en: 'CCTV and access control' }, unit: SETS },
  { id: 'roads', category: 'basic', label: { zh: '小区道路', en: 'Estate roads' }, unit: M2 },
  { id: 'lighting', category: 'basic', label: { zh: '公共照明', en: 'Lighting' }, unit: { zh: '盏', en: 'lamps' } },
  { id: 'waste_sorting', category: 'basic', label: { zh: '垃圾分类设施', en: 'Waste sorting' }, unit: SITES },
  { id: 'overhead_lines', category: 'basic', label: { zh: '架空线规整', en: 'Overhead lines tidied' }, unit: M },
  { id: 'roof_waterproofing', category: 'basic', label: { zh: '屋面防水', en: 'Roof waterproofing' }, unit: M2 },
  { id: 'external_walls', category: 'basic', label: { zh: '外墙整治', en: 'External walls' }, unit: M2 },
  {
    id: 'stairwells',
    category: 'basic',
    label: { zh: '楼道公共部位', en: 'Stairs and common parts' },
    unit: { zh: '栋', en: 'buildings' },
  },
  { id: 'illegal_structures', category: 'improvement', label: { zh: '拆除违法建设', en: 'Illegal structures removed' }, unit: M2 },
  { id: 'greening', category: 'improvement', label: { zh: '绿化', en: 'Greening' }, unit: M2 },
  { id: 'barrier_free', category: 'improvement', label: { zh: '适老化与无障碍', en: 'Age-friendly and barrier-free' }, unit: SITES },
  {
    id: 'lift_installation',
    category: 'improvement',
    label: { zh: '加装电梯', en: 'Lift installation' },
    unit: { zh: '部', en: 'lifts' },
    counts: { key: 'lifts', factor: 1 },
  },
  {
    id: 'parking',
    category: 'improvement',
    label: { zh: '停车位', en: 'Parking spaces' },
    unit: UNITS,
    counts: { key: 'parkingSpaces', factor: 1 },
  },
  { id: 'ev_charging', category: 'improvement', label: { zh: '电动汽车及电动自行车充电设施', en: 'EV and e-bike charging' }, unit: UNITS },
  { id: 'parcel_lockers', category: 'improvement', label: { zh: '智能快件箱', en: 'Smart parcel lockers' }, unit: UNITS },
  { id: 'culture_fitness', category: 'improvement', label: { zh: '文化休闲与健身设施', en: 'Culture and fitness' }, unit: SITES },
  { id: 'property_rooms', category: 'improvement', label: { zh: '物业用房', en: 'Property-management rooms' }, unit: M2 },
  { id: 'energy_retrofit', category: 'improvement', label: { zh: '建筑节能改造', en: 'Energy retrofit' }, unit: M2 },
  { id: 'community_service', category: 'upgrade', label: { zh: '社区综合服务设施', en: 'Community service centre' }, unit: SITES },
  { id: 'health_station', category: 'upgrade', label: { zh: '卫生服务站', en: 'Health station' }, unit: SITES },
  {
    id: 'childcare',
    category: 'upgrade',
    label: { zh: '托育与幼儿园', en: 'Childcare rooms' },
    unit: SITES,
    counts: { key: 'childcare', factor: 1 },
  },
  {
    id: 'elderly_care',
    category: 'upgrade',
    label: { zh: '养老服务用房', en: 'Elderly-care rooms' },
    unit: SITES,
    counts: { key: 'elderlyCare', factor: 1 },
  },
  { id: 'meal_service', category: 'upgrade', label: { zh: '助餐服务点', en: 'Meal service' }, unit: SITES },
  { id: 'convenience', category: 'upgrade', label: { zh: '便民市场与便利店', en: 'Market and convenience store' }, unit: SITES },
  { id: 'postal', category: 'upgrade', label: { zh: '邮政快递末端设施', en: 'Postal and parcel station' }, unit: SITES },
  { id: 'smart_sensing', category: 'upgrade', label: { zh: '智慧安防与感知', en: 'Smart sensing' }, unit: SETS },
];

export const RENOVATION_ITEM_IDS = RENOVATION_ITEM_TYPES.map((t) => t.id);

export function renovationItemType(id: string): RenovationItemType | undefined {
  return RENOVATION_ITEM_TYPES.find((t) => t.id === id);
}

/**
 * The key counts of a list of items.
 * @example keyCountsOf([{ itemType: 'lift_installation', quantity: 4 }]).lifts // 4
 */
export function keyCountsOf(items: readonly { itemType: string; quantity: number }[]): Record<KeyCount, number> {
  const totals = Object.fromEntries(KEY_COUNTS.map((k) => [k, 0])) as Record<KeyCount, number>;
  for (const item of items) {
    const counts = renovationItemType(item.itemType)?.counts;
    if (counts) totals[counts.key] += item.quantity * counts.factor;
  }
  return totals;
}

/**
 * Estimated cost and number of items per category. A row may stand for several items of one type
 * (`items`, default 1), as the database's totals per type do.
 */
export function itemsByCategory(
  items: readonly { itemType: string; costYuan: number; items?: number }[],
): { category: RenovationCategory; costYuan: number; items: number }[] {
  return RENOVATION_CATEGORIES.map((category) => {
    const inCategory = items.filter((item) => renovationItemType(item.itemType)?.category === category);
    return {
      category,
      costYuan: inCategory.reduce((sum, item) => sum + item.costYuan, 0),
      items: inCategory.reduce((sum, item) => sum + (item.items ?? 1), 0),
    };
  });
}

/** The categories an estate's items fall in. */
export function categoriesOf(items: readonly { itemType: string }[]): RenovationCategory[] {
  return RENOVATION_CATEGORIES.filter((category) => items.some((item) => renovationItemType(item.itemType)?.category === category));
}
