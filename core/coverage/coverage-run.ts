/**
 * One coverage run over many estates, as the browser's worker and the server both do it: index
 * the facilities once, then each estate, reporting progress every `progressEvery` estates.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { estateCoverage, type EstateCoverage } from './coverage.js';
import type { CoverageType } from './coverage-types.js';
import { estateOrigins } from './estate-origins.js';
import { facilityIndex, type FacilityPoint } from './facility-index.js';
import { networkCoverage } from './network-coverage.js';
import { buildRoadGraph, type RoadLine } from '../network/road-graph.js';
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
  if (input.model === 'network' && input.roads.length > 0) {
    return { model: 'network', results: networkCoverage(buildRoadGraph(input.roads), estates, input.facilities, input.types, onProgress) };
  }
  const index = facilityIndex(input.facilities);
  const results = estates.map((estate, i) => {
    if (onProgress && i % progressEvery === 0) onProgress(i, estates.length);
    return estateCoverage(estate, index, input.types);
  });
  return { model: 'euclidean', results };
}
