import { basename, join, resolve } from 'node:path';
import type { InputEncodingChoice, Policy } from '../../domain/policy/policySchema.js';
import type { Outlet, RegionInput, Rep, Supervisor } from '../../domain/types.js';
import { quarantineText } from '../../i18n/warningText.js';
import { FatalInputError } from './fatalInputError.js';
import { findOutliers } from './findOutliers.js';
import { hashInputs } from './hashInputs.js';
import { OUTLET_HEADER_ALIASES, REP_HEADER_ALIASES } from './headerAliases.js';
import { parsePolicyFile, resolveRegionPolicy } from './loadPolicy.js';
import { OUTLET_OPTIONAL_COLUMNS, OUTLET_REQUIRED_COLUMNS, parseOutletRow } from './parseOutletRow.js';
import { parseRepRow, REP_OPTIONAL_COLUMNS, REP_REQUIRED_COLUMNS } from './parseRepRow.js';
import {
  parseSupervisorRow,
  SUPERVISOR_OPTIONAL_COLUMNS,
  SUPERVISOR_REQUIRED_COLUMNS,
} from './parseSupervisorRow.js';
import {
  compareEntries,
  DEFAULT_MAX_ENTRIES_PER_KIND,
  QuarantineCollector,
  quarantineEntry,
  rejectRow,
  type QuarantineReport,
  type RowProblem,
} from './quarantine.js';
import type { TableColumns } from './parseTableHeader.js';
import { applyRowShape, type CsvRow } from './readCsvTable.js';
import { assertRegionFolder, readInputFile } from './readInputFile.js';
import {
  locateTable,
  openTable,
  readTableBytes,
  scanTable,
  type RegionTable,
  type TableFile,
} from './readRegionTable.js';

export interface LoadRegionOptions {
  /** Extra policy file layered over the region's policy.json (the CLI's `--policy`). */
  policyFile?: string;
  /**
   * The CLI's `--encoding`: forces the decoding of CSV inputs, layered over the policy files as
   * `input.encoding` (so it is part of the policy hash, like any setting that changes the plan).
   */
  encoding?: InputEncodingChoice;
  /** The CLI's `--sheet`: the worksheet of .xlsx inputs, layered as `input.sheet`. */
  sheet?: string;
  /** Quarantine entries kept per kind of problem (default DEFAULT_MAX_ENTRIES_PER_KIND); the rest are counted. */
  maxEntriesPerKind?: number;
  /** A file (.csv or .xlsx) read and hashed in place of the region's reps table (a scenario's `--reps-file`). */
  repsFile?: string;
  /** Applied to the resolved policy before any row is read (a scenario's `--set`); may throw. */
  adjustPolicy?: (policy: Policy) => Policy;
  /**
   * Applied to the valid reps before the outlets are read (a scenario's rep edits), so outlets'
   * `locked_rep` is checked against the reps that are planned; may throw.
   */
  editReps?: (reps: Rep[]) => Rep[];
  /**
   * The files as hashRegionInputs already read them with these same options (runPlan's skip
   * check): loadRegion decodes those bytes instead of reading and hashing the files again, so
   * the plan is made from exactly the bytes whose hash decided that it had to be made.
   */
  readFiles?: RegionFiles;
}

/** What happened to the data rows of one input file. Always `rows = loaded + rejected`. */
export interface FileLoadStats {
  /** Data records read (blank lines excluded; an unreadable record counts as one row). */
  rows: number;
  loaded: number;
  /** Rows with at least one `row-rejected` entry. */
  rejected: number;
  /** Loaded rows that had an optional field ignored. */
  withIgnoredFields: number;
}

export interface LoadedRegion {
  region: RegionInput;
  policy: Policy;
  /** Per-file counts for `territory validate` and the tests' "no row silently lost" check. */
  stats: { outlets: FileLoadStats; reps: FileLoadStats; supervisors?: FileLoadStats };
  /** Exact quarantine counts per kind of problem, and the listed entries (without omission notes). */
  quarantine: QuarantineReport;
}

const POLICY_FILE = 'policy.json';
/**
 * Columns whose values are free text and may hold a quoted line break (RFC 4180). A quoted value
 * that spans lines anywhere else is taken for a stray quote (see readCsvTable's span rule).
 */
const OUTLET_TEXT_COLUMNS = ['name', 'district'] as const;
const REP_TEXT_COLUMNS = ['name'] as const;
/** Clock-time columns: a worksheet's time serials in them are read as HH:MM. */
const OUTLET_TIME_COLUMNS = ['open_from', 'open_to'] as const;

/**
 * Collects one file's quarantine entries (bounded per kind, counted exactly) and counts rows by
 * outcome. Rows arrive one at a time, so the counts need no per-line memory; only loaded rows
 * with an ignored field are remembered by line, because a later outlier check may reject them.
 */
class FileQuarantine {
  private readonly loadedWithIgnored = new Set<number>();
  rows = 0;
  rejected = 0;

  constructor(
    readonly file: string,
    private readonly collector: QuarantineCollector,
  ) {}

  /** Records one row's problems (a row is added once, except for a later outlier rejection). */
  add(line: number, id: string | null, problems: readonly RowProblem[]): void {
    if (problems.length === 0) return;
    for (const problem of problems) this.collector.add(quarantineEntry(this.file, line, id, problem));
    if (problems.some((p) => p.action === 'row-rejected')) this.rejected++;
    else this.loadedWithIgnored.add(line);
  }

  /** Rejects a row that was loaded (an outlier). */
  rejectLoaded(line: number, id: string, problem: RowProblem): void {
    this.collector.add(quarantineEntry(this.file, line, id, problem));
    this.rejected++;
    this.loadedWithIgnored.delete(line);
  }

  /** The first few reasons of this file's rejections, for a fatal "nothing usable left" message. */
  firstReasons(): string {
    const rejections = this.collector
      .listed()
      .filter((e) => e.file === this.file && e.action === 'row-rejected')
      .sort(compareEntries);
    const shown = rejections.slice(0, 3).map((e) => `line ${e.line} ${e.field}: ${e.reason}`);
    return shown.length === 0 ? '' : ` (${shown.join('; ')}${this.rejected > 3 ? '; ...' : ''})`;
  }

  stats(loaded: number): FileLoadStats {
    return {
      rows: this.rows,
      loaded,
      rejected: this.rejected,
      withIgnoredFields: this.loadedWithIgnored.size,
    };
  }
}

/** Keeps the first row with each id; later rows with that id are rejected. */
class FirstIdWins {
  private readonly firstLine = new Map<string, number>();

  /** The duplicate problem, or null when `id` is new (or empty, which is reported elsewhere). */
  check(id: string, line: number): RowProblem | null {
    if (id === '') return null;
    const first = this.firstLine.get(id);
    if (first === undefined) {
      this.firstLine.set(id, line);
      return null;
    }
    return rejectRow('id', id, quarantineText('quarantine.duplicateId', { line: first }));
  }
}

/**
 * Reads and validates a table row by row: unreadable records, per-row problems, the column-count
 * rule and duplicate ids all end in the quarantine; rows without a rejection are returned. Rows
 * are never collected, so a huge file of rejected rows costs its text and the bounded quarantine.
 */
function loadRows<T>(
  table: RegionTable,
  columns: TableColumns,
  quarantine: FileQuarantine,
  parse: (row: CsvRow) => { id: string; value: T | null; problems: RowProblem[] },
): T[] {
  const ids = new FirstIdWins();
  const loaded: T[] = [];
  scanTable(table, columns, {
    damage: (damage) => {
      quarantine.rows++;
      quarantine.add(damage.line, null, [rejectRow('(row)', damage.excerpt, damage.message)]);
    },
    row: (row, { width }) => {
      quarantine.rows++;
      const parsed = parse(row);
      const duplicate = ids.check(parsed.id, row.line);
      const shaped = [...row.spanNotes, ...applyRowShape(row, width, parsed.problems)];
      const problems = duplicate ? [...shaped, duplicate] : shaped;
      quarantine.add(row.line, parsed.id, problems);
      if (parsed.value !== null && !problems.some((p) => p.action === 'row-rejected'))
        loaded.push(parsed.value);
    },
  });
  return loaded;
}

/** A region's effective policy and the raw bytes it came from (for the input hash). */
export interface RegionPolicy {
  policy: Policy;
  /** Raw content of the region's policy.json, or null when it has none. */
  policyOverrides: unknown;
  regionPolicyBytes: Buffer | null;
  extraPolicyBytes: Buffer | null;
}

async function readRegionPolicy(dir: string, options: LoadRegionOptions): Promise<RegionPolicy> {
  const policyPath = join(dir, POLICY_FILE);
  const regionPolicyBytes = await readInputFile(policyPath, false);
  const extraPolicyBytes = options.policyFile ? await readInputFile(options.policyFile, true) : null;
  const policyOverrides = regionPolicyBytes ? parsePolicyFile(regionPolicyBytes, policyPath) : null;
  const extraOverrides =
    extraPolicyBytes && options.policyFile ? parsePolicyFile(extraPolicyBytes, options.policyFile) : null;
  const policy = resolveRegionPolicy([
    { path: policyPath, overrides: policyOverrides },
    { path: options.policyFile ?? '--policy', overrides: extraOverrides },
    { path: '--encoding / --sheet', overrides: commandLineInput(options) },
  ]);
  return { policy, policyOverrides, regionPolicyBytes, extraPolicyBytes };
}

/** The `input` settings given on the command line, as a policy layer (null when none). */
function commandLineInput(options: LoadRegionOptions): { input: Record<string, string> } | null {
  const input: Record<string, string> = {};
  if (options.encoding !== undefined) input.encoding = options.encoding;
  if (options.sheet !== undefined) input.sheet = options.sheet;
  return Object.keys(input).length === 0 ? null : { input };
}

/**
 * Resolves only a region's policy (defaults < policy.json < `options.policyFile`), without
 * reading its CSV files: for `territory policy --region`, which must work on a region whose rows
 * are still broken. Same FatalInputErrors as loadRegion for the folder and the policy files.
 */
export async function loadRegionPolicy(dir: string, options: LoadRegionOptions = {}): Promise<Policy> {
  await assertRegionFolder(dir);
  return (await readRegionPolicy(dir, options)).policy;
}

/** Column sets of the two tables. */
const REP_COLUMNS: TableColumns = {
  required: REP_REQUIRED_COLUMNS,
  optional: REP_OPTIONAL_COLUMNS,
  text: REP_TEXT_COLUMNS,
  aliases: REP_HEADER_ALIASES,
};
const SUPERVISOR_COLUMNS: TableColumns = {
  required: SUPERVISOR_REQUIRED_COLUMNS,
  optional: SUPERVISOR_OPTIONAL_COLUMNS,
  text: REP_TEXT_COLUMNS,
  aliases: {},
};
const OUTLET_COLUMNS: TableColumns = {
  required: OUTLET_REQUIRED_COLUMNS,
  optional: OUTLET_OPTIONAL_COLUMNS,
  text: OUTLET_TEXT_COLUMNS,
  time: OUTLET_TIME_COLUMNS,
  aliases: OUTLET_HEADER_ALIASES,
};

/** The raw bytes of a region's input files, their hash and the region's effective policy. */
interface HashedInputs extends RegionPolicy {
  readonly dir: string;
  outletFile: TableFile;
  outletBytes: Buffer;
  repFile: TableFile;
  repBytes: Buffer;
  supervisorFile: TableFile;
  /** Null when the region has no supervisors table. */
  supervisorBytes: Buffer | null;
  inputHash: string;
}

/** Reads and hashes the input files and resolves the policy; no table is decoded. */
async function hashRegionFiles(dir: string, options: LoadRegionOptions): Promise<HashedInputs> {
  const outletFile = await locateTable(dir, 'outlets');
  const outletBytes = await readTableBytes(outletFile);
  const repFile = options.repsFile ? repsFileTable(options.repsFile) : await locateTable(dir, 'reps');
  const repBytes = await readTableBytes(repFile);
  const regionPolicy = await readRegionPolicy(dir, options);
  const supervisorFile = await locateTable(dir, 'supervisors');
  const supervisorBytes = await readInputFile(supervisorFile.path, false);
  const inputHash = hashInputs([
    { role: outletFile.format === 'csv' ? 'outlets.csv' : 'outlets.xlsx', bytes: outletBytes },
    { role: repFile.format === 'csv' ? 'reps.csv' : 'reps.xlsx', bytes: repBytes },
    { role: 'policy.json', bytes: regionPolicy.regionPolicyBytes },
    { role: '--policy', bytes: regionPolicy.extraPolicyBytes },
    ...(supervisorBytes
      ? [
          {
            role: supervisorFile.format === 'csv' ? 'supervisors.csv' : 'supervisors.xlsx',
            bytes: supervisorBytes,
          } as const,
        ]
      : []),
  ]);
  return {
    dir,
    outletFile,
    outletBytes,
    repFile,
    repBytes,
    supervisorFile,
    supervisorBytes,
    inputHash,
    ...regionPolicy,
  };
}

/** A region's input files as read and hashed by hashRegionInputs, for loadRegion's `readFiles`. */
export type RegionFiles = Readonly<HashedInputs>;

/**
 * A region's input hash and effective policy, exactly as loadRegion computes them, without
 * decoding or parsing a single row: enough to tell that a rebuild's inputs equal those of the
 * current version (runPlan's skip), at the cost of reading and hashing the files' bytes, which
 * come back as `files` for loadRegion's `readFiles` when the run goes on to plan. Same
 * FatalInputErrors as loadRegion for the folder, the files and the policy.
 */
export async function hashRegionInputs(
  dir: string,
  options: LoadRegionOptions = {},
): Promise<{ inputHash: string; policy: Policy; files: RegionFiles }> {
  await assertRegionFolder(dir);
  const files = await hashRegionFiles(dir, options);
  const { inputHash, policy } = files;
  return { inputHash, policy: options.adjustPolicy ? options.adjustPolicy(policy) : policy, files };
}

/**
 * Reads and hashes the input files, then decodes the CSV files or reads the worksheets (with the
 * policy's `input.encoding` and `input.sheet`). The bytes stay inside this function, so a 250 MB
 * outlets file is held once (as text) while its rows are read, not twice.
 */
async function readInputs(
  dir: string,
  options: LoadRegionOptions,
): Promise<
  {
    outlets: RegionTable;
    reps: RegionTable;
    supervisors: RegionTable | null;
    inputHash: string;
  } & RegionPolicy
> {
  const preread = options.readFiles?.dir === dir ? options.readFiles : undefined;
  const {
    dir: _dir,
    outletFile,
    outletBytes,
    repFile,
    repBytes,
    supervisorFile,
    supervisorBytes,
    ...hashed
  } = preread ?? (await hashRegionFiles(dir, options));
  const input = hashed.policy.input;
  const reps = await openTable(repFile, repBytes, input);
  const outlets = await openTable(outletFile, outletBytes, input);
  const supervisors = supervisorBytes ? await openTable(supervisorFile, supervisorBytes, input) : null;
  return { outlets, reps, supervisors, ...hashed };
}

/** The reps table of a scenario's `--reps-file`: a workbook when it ends in .xlsx, else CSV. */
function repsFileTable(file: string): TableFile {
  const path = resolve(file);
  const format = path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  return { name: 'reps', file: basename(path), path, format };
}

/** Thrown by checkHeader's visitor to stop reading at the first data record. */
const HEADER_READ = new Error('header read');

/** Checks a table's header (the FatalInputErrors of scanTable) without reading its rows. */
function checkHeader(table: RegionTable, columns: TableColumns): void {
  const stop = () => {
    throw HEADER_READ;
  };
  try {
    scanTable(table, columns, { row: stop, damage: stop });
  } catch (error) {
    if (error !== HEADER_READ) throw error;
  }
}

/**
 * Loads a region folder (`outlets.csv` or `outlets.xlsx`, `reps.csv` or `reps.xlsx`, optional
 * `policy.json` and `supervisors.csv`) and resolves its policy (defaults < policy.json < `options.policyFile` < the
 * command line's `encoding` / `sheet`). Headers may use the aliases of headerAliases.ts; CSV
 * files are decoded as UTF-8 or GB18030 (see decodeCsvText) and `region.inputEncoding` says how
 * each table was read. Rows the planner cannot use are left
 * out and listed in `region.quarantine` with file, line, id, field, value, reason and action;
 * the rest loads. The list is bounded: the first `maxEntriesPerKind` entries of each kind of
 * problem are kept, and each kind with more gets one omission note (line 0) giving the exact
 * number omitted; `quarantine` in the result has the exact counts. Rows are read one at a time,
 * so a file of millions of rejected rows costs its text and the bounded list, not millions of
 * objects. Fatal problems throw a FatalInputError naming the file and column: a missing
 * folder or file, both a CSV file and a workbook for one table, a missing required column, an
 * empty, binary or undecodable file, an unreadable workbook or missing sheet, an invalid policy,
 * no valid rep, no valid active outlet. Reads only; writes nothing. A scenario passes
 * `repsFile`, `adjustPolicy` and `editReps` to plan other reps or policy from the same files.
 */
export async function loadRegion(dir: string, options: LoadRegionOptions = {}): Promise<LoadedRegion> {
  await assertRegionFolder(dir);
  const {
    outlets: outletTable,
    reps: repTable,
    supervisors: supervisorTable,
    inputHash,
    policy: regionPolicy,
    policyOverrides,
  } = await readInputs(dir, options);
  const policy = options.adjustPolicy ? options.adjustPolicy(regionPolicy) : regionPolicy;
  const outletsPath = outletTable.path;
  const repsPath = repTable.path;

  // Both headers are checked before any row so that a structural problem is reported first.
  checkHeader(repTable, REP_COLUMNS);
  checkHeader(outletTable, OUTLET_COLUMNS);
  if (supervisorTable) checkHeader(supervisorTable, SUPERVISOR_COLUMNS);

  const collector = new QuarantineCollector(options.maxEntriesPerKind ?? DEFAULT_MAX_ENTRIES_PER_KIND);
  const repQuarantine = new FileQuarantine(repTable.file, collector);
  const validReps = loadRows(repTable, REP_COLUMNS, repQuarantine, (row) => {
    const { id, rep, problems } = parseRepRow(row);
    return { id, value: rep, problems };
  });
  if (validReps.length === 0) {
    throw new FatalInputError(
      `${repsPath}: no valid rep (${repQuarantine.rows} data rows, none usable)${repQuarantine.firstReasons()}`,
      repsPath,
    );
  }
  const reps = options.editReps ? options.editReps(validReps) : validReps;
  const supervisorQuarantine = supervisorTable ? new FileQuarantine(supervisorTable.file, collector) : null;
  const supervisors =
    supervisorTable && supervisorQuarantine
      ? loadSupervisors(supervisorTable, supervisorQuarantine, reps, policy)
      : undefined;
  const outletQuarantine = new FileQuarantine(outletTable.file, collector);
  const outlets = loadOutlets(outletTable, outletQuarantine, reps, policy);
  if (!outlets.some((o) => o.status === 'active')) {
    throw new FatalInputError(
      `${outletsPath}: no valid active outlet (${outletQuarantine.rows} data rows, ${outlets.length} valid but closed)${outletQuarantine.firstReasons()}`,
      outletsPath,
    );
  }

  const report = collector.report();
  const region: RegionInput = {
    name: basename(resolve(dir)),
    outlets,
    reps,
    quarantine: [...report.notes, ...report.entries].sort(compareEntries),
    policyOverrides,
    inputHash,
    inputEncoding: {
      [outletTable.file]: outletTable.encoding,
      [repTable.file]: repTable.encoding,
      ...(supervisorTable ? { [supervisorTable.file]: supervisorTable.encoding } : {}),
    },
    ...(supervisors ? { supervisors } : {}),
  };
  return {
    region,
    policy,
    stats: {
      outlets: outletQuarantine.stats(outlets.length),
      reps: repQuarantine.stats(reps.length),
      ...(supervisors && supervisorQuarantine
        ? { supervisors: supervisorQuarantine.stats(supervisors.length) }
        : {}),
    },
    quarantine: report,
  };
}

/**
 * The optional supervisors table, with reps.csv's rules: rows quarantined with their reasons,
 * the first row of an id wins, and a table without one valid row is fatal.
 */
function loadSupervisors(
  table: RegionTable,
  quarantine: FileQuarantine,
  reps: readonly Rep[],
  policy: Policy,
): Supervisor[] {
  const known = new Set([...reps.map((r) => r.id), ...policy.pools.map((p) => p.id)]);
  const loaded = loadRows(table, SUPERVISOR_COLUMNS, quarantine, (row) => {
    const { id, supervisor, problems } = parseSupervisorRow(row, known);
    return { id, value: supervisor, problems };
  });
  if (loaded.length === 0) {
    throw new FatalInputError(
      `${table.path}: no valid supervisor (${quarantine.rows} data rows, none usable)${quarantine.firstReasons()}`,
      table.path,
    );
  }
  return loaded;
}

function loadOutlets(
  table: RegionTable,
  quarantine: FileQuarantine,
  reps: readonly Rep[],
  policy: Policy,
): Outlet[] {
  const repIds = new Set(reps.map((r) => r.id));
  const rowValid = loadRows(table, OUTLET_COLUMNS, quarantine, (row) => {
    const { id, outlet, problems } = parseOutletRow(row, repIds);
    return { id, value: outlet, problems };
  });
  const check = findOutliers(rowValid, {
    minKm: policy.input.outlierMinKm,
    factor: policy.input.outlierFactor,
    neighbours: policy.input.outlierNeighbours,
  });
  const outlierSet = new Set(check.outliers);
  const nth = ordinal(check.k);
  for (const index of check.outliers) {
    const outlet = rowValid[index] as Outlet;
    const distance = check.neighbourKm[index] as number;
    quarantine.rejectLoaded(
      outlet.line,
      outlet.id,
      rejectRow(
        'lon,lat',
        `${outlet.lon},${outlet.lat}`,
        quarantineText('quarantine.outlier', {
          distance: distance.toFixed(1),
          nth,
          limit: check.limitKm.toFixed(1),
          minKm: policy.input.outlierMinKm,
          factor: policy.input.outlierFactor,
          p95: check.p95Km.toFixed(1),
        }),
      ),
    );
  }
  return rowValid.filter((_, index) => !outlierSet.has(index));
}

/** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
