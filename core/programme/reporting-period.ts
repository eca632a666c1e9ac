/**
 * Reporting periods (定期调度, seed 001: progress updated every half month) and the changes of a
 * period: the estates whose stage on the period's last day differs from the day before it began.
 */
import { stageIn, type IsoDate, type ProgressState } from './progress-history.js';
import type { StageId } from './stages.js';

export const REPORTING_PERIODS = ['half_month', 'month'] as const;
export type ReportingPeriodKind = (typeof REPORTING_PERIODS)[number];

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** First day, inclusive. */
  from: IsoDate;
  /** Last day, inclusive. */
  to: IsoDate;
}

const iso = (year: number, month: number, day: number): IsoDate => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/**
 * The period that contains `date`: half months run 1–15 and 16–end of month.
 * @example reportingPeriodOf('2026-02-20', 'half_month') // { kind: 'half_month', from: '2026-02-16', to: '2026-02-28' }
 */
export function reportingPeriodOf(date: IsoDate, kind: ReportingPeriodKind): ReportingPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const monthEnd = iso(year, month + 1, 0);
  if (kind === 'month') return { kind, from: iso(year, month, 1), to: monthEnd };
  return day <= 15 ? { kind, from: iso(year, month, 1), to: iso(year, month, 15) } : { kind, from: iso(year, month, 16), to: monthEnd };
}

/** The day before `date`. */
export function dayBefore(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The period before `period` (the "last report" a change is counted since). */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  return reportingPeriodOf(dayBefore(period.from), period.kind);
}

export interface StageChange {
  estateId: number;
  from: StageId;
  to: StageId;
}

/** Estates whose stage differs between `before` (the day before the period) and `after` (its last day or the replay date). */
export function stageChanges(
  estateIds: readonly number[],
  before: ReadonlyMap<number, Pick<ProgressState, 'stage'>>,
  after: ReadonlyMap<number, Pick<ProgressState, 'stage'>>,
): StageChange[] {
  const changes: StageChange[] = [];
  for (const estateId of estateIds) {
    const from = stageIn(before, estateId);
    const to = stageIn(after, estateId);
    if (from !== to) changes.push({ estateId, from, to });
  }
  return changes;
}
