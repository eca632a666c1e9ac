/** A report sheet as every XLSX report of the app lays it out: a title row, a bold header, frozen panes and a filter. */
import type ExcelJS from 'exceljs';

export type ReportRow = (string | number | null)[];

export function addSheet(workbook: ExcelJS.Workbook, name: string, title: string, header: string[], rows: ReportRow[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = header.map((h) => ({ width: Math.max(12, Math.min(28, h.length + 4)) }));
  const titleRow = sheet.addRow([title]);
  titleRow.getCell(1).font = { bold: true, size: 13 };
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle' };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: header.length } };
}

/** A generated report as the route sends it. */
export interface ReportFile {
  contentType: string;
  contentDisposition: string;
  body: Buffer;
}
