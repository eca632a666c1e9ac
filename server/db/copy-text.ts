/**
 * Rows for COPY … FROM in PostgreSQL's text format: tab-separated, `\N` for NULL, backslash,
 * tab, newline and carriage return escaped. Both back-ends load bulk data this way (a PostGIS
 * server through a COPY stream, PGlite from a blob), so one encoder serves both.
 */

/** One value of a COPY row. Geometry travels as EWKT text (`SRID=4326;MULTIPOLYGON(…)`). */
export type CopyValue = string | number | boolean | null;

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/g;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot carry the number ${value}`);
    return String(value);
  }
  return value.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
}

/** One row as a line of COPY text, newline included. */
export function copyLine(row: readonly CopyValue[]): string {
  return `${row.map(field).join('\t')}\n`;
}

/** Lines joined into chunks of about `chunkChars`, so a stream gets few large writes. */
export function* copyTextChunks(rows: Iterable<readonly CopyValue[]>, chunkChars = 1 << 20): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * `COPY table (columns) FROM source` for our own table and column names (checked, as they are
 * spliced into the statement); `source` is `STDIN` or PGlite's `'/dev/blob'`.
 */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`copyStatement: "${name}" is not a plain identifier`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
