/**
 * The columns of the survey ledger (调查摸底情况统计表), in its order: what the XLSX/CSV export
 * writes and what the import's field matching recognises. One list for both directions, so an
 * exported file always reads back.
 */
import type { EstateApiProperties } from '../api-contract.js';
import type { HazardLevel, PropertyType } from '../estate.js';

/** How a column's cells are written and read back. */
export type LedgerValueKind =
  | 'text'
  | 'integer'
  | 'number'
  | 'year'
  | 'boolean'
  | 'booleanOrNull'
  | 'percent'
  | 'propertyType'
  | 'hazardLevel';

export const LEDGER_FIELD_KEYS = [
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
  'eligible',
  'eligibilityOverride',
  'eligibilityOverrideReason',
  'notes',
] as const;
/** A ledger column: an estate property name (core/estate.ts), or a unit name (district, subdistrict, community). */
export type LedgerFieldKey = (typeof LEDGER_FIELD_KEYS)[number];

export interface LedgerColumn {
  key: LedgerFieldKey;
  /** Header in the exported files (units in brackets). */
  zh: string;
  en: string;
  /** Other headers that mean this column (matched after normalisation, see field-matching.ts). */
  aliases: readonly string[];
  kind: LedgerValueKind;
  /**
   * Whether an import writes it. Land area and eligibility are derived by the database; unit names
   * are informational (the server places an estate by its polygon).
   */
  importable: boolean;
  /** Column width in the XLSX, in characters. */
  widthChars: number;
  /** Excel number format for numeric columns. */
  numFmt?: string;
}

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'code', zh: '小区编号', en: 'Code', aliases: ['编号', '编码', '小区编码', 'code'], kind: 'text', importable: true, widthChars: 12 },
  {
    key: 'name',
    zh: '小区名称',
    en: 'Name',
    aliases: ['小区名', '名称', '小区', '项目名称', '小区（项目）名称', 'name', 'estate', 'estate name', 'community name', 'name_zh'],
    kind: 'text',
    importable: true,
    widthChars: 22,
  },
  { key: 'address', zh: '地址', en: 'Address', aliases: ['小区地址', '详细地址', '坐落', '位置', 'address', 'addr'], kind: 'text', importable: true, widthChars: 24 },
  { key: 'district', zh: '所属区', en: 'District', aliases: ['区', '区县', '县区', '所属区县', '行政区', 'district', 'county'], kind: 'text', importable: false, widthChars: 10 },
  { key: 'subdistrict', zh: '所属街道', en: 'Sub-district', aliases: ['街道', '街道办', '乡镇街道', '街镇', 'subdistrict', 'sub district', 'street', 'jiedao', 'township'], kind: 'text', importable: false, widthChars: 12 },
  { key: 'community', zh: '所属社区', en: 'Community', aliases: ['社区', '社区居委会', '居委会', 'community', 'neighbourhood', 'neighborhood'], kind: 'text', importable: false, widthChars: 14 },
  {
    key: 'yearBuilt',
    zh: '建成年代',
    en: 'Year built',
    aliases: ['建成年份', '建成时间', '建成年', '建设年代', '建成年限', '竣工年份', '竣工时间', 'year built', 'year_built', 'built', 'year', 'construction year'],
    kind: 'year',
    importable: true,
    widthChars: 10,
    numFmt: '0',
  },
  { key: 'buildings', zh: '楼栋数', en: 'Buildings', aliases: ['栋数', '楼栋数量', '幢数', '楼数', '楼栋', 'buildings', 'building count', 'number of buildings'], kind: 'integer', importable: true, widthChars: 8, numFmt: '#,##0' },
  { key: 'households', zh: '户数', en: 'Households', aliases: ['总户数', '住户数', '居民户数', '户', 'households', 'household', 'units', 'hh'], kind: 'integer', importable: true, widthChars: 9, numFmt: '#,##0' },
  {
    key: 'floorAreaM2',
    zh: '建筑面积(㎡)',
    en: 'Floor area (m²)',
    aliases: ['建筑面积', '总建筑面积', '房屋建筑面积', 'floor area', 'floor_area', 'gross floor area', 'gfa', 'building area'],
    kind: 'number',
    importable: true,
    widthChars: 13,
    numFmt: '#,##0.00',
  },
  { key: 'landAreaM2', zh: '占地面积(㎡)', en: 'Land area (m²)', aliases: ['占地面积', '用地面积', '小区占地面积', 'land area', 'land_area', 'site area'], kind: 'number', importable: false, widthChars: 13, numFmt: '#,##0.00' },
  { key: 'propertyType', zh: '产权性质', en: 'Property type', aliases: ['产权类型', '房屋性质', '产权', 'property type', 'tenure'], kind: 'propertyType', importable: true, widthChars: 10 },
  { key: 'originalOwnerUnit', zh: '原产权单位', en: 'Original owner unit', aliases: ['产权单位', '原单位', '原产权单位名称', 'original owner', 'owner unit'], kind: 'text', importable: true, widthChars: 18 },
  { key: 'hasPropertyManagement', zh: '有无物业', en: 'Property management', aliases: ['物业', '物业管理', '有无物业管理', '是否有物业', 'property management', 'management'], kind: 'boolean', importable: true, widthChars: 9 },
  { key: 'hasOwnersCommittee', zh: '有无业委会', en: "Owners' committee", aliases: ['业委会', '业委会/自治小组', '业主委员会', '自治小组', '有无业委会(自治小组)', 'owners committee', "owners' committee"], kind: 'boolean', importable: true, widthChars: 10 },
  { key: 'urgent', zh: '急需改善', en: 'Urgent', aliases: ['基础设施破损严重、急需改善', '基础设施破损严重急需改善', '是否急需改善', '急需改造', 'urgent'], kind: 'boolean', importable: true, widthChars: 9 },
  { key: 'hazardLevel', zh: '危房等级', en: 'Hazard level', aliases: ['危房', '危房鉴定等级', '房屋安全等级', 'hazard', 'hazard level', 'danger level'], kind: 'hazardLevel', importable: true, widthChars: 9 },
  { key: 'willingnessPct', zh: '改造意愿(%)', en: 'Willingness (%)', aliases: ['改造意愿', '居民改造意愿', '同意率', '改造意愿比例', 'willingness', 'approval'], kind: 'percent', importable: true, widthChars: 11 },
  { key: 'eligible', zh: '纳入改造范围', en: 'Eligible', aliases: ['是否纳入改造', '纳入改造', 'eligible', 'eligibility'], kind: 'boolean', importable: false, widthChars: 12 },
  { key: 'eligibilityOverride', zh: '范围调整', en: 'Eligibility override', aliases: ['纳入范围调整', '人工调整', 'override', 'eligibility override'], kind: 'booleanOrNull', importable: true, widthChars: 9 },
  { key: 'eligibilityOverrideReason', zh: '调整理由', en: 'Override reason', aliases: ['调整原因', '范围调整理由', 'override reason', 'eligibility override reason'], kind: 'text', importable: true, widthChars: 18 },
  { key: 'notes', zh: '备注', en: 'Notes', aliases: ['说明', '其他', 'notes', 'note', 'remarks', 'remark', 'comment'], kind: 'text', importable: true, widthChars: 24 },
];

/** The fields an import writes (estate-schema names), in ledger order. */
export const IMPORTABLE_FIELDS: readonly LedgerFieldKey[] = LEDGER_COLUMNS.filter((c) => c.importable).map((c) => c.key);

/** Headers of the geometry column in our exports; `GEOMETRY_COLUMN_ALIASES` are what the import recognises. */
export const WKT_COLUMN_HEADER = { zh: '空间信息(WKT)', en: 'Geometry (WKT)' } as const;
export const GEOMETRY_COLUMN_ALIASES: readonly string[] = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '空间信息', '几何信息', '坐标', 'geometry wkt', 'wkt geometry'];

/** A row number column (序号) that the export writes first and the import ignores. */
export const SEQUENCE_COLUMN_HEADER = { zh: '序号', en: 'No.' } as const;

export const PROPERTY_TYPE_LABELS: Record<PropertyType, { zh: string; en: string }> = {
  housing_reform: { zh: '房改房', en: 'Housing reform' },
  unit_managed: { zh: '单位自管', en: 'Unit managed' },
  commercial: { zh: '商品房', en: 'Commercial' },
  mixed: { zh: '混合', en: 'Mixed' },
};

export const HAZARD_LEVEL_LABELS: Record<HazardLevel, { zh: string; en: string }> = {
  none: { zh: '无', en: 'None' },
  B: { zh: 'B级', en: 'B' },
  C: { zh: 'C级', en: 'C' },
  D: { zh: 'D级', en: 'D' },
};

export const YES_NO_LABELS = { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } } as const;

/** The column of a key. */
export function ledgerColumn(key: LedgerFieldKey): LedgerColumn {
  const column = LEDGER_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`"${key}" is not a ledger column; see LEDGER_FIELD_KEYS.`);
  return column;
}

/** A cell as the export writes it: numbers stay numbers, labels in the chosen language, '' for nothing. */
export type LedgerCell = string | number;

/**
 * One estate's cell for a column, as a planner reads it in Excel (是/否, 房改房, B级 …).
 * The import (map-rows.ts) reads every one of these back to the stored value.
 * @example ledgerCellValue(ledgerColumn('propertyType'), estate.properties) // '房改房'
 */
export function ledgerCellValue(column: LedgerColumn, estate: EstateApiProperties, language: 'zh' | 'en' = 'zh'): LedgerCell {
  const yesNo = (value: boolean): string => YES_NO_LABELS[value ? 'yes' : 'no'][language];
  switch (column.key) {
    case 'yearBuilt':
      return estate.yearBuilt ?? '';
    case 'propertyType':
      return PROPERTY_TYPE_LABELS[estate.propertyType][language];
    case 'hazardLevel':
      return HAZARD_LEVEL_LABELS[estate.hazardLevel][language];
    case 'willingnessPct':
      return estate.willingnessPct ?? '';
    case 'eligibilityOverride':
      return estate.eligibilityOverride === null ? '' : yesNo(estate.eligibilityOverride);
    case 'eligibilityOverrideReason':
      return estate.eligibilityOverrideReason ?? '';
    case 'hasPropertyManagement':
    case 'hasOwnersCommittee':
    case 'urgent':
    case 'eligible':
      return yesNo(estate[column.key]);
    default: {
      const value = estate[column.key];
      return typeof value === 'number' || typeof value === 'string' ? value : '';
    }
  }
}
