import { basename, resolve } from 'node:path';
import type { InputEncoding, QuarantineEntry } from '../../domain/types.js';
import { FatalInputError } from './fatalInputError.js';
import { loadRegion, type FileLoadStats, type LoadRegionOptions } from './loadRegion.js';

/** The outcome of checking a region folder, for `territory validate` (text or `--json`). */
export interface RegionValidation {
  region: string;
  /** False when a fatal problem stopped loading (then counts are zero). */
  ok: boolean;
  fatal: { message: string; file: string; column: string | null } | null;
  outlets: FileLoadStats & { active: number; closed: number };
  reps: FileLoadStats;
  /** Entries per action, exact even when entries were omitted, e.g. { 'row-rejected': 3, 'field-ignored': 1 }. */
  problemsByAction: Record<string, number>;
  quarantine: QuarantineEntry[];
  inputHash: string | null;
  /** How each input table was read, by file name (empty when a fatal problem stopped loading). */
  inputEncoding: Record<string, InputEncoding>;
}

const NO_ROWS: FileLoadStats = { rows: 0, loaded: 0, rejected: 0, withIgnoredFields: 0 };

/**
 * Checks a region folder like `loadRegion` but never throws for bad input: a fatal problem is
 * returned in `fatal` (and `ok` is false) next to whatever could be counted, so a validate
 * command can print one report and choose its exit code. Other errors (bugs) still throw.
 */
export async function validateRegion(
  dir: string,
  options: LoadRegionOptions = {},
): Promise<RegionValidation> {
  try {
    const { region, stats, quarantine } = await loadRegion(dir, options);
    // Exact counts: the list itself keeps only the first entries of each kind.
    const problemsByAction = { ...quarantine.byAction };
    const active = region.outlets.filter((o) => o.status === 'active').length;
    return {
      region: region.name,
      ok: true,
      fatal: null,
      outlets: { ...stats.outlets, active, closed: region.outlets.length - active },
      reps: stats.reps,
      problemsByAction,
      quarantine: region.quarantine,
      inputHash: region.inputHash,
      inputEncoding: region.inputEncoding ?? {},
    };
  } catch (error) {
    if (!(error instanceof FatalInputError)) throw error;
    return {
      region: basename(resolve(dir)),
      ok: false,
      fatal: { message: error.message, file: error.file, column: error.column ?? null },
      outlets: { ...NO_ROWS, active: 0, closed: 0 },
      reps: { ...NO_ROWS },
      problemsByAction: {},
      quarantine: [],
      inputHash: null,
      inputEncoding: {},
    };
  }
}
