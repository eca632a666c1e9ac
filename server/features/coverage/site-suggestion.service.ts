/**
 * GET /api/coverage/sites: up to K places for one more facility of a type, each covering the most
 * households not yet reached (core/coverage/site-suggestion.ts), in the city-wide coverage's model.
 */
import { loadCoverageEstates, loadCoverageSetting } from './coverage-inputs.js';
import { suggestSitesFor } from '../../../core/coverage/site-suggestion.js';
import type { CoverageModel, SiteAnswer } from '../../../core/contract/index.js';
import type { FacilityTypeId } from '../../../core/facility-catalogue.js';
import type { ServiceContext } from '../../context.js';

export interface SiteQuery {
  type: FacilityTypeId;
  k: number;
  model?: CoverageModel | undefined;
  /** Count planned facilities as if built. */
  planned?: boolean | undefined;
}

export async function suggestSites(ctx: ServiceContext, query: SiteQuery): Promise<SiteAnswer> {
  const estates = await loadCoverageEstates(ctx.db, 'true', []);
  const { facilities, types, model, graph } = await loadCoverageSetting(ctx.db, query.model, query.planned);
  const type = types.find((t) => t.id === query.type)!;
  return { type: type.id, model, radiusM: type.radiusM, ...suggestSitesFor(estates, facilities, type, graph, query.k) };
}
