/**
 * The estate ledger (台账) field registry: every field of the survey ledger (调查摸底情况统计表)
 * defined once — API key, SQL column, value kind, unit, Chinese and English labels, import
 * aliases, export layout and field rule. The SQL column lists, row mapping, zod schema, import
 * field matching, export columns, the client's form, panel and ledger table are derived from it,
 * so a field added here appears everywhere without another edit.
 */
import { z } from 'zod';
import { safeTextSchema } from './safe-text.js';

export const PROPERTY_TYPES = ['housing_reform', 'unit_managed', 'commercial', 'mixed'] as const;
/** 产权性质: 房改房 / 单位自管 / 商品房 / 混合 */
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const HAZARD_LEVELS = ['none', 'B', 'C', 'D'] as const;
/** 危房等级 (none = no dangerous buildings) */
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

export const PROPERTY_TYPE_LABELS: Readonly<Record<PropertyType, Bilingual>> = {
  housing_reform: { zh: '房改房', en: 'Housing reform' },
  unit_managed: { zh: '单位自管', en: 'Unit managed' },
  commercial: { zh: '商品房', en: 'Commercial' },
  mixed: { zh: '混合', en: 'Mixed' },
};

export const HAZARD_LEVEL_LABELS: Readonly<Record<HazardLevel, Bilingual>> = {
  none: { zh: '无', en: 'None' },
  B: { zh: 'B级', en: 'B' },
  C: { zh: 'C级', en: 'C' },
  D: { zh: 'D级', en: 'D' },
};

export const YES_NO_LABELS = { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } } as const;
/** A yes/no choice in a filter. */
export const YES_NO = Object.keys(YES_NO_LABELS) as (keyof typeof YES_NO_LABELS)[];
export type YesNo = keyof typeof YES_NO_LABELS;

/** Earliest construction year the ledger accepts. */
export const MIN_YEAR_BUILT = 1900;

/** How a field's values are typed, stored, written to a cell and read back. */
export type LedgerValueKind =
  'text' | 'integer' | 'number' | 'year' | 'boolean' | 'booleanOrNull' | 'percent' | 'propertyType' | 'hazardLevel';

/**
 * Where a field's value comes from:
 * - `input`: typed by a planner (form, import, API), rules below;
 * - `derived`: computed by PostGIS (land area from the polygon, eligibility from the year);
 * - `unit`: the administrative unit's name, from the polygon's location (informational in files).
 */
export type LedgerFieldSource = 'input' | 'derived' | 'unit';

/** What a rule may depend on: today's year, so tests can pin it. */
export interface RuleContext {
  currentYear: number;
}

export interface LedgerFieldDef {
  /** Property name in the API and the client. */
  key: string;
  /** Column of `estates` (input and derived fields); `null` for unit names (joined). */
  column: string | null;
  kind: LedgerValueKind;
  /** Unit of a numeric value, shown beside it. */
  unit?: 'm2' | 'pct';
  source: LedgerFieldSource;
  /** Header in exported files and label in the UI. */
  label: Bilingual;
  /** Other headers that mean this field (matched after normalisation, core/io/field-matching.ts). */
  aliases: readonly string[];
  /** Required in every record (NOT NULL); all others may be unknown (null). */
  required?: true;
  /** Summed in the ledger totals and the export's 合计 row. */
  totalled?: true;
  /** A long text, edited in a multi-line box. */
  multiline?: true;
  /** The longest text accepted (UTF-16 units), for the rule and the form's maxLength alike. */
  maxChars?: number;
  /** The rule of an input field's known value (null is always allowed unless required). */
  rule?: (context: RuleContext) => z.ZodType;
  /** Column width in the XLSX, in characters. */
  widthChars: number;
  /** Excel number format for numeric columns. */
  numFmt?: string;
}

/**
 * A text field's length limit and rule, declared together so the form's maxLength and the
 * server's rule cannot disagree. Texts PostgreSQL cannot store (NUL, lone surrogates) are refused.
 */
function text(maxChars: number, minChars = 0): { maxChars: number; rule: () => z.ZodType } {
  return { maxChars, rule: () => safeTextSchema(maxChars, minChars) };
}

/** The largest value an `integer` column (int4) holds; every integer rule stays below it. */
export const INT4_MAX = 2_147_483_647;
/** Buildings or households of one estate: far above any real estate, far below INT4_MAX. */
export const MAX_COUNT = 10_000_000;
const count = () => z.number().int().min(0).max(MAX_COUNT);

/** The ledger in the order of the survey table. */
export const LEDGER_FIELDS = [
  {
    key: 'code',
    column: 'code',
    kind: 'text',
    source: 'input',
    label: { zh: '小区编号', en: 'Code' },
    aliases: ['编号', '编码', '小区编码', 'code'],
    ...text(64),
    widthChars: 12,
  },
  {
    key: 'name',
    column: 'name',
    kind: 'text',
    source: 'input',
    label: { zh: '小区名称', en: 'Name' },
    aliases: ['小区名', '名称', '小区', '项目名称', '小区（项目）名称', 'name', 'estate', 'estate name', 'community name', 'name_zh'],
    required: true,
    ...text(200, 1),
    widthChars: 22,
  },
  {
    key: 'address',
    column: 'address',
    kind: 'text',
    source: 'input',
    label: { zh: '地址', en: 'Address' },
    aliases: ['小区地址', '详细地址', '坐落', '位置', 'address', 'addr'],
    ...text(500),
    widthChars: 24,
  },
  {
    key: 'district',
    column: null,
    kind: 'text',
    source: 'unit',
    label: { zh: '所属区', en: 'District' },
    aliases: ['区', '区县', '县区', '所属区县', '行政区', 'district', 'county'],
    widthChars: 10,
  },
  {
    key: 'subdistrict',
    column: null,
    kind: 'text',
    source: 'unit',
    label: { zh: '所属街道', en: 'Sub-district' },
    aliases: ['街道', '街道办', '乡镇街道', '街镇', 'subdistrict', 'sub district', 'street', 'jiedao', 'township'],
    widthChars: 12,
  },
  {
    key: 'community',
    column: null,
    kind: 'text',
    source: 'unit',
    label: { zh: '所属社区', en: 'Community' },
    aliases: ['社区', '社区居委会', '居委会', 'community', 'neighbourhood', 'neighborhood'],
    widthChars: 14,
  },
  {
    key: 'yearBuilt',
    column: 'year_built',
    kind: 'year',
    source: 'input',
    label: { zh: '建成年代', en: 'Year built' },
    aliases: [
      '建成年份',
      '建成时间',
      '建成年',
      '建设年代',
      '建成年限',
      '竣工年份',
      '竣工时间',
      'year built',
      'year_built',
      'built',
      'year',
      'construction year',
    ],
    rule: ({ currentYear }) => z.number().int().min(MIN_YEAR_BUILT).max(currentYear),
    widthChars: 10,
    numFmt: '0',
  },
  {
    key: 'buildings',
    column: 'buildings',
    kind: 'integer',
    source: 'input',
    label: { zh: '楼栋数', en: 'Buildings' },
    aliases: ['栋数', '楼栋数量', '幢数', '楼数', '楼栋', 'buildings', 'building count', 'number of buildings'],
    totalled: true,
    rule: count,
    widthChars: 8,
    numFmt: '#,##0',
  },
  {
    key: 'households',
    column: 'households',
    kind: 'integer',
    source: 'input',
    label: { zh: '户数', en: 'Households' },
    aliases: ['总户数', '住户数', '居民户数', '户', 'households', 'household', 'units', 'hh'],
    totalled: true,
    rule: count,
    widthChars: 9,
    numFmt: '#,##0',
  },
  {
    key: 'floorAreaM2',
    column: 'floor_area_m2',
    kind: 'number',
    unit: 'm2',
    source: 'input',
    label: { zh: '建筑面积(㎡)', en: 'Floor area (m²)' },
    aliases: ['建筑面积', '总建筑面积', '房屋建筑面积', 'floor area', 'floor_area', 'gross floor area', 'gfa', 'building area'],
    totalled: true,
    rule: () => z.number().min(0).max(1e8),
    widthChars: 13,
    numFmt: '#,##0.00',
  },
  {
    key: 'landAreaM2',
    column: 'land_area_m2',
    kind: 'number',
    unit: 'm2',
    source: 'derived',
    label: { zh: '占地面积(㎡)', en: 'Land area (m²)' },
    aliases: ['占地面积', '用地面积', '小区占地面积', 'land area', 'land_area', 'site area'],
    totalled: true,
    widthChars: 13,
    numFmt: '#,##0.00',
  },
  {
    key: 'propertyType',
    column: 'property_type',
    kind: 'propertyType',
    source: 'input',
    label: { zh: '产权性质', en: 'Property type' },
    aliases: ['产权类型', '房屋性质', '产权', 'property type', 'tenure'],
    rule: () => z.enum(PROPERTY_TYPES),
    widthChars: 10,
  },
  {
    key: 'originalOwnerUnit',
    column: 'original_owner_unit',
    kind: 'text',
    source: 'input',
    label: { zh: '原产权单位', en: 'Original owner unit' },
    aliases: ['产权单位', '原单位', '原产权单位名称', 'original owner', 'owner unit'],
    ...text(200),
    widthChars: 18,
  },
  {
    key: 'hasPropertyManagement',
    column: 'has_property_management',
    kind: 'boolean',
    source: 'input',
    label: { zh: '有无物业', en: 'Property management' },
    aliases: ['物业', '物业管理', '有无物业管理', '是否有物业', 'property management', 'management'],
    rule: () => z.boolean(),
    widthChars: 9,
  },
  {
    key: 'hasOwnersCommittee',
    column: 'has_owners_committee',
    kind: 'boolean',
    source: 'input',
    label: { zh: '有无业委会', en: "Owners' committee" },
    aliases: ['业委会', '业委会/自治小组', '业主委员会', '自治小组', '有无业委会(自治小组)', 'owners committee', "owners' committee"],
    rule: () => z.boolean(),
    widthChars: 10,
  },
  {
    key: 'urgent',
    column: 'urgent',
    kind: 'boolean',
    source: 'input',
    label: { zh: '急需改善', en: 'Urgent' },
    aliases: ['基础设施破损严重、急需改善', '基础设施破损严重急需改善', '是否急需改善', '急需改造', 'urgent'],
    rule: () => z.boolean(),
    widthChars: 9,
  },
  {
    key: 'hazardLevel',
    column: 'hazard_level',
    kind: 'hazardLevel',
    source: 'input',
    label: { zh: '危房等级', en: 'Hazard level' },
    aliases: ['危房', '危房鉴定等级', '房屋安全等级', 'hazard', 'hazard level', 'danger level'],
    rule: () => z.enum(HAZARD_LEVELS),
    widthChars: 9,
  },
  {
    key: 'willingnessPct',
    column: 'willingness_pct',
    kind: 'percent',
    unit: 'pct',
    source: 'input',
    label: { zh: '改造意愿(%)', en: 'Willingness (%)' },
    aliases: ['改造意愿', '居民改造意愿', '同意率', '改造意愿比例', 'willingness', 'approval'],
    rule: () => z.number().min(0).max(100),
    widthChars: 11,
  },
  {
    key: 'eligible',
    column: 'eligible',
    kind: 'boolean',
    source: 'derived',
    label: { zh: '纳入改造范围', en: 'Eligible' },
    aliases: ['是否纳入改造', '纳入改造', 'eligible', 'eligibility'],
    widthChars: 12,
  },
  {
    key: 'eligibilityOverride',
    column: 'eligibility_override',
    kind: 'booleanOrNull',
    source: 'input',
    label: { zh: '范围调整', en: 'Eligibility override' },
    aliases: ['纳入范围调整', '人工调整', 'override', 'eligibility override'],
    rule: () => z.boolean(),
    widthChars: 9,
  },
  {
    key: 'eligibilityOverrideReason',
    column: 'eligibility_override_reason',
    kind: 'text',
    source: 'input',
    label: { zh: '调整理由', en: 'Override reason' },
    aliases: ['调整原因', '范围调整理由', 'override reason', 'eligibility override reason'],
    ...text(1000),
    widthChars: 18,
  },
  {
    key: 'notes',
    column: 'notes',
    kind: 'text',
    source: 'input',
    label: { zh: '备注', en: 'Notes' },
    aliases: ['说明', '其他', 'notes', 'note', 'remarks', 'remark', 'comment'],
    ...text(5000),
    multiline: true,
    widthChars: 24,
  },
] as const satisfies readonly LedgerFieldDef[];

export type LedgerField = (typeof LEDGER_FIELDS)[number];
/** A ledger column: an estate property name, or a unit name (district, subdistrict, community). */
export type LedgerFieldKey = LedgerField['key'];
export type InputField = Extract<LedgerField, { source: 'input' }>;
export type TotalledFieldKey = Extract<LedgerField, { totalled: true }>['key'];

export const INPUT_FIELDS: readonly InputField[] = LEDGER_FIELDS.filter((field): field is InputField => field.source === 'input');
export const TOTALLED_FIELD_KEYS: readonly TotalledFieldKey[] = LEDGER_FIELDS.filter((field) => 'totalled' in field).map(
  (field) => field.key as TotalledFieldKey,
);

/** The value type of each kind, as the API carries it (null = unknown). */
interface KindValue {
  text: string;
  integer: number;
  number: number;
  year: number;
  boolean: boolean;
  booleanOrNull: boolean;
  percent: number;
  propertyType: PropertyType;
  hazardLevel: HazardLevel;
}

type ValueOf<F extends LedgerField> = F extends { required: true } ? KindValue[F['kind']] : KindValue[F['kind']] | null;

/** The ledger values a planner types in, each null when unknown (name is always known). */
export type LedgerInputValues = { [F in InputField as F['key']]: ValueOf<F> };

/**
 * The field definition of a key; throws for a key that is not a ledger field.
 * @example ledgerField('households').label.zh // '户数'
 */
export function ledgerField(key: string): LedgerField {
  const field = LEDGER_FIELDS.find((f) => f.key === key);
  if (!field) throw new Error(`"${key}" is not a ledger field; see LEDGER_FIELDS in core/ledger-fields.ts.`);
  return field;
}

/**
 * The longest text a field accepts (the form's maxLength), undefined when it is no typed text.
 * @example maxCharsOf(ledgerField('code')) // 64
 */
export function maxCharsOf(field: LedgerField): number | undefined {
  return 'maxChars' in field ? field.maxChars : undefined;
}

/** Whether a string is a ledger field key. */
export function isLedgerFieldKey(key: string): key is LedgerFieldKey {
  return LEDGER_FIELDS.some((f) => f.key === key);
}

/** Whether a value kind is numeric (summed, right-aligned, formatted with a unit). */
export function isNumericKind(kind: LedgerValueKind): boolean {
  return kind === 'integer' || kind === 'number' || kind === 'year' || kind === 'percent';
}
