/**
 * One coverage run over many estates, as the browser's worker and the server both do it: index
 * the facilities once, then each estate, reporting progress every `progressEvery` estates.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { estateCoverage, type EstateCoverage } from './coverage.js';
import type { CoverageType } from './coverage-types.js';
import { estateOrigins } from './estate-origins.js';
import { facilityIndex, type FacilityPoint } from './facility-index.js';

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
}

/**
 * Coverage of every estate; `nearest` in the answers indexes `input.facilities`.
 * @example runCoverage({ estates, facilities, types: coverageTypes() }).map((e) => e.gaps.length)
 */
export function runCoverage(
  input: CoverageRunInput,
  onProgress?: (done: number, total: number) => void,
  progressEvery = 500,
): EstateCoverage[] {
  const index = facilityIndex(input.facilities);
  const total = input.estates.length;
  return input.estates.map((estate, i) => {
    if (onProgress && i % progressEvery === 0) onProgress(i, total);
    return estateCoverage(
      { id: estate.id, households: estate.households, origins: estateOrigins(estate.geometry, estate.gates) },
      index,
      input.types,
    );
  });
}
