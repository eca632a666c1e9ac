/** Which estates an export covers: the atlas filter, which the server applies by the same rules, or the checked rows. */
import type { ExportScope } from '../../api';
import type { AtlasFilter } from '../../state/atlas-filter';

export type ExportTarget = 'filter' | 'checked';

export interface ExportContext {
  filter: AtlasFilter;
  checkedEstateIds: readonly number[];
}

/**
 * The API scope of an export. The filter goes to the server whole, so a city whose browser holds
 * only a page of its ledger exports every estate the filter passes.
 * @example exportScopeFor('checked', { filter: EMPTY_ATLAS_FILTER, checkedEstateIds: [1, 2] }) // { ids: [1, 2] }
 */
export function exportScopeFor(target: ExportTarget, context: ExportContext): ExportScope {
  if (target === 'checked') return { ids: [...context.checkedEstateIds] };
  return { filter: context.filter };
}
