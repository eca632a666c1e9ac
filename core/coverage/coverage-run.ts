/**
 * One coverage run over many estates, as the browser's worker and the server both do it: index
 * the facilities once, then each estate, reporting progress every `progressEvery` estates.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { estateCoverage, type CoverageEstate, type EstateCoverage } from './coverage.js';
import type { CoverageType } from './coverage-types.js';
import { estateOrigins } from './estate-origins.js';
import { facilityIndex, type FacilityPoint } from './facility-index.js';
import { networkCoverage } from './network-coverage.js';
import { buildRoadGraph, type RoadGraph, type RoadLine } from '../network/road-graph.js';
import type { CoverageModel } from '../contract/coverage.js';

export interface CoverageRunEstate {
  id: number;
  households: number;
  geometry: Polygon | MultiPolygon;
  /** The estate's entrances; empty to measure from its boundary. */
  gates: readonly Position[];
}

export interface CoverageRunInput {
  estates: readonly CoverageRunEstate[];
  facilities: readonly FacilityPoint[];
  types: readonly CoverageType[];
  /** The distance model asked for; walking needs `roads`, and without any falls back to straight lines. */
  model: CoverageModel;
  roads: readonly RoadLine[];
}

export interface CoverageRunResult {
  /** The model the run used. */
  model: CoverageModel;
  results: EstateCoverage[];
}

/**
 * Coverage of every estate; `nearest` in the answers indexes `input.facilities`.
 * @example runCoverage({ estates, facilities, types: coverageTypes(), model: 'network', roads }).results[0]?.gaps
 */
export function runCoverage(
  input: CoverageRunInput,
  onProgress?: (done: number, total: number) => void,
  progressEvery = 500,
): CoverageRunResult {
  const estates = input.estates.map((estate) => ({
    id: estate.id,
    households: estate.households,
    origins: estateOrigins(estate.geometry, estate.gates),
  }));
  const graph = input.model === 'network' && input.roads.length > 0 ? buildRoadGraph(input.roads) : null;
  return {
    model: graph ? 'network' : 'euclidean',
    results: coverageFor(estates, input.facilities, input.types, graph, onProgress, progressEvery),
  };
}

/**
 * Coverage of estates whose origins are known: walking along `graph`, or in a straight line
 * without one. The one place the two models are chosen between (browser worker and server alike).
 */
export function coverageFor(
  estates: readonly CoverageEstate[],
  facilities: readonly FacilityPoint[],
  types: readonly CoverageType[],
  graph: RoadGraph | null,
  onProgress?: (done: number, total: number) => void,
  progressEvery = 500,
): EstateCoverage[] {
  if (graph) return networkCoverage(graph, estates, facilities, types, onProgress);
  const index = facilityIndex(facilities);
  return estates.map((estate, i) => {
    if (onProgress && i % progressEvery === 0) onProgress(i, estates.length);
    return estateCoverage(estate, index, types);
  });
}
