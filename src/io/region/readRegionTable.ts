import { translator, type Translate } from '../../i18n/catalog.js';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputEncodingChoice, InputSheet } from '../../domain/policy/policySchema.js';
import type { InputEncoding } from '../../domain/types.js';
import { decodeCsvText } from './decodeCsvText.js';
import { FatalInputError } from './fatalInputError.js';
import type { TableColumns, TableHeader } from './parseTableHeader.js';
import { scanCsvTable, type CsvTableVisitor } from './readCsvTable.js';
import { readInputFile } from './readInputFile.js';
import { scanSheetTable } from './readSheetTable.js';
import { readXlsxSheet, type XlsxSheet } from './readXlsxSheet.js';

/** The two tables of a region folder, by the base name of their file. */
export type TableName = 'outlets' | 'reps' | 'supervisors';

/** Where a region table is: `outlets.csv` or `outlets.xlsx` (and the same for reps). */
export interface TableFile {
  name: TableName;
  /** File name inside the region folder, e.g. `outlets.xlsx`; quarantine entries name it. */
  file: string;
  path: string;
  format: 'csv' | 'xlsx';
}

/** A region table ready to scan: decoded CSV text, or the rows of one worksheet. */
export interface RegionTable extends TableFile {
  source: { kind: 'csv'; text: string } | { kind: 'sheet'; sheet: XlsxSheet };
  /** How the file was read: the CSV encoding, or `xlsx`. */
  encoding: InputEncoding;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Finds a region table's file: `<name>.csv` or `<name>.xlsx`. Both present is fatal (nobody can
 * tell which one is meant); neither present names the CSV file (readInputFile then reports it
 * missing, or a folder in its place).
 */
export async function locateTable(dir: string, name: TableName): Promise<TableFile> {
  const csv = join(dir, `${name}.csv`);
  const xlsx = join(dir, `${name}.xlsx`);
  const [hasCsv, hasXlsx] = await Promise.all([isFile(csv), isFile(xlsx)]);
  if (hasCsv && hasXlsx) {
    throw new FatalInputError(
      `${dir}: both ${name}.csv and ${name}.xlsx are there; keep one (which one is meant?)`,
      xlsx,
    );
  }
  return hasXlsx
    ? { name, file: `${name}.xlsx`, path: xlsx, format: 'xlsx' }
    : { name, file: `${name}.csv`, path: csv, format: 'csv' };
}

/** Reads a table file's bytes (a missing file is fatal: both tables are required). */
export async function readTableBytes(table: TableFile): Promise<Buffer> {
  const bytes = await readInputFile(table.path, true);
  if (bytes === null) throw new FatalInputError(`${table.path}: file not found`, table.path);
  return bytes;
}

/** The sheet `input.sheet` names for one table, or null for the first sheet. */
export function sheetFor(sheet: InputSheet | undefined, name: TableName): string | null {
  if (sheet === undefined) return null;
  return typeof sheet === 'string' ? sheet : name === 'supervisors' ? null : (sheet[name] ?? null);
}

/**
 * Opens a table's bytes: a CSV file is decoded (decodeCsvText with the policy's
 * `input.encoding`, `gbk` read as GB18030), a workbook's sheet is read (readXlsxSheet with
 * `input.sheet`). The FatalInputErrors are theirs.
 */
export async function openTable(
  table: TableFile,
  bytes: Uint8Array,
  input: { encoding: InputEncodingChoice; sheet?: InputSheet | undefined },
): Promise<RegionTable> {
  if (table.format === 'xlsx') {
    const sheet = await readXlsxSheet(bytes, table.path, sheetFor(input.sheet, table.name));
    return { ...table, source: { kind: 'sheet', sheet }, encoding: 'xlsx' };
  }
  const choice = input.encoding === 'gbk' ? 'gb18030' : input.encoding;
  const { text, encoding } = decodeCsvText(bytes, table.path, choice);
  return { ...table, source: { kind: 'csv', text }, encoding };
}

/** Scans a region table row by row (scanCsvTable or scanSheetTable); returns its checked header. */
export function scanTable(table: RegionTable, columns: TableColumns, visit: CsvTableVisitor): TableHeader {
  return table.source.kind === 'csv'
    ? scanCsvTable(table.source.text, table.path, columns, visit)
    : scanSheetTable(table.source.sheet, table.path, columns, visit);
}

/** Words for the encodings in reports. */

/**
 * How a region's tables were read, for CLI reports and logs: `outlets.csv GB18030 (GBK),
 * reps.csv UTF-8`; '' when nothing is recorded.
 */
export function describeInputEncoding(
  encodings: Readonly<Record<string, InputEncoding>> | undefined,
  t: Translate = translator('en'),
): string {
  return Object.entries(encodings ?? {})
    .map(([file, encoding]) => `${file} ${t(`cli.encoding.${encoding}`)}`)
    .join(t('common.listSeparator'));
}
