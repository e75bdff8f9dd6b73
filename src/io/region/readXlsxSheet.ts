import { Readable } from 'node:stream';
import { MAX_INPUT_FILE_BYTES } from './decodeCsvText.js';
import { FatalInputError } from './fatalInputError.js';
import { EMPTY_CELL, sheetCell, type SheetCell } from './xlsxCellText.js';

/** One non-blank worksheet row: its row number (1-based, as Excel shows it) and its cells from column A. */
export interface SheetRow {
  line: number;
  cells: SheetCell[];
}

/** The worksheet a table was read from. */
export interface XlsxSheet {
  /** The sheet's name as its tab shows it. */
  name: string;
  /** Rows with at least one non-blank cell, in order. */
  rows: SheetRow[];
}

/** What the streaming reader exposes beyond its typings: the workbook's sheet list and date system. */
interface ReaderInternals {
  model?: { sheets?: Array<{ name?: string }> };
  properties?: { model?: { date1904?: boolean } };
}

/** The cells exceljs hands a row to. */
interface ReaderCell {
  value: unknown;
  numFmt?: string;
}
interface ReaderRow {
  number: number;
  eachCell(callback: (cell: ReaderCell, column: number) => void): void;
}
interface ReaderSheet extends AsyncIterable<ReaderRow> {
  name: string;
}

/** The name of the sheet to read: the one asked for, else the first tab of the workbook. */
function targetSheet(wanted: string | null, internals: ReaderInternals, emitted: string): string {
  if (wanted !== null) return wanted;
  return internals.model?.sheets?.[0]?.name ?? emitted;
}

/** A row's cells from column A; null when every cell is blank. */
function readRow(row: ReaderRow, date1904: boolean): SheetCell[] | null {
  const cells: SheetCell[] = [];
  let blank = true;
  row.eachCell((cell, column) => {
    const value = sheetCell(cell.value, cell.numFmt, date1904);
    while (cells.length < column - 1) cells.push(EMPTY_CELL);
    cells[column - 1] = value;
    if (value.text.trim() !== '') blank = false;
  });
  return blank ? null : cells;
}

/**
 * Reads one worksheet of an .xlsx workbook: the sheet named `sheet`, else the first sheet in tab
 * order. Streams the workbook (exceljs' streaming reader: a 50,000-row sheet in about a second,
 * see BENCHMARKS.md) and keeps only the non-blank rows of the chosen sheet, each cell turned into
 * text by sheetCell (dates and times by their number format). Throws a FatalInputError naming the
 * file when the bytes are not a readable workbook (an old .xls, a CSV file named .xlsx, a
 * damaged archive), when the sheet
 * does not exist (naming the sheets there are), when the workbook has no sheet, or when the sheet
 * holds more text than an input file may (MAX_INPUT_FILE_BYTES characters: a zip bomb).
 */
export async function readXlsxSheet(
  bytes: Uint8Array,
  path: string,
  sheet: string | null,
): Promise<XlsxSheet> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new FatalInputError(
      `${path}: an Excel 97-2003 workbook (.xls) with an .xlsx name; save it as an .xlsx workbook`,
      path,
    );
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new FatalInputError(
      `${path}: not an .xlsx workbook (an .xlsx file is a zip archive and this one is not; a CSV file must be named .csv)`,
      path,
    );
  }
  // Loaded here, not at start-up: exceljs takes about 0.2 s to load and most regions are CSV.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const seen: string[] = [];
  let found: XlsxSheet | null = null;
  let chars = 0;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<ReaderSheet>) {
      seen.push(worksheet.name);
      const wanted = found === null && worksheet.name === targetSheet(sheet, internals, worksheet.name);
      const date1904 = internals.properties?.model?.date1904 === true;
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        if (!wanted) continue;
        const cells = readRow(row, date1904);
        if (cells === null) continue;
        for (const cell of cells) chars += cell.text.length;
        if (chars > MAX_INPUT_FILE_BYTES) {
          throw new FatalInputError(
            `${path}: sheet "${worksheet.name}" holds more than ${MAX_INPUT_FILE_BYTES / 1048576} M characters of text, more than an input may have`,
            path,
          );
        }
        rows.push({ line: row.number, cells });
      }
      if (wanted) found = { name: worksheet.name, rows };
    }
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    throw new FatalInputError(
      `${path}: cannot be read as an .xlsx workbook (${(error as Error).message}); save it again from Excel as .xlsx, or export it as CSV`,
      path,
    );
  }
  if (found !== null) return found;
  if (seen.length === 0) throw new FatalInputError(`${path}: the workbook has no worksheet`, path);
  throw new FatalInputError(
    `${path}: the workbook has no sheet "${sheet ?? ''}" (sheets: ${seen.map((name) => `"${name}"`).join(', ')}); check input.sheet / --sheet`,
    path,
  );
}
