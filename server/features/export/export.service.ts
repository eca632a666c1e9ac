/**
 * The ledger as files: GeoJSON (as GET /api/estates), CSV for Excel (core/io/csv.ts) and XLSX laid
 * out as the survey ledger 调查摸底情况统计表. CSV and XLSX carry a WKT column, so every export
 * reads back through the import (core/io/read-import-file.ts) without loss. Every format names
 * each estate's zone (片区 column, `zone` property), which the import turns back into zones; the
 * XLSX adds a 片区 sheet with one row per zone.
 */
import ExcelJS from 'exceljs';
import { geojsonToWKT } from '@terraformer/wkt';
import type { EstateApiFeature, EstateFilter, ZoneApiProperties } from '../../../core/contract/index.js';
import { toCsv } from '../../../core/io/csv.js';
import {
  LEDGER_COLUMNS,
  SEQUENCE_COLUMN_HEADER,
  WKT_COLUMN_HEADER,
  ZONE_COLUMN,
  ledgerCellValue,
  ledgerColumn,
} from '../../../core/io/ledger-columns.js';
import { TOTALLED_FIELD_KEYS } from '../../../core/ledger-fields.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { InvalidError } from '../../domain-errors.js';
import { listEstates, listEstatesById } from '../estates/estates.service.js';
import { listZones } from '../zones/zones.service.js';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: a selection of ids, or the estates matching the map's filters. */
export type ExportSelection = { ids: readonly number[] } | { filter: EstateFilter };

export const SHEET_NAME = '调查摸底情况统计表';
export const ZONE_SHEET_NAME = '片区';
const FILE_BASE_NAME = { zh: '老旧小区台账', ascii: 'estate-ledger' } as const;
const CONTENT_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportFile {
  contentType: string;
  /** A `Content-Disposition: attachment` value with a Chinese name (RFC 5987) and an ASCII fallback. */
  contentDisposition: string;
  body: Buffer;
}

/** The estates to export, ordered by id; an unknown id in a selection is a 400 naming it. */
export async function selectEstatesForExport(ctx: ServiceContext<Queryable>, selection: ExportSelection): Promise<EstateApiFeature[]> {
  if ('filter' in selection) return listEstates(ctx, selection.filter);
  const estates = await listEstatesById(ctx, selection.ids);
  const found = new Set(estates.map((estate) => estate.id));
  const missing = selection.ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const list = `${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}`;
    throw new InvalidError([
      { field: 'ids', code: 'not_a_value', params: { field: 'ids', value: list }, message: `ids: no estate with id ${list}` },
    ]);
  }
  return estates;
}

/** A zone among the exported estates, with what its sheet row names. */
export interface ExportZone {
  properties: ZoneApiProperties;
  subdistrictName: string | null;
  /** Every member of the zone (also those outside the export), ascending by id. */
  members: { id: number; name: string; code: string | null }[];
}

/**
 * The zones that hold at least one of the exported estates, ordered by id, with their totals as
 * GET /api/zones gives them (the whole zone, also members outside the export).
 */
export async function selectZonesForExport(ctx: ServiceContext<Queryable>, estates: readonly EstateApiFeature[]): Promise<ExportZone[]> {
  const exported = new Set(estates.map((estate) => estate.id));
  const zones = (await listZones(ctx)).filter((zone) => zone.properties.estateIds.some((id) => exported.has(id)));
  if (zones.length === 0) return [];
  const members = await ctx.db.query<{ id: number; name: string; code: string | null }>(
    'SELECT id, name, code FROM estates WHERE id = ANY($1::int[]) ORDER BY id',
    [zones.flatMap((zone) => zone.properties.estateIds)],
  );
  const units = await ctx.db.query<{ code: string; name: string }>('SELECT code, name FROM subdistricts WHERE code = ANY($1::text[])', [
    zones.flatMap((zone) => zone.properties.subdistrictCode ?? []),
  ]);
  const unitName = new Map(units.map((unit) => [unit.code, unit.name]));
  return zones.map((zone) => {
    const ids = new Set(zone.properties.estateIds);
    const code = zone.properties.subdistrictCode;
    return {
      properties: zone.properties,
      subdistrictName: code === null ? null : (unitName.get(code) ?? code),
      members: members.filter((member) => ids.has(member.id)),
    };
  });
}

/** Each exported estate's zone name, by estate id; an estate in no zone is absent. */
export function zoneNamesByEstate(zones: readonly ExportZone[]): Map<number, string> {
  return new Map(zones.flatMap((zone) => zone.properties.estateIds.map((id): [number, string] => [id, zone.properties.name])));
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` — RFC 6266 with RFC 5987 encoding so browsers
 * save 老旧小区台账_2026-11-21.xlsx and old clients get an ASCII name.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/["\\]/gu, '_')}"; filename*=UTF-8''${encoded}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface ExportOptions {
  /** Describes what was exported, for the XLSX title (e.g. 全部, 城中街道, 选中 3 个小区). */
  scope: string;
  /** The zones among the exported estates (selectZonesForExport); none when left out. */
  zones?: readonly ExportZone[];
  now?: Date;
}

/** Builds the file in the requested format. */
export async function buildExport(format: ExportFormat, estates: readonly EstateApiFeature[], options: ExportOptions): Promise<ExportFile> {
  const date = isoDate(options.now ?? new Date());
  const disposition = attachmentDisposition(`${FILE_BASE_NAME.zh}_${date}.${format}`, `${FILE_BASE_NAME.ascii}_${date}.${format}`);
  const zones = options.zones ?? [];
  const zoneNames = zoneNamesByEstate(zones);
  let body: Buffer;
  if (format === 'geojson') body = Buffer.from(JSON.stringify(estatesToGeojson(estates, zoneNames)), 'utf8');
  else if (format === 'csv') body = Buffer.from(estatesToCsv(estates, zoneNames), 'utf8');
  else body = await estatesToXlsx(estates, { ...options, zones, now: options.now ?? new Date() });
  return { contentType: CONTENT_TYPES[format], contentDisposition: disposition, body };
}

/**
 * The estates as GET /api/estates gives them, each with a `zone` property: its zone's name, or
 * null. The zones themselves are not added: a FeatureCollection has no place for a second kind
 * of feature list (a foreign `zones` member is ignored by GIS tools), and zone outlines mixed in
 * as features would read back as estates. The per-estate name is what the import needs to
 * re-create the zones (it recomputes their outlines); the outlines are GET /api/zones.
 */
export function estatesToGeojson(
  estates: readonly EstateApiFeature[],
  zoneNames: ReadonlyMap<number, string>,
): { type: 'FeatureCollection'; features: EstateApiFeature[] } {
  return {
    type: 'FeatureCollection',
    features: estates.map((estate) => ({
      ...estate,
      properties: { ...estate.properties, [ZONE_COLUMN.key]: zoneNames.get(estate.id) ?? null },
    })),
  };
}

function ledgerHeader(): string[] {
  return [SEQUENCE_COLUMN_HEADER.zh, ...LEDGER_COLUMNS.map((c) => c.zh), ZONE_COLUMN.zh, WKT_COLUMN_HEADER.zh];
}

function ledgerRow(estate: EstateApiFeature, sequence: number, zoneNames: ReadonlyMap<number, string>): (string | number)[] {
  return [
    sequence,
    ...LEDGER_COLUMNS.map((column) => ledgerCellValue(column, estate.properties)),
    zoneNames.get(estate.id) ?? '',
    geojsonToWKT(estate.geometry),
  ];
}

/** One row per estate: 序号, the ledger columns with Chinese headers, its zone (片区) and the WKT geometry. */
export function estatesToCsv(estates: readonly EstateApiFeature[], zoneNames: ReadonlyMap<number, string> = new Map()): string {
  return toCsv(
    ledgerHeader(),
    estates.map((estate, i) => ledgerRow(estate, i + 1, zoneNames)),
  );
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB0B8C4' } };
const GRID: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WKT_WIDTH_CHARS = 40;

function columnLetter(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The survey ledger workbook: a title row, the header row (frozen, with filters), one row per
 * estate (是/否, 房改房 …, numbers formatted), a 合计 row with SUM formulas (and their values, so
 * readers that don't calculate see them) and a WKT column for re-import.
 */
export async function estatesToXlsx(
  estates: readonly EstateApiFeature[],
  options: ExportOptions & { zones: readonly ExportZone[]; now: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renewal Atlas 旧改一张图';
  workbook.created = options.now;
  const header = ledgerHeader();
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = [
    { width: 6 },
    ...LEDGER_COLUMNS.map((column) => ({ width: column.widthChars + 2, style: column.numFmt ? { numFmt: column.numFmt } : {} })),
    { width: ZONE_COLUMN.widthChars + 2 },
    { width: WKT_WIDTH_CHARS },
  ];

  const title = sheet.addRow([`老旧小区调查摸底情况统计表（${options.scope}，导出日期 ${isoDate(options.now)}）`]);
  sheet.mergeCells(1, 1, 1, header.length);
  title.height = 28;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const headerRow = sheet.addRow(header);
  headerRow.height = 32;
  headerRow.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = GRID;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: header.length } };

  const zoneNames = zoneNamesByEstate(options.zones);
  estates.forEach((estate, i) => {
    const row = sheet.addRow(ledgerRow(estate, i + 1, zoneNames));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = GRID;
      if (col === header.length) cell.alignment = { wrapText: false };
    });
  });

  const firstDataRow = 3;
  const lastDataRow = firstDataRow + estates.length - 1;
  const totals: (string | number | ExcelJS.CellFormulaValue)[] = new Array<string>(header.length).fill('');
  totals[0] = '合计';
  const nameIndex = 1 + LEDGER_COLUMNS.findIndex((c) => c.key === 'name');
  const count = estates.length;
  totals[nameIndex] =
    count > 0
      ? { formula: `COUNTA(${columnLetter(nameIndex + 1)}${firstDataRow}:${columnLetter(nameIndex + 1)}${lastDataRow})`, result: count }
      : 0;
  for (const key of TOTALLED_FIELD_KEYS) {
    const index = 1 + LEDGER_COLUMNS.findIndex((c) => c.key === key);
    const sum = estates.reduce((total, estate) => total + (estate.properties[key] ?? 0), 0);
    const letter = columnLetter(index + 1);
    totals[index] =
      count > 0 ? { formula: `SUM(${letter}${firstDataRow}:${letter}${lastDataRow})`, result: Math.round(sum * 100) / 100 } : 0;
  }
  const totalsRow = sheet.addRow(totals);
  totalsRow.getCell(nameIndex + 1).numFmt = '"共"0"个小区"';
  totalsRow.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = GRID;
  });

  addZoneSheet(workbook, options.zones);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const BOUNDARY_LABELS: Readonly<Record<ZoneApiProperties['boundary'], string>> = { computed: '按小区生成', drawn: '手绘' };
const LIST_SEPARATOR = '、';

/** The columns of the 片区 sheet; the estate figures reuse the ledger's headers and number formats. */
const ZONE_SHEET_COLUMNS: readonly { header: string; widthChars: number; numFmt?: string; cell(zone: ExportZone): string | number }[] = [
  { header: '片区名称', widthChars: 18, cell: (z) => z.properties.name },
  { header: ledgerColumn('subdistrict').zh, widthChars: 12, cell: (z) => z.subdistrictName ?? '' },
  { header: '小区数', widthChars: 8, numFmt: '#,##0', cell: (z) => z.properties.totals.estates },
  ...(['households', 'buildings', 'floorAreaM2', 'landAreaM2'] as const).map((key) => {
    const column = ledgerColumn(key);
    return { header: column.zh, widthChars: column.widthChars, numFmt: column.numFmt, cell: (z: ExportZone) => z.properties.totals[key] };
  }),
  { header: '纳入改造小区数', widthChars: 10, numFmt: '#,##0', cell: (z) => z.properties.totals.eligible },
  { header: '急需改善小区数', widthChars: 10, numFmt: '#,##0', cell: (z) => z.properties.totals.urgent },
  { header: '片区范围面积(㎡)', widthChars: 14, numFmt: '#,##0', cell: (z) => z.properties.outlineAreaM2 },
  { header: '范围来源', widthChars: 10, cell: (z) => BOUNDARY_LABELS[z.properties.boundary] },
  { header: '不连片理由', widthChars: 18, cell: (z) => z.properties.splitReason ?? '' },
  { header: '备注', widthChars: 18, cell: (z) => z.properties.note ?? '' },
  { header: ledgerColumn('name').zh, widthChars: 40, cell: (z) => z.members.map((m) => m.name).join(LIST_SEPARATOR) },
  { header: ledgerColumn('code').zh, widthChars: 30, cell: (z) => z.members.map((m) => m.code ?? '').join(LIST_SEPARATOR) },
];

/**
 * The 片区 sheet: one row per zone among the exported estates, with its figures (the whole zone,
 * as GET /api/zones totals it) and its members. For reading only: the import reads the ledger
 * sheet, where the 片区 column already says which estate belongs to which zone.
 */
function addZoneSheet(workbook: ExcelJS.Workbook, zones: readonly ExportZone[]): void {
  const sheet = workbook.addWorksheet(ZONE_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = ZONE_SHEET_COLUMNS.map((column) => ({
    width: column.widthChars + 2,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  const header = sheet.addRow(ZONE_SHEET_COLUMNS.map((column) => column.header));
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = GRID;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const zone of zones) {
    const row = sheet.addRow(ZONE_SHEET_COLUMNS.map((column) => column.cell(zone)));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = GRID;
    });
  }
}
