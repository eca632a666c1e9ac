/**
 * Life-circle coverage as the browser computed it (features/coverage): the run's progress, each
 * estate's coverage by id, and the catalogue the run used. `nearest` in a result indexes the
 * facility collection of the data the run read.
 */
import type { EstateCoverage } from '../../../core/coverage/coverage';
import type { CoverageType } from '../../../core/coverage/coverage-types';
import type { CoverageModel } from '../../../core/contract/coverage';
import type { FacilityTypeId } from '../../../core/facility-catalogue';

export type CoverageStatus = 'idle' | 'running' | 'ready' | 'error';

/** A facility the designer placed on the map to try (what-if): in the coverage run, never saved. */
export interface VirtualFacility {
  type: FacilityTypeId;
  lng: number;
  lat: number;
}

export interface CoverageState {
  /** The distance model the user chose: walking (the default) or straight line. */
  coverageModel: CoverageModel;
  virtualFacilities: readonly VirtualFacility[];
  /** The type the next map click places as a virtual facility, or null. */
  placingFacilityType: FacilityTypeId | null;
  coverage: {
    status: CoverageStatus;
    /** The model the results were computed with (walking falls back to straight line without roads). */
    model: CoverageModel;
    /** Share of estates done, 0–100. */
    progressPct: number;
    byEstate: ReadonlyMap<number, EstateCoverage>;
    types: readonly CoverageType[];
    /** The gates the run measured from, by estate. */
    gatesByEstate: ReadonlyMap<number, readonly [number, number][]>;
    error: string | null;
  };
}

export const initialCoverage: CoverageState = {
  coverageModel: 'network',
  virtualFacilities: [],
  placingFacilityType: null,
  coverage: { status: 'idle', model: 'network', progressPct: 0, byEstate: new Map(), types: [], gatesByEstate: new Map(), error: null },
};

export function coverageStarted(state: CoverageState): Partial<CoverageState> {
  return { coverage: { ...state.coverage, status: 'running', progressPct: 0, error: null } };
}

export function coverageProgress(state: CoverageState, progressPct: number): Partial<CoverageState> {
  if (state.coverage.status !== 'running') return {};
  return { coverage: { ...state.coverage, progressPct } };
}

export function coverageComputed(
  _state: CoverageState,
  model: CoverageModel,
  results: readonly EstateCoverage[],
  types: readonly CoverageType[],
  gatesByEstate: ReadonlyMap<number, readonly [number, number][]>,
): Partial<CoverageState> {
  return {
    coverage: {
      status: 'ready',
      model,
      progressPct: 100,
      byEstate: new Map(results.map((r) => [r.id, r])),
      types,
      gatesByEstate,
      error: null,
    },
  };
}

export function coverageFailed(state: CoverageState, message: string): Partial<CoverageState> {
  return { coverage: { ...state.coverage, status: 'error', error: message } };
}

export function setCoverageModel(_state: CoverageState, coverageModel: CoverageModel): Partial<CoverageState> {
  return { coverageModel };
}

export function startPlacingFacility(_state: CoverageState, type: FacilityTypeId | null): Partial<CoverageState> {
  return { placingFacilityType: type };
}

/** The next map click: a virtual facility of the type being placed there; placing ends. */
export function placeVirtualFacility(state: CoverageState, lng: number, lat: number): Partial<CoverageState> {
  if (!state.placingFacilityType) return {};
  return { virtualFacilities: [...state.virtualFacilities, { type: state.placingFacilityType, lng, lat }], placingFacilityType: null };
}

export function clearVirtualFacilities(): Partial<CoverageState> {
  return { virtualFacilities: [], placingFacilityType: null };
}
