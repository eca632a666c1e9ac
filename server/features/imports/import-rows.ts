/**
 * The TypeScript half of an import's checks: each row's field rules (core/estate-schema.ts) and
 * codes repeated within the file, before anything reaches SQL (import-checks.ts runs the rest).
 */
import type { ImportProblem } from '../../../core/contract/index.js';
import { isRecord } from '../../../core/checks.js';
import { parseEstateFields, type EstateFields, type UnitCodeField } from '../../../core/estate-schema.js';
import { problemMessage, type ImportRowProblemCode, type ProblemParams } from '../../../core/problems.js';
import { ZONE_COLUMN } from '../../../core/io/ledger-columns.js';
import { isSafeText, safeTextSchema } from '../../../core/safe-text.js';
import { ZONE_NAME_MAX_CHARS } from '../../../core/zones/zone-rules.js';
import { givenUnitCodes, writableProperties } from '../estates/estate-fields.js';
import { geometryShape } from '../estates/geometry-checks.js';

/** A problem with its English message worded from core/problems.ts (the client words it in Chinese from the same table). */
export function problem(
  code: ImportRowProblemCode,
  params: ProblemParams,
  details?: unknown,
  message = problemMessage(code, params, 'en'),
): ImportProblem {
  return details === undefined ? { code, message, params } : { code, message, params, details };
}

export interface PreparedRow {
  index: number;
  fields: EstateFields | null;
  name: string | null;
  code: string | null;
  units: Record<UnitCodeField, string | null>;
  /** Clean GeoJSON text for PostGIS; null when absent or refused by the shape rules (then `problems` says why). */
  geometry: string | null;
  /** The shape rules refused the geometry; PostGIS's verdict on the missing geometry is then noise. */
  geometryRefused: boolean;
  /** The zone (片区) the row is to join, trimmed; null for none or a refused name (then `problems` says why). */
  zone: string | null;
  problems: ImportProblem[];
}

const zoneNameSchema = safeTextSchema(ZONE_NAME_MAX_CHARS);

/** A row's zone name (`properties.zone`, core/io/map-rows.ts): null when absent or blank, or the problem with it. */
function zoneOf(value: unknown): { ok: true; zone: string | null } | { ok: false; problem: ImportProblem } {
  if (value === undefined || value === null) return { ok: true, zone: null };
  const parsed = zoneNameSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: problem('zone_name_invalid', { maximum: ZONE_NAME_MAX_CHARS }) };
  return { ok: true, zone: parsed.data === '' ? null : parsed.data };
}

/** The field rules of one row, in TypeScript (core/estate-schema.ts), before anything reaches SQL. */
export function prepareRow(feature: unknown, index: number, currentYear: number): PreparedRow {
  const record = isRecord(feature) ? feature : {};
  // The zone is no estate field: taken out before the field rules, which refuse unknown properties.
  const { [ZONE_COLUMN.key]: zoneValue, ...properties } = writableProperties(record.properties);
  const zone = zoneOf(zoneValue);
  const result = parseEstateFields(properties, currentYear);
  const problems: ImportProblem[] = zone.ok ? [] : [zone.problem];
  const rawName = typeof properties.name === 'string' ? properties.name.trim() : '';
  if (!result.ok) {
    for (const issue of result.issues) {
      if (issue.field === 'name' && rawName === '') {
        problems.push(problem('missing_name', {}));
      } else {
        problems.push(
          problem(
            'invalid_field',
            { ...issue.params, field: issue.field, rule: issue.code, detail: issue.message },
            { field: issue.field },
            issue.message,
          ),
        );
      }
    }
  }
  const fields = result.ok ? result.value : null;
  // The same shape rules as an estate write; a row's own `crs` counts like a Feature's.
  const shape = geometryShape(record.geometry ?? null, record.crs);
  if (!shape.ok && shape.code !== 'empty_geometry') problems.push(problem(shape.code, shape.params, undefined, shape.message));
  return {
    index,
    fields,
    // A refused row's name still finds duplicates, unless PostgreSQL could not read it.
    name: fields?.name ?? (rawName === '' || !isSafeText(rawName) ? null : rawName),
    code: fields?.code ?? null,
    units: fields ? givenUnitCodes(properties) : { districtCode: null, subdistrictCode: null, communityCode: null },
    geometry: shape.ok ? shape.geojson : null,
    geometryRefused: !shape.ok && shape.code !== 'empty_geometry',
    zone: zone.ok ? zone.zone : null,
    problems,
  };
}

/** Two rows of one file may not share an estate code (the ledger's codes are unique). */
export function flagCodesRepeatedInFile(rows: readonly PreparedRow[]): void {
  const firstByCode = new Map<string, number>();
  for (const row of rows) {
    if (row.code === null) continue;
    const first = firstByCode.get(row.code);
    if (first === undefined) {
      firstByCode.set(row.code, row.index);
    } else {
      const message = `code: "${row.code}" is also used by row ${first}`;
      row.problems.push(problem('invalid_field', { field: 'code', detail: message }, { field: 'code', otherIndex: first }, message));
    }
  }
}
