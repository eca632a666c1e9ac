/**
 * Progress history (进度填报, design.md §5): dated entries appended and kept forever. The state of
 * an estate on any date is derived here, from its history — the map, the dashboard, the report and
 * the time replay all call `statesAsOf`, so they agree by construction.
 *
 * A correction is an entry naming the entry it corrects: the corrected entry no longer counts, on
 * any date, and the correction takes its place at the correction's own date. Replaying a past date
 * therefore shows the corrected history, not the mistake.
 */
import { z } from 'zod';
import { safeTextSchema } from '../safe-text.js';
import { DEFAULT_STAGE, type StageCatalogue, type StageId } from './stages.js';

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'no such calendar date');
export type IsoDate = string;

/** What a planner sends to record progress: for one estate, or for a zone (each member gets the entry). */
export const progressInputSchema = z
  .object({
    estateId: z.number().int().positive().optional(),
    zoneId: z.number().int().positive().optional(),
    date: isoDateSchema,
    // Which ids exist is the catalogue's (an administrator's) to say: progressRefusal, 422.
    stage: z.string({ error: 'stage must be a stage id' }).min(1).max(40),
    // Its range is a rule of the entry (progressRefusal, 422), not of the request's shape.
    progressPct: z.number({ error: 'progressPct must be a number' }).finite(),
    investmentDoneYuan: z.number().min(0, 'investmentDoneYuan is at least 0').max(1e12).nullable().optional(),
    note: safeTextSchema(1000).default(''),
    corrects: z.number().int().positive().nullable().optional(),
  })
  .strict()
  .refine((input) => (input.estateId === undefined) !== (input.zoneId === undefined), {
    message: 'give exactly one of estateId and zoneId',
  })
  .refine((input) => input.zoneId === undefined || input.corrects === undefined || input.corrects === null, {
    message: 'a correction names one estate entry: send it with estateId',
  });
export type ProgressInput = z.infer<typeof progressInputSchema>;

/** One stored entry, as the API lists it. */
export interface ProgressEntry {
  id: number;
  estateId: number;
  /** The zone the entry was recorded for (the same entry went to each member), or null. */
  zoneId: number | null;
  date: IsoDate;
  stage: StageId;
  progressPct: number;
  /** Investment completed to date (累计完成投资), yuan; null when not reported with this entry. */
  investmentDoneYuan: number | null;
  note: string;
  /** The entry this one corrects, or null. */
  corrects: number | null;
  authorName: string;
  recordedAt: string;
}

/** An estate's derived state on a date. */
export interface ProgressState {
  estateId: number;
  stage: StageId;
  progressPct: number;
  /** The latest reported investment to date (an entry without one keeps the earlier figure). */
  investmentDoneYuan: number;
  /** Date of the entry the state comes from. */
  since: IsoDate;
  entryId: number;
}

/** Entries that count: every entry but those a later correction replaced. */
export function effectiveEntries<E extends Pick<ProgressEntry, 'id' | 'corrects'>>(entries: readonly E[]): E[] {
  const corrected = new Set<number>();
  for (const entry of entries) if (entry.corrects !== null) corrected.add(entry.corrects);
  return entries.filter((entry) => !corrected.has(entry.id));
}

/** Date order; entries of the same date in the order they were recorded. */
export function byDateThenId(a: Pick<ProgressEntry, 'date' | 'id'>, b: Pick<ProgressEntry, 'date' | 'id'>): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}

/**
 * Each estate's state on `asOf` (inclusive), from the whole history; estates without a counting
 * entry on or before that date are absent (their stage is DEFAULT_STAGE).
 * @example statesAsOf([{ id: 1, estateId: 7, date: '2026-03-01', stage: 'design', … }], '2026-02-01').size // 0
 */
export function statesAsOf(entries: readonly ProgressEntry[], asOf: IsoDate): Map<number, ProgressState> {
  const states = new Map<number, ProgressState>();
  const counted = effectiveEntries(entries)
    .filter((entry) => entry.date <= asOf)
    .sort(byDateThenId);
  for (const entry of counted) {
    const before = states.get(entry.estateId);
    states.set(entry.estateId, {
      estateId: entry.estateId,
      stage: entry.stage,
      progressPct: entry.progressPct,
      investmentDoneYuan: entry.investmentDoneYuan ?? before?.investmentDoneYuan ?? 0,
      since: entry.date,
      entryId: entry.id,
    });
  }
  return states;
}

/** The stage of one estate in a state map (DEFAULT_STAGE without history). */
export function stageIn(states: ReadonlyMap<number, Pick<ProgressState, 'stage'>>, estateId: number): StageId {
  return states.get(estateId)?.stage ?? DEFAULT_STAGE;
}

/** Why an entry cannot be appended to an estate's history (a 422 problem), or null when it can. */
export type ProgressRefusal =
  | { code: 'progress_pct_out_of_range'; params: { progressPct: number } }
  | { code: 'progress_date_future'; params: { date: IsoDate; today: IsoDate } }
  | { code: 'stage_unknown'; params: { stage: string; stages: string } }
  | { code: 'stage_backwards'; params: { stage: StageId; previousStage: StageId; previousDate: IsoDate } & StageLabels }
  | { code: 'stage_overtakes_later'; params: { stage: StageId; laterStage: StageId; laterDate: IsoDate } & StageLabels }
  | { code: 'correction_target_invalid'; params: { corrects: number; why: 'missing' | 'already_corrected' } }
  | { code: 'correction_reason_required'; params: { corrects: number } };

/** The two stages a refusal names, in the catalogue's words (an administrator may have renamed them). */
type StageLabels = {
  stageZh: string;
  stageEn: string;
  otherStageZh: string;
  otherStageEn: string;
};

function stageLabels(catalogue: StageCatalogue, stage: StageId, other: StageId): StageLabels {
  return {
    stageZh: catalogue.label(stage, 'zh'),
    stageEn: catalogue.label(stage, 'en'),
    otherStageZh: catalogue.label(other, 'zh'),
    otherStageEn: catalogue.label(other, 'en'),
  };
}

export interface ProgressCandidate {
  date: IsoDate;
  progressPct: number;
  stage: StageId;
  corrects: number | null;
  note: string;
}

/**
 * The rules of appending `entry` to one estate's `history` (all its entries, corrected ones too):
 * a stage of the catalogue; a physical progress from 0 to 100 %; no future dates; a stage never goes backwards from the state on the entry's date, nor passes a
 * later entry's stage, unless the entry is a correction; a correction names an existing, not yet
 * corrected entry of the same estate and says why (its note).
 */
export function progressRefusal(
  history: readonly ProgressEntry[],
  entry: ProgressCandidate,
  today: IsoDate,
  catalogue: StageCatalogue,
): ProgressRefusal | null {
  if (!catalogue.has(entry.stage)) return { code: 'stage_unknown', params: { stage: entry.stage, stages: catalogue.ids.join(', ') } };
  if (!(entry.progressPct >= 0 && entry.progressPct <= 100))
    return { code: 'progress_pct_out_of_range', params: { progressPct: entry.progressPct } };
  if (entry.date > today) return { code: 'progress_date_future', params: { date: entry.date, today } };
  if (entry.corrects !== null) {
    const target = history.find((e) => e.id === entry.corrects);
    const why = !target ? 'missing' : history.some((e) => e.corrects === entry.corrects) ? 'already_corrected' : null;
    if (why) return { code: 'correction_target_invalid', params: { corrects: entry.corrects, why } };
    if (entry.note.trim() === '') return { code: 'correction_reason_required', params: { corrects: entry.corrects } };
    return null;
  }
  const counted = effectiveEntries(history).sort(byDateThenId);
  const previous = counted.filter((e) => e.date <= entry.date).at(-1);
  if (previous && catalogue.rank(entry.stage) < catalogue.rank(previous.stage))
    return {
      code: 'stage_backwards',
      params: {
        stage: entry.stage,
        previousStage: previous.stage,
        previousDate: previous.date,
        ...stageLabels(catalogue, entry.stage, previous.stage),
      },
    };
  const laterLower = counted.find((e) => e.date > entry.date && catalogue.rank(e.stage) < catalogue.rank(entry.stage));
  if (laterLower)
    return {
      code: 'stage_overtakes_later',
      params: {
        stage: entry.stage,
        laterStage: laterLower.stage,
        laterDate: laterLower.date,
        ...stageLabels(catalogue, entry.stage, laterLower.stage),
      },
    };
  return null;
}

/** Dates of the programme are China's calendar days: "today" at 07:00 in Beijing is still yesterday in UTC. */
export const PROGRAMME_TIME_ZONE = 'Asia/Shanghai';

/** The calendar date of an instant in the programme's time zone. */
export function calendarDate(instant: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
