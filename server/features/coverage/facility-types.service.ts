/**
 * The facility catalogue as an administrator sets it (GET/PUT /api/facility-types): a type's
 * walking radius and whether it counts. Stored as changes over core/facility-catalogue.ts; a
 * change is audited in the same transaction.
 */
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../core/facility-catalogue.js';
import type { FacilityTypesResponse } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCoverageTypes } from './coverage-inputs.js';

export async function listFacilityTypes(db: Queryable): Promise<FacilityTypesResponse> {
  const types = await loadCoverageTypes(db);
  return {
    types: types.map((type, i) => {
      const standard = FACILITY_CATALOGUE[i]!;
      return { ...type, defaultRadiusM: standard.maxWalkM, radiusSource: standard.radiusSource };
    }),
  };
}

export interface FacilityTypeChange {
  radiusM: number;
  counted: boolean;
}

/** Sets one type's radius and whether it counts; answers the catalogue as it now stands. */
export async function updateFacilityType(
  ctx: ServiceContext,
  id: FacilityTypeId,
  change: FacilityTypeChange,
): Promise<FacilityTypesResponse> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = (await loadCoverageTypes(tx)).find((t) => t.id === id) ?? null;
    await tx.query(
      `INSERT INTO facility_type_settings (type_id, radius_m, counted) VALUES ($1, $2, $3)
       ON CONFLICT (type_id) DO UPDATE SET radius_m = EXCLUDED.radius_m, counted = EXCLUDED.counted, updated_at = now()`,
      [id, change.radiusM, change.counted],
    );
    await recordAudit(txCtx, { action: 'update', entity: 'facility_type', entityId: id, before, after: { id, ...change } });
    return listFacilityTypes(tx);
  });
}
