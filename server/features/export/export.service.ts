/**
 * The ledger as files: GeoJSON (as GET /api/estates), CSV for Excel (core/io/csv.ts) and XLSX laid
 * out as the survey ledger 调查摸底情况统计表. CSV and XLSX carry a WKT column, so every export
 * reads back through the import (core/io/read-import-file.ts) without loss.
 */
import ExcelJS from 'exceljs';
import { geojsonToWKT } from '@terraformer/wkt';
import type { EstateApiFeature, EstateFilter } from '../../../core/contract/index.js';
import { toCsv } from '../../../core/io/csv.js';
import { LEDGER_COLUMNS, SEQUENCE_COLUMN_HEADER, WKT_COLUMN_HEADER, ledgerCellValue } from '../../../core/io/ledger-columns.js';
import { TOTALLED_FIELD_KEYS } from '../../../core/ledger-fields.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { InvalidError } from '../../domain-errors.js';
import { listEstates, listEstatesById } from '../estates/estates.service.js';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: a selection of ids, or the estates matching the map's filters. */
export type ExportSelection = { ids: readonly number[] } | { filter: EstateFilter };

export const SHEET_NAME = '调查摸底情况统计表';
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
  now?: Date;
}

/** Builds the file in the requested format. */
export async function buildExport(format: ExportFormat, estates: readonly EstateApiFeature[], options: ExportOptions): Promise<ExportFile> {
  const date = isoDate(options.now ?? new Date());
  const disposition = attachmentDisposition(`${FILE_BASE_NAME.zh}_${date}.${format}`, `${FILE_BASE_NAME.ascii}_${date}.${format}`);
  let body: Buffer;
  if (format === 'geojson') body = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: estates }), 'utf8');
  else if (format === 'csv') body = Buffer.from(estatesToCsv(estates), 'utf8');
  else body = await estatesToXlsx(estates, { ...options, now: options.now ?? new Date() });
  return { contentType: CONTENT_TYPES[format], contentDisposition: disposition, body };
}

function ledgerHeader(): string[] {
  return [SEQUENCE_COLUMN_HEADER.zh, ...LEDGER_COLUMNS.map((c) => c.zh), WKT_COLUMN_HEADER.zh];
}

function ledgerRow(estate: EstateApiFeature, sequence: number): (string | number)[] {
  return [sequence, ...LEDGER_COLUMNS.map((column) => ledgerCellValue(column, estate.properties)), geojsonToWKT(estate.geometry)];
}

/** One row per estate: 序号, the ledger columns with Chinese headers, and the WKT geometry. */
export function estatesToCsv(estates: readonly EstateApiFeature[]): string {
  return toCsv(
    ledgerHeader(),
    estates.map((estate, i) => ledgerRow(estate, i + 1)),
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
export async function estatesToXlsx(estates: readonly EstateApiFeature[], options: ExportOptions & { now: Date }): Promise<Buffer> {
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

  estates.forEach((estate, i) => {
    const row = sheet.addRow(ledgerRow(estate, i + 1));
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

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
