import { basename, join, resolve } from 'node:path';
import type { Policy } from '../../domain/policy/policySchema.js';
import type { Outlet, RegionInput, Rep } from '../../domain/types.js';
import { decodeCsvText } from './decodeCsvText.js';
import { FatalInputError } from './fatalInputError.js';
import { findOutliers } from './findOutliers.js';
import { hashInputs } from './hashInputs.js';
import { parseJsonFile, resolveRegionPolicy } from './loadPolicy.js';
import { OUTLET_OPTIONAL_COLUMNS, OUTLET_REQUIRED_COLUMNS, parseOutletRow } from './parseOutletRow.js';
import { parseRepRow, REP_OPTIONAL_COLUMNS, REP_REQUIRED_COLUMNS } from './parseRepRow.js';
import {
  compareEntries,
  quarantineEntry,
  rejectRow,
  type LoaderQuarantineEntry,
  type RowProblem,
} from './quarantine.js';
import { assertRegionFolder, readInputFile } from './readInputFile.js';
import { applyRowShape, readCsvTable, type CsvRow, type CsvTable } from './readCsvTable.js';

export interface LoadRegionOptions {
  /** Extra policy file layered over the region's policy.json (the CLI's `--policy`). */
  policyFile?: string;
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
  stats: { outlets: FileLoadStats; reps: FileLoadStats };
}

const OUTLETS_FILE = 'outlets.csv';
const REPS_FILE = 'reps.csv';
const POLICY_FILE = 'policy.json';
/**
 * Columns whose values are free text and may hold a quoted line break (RFC 4180). A quoted value
 * that spans lines anywhere else is taken for a stray quote (see readCsvTable's span rule).
 */
const OUTLET_TEXT_COLUMNS = ['name', 'district'] as const;
const REP_TEXT_COLUMNS = ['name'] as const;

/** Collects one file's quarantine entries and counts rows by outcome. */
class FileQuarantine {
  readonly entries: LoaderQuarantineEntry[] = [];
  private readonly rejectedLines = new Set<number>();
  private readonly ignoredLines = new Set<number>();
  rows = 0;

  constructor(readonly file: string) {}

  add(line: number, id: string | null, problems: readonly RowProblem[]): void {
    for (const problem of problems) {
      this.entries.push(quarantineEntry(this.file, line, id, problem));
      (problem.action === 'row-rejected' ? this.rejectedLines : this.ignoredLines).add(line);
    }
  }

  stats(loaded: number): FileLoadStats {
    let withIgnoredFields = 0;
    for (const line of this.ignoredLines) if (!this.rejectedLines.has(line)) withIgnoredFields++;
    return { rows: this.rows, loaded, rejected: this.rejectedLines.size, withIgnoredFields };
  }
}

/** Quarantines records the CSV reader could not read at all. */
function addDamage(table: CsvTable, quarantine: FileQuarantine): void {
  for (const damage of table.damage) {
    quarantine.rows++;
    quarantine.add(damage.line, null, [rejectRow('(row)', damage.excerpt, damage.message)]);
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
    return rejectRow('id', id, `duplicate id (first used on line ${first}); row rejected`);
  }
}

/**
 * Validates every row of a table: unreadable records, per-row problems, the column-count rule
 * and duplicate ids all end in the quarantine; rows without a rejection are returned.
 */
function loadRows<T>(
  table: CsvTable,
  quarantine: FileQuarantine,
  parse: (row: CsvRow) => { id: string; value: T | null; problems: RowProblem[] },
): T[] {
  addDamage(table, quarantine);
  const ids = new FirstIdWins();
  const loaded: T[] = [];
  for (const row of table.rows) {
    quarantine.rows++;
    const parsed = parse(row);
    const duplicate = ids.check(parsed.id, row.line);
    const shaped = [...row.spanNotes, ...applyRowShape(row, table.width, parsed.problems)];
    const problems = duplicate ? [...shaped, duplicate] : shaped;
    quarantine.add(row.line, parsed.id, problems);
    if (parsed.value !== null && !problems.some((p) => p.action === 'row-rejected'))
      loaded.push(parsed.value);
  }
  return loaded;
}

function loadReps(table: CsvTable, quarantine: FileQuarantine): Rep[] {
  return loadRows(table, quarantine, (row) => {
    const { id, rep, problems } = parseRepRow(row);
    return { id, value: rep, problems };
  });
}

function loadOutlets(
  table: CsvTable,
  quarantine: FileQuarantine,
  reps: readonly Rep[],
  policy: Policy,
): Outlet[] {
  const repIds = new Set(reps.map((r) => r.id));
  const rowValid = loadRows(table, quarantine, (row) => {
    const { id, outlet, problems } = parseOutletRow(row, repIds);
    return { id, value: outlet, problems };
  });
  const check = findOutliers(rowValid, {
    minKm: policy.input.outlierMinKm,
    factor: policy.input.outlierFactor,
  });
  const outlierSet = new Set(check.outliers);
  for (const index of check.outliers) {
    const outlet = rowValid[index] as Outlet;
    const distance = check.distancesKm[index] as number;
    quarantine.add(outlet.line, outlet.id, [
      rejectRow(
        'lon,lat',
        `${outlet.lon},${outlet.lat}`,
        `${distance.toFixed(1)} km from the region's median point ${check.center.lon.toFixed(5)},${check.center.lat.toFixed(5)}, ` +
          `beyond the ${check.limitKm.toFixed(1)} km limit (max of input.outlierMinKm ${policy.input.outlierMinKm} and ` +
          `input.outlierFactor ${policy.input.outlierFactor} x the 95th-percentile distance ${check.p95Km.toFixed(1)} km); row rejected`,
      ),
    ]);
  }
  return rowValid.filter((_, index) => !outlierSet.has(index));
}

/** The first few reasons of a file's rejections, for a fatal "nothing usable left" message. */
function firstReasons(quarantine: FileQuarantine): string {
  const rejections = quarantine.entries.filter((e) => e.action === 'row-rejected');
  const shown = rejections.slice(0, 3).map((e) => `line ${e.line} ${e.field}: ${e.reason}`);
  return shown.length === 0 ? '' : ` (${shown.join('; ')}${rejections.length > 3 ? '; ...' : ''})`;
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
  const policyOverrides = regionPolicyBytes ? parseJsonFile(regionPolicyBytes, policyPath) : null;
  const extraOverrides =
    extraPolicyBytes && options.policyFile ? parseJsonFile(extraPolicyBytes, options.policyFile) : null;
  const policy = resolveRegionPolicy([
    { path: policyPath, overrides: policyOverrides },
    { path: options.policyFile ?? '--policy', overrides: extraOverrides },
  ]);
  return { policy, policyOverrides, regionPolicyBytes, extraPolicyBytes };
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

/**
 * Loads a region folder (`outlets.csv`, `reps.csv`, optional `policy.json`) and resolves its
 * policy (defaults < policy.json < `options.policyFile`). Rows the planner cannot use are left
 * out and listed in `region.quarantine` with file, line, id, field, value, reason and action;
 * the rest loads. Fatal problems throw a FatalInputError naming the file and column: a missing
 * folder or file, a missing required column, an empty, binary or non-UTF-8 file, an invalid
 * policy, no valid rep, no valid active outlet. Reads only; writes nothing.
 */
export async function loadRegion(dir: string, options: LoadRegionOptions = {}): Promise<LoadedRegion> {
  await assertRegionFolder(dir);
  const outletsPath = join(dir, OUTLETS_FILE);
  const repsPath = join(dir, REPS_FILE);
  const outletBytes = (await readInputFile(outletsPath, true)) as Buffer;
  const repBytes = (await readInputFile(repsPath, true)) as Buffer;
  const { policy, policyOverrides, regionPolicyBytes, extraPolicyBytes } = await readRegionPolicy(
    dir,
    options,
  );

  // Both headers are checked before any row so that a structural problem is reported first.
  const repTable = readCsvTable(decodeCsvText(repBytes, repsPath), repsPath, {
    required: REP_REQUIRED_COLUMNS,
    optional: REP_OPTIONAL_COLUMNS,
    text: REP_TEXT_COLUMNS,
  });
  const outletTable = readCsvTable(decodeCsvText(outletBytes, outletsPath), outletsPath, {
    required: OUTLET_REQUIRED_COLUMNS,
    optional: OUTLET_OPTIONAL_COLUMNS,
    text: OUTLET_TEXT_COLUMNS,
  });

  const repQuarantine = new FileQuarantine(REPS_FILE);
  const reps = loadReps(repTable, repQuarantine);
  if (reps.length === 0) {
    throw new FatalInputError(
      `${repsPath}: no valid rep (${repQuarantine.rows} data rows, none usable)${firstReasons(repQuarantine)}`,
      repsPath,
    );
  }
  const outletQuarantine = new FileQuarantine(OUTLETS_FILE);
  const outlets = loadOutlets(outletTable, outletQuarantine, reps, policy);
  if (!outlets.some((o) => o.status === 'active')) {
    throw new FatalInputError(
      `${outletsPath}: no valid active outlet (${outletQuarantine.rows} data rows, ${outlets.length} valid but closed)${firstReasons(outletQuarantine)}`,
      outletsPath,
    );
  }

  const quarantine = [...outletQuarantine.entries, ...repQuarantine.entries].sort(compareEntries);
  const region: RegionInput = {
    name: basename(resolve(dir)),
    outlets,
    reps,
    quarantine,
    policyOverrides,
    inputHash: hashInputs([
      { role: 'outlets.csv', bytes: outletBytes },
      { role: 'reps.csv', bytes: repBytes },
      { role: 'policy.json', bytes: regionPolicyBytes },
      { role: '--policy', bytes: extraPolicyBytes },
    ]),
  };
  return {
    region,
    policy,
    stats: { outlets: outletQuarantine.stats(outlets.length), reps: repQuarantine.stats(reps.length) },
  };
}
