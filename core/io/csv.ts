/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), RFC 4180
 * quoting, and escaping against formula injection (CSV injection, OWASP).
 *
 * Escaping rule: a *string* cell that begins with = + - @, a tab or a carriage return gets a
 * leading apostrophe, so Excel shows it as text instead of running it ('=HYPERLINK(…)' stays
 * text). Numbers are never escaped: -3 stays -3. Our CSV import (read-import-file.ts) removes
 * exactly that apostrophe again — an apostrophe followed by one of those characters — so
 * export → import gives back the original text. A value that genuinely begins with "'=" would
 * lose its apostrophe on import; ledgers don't hold such values.
 */

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/u;
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

/**
 * A string cell made safe for spreadsheets.
 * @example escapeFormula('=SUM(A1)') // "'=SUM(A1)"; escapeFormula('小区') // '小区'
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Undoes {@link escapeFormula} on a cell read from a CSV.
 * @example unescapeFormula("'=SUM(A1)") // '=SUM(A1)'; unescapeFormula("'abc") // "'abc"
 */
export function unescapeFormula(text: string): string {
  return ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  return escapeFormula(typeof value === 'string' ? value : JSON.stringify(value));
}

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * A whole CSV file: BOM, header, rows, CRLF line ends (RFC 4180).
 * @example toCsv(['小区名称', '户数'], [['=x', 12]]) // '\uFEFF小区名称,户数\r\n\'=x,12\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map((value) => quote(cellText(value))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
