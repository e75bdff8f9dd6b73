import {
  InvalidRegionNameError,
  RegionNotFoundError,
  isRegionName,
  resolveRegionDir,
} from '../config/regionPaths.js';
import type { ApiDeps } from './apiDeps.js';

/**
 * The real path of a region's output folder `<outDir>/<region>`, resolved strictly inside the
 * output root (resolveRegionDir: a valid name, and after symlinks still a direct child of
 * OUT_DIR), or null when the region has input but nothing was published yet. Throws
 * InvalidRegionNameError (400) for a bad name and RegionNotFoundError (404) when neither the
 * output nor the input folder exists (or the output folder leaves the root).
 */
export async function regionOutputDir(deps: ApiDeps, region: string): Promise<string | null> {
  if (!isRegionName(region)) throw new InvalidRegionNameError(region);
  try {
    return await resolveRegionDir(deps.outDir, region);
  } catch (error) {
    if (!(error instanceof RegionNotFoundError)) throw error;
    await resolveRegionDir(deps.regionsDir, region);
    return null;
  }
}

/** As regionOutputDir, but a region without an output folder is not found (404) either. */
export async function requireRegionOutputDir(deps: ApiDeps, region: string): Promise<string> {
  const dir = await regionOutputDir(deps, region);
  if (dir === null) throw new RegionNotFoundError(region, deps.outDir);
  return dir;
}
