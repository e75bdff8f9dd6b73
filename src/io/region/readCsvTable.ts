import { FatalInputError } from './fatalInputError.js';
import {
  scanCsvRecords,
  type CsvDamage,
  type CsvReadOptions,
  type CsvRecord,
  type SpanCheck,
} from './readCsvRecords.js';
import { parseTableHeader, type TableColumns, type TableHeader } from './parseTableHeader.js';
import { quarantineText } from '../../i18n/warningText.js';
import { ignoreField, rejectRow, type RowProblem } from './quarantine.js';

/** One data row: its physical line and a lookup of trimmed values by canonical column name. */
export interface CsvRow {
  line: number;
  /** Last physical line of the row (after `line` when a quoted value holds line breaks). */
  endLine: number;
  /** Reports of quoted values that hold line breaks (the lines they merged), as `field-ignored` problems. */
  spanNotes: RowProblem[];
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

const LINE_BREAKS = /\r\n|\r|\n/g;

function countBreaks(value: string): number {
  return value.match(LINE_BREAKS)?.length ?? 0;
}

function countCommas(value: string): number {
  let count = 0;
  for (let i = value.indexOf(','); i !== -1; i = value.indexOf(',', i + 1)) count++;
  return count;
}

/**
 * The rule for a data record whose quoted value holds a line break. It is one row with a
 * multi-line value only when every such value is in a text column, the record has the header's
 * number of values, and the values do not hold a whole row's worth of commas. Otherwise it is
 * most likely a stray quote that swallowed the rows up to the next quote (a quote opened in the
 * name of one row and closed in the name of a later row gives the right count, but the value
 * then holds every comma of the rows in between), and the reader re-reads the lines.
 */
function spanCheck(
  headerLine: number,
  { width, label }: TableHeader,
  isText: (index: number) => boolean,
): SpanCheck {
  return (record: CsvRecord, spans) => {
    if (record.line <= headerLine) return null;
    const field = label(spans[0]?.field ?? 0);
    const notText = spans.find((span) => !isText(span.field));
    if (notText)
      return { field, why: quarantineText('quarantine.label.why.notText', { column: label(notText.field) }) };
    const values = record.fields.length;
    if (values < width || record.fields.slice(width).some((value) => value.trim() !== '')) {
      return { field, why: quarantineText('quarantine.label.why.valueCount', { values, width }) };
    }
    const commas = spans.reduce((sum, span) => sum + countCommas(record.fields[span.field] ?? ''), 0);
    if (commas >= width - 1) {
      return { field, why: quarantineText('quarantine.label.why.commas', { commas }) };
    }
    return null;
  };
}

/** A `field-ignored` report for each quoted value of an accepted record that holds line breaks. */
function spanNotes(record: CsvRecord, header: TableHeader): RowProblem[] {
  if (record.endLine === record.line) return [];
  const notes: RowProblem[] = [];
  let line = record.line;
  record.fields.forEach((value, index) => {
    const breaks = countBreaks(value);
    if (breaks === 0) return;
    notes.push(
      ignoreField(
        header.label(index),
        value,
        quarantineText('quarantine.multiLineValue', { from: line, to: line + breaks }),
      ),
    );
    line += breaks;
  });
  return notes;
}

/** Receives a table's data rows and damaged records one at a time, in file order. */
export interface CsvTableVisitor {
  /** A data row; `header` is the checked header (always the same object). */
  row(row: CsvRow, header: TableHeader): void;
  damage(damage: CsvDamage): void;
}

/** Reads a whole table into memory (small files and tests; the loader streams with scanCsvTable). */
export function readCsvTable(text: string, path: string, columns: TableColumns): CsvTable {
  const rows: CsvRow[] = [];
  const damage: CsvDamage[] = [];
  const { header, width } = scanCsvTable(text, path, columns, {
    row: (row) => rows.push(row),
    damage: (found) => damage.push(found),
  });
  return { header, rows, damage, width };
}

/**
 * Reads decoded CSV text whose first non-blank record is a header, handing every data row and
 * every damaged record to `visit` as it is read (one pass, nothing collected). The header is
 * checked before any row is handed on (parseTableHeader): a missing required column, a known
 * column named twice or under two of its names, or an unreadable header throws a FatalInputError. Once the header is known the span rule (see
 * spanCheck) judges data records whose quoted values hold line breaks.
 */
export function scanCsvTable(
  text: string,
  path: string,
  columns: TableColumns,
  visit: CsvTableVisitor,
): TableHeader {
  // A holder, not a `let`: it is set inside the callbacks, which control flow analysis cannot see.
  const state: { parsed: TableHeader | null } = { parsed: null };
  const options: CsvReadOptions = {};
  scanCsvRecords(text, options, {
    damage: (found) => {
      if (state.parsed === null) {
        throw new FatalInputError(
          `${path}: the header row cannot be read (line ${found.line}: ${found.message})`,
          path,
        );
      }
      visit.damage(found);
    },
    record: (record) => {
      if (state.parsed === null) {
        state.parsed = parseTableHeader(record.fields, path, columns);
        options.checkSpan = headerSpanCheck(record.line, state.parsed, columns);
        return;
      }
      visit.row(toRow(record, state.parsed), state.parsed);
    },
  });
  if (state.parsed === null) throw new FatalInputError(`${path}: the file has no header row`, path);
  return state.parsed;
}

/** The span rule for the data records after a header (quoted line breaks only in text columns). */
function headerSpanCheck(headerLine: number, parsed: TableHeader, columns: TableColumns): SpanCheck {
  const known = [...columns.required, ...columns.optional];
  const textColumns = new Set(columns.text ?? []);
  const isText = (index: number) => {
    if (index >= parsed.width) return false;
    // Unknown, unnamed and repeated unknown columns are ignored: any value there is harmless text.
    const column = known.find((name) => parsed.isColumn(index, name));
    return column === undefined || textColumns.has(column);
  };
  return spanCheck(headerLine, parsed, isText);
}

/**
 * A data record as a row of the table whose header is `parsed`. `spanNotes: false` skips the
 * notes on values that hold line breaks (a worksheet cell's line break is no CSV quoting).
 */
export function toRow(record: CsvRecord, parsed: TableHeader, options: { spanNotes?: boolean } = {}): CsvRow {
  const { width, indexOf } = parsed;
  return {
    line: record.line,
    endLine: record.endLine,
    spanNotes: options.spanNotes === false ? [] : spanNotes(record, parsed),
    get: (column: string) => {
      const index = indexOf.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    },
    extraValues: record.fields.slice(width),
    text: () => record.fields.join(','),
  };
}

/** The problem of a row with more values than the header has columns. */
export function tooManyValues(row: CsvRow, width: number): RowProblem {
  return rejectRow(
    '(row)',
    row.text(),
    quarantineText('quarantine.tooManyValues', { values: width + row.extraValues.length, width }),
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
