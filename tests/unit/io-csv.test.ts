import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeFormula, toCsv, unescapeFormula, UTF8_BOM } from '../../core/io/csv.js';
import { readImportFile } from '../../core/io/read-import-file.js';

function bytesOf(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads Chinese', () => {
    const csv = toCsv(['小区名称'], [['搪瓷厂宿舍']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).subarray(0, 3)).toEqual(Uint8Array.of(0xef, 0xbb, 0xbf));
  });

  it('escapes string cells that begin with = + - @ tab or CR with an apostrophe', () => {
    const csv = toCsv(['v'], [['=cmd|" /C calc"!A0'], ['+1'], ['-1'], ['@x'], ['\tTAB'], ['\rCR'], ['ok=1']]);
    const lines = Papa.parse<string[]>(csv.slice(1)).data.map((row) => row[0]);
    expect(lines.slice(1, 8)).toEqual(['\'=cmd|" /C calc"!A0', "'+1", "'-1", "'@x", "'\tTAB", "'\rCR", 'ok=1']);
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(toCsv(['a', 'b', 'c'], [[-3, 1.5, 0]])).toBe(`${UTF8_BOM}a,b,c\r\n-3,1.5,0\r\n`);
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv(['name', 'notes'], [['A, B', 'say "hi"\nnext line']]);
    expect(csv).toBe(`${UTF8_BOM}name,notes\r\n"A, B","say ""hi""\nnext line"\r\n`);
    expect(Papa.parse<string[]>(csv.slice(1)).data[1]).toEqual(['A, B', 'say "hi"\nnext line']);
  });

  it('writes null and undefined as empty cells', () => {
    expect(toCsv(['a', 'b'], [[null, undefined]])).toBe(`${UTF8_BOM}a,b\r\n,\r\n`);
  });
});

describe('formula escaping round trip', () => {
  it('undoes exactly the apostrophe that escapeFormula adds', () => {
    for (const text of ['=SUM(A1)', '+86 772', '-', '@home', "'quoted", 'plain', "'", "'x=1"]) {
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
    }
    expect(unescapeFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unescapeFormula("'abc")).toBe("'abc");
  });

  it('reads back a CSV of formula-looking names as the original text', async () => {
    const names = ['=HYPERLINK("x")', '+1', '-1', '@x', '普通小区'];
    const csv = toCsv(
      ['小区名称', 'WKT'],
      names.map((name) => [name, 'POLYGON ((0 0, 1 0, 1 1, 0 0))']),
    );
    const table = await readImportFile({ name: 'ledger.csv', bytes: bytesOf(csv) });
    expect(table.rows.map((row) => row.values['小区名称'])).toEqual(names);
  });
});
