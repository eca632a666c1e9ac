/**
 * Text encodings of imported files. Chinese spreadsheets and Shapefiles are often GBK, not
 * UTF-8; TextDecoder('gbk') exists in Node and in every browser (WHATWG Encoding).
 */

/** dBASE language driver ids (byte 29 of a .dbf) → TextDecoder labels; the ones met in practice. */
const DBF_LANGUAGE_DRIVERS: Readonly<Record<number, string>> = {
  0x01: 'ibm866', // DOS USA (cp437 is not in WHATWG; 866 decodes ASCII the same)
  0x03: 'windows-1252',
  0x13: 'shift_jis',
  0x4d: 'gbk', // Chinese GBK (PRC), cp936
  0x4e: 'euc-kr',
  0x4f: 'big5',
  0x50: 'windows-874',
  0x57: 'windows-1252', // ESRI "ANSI"
  0x58: 'windows-1252',
  0x59: 'windows-1252',
  0x64: 'ibm866',
  0x65: 'ibm866',
  0x7a: 'gbk', // PRC GBK
  0x7b: 'euc-kr',
  0x7c: 'windows-874',
  0x7d: 'windows-1255',
  0x7e: 'windows-1256',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0xca: 'windows-1254',
  0xcb: 'windows-1253',
};

/** Code-page names in .cpg files and elsewhere → TextDecoder labels. */
const CODE_PAGES: Readonly<Record<string, string>> = {
  '936': 'gbk',
  cp936: 'gbk',
  gb2312: 'gbk',
  gbk: 'gbk',
  gb18030: 'gb18030',
  '54936': 'gb18030',
  '65001': 'utf-8',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  '950': 'big5',
  big5: 'big5',
  '949': 'euc-kr',
  '932': 'shift_jis',
  '1252': 'windows-1252',
  '1251': 'windows-1251',
  '1250': 'windows-1250',
  '88591': 'iso-8859-1',
  iso88591: 'iso-8859-1',
};

function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * A TextDecoder label for an encoding name as found in a .cpg ("936", "ANSI 936", "GBK", "UTF-8", "CP1252"),
 * or null when unknown.
 * @example encodingFromCodePage('ANSI 936') // 'gbk'
 */
export function encodingFromCodePage(name: string): string | null {
  const compact = name
    .trim()
    .toLowerCase()
    .replace(/^(ansi|cp|windows|ms)[\s_-]*/u, '')
    .replace(/[\s_]/gu, '');
  const known = CODE_PAGES[compact] ?? CODE_PAGES[name.trim().toLowerCase()];
  if (known) return known;
  if (/^\d{3,4}$/u.test(compact) && isSupported(`windows-${compact}`)) return `windows-${compact}`;
  const label = name.trim().toLowerCase();
  return label !== '' && isSupported(label) ? label : null;
}

/** The language driver byte of a .dbf header, as a TextDecoder label, or null when not set or unknown. */
export function encodingFromDbfLanguageDriver(dbf: Uint8Array): string | null {
  const id = dbf[29];
  return id === undefined ? null : (DBF_LANGUAGE_DRIVERS[id] ?? null);
}

/** Whether the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text of a file that is UTF-8 (with or without BOM) or, failing that, GBK — the usual
 * encoding of CSVs saved by Chinese Excel.
 * @example decodeText(bytes) // { text: '小区名称,户数\n…', encoding: 'gbk' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (isValidUtf8(bytes)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding: 'utf-8' };
  }
  // UTF-16 with a BOM (Excel's "Unicode text")
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
}
