/** Which estates an export covers: the current filter (by sub-district, or by ids when the table filters) or the checked rows. */
import type { EstateApiFeature, ExportScope } from '../../api';

export type ExportTarget = 'filter' | 'checked';

export interface ExportContext {
  /** The rows the ledger shows now. */
  rows: readonly EstateApiFeature[];
  /** Whether the table's own filters or search narrow the rows beyond the sidebar's sub-district. */
  tableFiltered: boolean;
  checkedEstateIds: readonly number[];
  sidebarSubdistrict: string | null;
}

/**
 * The API scope of an export. The server knows the sidebar's sub-district filter, not the
 * table's, so a table-filtered export names its rows.
 * @example exportScopeFor('filter', { rows, tableFiltered: false, checkedEstateIds: [], sidebarSubdistrict: 'S01' }) // { filter: { subdistrict: 'S01' } }
 */
export function exportScopeFor(target: ExportTarget, context: ExportContext): ExportScope {
  if (target === 'checked') return { ids: [...context.checkedEstateIds] };
  if (context.tableFiltered) return { ids: context.rows.map((f) => f.id) };
  return { filter: { subdistrict: context.sidebarSubdistrict } };
}
