/** A value of one CSV cell; null and undefined become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal such as `-3` or `-116.4`: a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Neutralises a text cell that a spreadsheet would execute as a formula (`=HYPERLINK(...)`,
 * `@SUM(1)`, `+`, `-`, a leading tab or CR) by prefixing `'`, as the OWASP CSV injection
 * guidance recommends. Plain numbers written as text (`-3`) are left alone.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One cell: numbers are written as numbers (a negative coordinate stays `-116.4`); text is
 * neutralised against formula injection, then quoted per RFC 4180 when it holds a comma, a double
 * quote, CR or LF (quotes are doubled).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Most cells are integers or plain text: answer those without building anything.
  // A number's text never holds a comma, quote or line break: no quoting to check.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNumber(value);
  if (typeof value === 'string' && !NEEDS_CARE.test(value)) return value;
  return quoted(typeof value === 'string' ? neutraliseFormula(value) : String(value));
}

/** Text that may need neutralising or quoting: a formula start, or a character RFC 4180 quotes. */
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

/** The cell text quoted per RFC 4180 when it holds a comma, a double quote, CR or LF. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers without float noise (at most 6 decimals) and never in exponent notation for normal values. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(Math.round(value * 1e6) / 1e6);
}

/**
 * Renders a whole CSV document per RFC 4180: a header row, then one row per record, every line
 * (including the last) ended by CRLF so that strict parsers and spreadsheets agree.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  let text = `${header.map(csvCell).join(',')}\r\n`;
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`csv row has ${row.length} cells, header has ${header.length}: ${JSON.stringify(row)}`);
    }
    let line = csvCell(row[0]);
    for (let i = 1; i < row.length; i++) line += `,${csvCell(row[i])}`;
    text += `${line}\r\n`;
  }
  return text;
}

/** The UTF-8 byte order mark as a character (U+FEFF; the bytes EF BB BF once written as UTF-8). */
export const UTF8_BOM = '\ufeff';

/**
 * A CSV document with a UTF-8 byte order mark in front (once): Excel decodes a CSV file with the
 * mark as UTF-8 and one without it in the Windows code page, which on Chinese Windows is GBK.
 */
export function withBom(csv: string): string {
  return csv.startsWith(UTF8_BOM) ? csv : `${UTF8_BOM}${csv}`;
}
