/**
 * Every problem code the API answers with — request errors, field rules, geometry rules and import
 * row problems — with its message in Chinese and English. The server sends the code, its params
 * and the English message; the client shows the message of the user's language from this table.
 */
import { isRole, PERMISSIONS, ROLE_LABELS } from './access.js';
import { ledgerField, isLedgerFieldKey, type Bilingual } from './ledger-fields.js';

export type ProblemParams = Readonly<Record<string, string | number | boolean | null | undefined>>;
type Template = (p: ProblemParams) => string;

/** The label of a field named in params.field, in one language (the key itself when not a ledger field). */
function fieldLabel(p: ProblemParams, language: keyof Bilingual): string {
  const key = typeof p.field === 'string' ? p.field : '';
  if (key === '') return language === 'zh' ? '记录' : 'record';
  return isLedgerFieldKey(key) ? ledgerField(key).label[language] : key;
}

function roleText(p: ProblemParams, language: keyof Bilingual): string {
  return isRole(p.role) ? ROLE_LABELS[p.role][language] : str(p.role);
}

function permissionText(p: ProblemParams, language: keyof Bilingual): string {
  const permission = str(p.permission);
  return permission in PERMISSIONS ? PERMISSIONS[permission as keyof typeof PERMISSIONS][language] : permission;
}

/** A stage a problem names: its label as the refusal gave it (`stageZh`, `otherStageEn`, …), else its id. */
function stageText(p: ProblemParams, which: 'stage' | 'otherStage', language: keyof Bilingual): string {
  const label = p[`${which}${language === 'zh' ? 'Zh' : 'En'}`];
  if (typeof label === 'string' && label !== '') return label;
  return str(which === 'stage' ? p.stage : (p.previousStage ?? p.laterStage));
}

const VISION_ZH: Readonly<Record<string, string>> = {
  normal: '正常色觉',
  protanopia: '红色盲',
  deuteranopia: '绿色盲',
  tritanopia: '蓝黄色盲',
};

const zhField: Template = (p) => fieldLabel(p, 'zh');
const enField: Template = (p) => fieldLabel(p, 'en');
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The codes with their messages. Request-level codes first, then field rules, geometry rules, import rows. */
export const PROBLEMS = {
  // Requests
  invalid_request: { zh: (p) => `请求有误：${str(p.detail)}`, en: (p) => `Invalid request: ${str(p.detail)}` },
  invalid_json: { zh: () => '请求内容不是有效的 JSON', en: () => 'The request body is not valid JSON' },
  not_found: { zh: (p) => `${str(p.what)}不存在`, en: (p) => `${str(p.what)} does not exist` },
  no_route: { zh: (p) => `没有这个接口：${str(p.route)}`, en: (p) => `No API route ${str(p.route)}` },
  version_conflict: {
    zh: (p) => `该小区已被他人修改：您编辑的是第 ${str(p.sentVersion)} 版，现在是第 ${str(p.currentVersion)} 版`,
    en: (p) =>
      `The estate was changed by someone else: you edited version ${str(p.sentVersion)}, it is now at version ${str(p.currentVersion)}`,
  },
  overlap: { zh: (p) => `边界与已有小区重叠：${str(p.list)}`, en: (p) => `The polygon overlaps stored estates: ${str(p.list)}` },
  import_rejected: {
    zh: (p) => `${str(p.bad)} / ${str(p.total)} 行有问题，未导入任何数据`,
    en: (p) => `${str(p.bad)} of ${str(p.total)} rows have problems; nothing was imported`,
  },
  unavailable: {
    zh: (p) => `数据库暂时无法连接，请稍后重试（${str(p.reason)}）`,
    en: (p) => `The database cannot be reached; try again shortly (${str(p.reason)})`,
  },
  internal: { zh: () => '服务器内部错误', en: () => 'Internal server error' },
  payload_too_large: {
    zh: (p) => `请求内容过大（上限 ${str(p.limitMb)} MB），请拆分后再试`,
    en: (p) => `The request body is too large (limit ${str(p.limitMb)} MB); split it and try again`,
  },
  unsupported_charset: {
    zh: (p) => `不支持的字符集 ${str(p.charset)}，请使用 UTF-8`,
    en: (p) => `Unsupported charset ${str(p.charset)}; send UTF-8`,
  },
  unsupported_encoding: {
    zh: (p) => `不支持的压缩方式 ${str(p.encoding)}，请使用 gzip 或 deflate`,
    en: (p) => `Unsupported Content-Encoding ${str(p.encoding)}; send gzip, deflate or no encoding`,
  },
  invalid_body_encoding: {
    zh: () => '请求内容的压缩数据已损坏',
    en: () => 'The compressed request body is corrupt',
  },
  invalid_url: { zh: () => '网址中的百分号编码有误', en: () => 'The URL has malformed percent-encoding' },

  // Field rules
  required: { zh: (p) => `${zhField(p)}为必填项`, en: (p) => `${enField(p)} is required` },
  wrong_type: { zh: (p) => `${zhField(p)}应为${str(p.expected)}`, en: (p) => `${enField(p)} must be a ${str(p.expected)}` },
  not_integer: { zh: (p) => `${zhField(p)}应为整数`, en: (p) => `${enField(p)} must be a whole number` },
  too_small: { zh: (p) => `${zhField(p)}不能小于 ${str(p.minimum)}`, en: (p) => `${enField(p)} must be at least ${str(p.minimum)}` },
  too_big: { zh: (p) => `${zhField(p)}不能大于 ${str(p.maximum)}`, en: (p) => `${enField(p)} must be at most ${str(p.maximum)}` },
  too_long: { zh: (p) => `${zhField(p)}最多 ${str(p.maximum)} 个字符`, en: (p) => `${enField(p)}: at most ${str(p.maximum)} characters` },
  not_one_of: { zh: (p) => `${zhField(p)}应为以下之一：${str(p.values)}`, en: (p) => `${enField(p)} must be one of ${str(p.values)}` },
  unknown_property: { zh: (p) => `未知字段：${str(p.keys)}`, en: (p) => `Unknown property: ${str(p.keys)}` },
  reason_required: { zh: () => '调整纳入范围时必须填写调整理由', en: () => 'An eligibility override needs its reason' },
  code_taken: {
    zh: (p) => `小区编号"${str(p.code)}"已被${p.row !== undefined ? `第 ${str(p.row)} 行` : `小区 ${str(p.name)}（id ${str(p.id)}）`}使用`,
    en: (p) =>
      `Code "${str(p.code)}" is already used by ${p.row !== undefined ? `row ${str(p.row)}` : `estate ${str(p.name)} (id ${str(p.id)})`}`,
  },
  unknown_unit: {
    zh: (p) => `${zhField(p)}：不存在编码为"${str(p.code)}"的单位`,
    en: (p) => `${enField(p)}: no unit with code "${str(p.code)}"`,
  },
  unsafe_text: {
    zh: (p) => `${zhField(p)}含有无法保存的字符（空字符或不成对的代理字符）`,
    en: (p) => `${enField(p)} contains characters that cannot be stored (a NUL or an unpaired surrogate)`,
  },
  not_a_value: { zh: (p) => `${zhField(p)}：无法识别"${str(p.value)}"`, en: (p) => `${enField(p)}: cannot read "${str(p.value)}"` },

  // Geometry rules (PostGIS, migration 003)
  invalid_geometry: { zh: (p) => `几何图形无效：${str(p.reason)}`, en: (p) => `Invalid geometry: ${str(p.reason)}` },
  wrong_geometry_type: {
    zh: (p) => `小区边界应为面（Polygon/MultiPolygon），而不是 ${str(p.type)}`,
    en: (p) => `An estate must be a Polygon or MultiPolygon, not a ${str(p.type)}`,
  },
  empty_geometry: { zh: () => '没有边界（几何为空）', en: () => 'The feature has no geometry' },
  coordinates_out_of_range: {
    zh: () => '坐标不是经纬度（经度 -180…180，纬度 -90…90）；文件是否为投影坐标且缺少 .prj？',
    en: () => 'Coordinates are not longitude/latitude (-180…180, -90…90); is the file projected without a .prj?',
  },
  too_many_vertices: { zh: (p) => `顶点过多（最多 ${str(p.maximum)} 个）`, en: (p) => `Too many vertices (at most ${str(p.maximum)})` },
  invalid_coordinates: {
    zh: (p) => `坐标 ${str(p.path)} 应为 2 或 3 个有限数字 [经度, 纬度]，而不是 ${str(p.value)}`,
    en: (p) => `Position ${str(p.path)} must be 2 or 3 finite numbers [longitude, latitude], not ${str(p.value)}`,
  },
  unclosed_ring: {
    zh: (p) => `环 ${str(p.path)} 未闭合：最后一个点应与第一个点相同`,
    en: (p) => `Ring ${str(p.path)} is not closed: its last position must repeat the first`,
  },
  unsupported_crs: {
    zh: (p) => `不支持的坐标系"${str(p.crs)}"：GeoJSON 应为 WGS84 经纬度（CRS84 / EPSG:4326），请先转换`,
    en: (p) =>
      `Unsupported coordinate system "${str(p.crs)}": GeoJSON must be WGS84 longitude/latitude (CRS84 / EPSG:4326); convert it first`,
  },
  area_too_small: {
    zh: (p) => `小区面积 ${str(p.areaM2)} ㎡ 过小（至少 ${str(p.minimumM2)} ㎡）；是否为碎片或坐标错误？`,
    en: (p) =>
      `The estate's area is ${str(p.areaM2)} m², below the minimum of ${str(p.minimumM2)} m²; is it a sliver or a coordinate error?`,
  },
  area_too_large: {
    zh: (p) => `小区面积 ${str(p.areaM2)} ㎡ 过大（至多 ${str(p.maximumM2)} ㎡）；坐标是否有误？`,
    en: (p) => `The estate's area is ${str(p.areaM2)} m², above the maximum of ${str(p.maximumM2)} m²; are the coordinates wrong?`,
  },

  // Import rows
  missing_name: { zh: () => '缺少小区名称', en: () => 'The estate has no name' },
  invalid_field: {
    zh: (p) => ruleText(p, 'zh') ?? `${zhField(p)}：${str(p.detail)}`,
    en: (p) => ruleText(p, 'en') ?? `${enField(p)}: ${str(p.detail)}`,
  },
  overlap_existing: { zh: (p) => `与已有小区重叠：${str(p.list)}`, en: (p) => `Overlaps stored estates: ${str(p.list)}` },
  overlap_in_file: {
    zh: (p) => `与文件第 ${str(p.otherIndex)} 行重叠 ${str(p.overlapM2)} ㎡`,
    en: (p) => `Overlaps row ${str(p.otherIndex)} by ${str(p.overlapM2)} m²`,
  },
  duplicate: {
    zh: (p) => `已有同名小区"${str(p.name)}"${p.distanceM === 0 ? '与其重叠' : `，相距 ${str(p.distanceM)} 米`}（id ${str(p.id)}）`,
    en: (p) =>
      `An estate named ${str(p.name)} already exists ${p.distanceM === 0 ? 'overlapping it' : `${str(p.distanceM)} m away`} (id ${str(p.id)})`,
  },

  // Accounts and permissions (issue 7)
  unauthenticated: { zh: () => '请先登录', en: () => 'Please sign in first' },
  session_expired: { zh: () => '登录已过期，请重新登录', en: () => 'Your session has expired; please sign in again' },
  invalid_credentials: { zh: () => '用户名或密码不正确', en: () => 'Wrong username or password' },
  invalid_token: { zh: () => 'API 令牌无效、已过期或已撤销', en: () => 'The API token is invalid, expired or revoked' },
  too_many_attempts: {
    zh: (p) => `登录失败次数过多，请 ${str(p.retryAfterMinutes)} 分钟后再试`,
    en: (p) => `Too many failed sign-ins; try again in ${str(p.retryAfterMinutes)} min`,
  },
  forbidden: {
    zh: (p) => `您的角色（${roleText(p, 'zh')}）无权${permissionText(p, 'zh')}`,
    en: (p) => `Your role (${roleText(p, 'en')}) may not ${permissionText(p, 'en')}`,
  },
  csrf_failed: {
    zh: () => '请求缺少有效的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试',
    en: () => 'The request lacks a valid CSRF token (X-CSRF-Token); reload the page and try again',
  },
  username_taken: { zh: (p) => `用户名"${str(p.username)}"已被使用`, en: (p) => `The username "${str(p.username)}" is taken` },
  last_admin: {
    zh: () => '至少要保留一个启用的管理员账号',
    en: () => 'At least one enabled administrator account must remain',
  },
  // Zones (片区, core/zones)
  zone_needs_estates: { zh: () => '片区至少要包含一个小区', en: () => 'A zone needs at least one estate' },
  unknown_estates: { zh: (p) => `以下小区不存在：${str(p.ids)}`, en: (p) => `These estates do not exist: ${str(p.ids)}` },
  zone_estate_taken: {
    zh: (p) => `小区"${str(p.estateName)}"已属于片区"${str(p.zoneName)}"（id ${str(p.zoneId)}），一个小区只能属于一个片区`,
    en: (p) =>
      `Estate "${str(p.estateName)}" already belongs to zone "${str(p.zoneName)}" (id ${str(p.zoneId)}); an estate can be in one zone only`,
  },
  zone_name_taken: {
    zh: (p) => `片区名称"${str(p.name)}"已被使用（id ${str(p.id)}）`,
    en: (p) => `The zone name "${str(p.name)}" is already used (id ${str(p.id)})`,
  },
  zone_disconnected: {
    zh: (p) => `片区内的小区不连片：按 ${str(p.gapM)} 米相邻间距分成 ${str(p.parts)} 组（${str(p.list)}）；确需跨越时请填写理由后保存`,
    en: (p) =>
      `The zone's estates are not connected: with a ${str(p.gapM)} m neighbour gap they fall into ${str(p.parts)} groups (${str(p.list)}); give a reason to accept a split zone`,
  },
  no_road_network: {
    zh: () => '没有道路数据，无法按步行路网计算；请导入道路或改用直线距离',
    en: () => 'There are no roads to walk along; import a road network or use straight-line distances',
  },
  facility_version_conflict: {
    zh: (p) => `该设施已被他人修改：您编辑的是第 ${str(p.sentVersion)} 版，现在是第 ${str(p.currentVersion)} 版`,
    en: (p) =>
      `The facility was changed by someone else: you edited version ${str(p.sentVersion)}, it is now at version ${str(p.currentVersion)}`,
  },
  gate_too_far: {
    zh: (p) => `出入口应在小区边界上或 ${str(p.maximumM)} 米以内，此处距边界 ${str(p.distanceM)} 米`,
    en: (p) => `A gate must lie on the estate's boundary or within ${str(p.maximumM)} m of it; this point is ${str(p.distanceM)} m away`,
  },
  zone_too_many_households: {
    zh: (p) => `片区共 ${str(p.households)} 户，超过每个片区 ${str(p.maximum)} 户的上限`,
    en: (p) => `The zone has ${str(p.households)} households, above the cap of ${str(p.maximum)} per zone`,
  },
  zone_too_many_estates: {
    zh: (p) => `片区含 ${str(p.estates)} 个小区，超过每个片区 ${str(p.maximum)} 个的上限`,
    en: (p) => `The zone has ${str(p.estates)} estates, above the cap of ${str(p.maximum)} per zone`,
  },
  zone_mixed_subdistricts: {
    zh: (p) => `片区内小区分属不同街道（${str(p.list)}），本市要求同一片区在同一街道内`,
    en: (p) => `The zone's estates lie in different sub-districts (${str(p.list)}); this city keeps each zone within one sub-district`,
  },
  zone_boundary_misses_estates: {
    zh: (p) => `片区范围没有包含以下成员小区：${str(p.list)}`,
    en: (p) => `The zone boundary does not contain these member estates: ${str(p.list)}`,
  },
  zone_version_conflict: {
    zh: (p) => `该片区已被他人修改：您编辑的是第 ${str(p.sentVersion)} 版，现在是第 ${str(p.currentVersion)} 版`,
    en: (p) =>
      `The zone was changed by someone else: you edited version ${str(p.sentVersion)}, it is now at version ${str(p.currentVersion)}`,
  },
  zone_member_change_refused: {
    zh: (p) =>
      `小区"${str(p.estateName)}"属于片区"${str(p.zoneName)}"：${p.why === 'last' ? '它是片区唯一的小区，请先删除片区' : p.why === 'boundary' ? '修改后的边界超出了片区范围，请先调整片区范围' : '修改后片区将不再连片，请先从片区中移出该小区'}`,
    en: (p) =>
      `Estate "${str(p.estateName)}" belongs to zone "${str(p.zoneName)}": ${p.why === 'last' ? 'it is the zone’s only estate; delete the zone first' : p.why === 'boundary' ? 'the new outline leaves the zone boundary; adjust the zone boundary first' : 'the zone would no longer be connected; remove the estate from the zone first'}`,
  },
  // Zones in an import (片区 column): the zone rule the file's group of estates breaks, named by `rule`.
  zone_refused: {
    zh: (p) => `片区"${str(p.zone)}"无法随导入创建：${zoneRuleText(p, 'zh')}`,
    en: (p) => `Zone "${str(p.zone)}" cannot be created with this import: ${zoneRuleText(p, 'en')}`,
  },
  zone_name_invalid: {
    zh: (p) => `片区名称无效：最多 ${str(p.maximum)} 个字符，且不能含空字符或不成对的代理字符`,
    en: (p) => `Invalid zone name: at most ${str(p.maximum)} characters, without NUL or unpaired surrogates`,
  },
  // Programme progress (core/programme/progress-history.ts)
  plan_version_conflict: {
    zh: (p) => `该年度计划已被他人修改：您编辑的是第 ${str(p.sentVersion)} 版，现在是第 ${str(p.currentVersion)} 版`,
    en: (p) =>
      `The annual plan was changed by someone else: you edited version ${str(p.sentVersion)}, it is now at version ${str(p.currentVersion)}`,
  },
  estate_in_other_plan: {
    zh: (p) => `以下小区已列入其他年度计划：${str(p.ids)}`,
    en: (p) => `These estates are already in another year's plan: ${str(p.ids)}`,
  },
  stage_unknown: {
    zh: (p) => `没有"${str(p.stage)}"这个阶段；现有阶段：${str(p.stages)}`,
    en: (p) => `There is no stage "${str(p.stage)}"; the stages are ${str(p.stages)}`,
  },
  // The stage catalogue (core/programme/stages.ts)
  stage_count: {
    zh: (p) => `阶段数应在 3 到 ${str(p.max)} 个之间，现为 ${str(p.count)} 个`,
    en: (p) => `There must be 3 to ${str(p.max)} stages, not ${str(p.count)}`,
  },
  stage_name_missing: {
    zh: (p) => `第 ${str(p.position)} 个阶段缺少中文或英文名称`,
    en: (p) => `Stage ${str(p.position)} needs both a Chinese and an English name`,
  },
  stage_duplicate: { zh: (p) => `阶段"${str(p.stage)}"重复`, en: (p) => `The stage "${str(p.stage)}" appears twice` },
  stage_anchor_missing: {
    zh: (p) => `阶段"${str(p.stage)}"不能删除：开工率、竣工数等指标依赖它`,
    en: (p) => `The stage "${str(p.stage)}" cannot be removed: start and completion figures depend on it`,
  },
  stage_anchor_order: {
    zh: (p) => `阶段顺序有误："未纳入"必须排第一，"施工"必须在"竣工验收"之前（"${str(p.stage)}"的位置不对）`,
    en: (p) => `Wrong stage order: "not in programme" comes first and "construction" before "completed" ("${str(p.stage)}" is misplaced)`,
  },
  stage_palette_too_close: {
    zh: (p) =>
      `阶段"${str(p.aZh ?? p.a)}"与"${str(p.bZh ?? p.b)}"的颜色在${VISION_ZH[str(p.vision)] ?? str(p.vision)}下难以区分（色差 ΔE ${str(p.deltaE)}，至少需要 ${str(p.min)}），请换一种颜色`,
    en: (p) =>
      `The colours of "${str(p.aEn ?? p.a)}" and "${str(p.bEn ?? p.b)}" are too close under ${str(p.vision)} vision (ΔE ${str(p.deltaE)}, at least ${str(p.min)} needed); pick another colour`,
  },
  stage_in_use: {
    zh: (p) => `阶段"${str(p.stage)}"已有 ${str(p.entries)} 条进度记录使用，不能删除`,
    en: (p) => `The stage "${str(p.stage)}" is used by ${str(p.entries)} progress entries and cannot be removed`,
  },
  stages_version_conflict: {
    zh: (p) => `阶段设置已被他人修改：您编辑的是第 ${str(p.sentVersion)} 版，现在是第 ${str(p.currentVersion)} 版`,
    en: (p) =>
      `The stage settings were changed by someone else: you edited version ${str(p.sentVersion)}, it is now at version ${str(p.currentVersion)}`,
  },
  progress_pct_out_of_range: {
    zh: (p) => `形象进度应在 0 到 100% 之间，收到的是 ${str(p.progressPct)}`,
    en: (p) => `Physical progress must be between 0 and 100 %, not ${str(p.progressPct)}`,
  },
  progress_date_future: {
    zh: (p) => `进度日期 ${str(p.date)} 晚于今天（${str(p.today)}），不能填报未来的进度`,
    en: (p) => `The progress date ${str(p.date)} is after today (${str(p.today)}); progress cannot be recorded ahead`,
  },
  stage_backwards: {
    zh: (p) =>
      `阶段不能倒退：${str(p.previousDate)} 已是"${stageText(p, 'otherStage', 'zh')}"，不能填报"${stageText(p, 'stage', 'zh')}"；如属填报错误，请更正原记录并说明理由`,
    en: (p) =>
      `The stage cannot go backwards: on ${str(p.previousDate)} it was already "${stageText(p, 'otherStage', 'en')}", so "${stageText(p, 'stage', 'en')}" needs a correction of that entry with a reason`,
  },
  stage_overtakes_later: {
    zh: (p) =>
      `补填的阶段"${stageText(p, 'stage', 'zh')}"超过了之后 ${str(p.laterDate)} 记录的"${stageText(p, 'otherStage', 'zh')}"；请更正之后的记录`,
    en: (p) =>
      `The back-dated stage "${stageText(p, 'stage', 'en')}" is ahead of "${stageText(p, 'otherStage', 'en')}" recorded later on ${str(p.laterDate)}; correct that entry instead`,
  },
  correction_target_invalid: {
    zh: (p) => `无法更正第 ${str(p.corrects)} 条记录：${p.why === 'missing' ? '该小区没有这条记录' : '它已被更正过'}`,
    en: (p) =>
      `Entry ${str(p.corrects)} cannot be corrected: ${p.why === 'missing' ? 'the estate has no such entry' : 'it has already been corrected'}`,
  },
  correction_reason_required: {
    zh: (p) => `更正第 ${str(p.corrects)} 条记录时必须在备注中说明理由`,
    en: (p) => `A correction of entry ${str(p.corrects)} needs its reason in the note`,
  },
  record_date_future: {
    zh: (p) => `日期 ${str(p.date)} 晚于今天（${str(p.today)}），只能记录已发生的金额`,
    en: (p) => `The date ${str(p.date)} is after today (${str(p.today)}); only amounts already planned or received can be recorded`,
  },
  progress_refused_for_member: {
    zh: (p) => `片区成员"${str(p.estateName)}"：${str(p.reasonZh)}`,
    en: (p) => `Zone member "${str(p.estateName)}": ${str(p.reasonEn)}`,
  },
} as const satisfies Record<string, { zh: Template; en: Template }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** An import row's invalid_field names the field rule it broke (`params.rule`): word it as that rule. */
function ruleText(p: ProblemParams, language: keyof Bilingual): string | null {
  const rule = p.rule;
  if (typeof rule !== 'string' || rule === 'invalid_field' || !isProblemCode(rule)) return null;
  return PROBLEMS[rule][language](p);
}

/** A zone_refused problem words the zone rule it names (`params.rule`), or gives `params.detail`. */
function zoneRuleText(p: ProblemParams, language: keyof Bilingual): string {
  const rule = p.rule;
  if (typeof rule !== 'string' || rule === 'zone_refused' || !isProblemCode(rule)) return str(p.detail);
  return PROBLEMS[rule][language](p);
}

export const GEOMETRY_PROBLEM_CODES = [
  'invalid_geometry',
  'wrong_geometry_type',
  'empty_geometry',
  'coordinates_out_of_range',
  'too_many_vertices',
  'invalid_coordinates',
  'unclosed_ring',
  'unsupported_crs',
  'area_too_small',
  'area_too_large',
] as const satisfies readonly ProblemCode[];
export type GeometryProblemCode = (typeof GEOMETRY_PROBLEM_CODES)[number];

/** Problems of one import row. */
export const IMPORT_ROW_PROBLEM_CODES = [
  ...GEOMETRY_PROBLEM_CODES,
  'missing_name',
  'invalid_field',
  'overlap_existing',
  'overlap_in_file',
  'duplicate',
  'zone_refused',
  'zone_name_invalid',
] as const satisfies readonly ProblemCode[];
export type ImportRowProblemCode = (typeof IMPORT_ROW_PROBLEM_CODES)[number];

/** The short tag of each import row problem in the preview table (the full wording is PROBLEMS). */
export const IMPORT_ROW_PROBLEM_LABELS: Readonly<Record<ImportRowProblemCode, Bilingual>> = {
  invalid_geometry: { zh: '几何无效', en: 'Invalid geometry' },
  empty_geometry: { zh: '无几何', en: 'No geometry' },
  wrong_geometry_type: { zh: '非面要素', en: 'Not a polygon' },
  coordinates_out_of_range: { zh: '坐标超出范围', en: 'Coordinates out of range' },
  too_many_vertices: { zh: '节点过多', en: 'Too many vertices' },
  invalid_coordinates: { zh: '坐标无效', en: 'Invalid coordinates' },
  unclosed_ring: { zh: '环未闭合', en: 'Unclosed ring' },
  unsupported_crs: { zh: '坐标系不支持', en: 'Unsupported CRS' },
  area_too_small: { zh: '面积过小', en: 'Area too small' },
  area_too_large: { zh: '面积过大', en: 'Area too large' },
  missing_name: { zh: '缺少名称', en: 'No name' },
  invalid_field: { zh: '字段值无效', en: 'Invalid value' },
  overlap_existing: { zh: '与现有小区重叠', en: 'Overlaps an estate' },
  overlap_in_file: { zh: '与文件内其他行重叠', en: 'Overlaps another row' },
  duplicate: { zh: '与现有小区重复', en: 'Duplicate' },
  zone_refused: { zh: '片区不符合规则', en: 'Zone rule' },
  zone_name_invalid: { zh: '片区名称无效', en: 'Invalid zone name' },
};

export function isImportRowProblemCode(code: string): code is ImportRowProblemCode {
  return (IMPORT_ROW_PROBLEM_CODES as readonly string[]).includes(code);
}

/** Codes a field rule gives (FieldIssue.code). */
export type FieldProblemCode = Extract<
  ProblemCode,
  | 'invalid_credentials'
  | 'required'
  | 'wrong_type'
  | 'not_integer'
  | 'too_small'
  | 'too_big'
  | 'too_long'
  | 'not_one_of'
  | 'unsafe_text'
  | 'unknown_property'
  | 'reason_required'
  | 'code_taken'
  | 'unknown_unit'
  | 'not_a_value'
>;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEMS, code);
}

/**
 * A problem's message in one language; an unknown code falls back to `fallback` (the server's English message).
 * @example problemMessage('required', { field: 'name' }, 'zh') // '小区名称为必填项'
 */
export function problemMessage(code: string, params: ProblemParams, language: keyof Bilingual, fallback = code): string {
  return isProblemCode(code) ? PROBLEMS[code][language](params) : fallback;
}
