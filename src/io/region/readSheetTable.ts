import { FatalInputError } from './fatalInputError.js';
import { parseTableHeader, type TableColumns, type TableHeader } from './parseTableHeader.js';
import { toRow, type CsvTableVisitor } from './readCsvTable.js';
import type { SheetRow, XlsxSheet } from './readXlsxSheet.js';
import { serialClockText, type SheetCell } from './xlsxCellText.js';

/**
 * A cell's text in its column: in a clock-time column (`columns.time`) a plain number from 0 to 1
 * is an Excel time serial whose cell was left in the General format (0.375 -> `09:00`, 1 ->
 * `24:00`); everything else keeps the text sheetCell gave it (a time-formatted cell already reads
 * `09:00`).
 */
function cellText(cell: SheetCell | undefined, isTime: boolean): string {
  if (cell === undefined) return '';
  if (isTime && cell.serial !== null && cell.serial >= 0 && cell.serial <= 1 && !cell.text.includes(':')) {
    return serialClockText(cell.serial);
  }
  return cell.text;
}

/** A worksheet row's values as text, in header column order (time serials read in time columns). */
function rowFields(row: SheetRow, timeColumns: ReadonlySet<number>): string[] {
  return row.cells.map((cell, index) => cellText(cell, timeColumns.has(index)));
}

/**
 * Reads a worksheet as a table, like scanCsvTable reads CSV text: the first non-blank row is the
 * header (checked by parseTableHeader, the same FatalInputErrors), every later non-blank row is
 * handed to `visit` with its worksheet row number as its line. Cells cannot be damaged the way CSV
 * records can, and a cell's line break (Alt+Enter) is part of its value, so no record is refused
 * and no span note is written. Returns the header.
 */
export function scanSheetTable(
  sheet: XlsxSheet,
  path: string,
  columns: TableColumns,
  visit: CsvTableVisitor,
): TableHeader {
  const [first, ...rest] = sheet.rows;
  if (first === undefined) throw new FatalInputError(`${path}: sheet "${sheet.name}" is empty`, path);
  const header = parseTableHeader(
    first.cells.map((cell) => cell.text),
    path,
    columns,
  );
  const timeColumns = new Set(
    (columns.time ?? []).map((name) => header.indexOf.get(name)).filter((i): i is number => i !== undefined),
  );
  for (const row of rest) {
    const record = { line: row.line, endLine: row.line, fields: rowFields(row, timeColumns) };
    visit.row(toRow(record, header, { spanNotes: false }), header);
  }
  return header;
}
