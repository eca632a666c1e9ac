/** Which estates an export covers: the atlas filter (by sub-district, or by ids) or the checked rows. */
import type { EstateApiFeature, ExportScope } from '../../api';
import { hasActiveFilter, soleSubdistrict, type AtlasFilter } from '../../state/atlas-filter';

export type ExportTarget = 'filter' | 'checked';

export interface ExportContext {
  /** The estates that pass the atlas filter (the ledger's rows). */
  rows: readonly EstateApiFeature[];
  filter: AtlasFilter;
  checkedEstateIds: readonly number[];
}

/**
 * The API scope of an export. The server filters by one sub-district only, so any other filter
 * names its rows by id.
 * @example exportScopeFor('filter', { rows, filter: { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S01'] }, checkedEstateIds: [] }) // { filter: { subdistrict: 'S01' } }
 */
export function exportScopeFor(target: ExportTarget, context: ExportContext): ExportScope {
  if (target === 'checked') return { ids: [...context.checkedEstateIds] };
  if (!hasActiveFilter(context.filter)) return { filter: { subdistrict: null } };
  const subdistrict = soleSubdistrict(context.filter);
  // '' stands for "no sub-district", which the server's filter cannot express.
  if (subdistrict) return { filter: { subdistrict } };
  return { ids: context.rows.map((f) => f.id) };
}
