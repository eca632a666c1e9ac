/**
 * The stages of a renovation project (项目阶段, design.md §5), in order, with their labels and
 * map colours. An estate's stage is never typed into the ledger: it is derived from its progress
 * history (progress-history.ts).
 *
 * An administrator may rename, recolour, reorder, add and remove stages (PUT /api/stages). Three
 * stages carry meaning the figures depend on and always exist, in this order: `not_in_programme`
 * (an estate without history, first), `construction` (开工: "started" is this stage or later) and
 * `completed` (竣工: "completed" is this stage or later). Colours keep the palette rule of
 * palette-rules.ts, for colour-blind viewers too.
 */
import { z } from 'zod';
import type { Bilingual } from '../ledger-fields.js';
import { HEX_COLOUR, MIN_STAGE_DELTA_E, paletteConflicts, type PaletteConflict } from '../palette-rules.js';
import { safeTextSchema } from '../safe-text.js';

/** A stage id: the default ones below or an administrator's (`tendering`, …). */
export type StageId = string;

export interface StageDefinition {
  id: StageId;
  label: Bilingual;
  /** Fill colour on the map, `#rrggbb`. */
  colour: string;
}

/** The stage of an estate with no progress entry. */
export const DEFAULT_STAGE = 'not_in_programme';
/** 开工: "started" means this stage or a later one. */
export const STARTED_STAGE = 'construction';
/** 竣工: "completed" means this stage or a later one. */
export const COMPLETED_STAGE = 'completed';
/** The stages an administrator cannot remove, in the order they must keep. */
export const ANCHOR_STAGES = [DEFAULT_STAGE, STARTED_STAGE, COMPLETED_STAGE] as const;

/**
 * design.md §5. Okabe–Ito hues, nudged until every pair, drawn over the land, differs by ΔE00 ≥ 16
 * under normal vision and simulated protanopia, deuteranopia and tritanopia (the rule asks for 15);
 * a light grey for estates outside the programme.
 */
export const DEFAULT_STAGES: readonly StageDefinition[] = [
  { id: 'not_in_programme', label: { zh: '未纳入', en: 'Not in programme' }, colour: '#c8c8c8' },
  { id: 'reserve', label: { zh: '储备', en: 'Reserve' }, colour: '#fddb15' },
  { id: 'planned', label: { zh: '计划', en: 'Planned' }, colour: '#2bd3fe' },
  { id: 'design', label: { zh: '方案设计', en: 'Design' }, colour: '#9f769e' },
  { id: 'approved', label: { zh: '立项审批', en: 'Approved' }, colour: '#1351d3' },
  { id: 'construction', label: { zh: '施工', en: 'Construction' }, colour: '#da7201' },
  { id: 'completed', label: { zh: '竣工验收', en: 'Completed' }, colour: '#039b6a' },
  { id: 'handed_over', label: { zh: '移交管理', en: 'Handed over' }, colour: '#03314d' },
];

export const MAX_STAGES = 12;

/** One stage as an administrator sends it. */
export const stageDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a stage id is 2–40 lower-case letters, digits or _, starting with a letter'),
    label: z
      .object({
        zh: safeTextSchema(20).refine((t) => t.trim() !== '', 'a stage needs a Chinese name'),
        en: safeTextSchema(40).refine((t) => t.trim() !== '', 'a stage needs an English name'),
      })
      .strict(),
    colour: z.string().regex(HEX_COLOUR, 'a colour is written #rrggbb'),
  })
  .strict();

/** Why a stage list cannot be the catalogue (a 422 problem), or null when it can. */
export type StageListRefusal =
  | { code: 'stage_count'; params: { count: number; max: number } }
  | { code: 'stage_name_missing'; params: { position: number } }
  | { code: 'stage_duplicate'; params: { stage: string } }
  | { code: 'stage_anchor_missing'; params: { stage: string } }
  | { code: 'stage_anchor_order'; params: { stage: string; after: string } }
  | {
      code: 'stage_palette_too_close';
      params: Omit<PaletteConflict, 'deltaE'> & { deltaE: number; min: number; aZh: string; aEn: string; bZh: string; bEn: string };
    };

/**
 * The rules of a stage list: 3 to MAX_STAGES stages, each named in both languages, ids and names unique, the anchor stages present
 * and in order (`not_in_programme` first), colours apart for every viewer.
 * @example stageListRefusal(DEFAULT_STAGES) // null
 */
export function stageListRefusal(stages: readonly StageDefinition[], minDeltaE?: number): StageListRefusal | null {
  if (stages.length < ANCHOR_STAGES.length || stages.length > MAX_STAGES)
    return { code: 'stage_count', params: { count: stages.length, max: MAX_STAGES } };
  const unnamed = stages.findIndex((s) => s.label.zh.trim() === '' || s.label.en.trim() === '');
  if (unnamed >= 0) return { code: 'stage_name_missing', params: { position: unnamed + 1 } };
  const seen = new Set<string>();
  for (const stage of stages) {
    for (const key of [stage.id, `zh:${stage.label.zh.trim()}`, `en:${stage.label.en.trim().toLowerCase()}`]) {
      if (seen.has(key)) return { code: 'stage_duplicate', params: { stage: key.replace(/^(zh|en):/, '') } };
      seen.add(key);
    }
  }
  let previous = -1;
  for (const anchor of ANCHOR_STAGES) {
    const at = stages.findIndex((s) => s.id === anchor);
    if (at < 0) return { code: 'stage_anchor_missing', params: { stage: anchor } };
    if (at <= previous || (anchor === DEFAULT_STAGE && at !== 0))
      return { code: 'stage_anchor_order', params: { stage: anchor, after: stages[previous]?.id ?? '' } };
    previous = at;
  }
  const closest = paletteConflicts(stages, minDeltaE)[0];
  if (closest) {
    const a = stages.find((s) => s.id === closest.a)!.label;
    const b = stages.find((s) => s.id === closest.b)!.label;
    const deltaE = Math.round(closest.deltaE * 10) / 10;
    return {
      code: 'stage_palette_too_close',
      params: { ...closest, deltaE, min: minDeltaE ?? MIN_STAGE_DELTA_E, aZh: a.zh, aEn: a.en, bZh: b.zh, bEn: b.en },
    };
  }
  return null;
}

/**
 * The stage list in force, with the order arithmetic every figure uses. Build it from a list that
 * passed `stageListRefusal`.
 */
export class StageCatalogue {
  readonly stages: readonly StageDefinition[];
  readonly ids: readonly StageId[];
  private readonly rankById: ReadonlyMap<StageId, number>;

  constructor(stages: readonly StageDefinition[]) {
    this.stages = stages;
    this.ids = stages.map((s) => s.id);
    this.rankById = new Map(stages.map((s, i) => [s.id, i]));
  }

  /** The stages after "not in programme": the funnel's steps and the choices of a progress entry. */
  get programmeStages(): readonly StageDefinition[] {
    return this.stages.filter((s) => s.id !== DEFAULT_STAGE);
  }

  has(id: unknown): id is StageId {
    return typeof id === 'string' && this.rankById.has(id);
  }

  /** Position in the programme's order (0 = not in programme); an unknown id ranks before every stage. */
  rank(id: StageId): number {
    return this.rankById.get(id) ?? -1;
  }

  /** The stage's definition; an id no longer in the list reads as itself in grey. */
  definition(id: StageId): StageDefinition {
    return this.stages[this.rank(id)] ?? { id, label: { zh: id, en: id }, colour: '#999999' };
  }

  label(id: StageId, language: keyof Bilingual): string {
    return this.definition(id).label[language];
  }

  /**
   * @example DEFAULT_STAGE_CATALOGUE.isStarted('approved') // false
   * @example DEFAULT_STAGE_CATALOGUE.isStarted('completed') // true
   */
  isStarted(id: StageId): boolean {
    return this.rank(id) >= this.rank(STARTED_STAGE);
  }

  isCompleted(id: StageId): boolean {
    return this.rank(id) >= this.rank(COMPLETED_STAGE);
  }

  /**
   * A zone's stage: its least advanced member's (the zone is done when every member is).
   * @example DEFAULT_STAGE_CATALOGUE.leastAdvanced(['completed', 'design']) // 'design'
   */
  leastAdvanced(stages: readonly StageId[]): StageId {
    return (
      stages.reduce<StageId | null>((least, s) => (least === null || this.rank(s) < this.rank(least) ? s : least), null) ?? DEFAULT_STAGE
    );
  }
}

export const DEFAULT_STAGE_CATALOGUE = new StageCatalogue(DEFAULT_STAGES);
