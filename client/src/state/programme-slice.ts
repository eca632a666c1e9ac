/**
 * The renovation programme on screen: the replay date, the leaders' filter (its sub-districts are
 * the atlas filter's), the dashboard's answer for both, and whether the dashboard is open. The
 * answer colours the map by stage, so map, legend and charts show one set of figures.
 */
import type { DashboardAnswer, EstateProgramme } from '../../../core/contract/index';
import { EMPTY_PROGRAMME_FILTER, type ProgrammeFilter } from '../../../core/programme/programme-filter';
import type { IsoDate } from '../../../core/programme/progress-history';
import type { ReportingPeriodKind } from '../../../core/programme/reporting-period';
import { DEFAULT_STAGE_CATALOGUE, StageCatalogue } from '../../../core/programme/stages';

/** The programme filter without sub-districts: those come from the one atlas filter. */
export type ProgrammeOnlyFilter = Omit<ProgrammeFilter, 'subdistrictCodes'>;

export interface ProgrammeState {
  /** The replay date; null follows today (live). */
  replayDate: IsoDate | null;
  programmeFilter: ProgrammeOnlyFilter;
  dashboard: DashboardAnswer | null;
  /** Each estate's programme facts from the answer, by id. */
  programmeByEstate: ReadonlyMap<number, EstateProgramme>;
  /** The stage list of the answer (an administrator may change it): names, order and colours of stages everywhere. */
  stageCatalogue: StageCatalogue;
  dashboardStatus: 'idle' | 'loading' | 'ready' | 'error';
  dashboardError: string | null;
  /** Goes up when the server announces a change: the dashboard reloads. */
  programmeRevision: number;
  dashboardOpen: boolean;
  /** The reporting period chosen on screen; null follows the server's setting. */
  reportingPeriod: ReportingPeriodKind | null;
}

const { subdistrictCodes: _codes, ...emptyOnly } = EMPTY_PROGRAMME_FILTER;

export const initialProgramme: ProgrammeState = {
  replayDate: null,
  programmeFilter: emptyOnly,
  dashboard: null,
  programmeByEstate: new Map(),
  stageCatalogue: DEFAULT_STAGE_CATALOGUE,
  dashboardStatus: 'idle',
  dashboardError: null,
  programmeRevision: 0,
  dashboardOpen: false,
  reportingPeriod: null,
};

export function setReplayDate(_state: ProgrammeState, replayDate: IsoDate | null): Partial<ProgrammeState> {
  return { replayDate };
}

export function setProgrammeFilter(state: ProgrammeState, patch: Partial<ProgrammeOnlyFilter>): Partial<ProgrammeState> {
  return { programmeFilter: { ...state.programmeFilter, ...patch } };
}

export function dashboardLoading(_state: ProgrammeState): Partial<ProgrammeState> {
  return { dashboardStatus: 'loading', dashboardError: null };
}

export function dashboardLoaded(state: ProgrammeState, answer: DashboardAnswer): Partial<ProgrammeState> {
  // Keep the catalogue object while the list is the same, so colourings memoised on it stay.
  const sameStages = JSON.stringify(state.stageCatalogue.stages) === JSON.stringify(answer.stages);
  return {
    stageCatalogue: sameStages ? state.stageCatalogue : new StageCatalogue(answer.stages),
    dashboard: answer,
    programmeByEstate: new Map(answer.estates.map((e) => [e.estateId, e])),
    dashboardStatus: 'ready',
    dashboardError: null,
  };
}

export function dashboardFailed(_state: ProgrammeState, message: string): Partial<ProgrammeState> {
  return { dashboardStatus: 'error', dashboardError: message };
}

export function programmeChanged(state: ProgrammeState): Partial<ProgrammeState> {
  return { programmeRevision: state.programmeRevision + 1 };
}

export function setReportingPeriod(_state: ProgrammeState, reportingPeriod: ReportingPeriodKind): Partial<ProgrammeState> {
  return { reportingPeriod };
}

export function setDashboardOpen(_state: ProgrammeState, dashboardOpen: boolean): Partial<ProgrammeState> {
  return { dashboardOpen };
}
