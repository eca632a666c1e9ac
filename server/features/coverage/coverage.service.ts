/**
 * GET /api/coverage: the life-circle coverage of the estates in a scope, computed by the same
 * core/coverage code the client runs in its worker, from the stored estates, gates, facilities
 * and catalogue settings.
 */
import { coverageFor } from '../../../core/coverage/coverage-run.js';
import { NotFoundError } from '../../domain-errors.js';
import { loadCoverageEstates, loadCoverageSetting, type ScopedEstate } from './coverage-inputs.js';
import { coverageShares, zoneCoverage, type EstateCoverage, type TypeCoverage } from '../../../core/coverage/coverage.js';
import type { CoverageModel, CoverageResponse, CoverageScope } from '../../../core/contract/index.js';
import type { FacilityTypeId } from '../../../core/facility-catalogue.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';

export interface CoverageQuery {
  scope: CoverageScope;
  id?: string | undefined;
  /** Absent: walking when there are roads, else straight line. */
  model?: CoverageModel | undefined;
  /** Count planned facilities as if built. */
  planned?: boolean | undefined;
}

type TypesDto = CoverageResponse['estates'][number]['types'];

async function scopedEstates(ctx: ServiceContext<Queryable>, scope: CoverageScope, id: string | undefined): Promise<ScopedEstate[]> {
  const where: Record<CoverageScope, [string, SqlParam[]]> = {
    estate: ['e.id = $1', [Number(id)]],
    zone: ['e.id IN (SELECT ze.estate_id FROM zone_estates ze WHERE ze.zone_id = $1)', [Number(id)]],
    subdistrict: ['e.subdistrict_code = $1', [id ?? '']],
    city: ['true', []],
  };
  const [sql, params] = where[scope];
  const estates = await loadCoverageEstates(ctx.db, sql, params);
  if (scope !== 'city' && estates.length === 0 && !(await scopeExists(ctx, scope, id ?? ''))) {
    throw new NotFoundError(`${scope} ${id ?? ''}`);
  }
  return estates;
}

/** An empty zone or sub-district is an answer (no estates); one that does not exist is a 404. */
async function scopeExists(ctx: ServiceContext<Queryable>, scope: CoverageScope, id: string): Promise<boolean> {
  if (scope === 'estate') return false;
  const sql = scope === 'zone' ? 'SELECT 1 FROM zones WHERE id = $1' : 'SELECT 1 FROM subdistricts WHERE code = $1';
  return (await ctx.db.query(sql, [scope === 'zone' ? Number(id) : id])).length > 0;
}

export async function coverageOf(ctx: ServiceContext<Queryable>, query: CoverageQuery): Promise<CoverageResponse> {
  const estates = await scopedEstates(ctx, query.scope, query.id);
  const { facilities, types, model, graph } = await loadCoverageSetting(ctx.db, query.model, query.planned);
  const results = coverageFor(estates, facilities, types, graph);
  const typesDto = (coverage: EstateCoverage['types']): TypesDto => {
    const out: TypesDto = {};
    for (const [typeId, t] of Object.entries(coverage) as [FacilityTypeId, TypeCoverage][]) {
      out[typeId] = {
        distanceM: t.distanceM === null ? null : Math.round(t.distanceM * 100) / 100,
        radiusM: t.radiusM,
        covered: t.covered,
        facilityId: t.nearest === null ? null : (facilities[t.nearest]?.id ?? null),
      };
    }
    return out;
  };
  const pooled = query.scope === 'zone' ? zoneCoverage(results, types).zone : null;
  return {
    scope: { kind: query.scope, id: query.id ?? null },
    model,
    types,
    estates: results.map((r, i) => ({
      id: r.id,
      name: estates[i]?.name ?? '',
      origin: r.origin,
      households: r.households,
      gaps: r.gaps,
      scorePct: r.scorePct,
      types: typesDto(r.types),
    })),
    zone: pooled && { households: pooled.households, gaps: pooled.gaps, scorePct: pooled.scorePct, types: typesDto(pooled.types) },
    ...coverageShares(results, types),
  };
}
