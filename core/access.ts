/**
 * Who may do what: the roles of design.md (administrator, planner, designer, leader), the
 * permissions a route can demand, and which role holds which. The server enforces these on every
 * route; the client reads the same table to hide or disable what a role may not do.
 */
import type { Bilingual } from './ledger-fields.js';

export const ROLES = ['admin', 'planner', 'designer', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, Bilingual>> = {
  admin: { zh: '管理员', en: 'Administrator' },
  planner: { zh: '规划人员', en: 'Planner' },
  designer: { zh: '设计人员', en: 'Designer' },
  leader: { zh: '领导', en: 'Leader' },
};

/** What a route may demand, each with the wording the UI uses to say why something is disabled. */
export const PERMISSIONS = {
  'ledger.read': { zh: '查看台账与地图', en: 'view the ledger and the map' },
  'ledger.write': { zh: '编辑小区台账（新增、修改、删除、导入）', en: 'edit the estate ledger (add, change, delete, import)' },
  'zones.write': { zh: '编辑改造片区', en: 'edit renovation zones' },
  'facilities.write': { zh: '编辑配套设施', en: 'edit service facilities' },
  'progress.write': { zh: '填报改造进度与年度计划', en: 'record progress and annual plans' },
  'stages.write': { zh: '设置改造阶段（名称、顺序、颜色）', en: 'set the renovation stages (names, order, colours)' },
  'catalogue.write': { zh: '修改生活圈设施目录（服务半径、是否计入）', en: 'change the life-circle catalogue (radii, which types count)' },
  'analysis.run': { zh: '进行生活圈分析', en: 'run life-circle analysis' },
  'proposals.write': { zh: '编辑设施选址方案', en: 'edit facility proposals' },
  'dashboard.read': { zh: '查看驾驶舱与报表', en: 'view dashboards and reports' },
  'audit.read': { zh: '查看全部操作记录', en: 'browse the whole audit trail' },
  'users.manage': { zh: '管理用户与角色', en: 'manage users and roles' },
} as const satisfies Record<string, Bilingual>;
export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_IDS = Object.keys(PERMISSIONS) as Permission[];

const READ_ALL: readonly Permission[] = ['ledger.read', 'dashboard.read'];

/** The role table: planners edit, designers do facilities and analysis, leaders only read. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSION_IDS,
  planner: [...READ_ALL, 'ledger.write', 'zones.write', 'facilities.write', 'progress.write'],
  designer: [...READ_ALL, 'facilities.write', 'analysis.run', 'proposals.write'],
  leader: READ_ALL,
};

/**
 * What a route declares: a permission, `signed_in` (any account: its own session, sign-out, its
 * own password) or `public` (sign-in and health only — ledger data is never public).
 */
export type Access = Permission | 'signed_in' | 'public';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` holds `permission`. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Whether a signed-in user of `role` passes a route's access (public and signed_in routes admit every role). */
export function roleMeets(role: Role, access: Access): boolean {
  return access === 'public' || access === 'signed_in' || roleCan(role, access);
}
