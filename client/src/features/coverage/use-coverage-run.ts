/**
 * Computes every estate's life-circle coverage in a Web Worker whenever the estates or facilities
 * in the store change, with progress in the store; the catalogue settings and gates are read first.
 */
import { useEffect } from 'react';
import type { CoverageRunInput } from '../../../../core/coverage/coverage-run';
import type { EstateCoverage, TypeCoverage } from '../../../../core/coverage/coverage';
import type { CoverageType } from '../../../../core/coverage/coverage-types';
import { isFacilityTypeId, type LifeCircleTier } from '../../../../core/facility-catalogue';
import type { CoverageModel } from '../../../../core/contract/coverage';
import {
  fetchEstateGates,
  fetchFacilityTypes,
  type EstateCollection,
  type EstateGate,
  type FacilityCollection,
  type RoadCollection,
} from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import type { CoverageWorkerReply } from './coverage-messages';
import { roadLinesOf } from './road-lines';
import { facilitySearchM, withinFacilitySearch } from '../atlas/held-areas';

function gatesByEstateOf(gates: readonly EstateGate[]): Map<number, [number, number][]> {
  const gatesByEstate = new Map<number, [number, number][]>();
  for (const gate of gates) gatesByEstate.set(gate.estateId, [...(gatesByEstate.get(gate.estateId) ?? []), gate.lngLat]);
  return gatesByEstate;
}

/** Positions in the store's facility collection of the facilities that count: existing ones, and planned ones when asked. */
function countedFacilityIndexes(facilities: FacilityCollection, includePlanned: boolean): number[] {
  const indexes: number[] = [];
  facilities.features.forEach((f, i) => {
    if (includePlanned || f.properties.status !== 'planned') indexes.push(i);
  });
  return indexes;
}

/**
 * The run indexed only the counted facilities, then the what-if ones; a result's `nearest` is put
 * back into the store's collection (what-if ones after it), which the overlay and panel read.
 */
function inStoreIndexes(results: readonly EstateCoverage[], counted: readonly number[], storeLength: number): EstateCoverage[] {
  return results.map((result) => {
    const types: EstateCoverage['types'] = {};
    for (const [id, t] of Object.entries(result.types) as [keyof EstateCoverage['types'], TypeCoverage][]) {
      const nearest =
        t.nearest === null ? null : t.nearest < counted.length ? (counted[t.nearest] ?? null) : storeLength + t.nearest - counted.length;
      types[id] = { ...t, nearest };
    }
    return { ...result, types };
  });
}

/** In a tiled city only what lies within the facility search round an estate is known (held-areas.ts). */
function heldResults(results: EstateCoverage[], types: readonly CoverageType[]): EstateCoverage[] {
  if (useAtlasStore.getState().heldAreas === null) return results;
  return withinFacilitySearch(results, facilitySearchM(types.map((type) => type.radiusM)));
}

function runInput(
  data: { estates: EstateCollection; facilities: FacilityCollection; roads: RoadCollection },
  counted: readonly number[],
  gatesByEstate: ReadonlyMap<number, [number, number][]>,
  types: readonly CoverageType[],
  model: CoverageModel,
): CoverageRunInput {
  const { estates, roads } = data;
  const facilities = counted.map((i) => data.facilities.features[i]!);
  return {
    model,
    roads: roadLinesOf(roads),
    estates: estates.features.map((f) => ({
      id: f.id,
      households: f.properties.households ?? 0,
      geometry: f.geometry,
      gates: gatesByEstate.get(f.id) ?? [],
    })),
    facilities: facilities.map((f) => ({
      type: f.properties.type,
      lng: f.geometry.coordinates[0] ?? 0,
      lat: f.geometry.coordinates[1] ?? 0,
    })),
    types,
  };
}

/** useCoverageRun as a component that draws nothing, so the changes it subscribes to re-render it alone, not the atlas under its parent. */
export function CoverageRun(): null {
  useCoverageRun();
  return null;
}

export function useCoverageRun(): void {
  const estates = useAtlasStore((s) => s.data?.estates);
  const facilities = useAtlasStore((s) => s.data?.facilities);
  const roads = useAtlasStore((s) => s.data?.roads);
  const model = useAtlasStore((s) => s.coverageModel);
  const virtualFacilities = useAtlasStore((s) => s.virtualFacilities);
  const includePlanned = useAtlasStore((s) => s.includePlanned);
  const inputsRevision = useAtlasStore((s) => s.inputsRevision);

  useEffect(() => {
    if (!estates || !facilities || !roads) return;
    const controller = new AbortController();
    let worker: Worker | null = null;
    const store = useAtlasStore.getState();
    store.coverageStarted();
    void (async () => {
      try {
        const [catalogue, gates] = await Promise.all([fetchFacilityTypes(controller.signal), fetchEstateGates(controller.signal)]);
        const types: CoverageType[] = [];
        for (const t of catalogue)
          if (isFacilityTypeId(t.id)) types.push({ id: t.id, tier: t.tier as LifeCircleTier, radiusM: t.radiusM, counted: t.counted });
        if (controller.signal.aborted) return;
        const gatesByEstate = gatesByEstateOf(gates);
        const counted = countedFacilityIndexes(facilities, includePlanned);
        worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<CoverageWorkerReply>) => {
          const reply = event.data;
          if (reply.kind === 'progress') store.coverageProgress(reply.total > 0 ? (100 * reply.done) / reply.total : 0);
          else if (reply.kind === 'done')
            store.coverageComputed(
              reply.model,
              heldResults(inStoreIndexes(reply.results, counted, facilities.features.length), types),
              types,
              gatesByEstate,
              virtualFacilities.length,
            );
          else store.coverageFailed(reply.message);
        };
        worker.onerror = (event) => store.coverageFailed(event.message || 'coverage worker failed');
        const input = runInput({ estates, facilities, roads }, counted, gatesByEstate, types, model);
        worker.postMessage({ ...input, facilities: [...input.facilities, ...virtualFacilities] });
      } catch (error) {
        if (!controller.signal.aborted) store.coverageFailed(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      controller.abort();
      worker?.terminate();
    };
  }, [estates, facilities, roads, model, virtualFacilities, includePlanned, inputsRevision]);
}
