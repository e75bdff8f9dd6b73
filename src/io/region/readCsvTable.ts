import { FatalInputError } from './fatalInputError.js';
import { readCsvRecords, type CsvDamage } from './readCsvRecords.js';
import { rejectRow, truncateValue, type RowProblem } from './quarantine.js';

/** One data row: its physical line and a lookup of trimmed values by (lower-case) column name. */
export interface CsvRow {
  line: number;
  /** Trimmed value of a column; '' when the column is absent or the row is short. */
  get(column: string): string;
  /** Values beyond the header's last column (often empty: trailing commas). */
  extraValues: string[];
  /** The record's values joined back with commas, for quarantine entries. */
  text(): string;
}

/** A CSV file read against its expected columns. */
export interface CsvTable {
  /** Header names as written (trimmed), in file order. */
  header: string[];
  rows: CsvRow[];
  /** Records that could not be read at all (broken quoting, too long). */
  damage: CsvDamage[];
  /** Number of header columns (trailing empty header cells excluded). */
  width: number;
}

/** Column names are matched trimmed and case-insensitively. */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Reads decoded CSV text whose first non-blank record is a header. Required columns must all be
 * present (else a FatalInputError naming the column); optional known columns may be absent;
 * unknown extra columns are kept in the file and ignored. A known column named twice is fatal
 * because nobody can tell which one is meant.
 */
export function readCsvTable(
  text: string,
  path: string,
  columns: { required: readonly string[]; optional: readonly string[] },
): CsvTable {
  const { records, damage } = readCsvRecords(text);
  const headerRecord = records[0];
  if (!headerRecord || damage.some((d) => d.line < headerRecord.line)) {
    const first = damage[0];
    throw new FatalInputError(
      first
        ? `${path}: the header row cannot be read (line ${first.line}: ${first.message})`
        : `${path}: the file has no header row`,
      path,
    );
  }
  const header = headerRecord.fields.map((f) => f.trim());
  const known = new Set([...columns.required, ...columns.optional]);
  const indexOf = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = normalizeColumnName(raw);
    if (name === '') return;
    if (indexOf.has(name) && known.has(name)) {
      throw new FatalInputError(
        `${path}: column "${name}" appears twice in the header (which one is meant?)`,
        path,
        name,
      );
    }
    if (!indexOf.has(name)) indexOf.set(name, index);
  });
  for (const column of columns.required) {
    if (!indexOf.has(column)) {
      throw new FatalInputError(
        `${path}: required column "${column}" is missing from the header (found: ${truncateValue(header.filter((h) => h !== '').join(', ')) || 'nothing'})`,
        path,
        column,
      );
    }
  }
  // Trailing empty header cells (a spreadsheet's stray commas) do not count as columns.
  let width = header.length;
  while (width > 0 && header[width - 1] === '') width--;

  const rows: CsvRow[] = records.slice(1).map((record) => ({
    line: record.line,
    get: (column: string) => {
      const index = indexOf.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    },
    extraValues: record.fields.slice(width),
    text: () => record.fields.join(','),
  }));
  return { header, rows, damage, width };
}

/** The problem of a row with more values than the header has columns. */
export function tooManyValues(row: CsvRow, width: number): RowProblem {
  return rejectRow(
    '(row)',
    row.text(),
    `the row has ${width + row.extraValues.length} values but the header has ${width} columns (an unquoted comma in a value?); row rejected`,
  );
}

/**
 * Applies the column-count rule to a parsed row's problems. Non-empty values beyond the header
 * always mean a misaligned row. Empty ones (trailing commas) are tolerated while the row is
 * otherwise valid, but when the row fails they are the likely cause (an unquoted comma shifted
 * every later value), so the shape is reported instead of the misleading per-field problems.
 */
export function applyRowShape(row: CsvRow, width: number, problems: RowProblem[]): RowProblem[] {
  if (row.extraValues.length === 0) return problems;
  const hard = row.extraValues.some((value) => value.trim() !== '');
  const failed = problems.some((problem) => problem.action === 'row-rejected');
  return hard || failed ? [tooManyValues(row, width)] : problems;
}
