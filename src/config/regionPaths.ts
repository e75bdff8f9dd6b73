import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Region names as they appear in URLs, job ids and folder names. */
export const REGION_NAME_PATTERN = /^[a-z0-9-]{1,64}$/;

/** The region name is not of the allowed form (HTTP 400). */
export class InvalidRegionNameError extends Error {
  constructor(readonly region: string) {
    super(`invalid region name ${JSON.stringify(region.slice(0, 80))}: use 1-64 of a-z, 0-9 and -`);
    this.name = 'InvalidRegionNameError';
  }
}

/** No such region folder inside the regions folder (HTTP 404). */
export class RegionNotFoundError extends Error {
  constructor(
    readonly region: string,
    regionsDir: string,
  ) {
    super(`unknown region "${region}": no folder ${join(regionsDir, region)}`);
    this.name = 'RegionNotFoundError';
  }
}

/** True when `name` is an allowed region name. */
export function isRegionName(name: string): boolean {
  return REGION_NAME_PATTERN.test(name);
}

/**
 * Resolves a region name to its folder strictly inside `regionsDir`: the name must match
 * REGION_NAME_PATTERN (no dots or slashes), and after resolving symlinks the folder must still be
 * a direct child of the regions folder, so no request can reach a file outside it.
 */
export async function resolveRegionDir(regionsDir: string, region: string): Promise<string> {
  if (!isRegionName(region)) throw new InvalidRegionNameError(region);
  let root: string;
  let real: string;
  try {
    root = await realpath(regionsDir);
    real = await realpath(join(root, region));
  } catch {
    throw new RegionNotFoundError(region, regionsDir);
  }
  if (dirname(real) !== root) throw new RegionNotFoundError(region, regionsDir);
  const info = await stat(real);
  if (!info.isDirectory()) throw new RegionNotFoundError(region, regionsDir);
  return real;
}

/** Region folders (allowed names holding an outlets.csv or outlets.xlsx) inside `regionsDir`, sorted by name. */
export async function listRegions(regionsDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(regionsDir);
  } catch (error) {
    throw new Error(`cannot list the regions folder ${regionsDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return entries
    .filter(
      (name) =>
        isRegionName(name) &&
        (existsSync(join(regionsDir, name, 'outlets.csv')) ||
          existsSync(join(regionsDir, name, 'outlets.xlsx'))),
    )
    .sort();
}
