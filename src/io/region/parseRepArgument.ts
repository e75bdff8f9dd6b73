import type { AddedRep, ChangedRep } from '../../domain/scenario/repEdits.js';
import { parseRepRow } from './parseRepRow.js';
import type { CsvRow } from './readCsvTable.js';

/** A rep argument (`--add-rep`, `--change-rep`) that is not a valid rep. */
export class RepArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepArgumentError';
  }
}

/** A reps.csv row made of named values, so an argument is checked exactly as a file row is. */
function rowOf(text: string, values: Record<string, string>): CsvRow {
  return {
    line: 0,
    endLine: 0,
    spanNotes: [],
    get: (column) => values[column] ?? '',
    extraValues: [],
    text: () => text,
  };
}

/** Validates id, tier and home with parseRepRow; any problem is a RepArgumentError naming the argument. */
function checkRep(text: string, id: string, tier: string, lon: string, lat: string): AddedRep {
  const { rep, problems } = parseRepRow(rowOf(text, { id, name: id, tier, home_lon: lon, home_lat: lat }));
  if (rep === null || problems.length > 0) {
    const why = problems.map(
      (p) => `${p.field} ${JSON.stringify(p.value)}: ${p.reason.replace(/; row rejected$/, '')}`,
    );
    throw new RepArgumentError(`"${text}": ${why.join('; ') || 'not a valid rep'}`);
  }
  return { id: rep.id, tier: rep.tier, home: [rep.homeLon, rep.homeLat] };
}

/**
 * Parses an `--add-rep` argument, `id,tier,lon,lat` (e.g. `R13,B,119.12,36.71`), validated like a
 * reps.csv row by parseRepRow: a non-empty id, a tier A-D (any case), a home in range and not
 * 0,0. The new rep is full time with the policy's day and weekdays (use `--reps-file` for more).
 * Throws a RepArgumentError naming the argument and the problem.
 */
export function parseAddRepArgument(text: string): AddedRep {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 4)
    throw new RepArgumentError(`"${text}": expected id,tier,lon,lat (e.g. R13,B,119.12,36.71)`);
  const [id, tier, lon, lat] = parts as [string, string, string, string];
  return checkRep(text, id, tier, lon, lat);
}

/**
 * Parses a `--change-rep` argument, `id,tier` or `id,tier,lon,lat`: the rep gets that tier (and
 * that home), validated like a reps.csv row (tier A-D, home in range). Whether the id exists is
 * checked against the region's reps later (applyRepEdits). Throws a RepArgumentError.
 */
export function parseChangeRepArgument(text: string): ChangedRep {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 2 && parts.length !== 4)
    throw new RepArgumentError(
      `"${text}": expected id,tier or id,tier,lon,lat (e.g. R11,A or R11,A,119.1,36.7)`,
    );
  const [id, tier, lon, lat] = parts as [string, string, string?, string?];
  // Without a home, any valid placeholder lets parseRepRow check the id and tier alone.
  const checked = checkRep(text, id, tier, lon ?? '1', lat ?? '1');
  return { id: checked.id, tier: checked.tier, home: lon === undefined ? null : checked.home };
}
