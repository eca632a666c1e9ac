/**
 * GET /api/coverage/sites: up to K places for one more facility of a type, each covering the most
 * households not yet reached (core/coverage/site-suggestion.ts), in the city-wide coverage's model.
 */
import { estateCoverage, type EstateCoverage } from '../../../core/coverage/coverage.js';
import { facilityIndex } from '../../../core/coverage/facility-index.js';
import { networkCoverage } from '../../../core/coverage/network-coverage.js';
import { candidateReach, candidateSites, greedySites, uncoveredBy, type SitePick } from '../../../core/coverage/site-suggestion.js';
import type { CoverageModel } from '../../../core/contract/index.js';
import type { FacilityTypeId } from '../../../core/facility-catalogue.js';
import { buildRoadGraph } from '../../../core/network/road-graph.js';
import type { ServiceContext } from '../../context.js';
import { RejectedError } from '../../domain-errors.js';
import { loadCoverageEstates, loadCoverageFacilities, loadCoverageTypes, loadRoadLines } from './coverage-inputs.js';

export interface SiteQuery {
  type: FacilityTypeId;
  k: number;
  model?: CoverageModel | undefined;
}

export interface SiteAnswer {
  type: FacilityTypeId;
  model: CoverageModel;
  radiusM: number;
  candidates: number;
  households: number;
  coveredHouseholds: number;
  sites: SitePick[];
}

export async function suggestSites(ctx: ServiceContext, query: SiteQuery): Promise<SiteAnswer> {
  const [estates, facilities, types, roads] = [
    await loadCoverageEstates(ctx.db, 'true', []),
    await loadCoverageFacilities(ctx.db),
    await loadCoverageTypes(ctx.db),
    await loadRoadLines(ctx.db),
  ];
  const model: CoverageModel = query.model ?? (roads.length > 0 ? 'network' : 'euclidean');
  if (model === 'network' && roads.length === 0) throw new RejectedError('no_road_network', {});
  const type = types.find((t) => t.id === query.type)!;
  const only = [{ ...type, counted: true }];
  const graph = model === 'network' ? buildRoadGraph(roads) : null;
  let results: EstateCoverage[];
  if (graph) results = networkCoverage(graph, estates, facilities, only);
  else {
    const index = facilityIndex(facilities);
    results = estates.map((e) => estateCoverage(e, index, only));
  }
  const uncovered = uncoveredBy(results, type.id);
  const places = candidateSites(estates, uncovered, graph, type.radiusM);
  const reach = candidateReach(estates, uncovered, places, type.radiusM, graph);
  const households = estates.map((e) => e.households);
  return {
    type: type.id,
    model,
    radiusM: type.radiusM,
    candidates: places.length,
    households: households.reduce((a, b) => a + b, 0),
    coveredHouseholds: estates.reduce((sum, e, i) => sum + (uncovered[i] ? 0 : e.households), 0),
    sites: greedySites(
      reach,
      households,
      query.k,
      estates.map((e) => e.id),
    ),
  };
}
