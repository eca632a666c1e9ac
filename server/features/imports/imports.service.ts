/**
 * Import of many estates: a per-row report (validate) and an all-or-nothing commit. The row
 * checks are import-rows.ts (TypeScript) and import-checks.ts (set-based SQL over a work table);
 * the commit is one INSERT … SELECT from that table, then the file's zones (import-zones.ts).
 */
import type { ImportFormat, ImportLayer, ImportLayerInput, ImportResult, ImportRowReport } from '../../../core/contract/index.js';
import type { SourceCrs } from '../../../core/io/source-crs.js';
import type { EstateAreaBounds } from '../../../core/geometry/estate-area.js';
import type { ImportRowProblemCode } from '../../../core/problems.js';
import { withDb, type ServiceContext } from '../../context.js';
import type { Executor, Queryable } from '../../db/index.js';
import { RejectedError } from '../../domain-errors.js';
import { recordImportAudit } from '../audit/audit.service.js';
import { lockEstateWrites } from '../estates/estate-writes.service.js';
import { INPUT_COLUMNS, inputFromJsonSql } from '../estates/estates.sql.js';
import { checkWorkTable, loadWorkTable } from './import-checks.js';
import { flagCodesRepeatedInFile, prepareRow, type PreparedRow } from './import-rows.js';
import { checkImportZones, importZoneGroups, insertImportZones, type ImportZoneGroup } from './import-zones.js';
import { notifyProgrammeChange } from '../programme/programme-events.js';

/** Problems that `allowOverlap` turns from refusals into accepted facts. */
const OVERLAP_CODES: ReadonlySet<ImportRowProblemCode> = new Set(['overlap_existing', 'overlap_in_file']);

export interface ImportCheckOptions {
  /** For the year-built rule. */
  currentYear: number;
  /** The estate area rule's bounds (Settings). */
  areaBounds: Readonly<EstateAreaBounds>;
  /** Overlaps are not problems (the planner accepted them). */
  allowOverlap?: boolean;
}

/** Prepares the rows, fills the work table and runs every rule; must run inside a transaction. */
async function checkRows(
  tx: Executor,
  features: readonly unknown[],
  options: ImportCheckOptions,
): Promise<{ rows: PreparedRow[]; reports: ImportRowReport[]; zones: ImportZoneGroup[] }> {
  const rows = features.map((feature, index) => prepareRow(feature, index, options.currentYear));
  flagCodesRepeatedInFile(rows);
  await loadWorkTable(tx, rows);
  const landAreas = await checkWorkTable(tx, rows, { withOverlaps: options.allowOverlap !== true, areaBounds: options.areaBounds });
  const zones = importZoneGroups(rows);
  await checkImportZones(tx, zones, (index, found) => rows[index]?.problems.push(found));
  const reports = rows.map((row) => ({ index: row.index, landAreaM2: landAreas.get(row.index) ?? null, problems: row.problems }));
  return { rows, reports, zones };
}

/** POST /api/imports/validate: the per-row report; writes nothing (the work table dies with the transaction). */
export async function validateImport(ctx: ServiceContext, features: readonly unknown[]): Promise<ImportRowReport[]> {
  const options = { currentYear: ctx.now().getFullYear(), areaBounds: ctx.settings.estateAreaBounds };
  return ctx.db.transaction(async (tx) => (await checkRows(tx, features, options)).reports);
}

/** An import with problem rows (422); details.rows is the whole report. */
export class ImportRejectedError extends RejectedError {
  constructor(rows: ImportRowReport[]) {
    const bad = rows.filter((row) => row.problems.length > 0).length;
    super('import_rejected', { bad, total: rows.length }, { rows });
  }
}

const INSERT_ESTATES = `INSERT INTO estates (id, district_code, subdistrict_code, community_code, import_layer_id, geom, ${INPUT_COLUMNS.join(', ')})
  SELECT r.new_id, u.district_code, u.subdistrict_code, u.community_code, $1, r.geom, ${inputFromJsonSql('r.fields')}
  FROM import_rows r
  CROSS JOIN LATERAL estate_units(r.geom, r.district_code, r.subdistrict_code, r.community_code) AS u
  ORDER BY r.idx`;

/**
 * POST /api/imports: all rows as one layer in one transaction, with the zones the file names
 * (片区 column), or nothing (ImportRejectedError, also when a zone breaks a zone rule).
 */
export async function commitImport(
  ctx: ServiceContext,
  layer: ImportLayerInput,
  features: readonly unknown[],
  options: { allowOverlap?: boolean } = {},
): Promise<ImportResult> {
  return ctx.db.transaction(async (tx) => {
    await lockEstateWrites(tx);
    const { rows, reports, zones } = await checkRows(tx, features, {
      ...options,
      currentYear: ctx.now().getFullYear(),
      areaBounds: ctx.settings.estateAreaBounds,
    });
    const refused = reports.filter((row) =>
      row.problems.some((problem) => options.allowOverlap !== true || !OVERLAP_CODES.has(problem.code)),
    );
    if (refused.length > 0) throw new ImportRejectedError(reports);

    const [created] = await tx.query<{ id: number }>(
      `INSERT INTO import_layers (name, file_name, format, source_crs, feature_count) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [layer.name, layer.fileName, layer.format, layer.sourceCrs, features.length],
    );
    if (!created) throw new Error('INSERT … RETURNING gave no row');
    // Ids drawn before the insert and kept beside each row, so `ids[k]` is surely the estate of feature k.
    await tx.query(`UPDATE import_rows SET new_id = nextval(pg_get_serial_sequence('estates', 'id'))`);
    await tx.query(INSERT_ESTATES, [created.id]);
    const txCtx = withDb(ctx, tx);
    await recordImportAudit(txCtx, created.id, { ...layer, featureCount: features.length });
    const ids = await tx.query<{ idx: number; new_id: number }>('SELECT idx, new_id FROM import_rows ORDER BY idx');
    const zoneIds = await insertImportZones(txCtx, zones, new Map(ids.map((row) => [row.idx, row.new_id])), (index, found) =>
      rows[index]?.problems.push(found),
    );
    if (zoneIds.length < zones.length) throw new ImportRejectedError(reports);
    await notifyProgrammeChange(tx, { kind: 'estates', estateIds: [] }, ctx);
    return { layerId: created.id, inserted: ids.length, ids: ids.map((row) => row.new_id) };
  });
}

interface ImportLayerRow {
  id: number;
  name: string;
  file_name: string;
  format: ImportFormat;
  source_crs: SourceCrs;
  feature_count: number;
  created_at: Date | string;
}

/** GET /api/import-layers */
export async function listImportLayers({ db }: ServiceContext<Queryable>): Promise<ImportLayer[]> {
  const rows = await db.query<ImportLayerRow>(
    'SELECT id, name, file_name, format, source_crs, feature_count, created_at FROM import_layers ORDER BY id',
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    fileName: row.file_name,
    format: row.format,
    sourceCrs: row.source_crs,
    featureCount: row.feature_count,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  }));
}
