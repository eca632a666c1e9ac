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

/**
 * What the next map click places: a what-if facility (kept in the store), a new stored facility,
 * a gate of an estate, or a stored facility's new position.
 */
export type MapPlacement =
  | { kind: 'whatIf'; type: FacilityTypeId }
  | { kind: 'newFacility'; type: FacilityTypeId }
  | { kind: 'gate'; estateId: number }
  | { kind: 'moveFacility'; id: number };

export interface CoverageState {
  /** The distance model the user chose: walking (the default) or straight line. */
  coverageModel: CoverageModel;
  /** Count planned facilities as if built. */
  includePlanned: boolean;
  virtualFacilities: readonly VirtualFacility[];
  mapPlacement: MapPlacement | null;
  /** Why the last placement was refused, in the UI language; cleared when a placement starts or ends. */
  placementError: string | null;
  /** Bumped when gates or the catalogue change, so coverage reads them again. */
  inputsRevision: number;
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
    /** The last results without what-if facilities, and their model: what a trial is compared with. */
    withoutTrials: { model: CoverageModel; byEstate: ReadonlyMap<number, EstateCoverage> } | null;
    error: string | null;
  };
}

export const initialCoverage: CoverageState = {
  coverageModel: 'network',
  includePlanned: false,
  virtualFacilities: [],
  mapPlacement: null,
  placementError: null,
  inputsRevision: 0,
  coverage: {
    status: 'idle',
    model: 'network',
    progressPct: 0,
    byEstate: new Map(),
    types: [],
    gatesByEstate: new Map(),
    withoutTrials: null,
    error: null,
  },
};

export function coverageStarted(state: CoverageState): Partial<CoverageState> {
  return { coverage: { ...state.coverage, status: 'running', progressPct: 0, error: null } };
}

export function coverageProgress(state: CoverageState, progressPct: number): Partial<CoverageState> {
  if (state.coverage.status !== 'running') return {};
  return { coverage: { ...state.coverage, progressPct } };
}

export function coverageComputed(
  state: CoverageState,
  model: CoverageModel,
  results: readonly EstateCoverage[],
  types: readonly CoverageType[],
  gatesByEstate: ReadonlyMap<number, readonly [number, number][]>,
  trialCount = 0,
): Partial<CoverageState> {
  const byEstate = new Map(results.map((r) => [r.id, r]));
  return {
    coverage: {
      status: 'ready',
      model,
      progressPct: 100,
      byEstate,
      types,
      gatesByEstate,
      withoutTrials: trialCount === 0 ? { model, byEstate } : state.coverage.withoutTrials,
      error: null,
    },
  };
}

/**
 * Estates a what-if brings within reach of a type: out of reach without the trial facilities,
 * within reach with them (both in the model on screen), with their households.
 */
export function newlyCovered(coverage: CoverageState['coverage'], type: FacilityTypeId): { ids: number[]; households: number } {
  const before = coverage.withoutTrials;
  const ids: number[] = [];
  let households = 0;
  if (!before || before.model !== coverage.model) return { ids, households };
  for (const [id, result] of coverage.byEstate) {
    if (result.types[type]?.covered && before.byEstate.get(id)?.types[type]?.covered === false) {
      ids.push(id);
      households += result.households;
    }
  }
  return { ids, households };
}

export function coverageFailed(state: CoverageState, message: string): Partial<CoverageState> {
  return { coverage: { ...state.coverage, status: 'error', error: message } };
}

export function setCoverageModel(_state: CoverageState, coverageModel: CoverageModel): Partial<CoverageState> {
  return { coverageModel };
}

export function setIncludePlanned(_state: CoverageState, includePlanned: boolean): Partial<CoverageState> {
  return { includePlanned };
}

export function setMapPlacement(_state: CoverageState, mapPlacement: MapPlacement | null): Partial<CoverageState> {
  return { mapPlacement, placementError: null };
}

/** A placement the server refused stays active, so the next click can try a better spot. */
export function placementFailed(_state: CoverageState, placementError: string): Partial<CoverageState> {
  return { placementError };
}

/** The next map click while placing a what-if: a virtual facility of that type there; placing ends. */
export function placeVirtualFacility(state: CoverageState, lng: number, lat: number): Partial<CoverageState> {
  if (state.mapPlacement?.kind !== 'whatIf') return {};
  return { virtualFacilities: [...state.virtualFacilities, { type: state.mapPlacement.type, lng, lat }], mapPlacement: null };
}

/** Several what-if facilities at once (suggested sites tried on the map). */
export function addVirtualFacilities(state: CoverageState, facilities: readonly VirtualFacility[]): Partial<CoverageState> {
  return { virtualFacilities: [...state.virtualFacilities, ...facilities] };
}

export function clearVirtualFacilities(state: CoverageState): Partial<CoverageState> {
  return { virtualFacilities: [], mapPlacement: state.mapPlacement?.kind === 'whatIf' ? null : state.mapPlacement };
}

export function coverageInputsChanged(state: CoverageState): Partial<CoverageState> {
  return { inputsRevision: state.inputsRevision + 1 };
}
