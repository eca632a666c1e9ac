/**
 * The stages of a renovation project (项目阶段, design.md §5), in order, with their labels and
 * map colours. An estate's stage is never typed into the ledger: it is derived from its progress
 * history (progress-history.ts). The palette is checked under protan, deutan and tritan
 * simulation in tests/unit/stage-palette.test.ts.
 */
import type { Bilingual } from '../ledger-fields.js';

export const STAGE_IDS = [
  'not_in_programme',
  'reserve',
  'planned',
  'design',
  'approved',
  'construction',
  'completed',
  'handed_over',
] as const;
export type StageId = (typeof STAGE_IDS)[number];

export interface StageDefinition {
  id: StageId;
  label: Bilingual;
  /** Fill colour on the map, `#rrggbb`. */
  colour: string;
}

/**
 * Okabe–Ito hues, nudged until every pair, drawn over the land, differs by ΔE00 ≥ 16 under
 * normal vision and simulated protanopia, deuteranopia and tritanopia (the test asks for 15);
 * a light grey for estates outside the programme.
 */
export const STAGES: readonly StageDefinition[] = [
  { id: 'not_in_programme', label: { zh: '未纳入', en: 'Not in programme' }, colour: '#c8c8c8' },
  { id: 'reserve', label: { zh: '储备', en: 'Reserve' }, colour: '#fddb15' },
  { id: 'planned', label: { zh: '计划', en: 'Planned' }, colour: '#2bd3fe' },
  { id: 'design', label: { zh: '方案设计', en: 'Design' }, colour: '#9f769e' },
  { id: 'approved', label: { zh: '立项审批', en: 'Approved' }, colour: '#1351d3' },
  { id: 'construction', label: { zh: '施工', en: 'Construction' }, colour: '#da7201' },
  { id: 'completed', label: { zh: '竣工验收', en: 'Completed' }, colour: '#039b6a' },
  { id: 'handed_over', label: { zh: '移交管理', en: 'Handed over' }, colour: '#03314d' },
];

/** The stage of an estate with no progress entry. */
export const DEFAULT_STAGE: StageId = 'not_in_programme';
/** 开工: "started" means this stage or a later one. */
export const STARTED_STAGE: StageId = 'construction';
/** 竣工: "completed" means this stage or a later one. */
export const COMPLETED_STAGE: StageId = 'completed';

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

/** Position of a stage in the programme's order (0 = not in programme). */
export function stageRank(stage: StageId): number {
  return STAGE_IDS.indexOf(stage);
}

export function stageDefinition(stage: StageId): StageDefinition {
  return STAGES[stageRank(stage)]!;
}

/**
 * @example isStarted('approved') // false
 * @example isStarted('completed') // true
 */
export function isStarted(stage: StageId): boolean {
  return stageRank(stage) >= stageRank(STARTED_STAGE);
}

export function isCompleted(stage: StageId): boolean {
  return stageRank(stage) >= stageRank(COMPLETED_STAGE);
}

/**
 * A zone's stage: its least advanced member's (the zone is done when every member is).
 * @example leastAdvanced(['completed', 'design']) // 'design'
 */
export function leastAdvanced(stages: readonly StageId[]): StageId {
  return (
    stages.reduce<StageId | null>((least, s) => (least === null || stageRank(s) < stageRank(least) ? s : least), null) ?? DEFAULT_STAGE
  );
}
