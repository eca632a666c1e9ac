/** "Compare" after a version conflict: the fields where my edit and the stored estate differ. */
import type { EstateFieldsInput } from '../../../../core/estate-schema';
import type { EstateApiFeature } from '../../api';

export interface CompareRow {
  field: string;
  mine: string | null;
  theirs: string | null;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

/**
 * One row per differing field, in the form's order, plus the outline when mine changed it.
 * @example compareRows({ name: 'A' }, storedNamedB, false) // [{ field: 'name', mine: 'A', theirs: 'B', … }]
 */
export function compareRows(mine: EstateFieldsInput, theirs: EstateApiFeature, geometryChanged: boolean): CompareRow[] {
  const stored = theirs.properties as unknown as Record<string, unknown>;
  const rows: CompareRow[] = [];
  for (const [field, value] of Object.entries(mine)) {
    if (value === undefined) continue;
    const other = stored[field];
    if (text(value) === text(other)) continue;
    rows.push({ field, mine: text(value), theirs: text(other) });
  }
  if (geometryChanged) rows.push({ field: 'geometry', mine: null, theirs: null });
  return rows;
}
