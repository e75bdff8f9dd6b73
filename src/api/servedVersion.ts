import type { Manifest } from '../io/publish/manifest.js';
import { isScenarioName, listScenarios, PlanRefError, resolvePlanRef } from '../io/publish/planRefs.js';
import { readManifest } from '../io/publish/publishVersion.js';
import { validateAgainstSchema } from '../io/publish/validateArtifacts.js';
import { isVersionName } from '../io/publish/versionName.js';
import { realPathInside } from './containedPath.js';
import { DamagedOutputError } from './damagedOutputError.js';
import { HttpError } from './httpError.js';

/** The reference of a scenario's newest version in URLs (`current` exists only for a region). */
export const LATEST_REF = 'latest';

/** A version the API serves, found by a URL's region, optional scenario and version reference. */
export interface ServedVersion {
  region: string;
  /** The scenario's name, or null for a version of the region itself. */
  scenario: string | null;
  /** The version folder's name (what `current` or `latest` pointed at when resolved). */
  version: string;
  /** True when the URL named it by `current` or `latest`, which move: its files are not immutable. */
  moving: boolean;
  /** The folder whose versions/ holds it (the region's or the scenario's output folder), real path. */
  outDir: string;
  /** The version folder, real path, inside the region's output folder. */
  dir: string;
  /** The URL path of the version by name: `/regions/R/versions/V` or `/regions/R/scenarios/S/versions/V`. */
  href: string;
}

/** The URL path of a version by name (see ServedVersion.href). */
export function versionHref(region: string, scenario: string | null, version: string): string {
  const base = `/regions/${region}`;
  return scenario === null
    ? `${base}/versions/${version}`
    : `${base}/scenarios/${scenario}/versions/${version}`;
}

/** The plan reference resolvePlanRef takes for a URL's version (and scenario), validated. */
async function planRefOf(regionOutDir: string, scenario: string | null, ref: string): Promise<string> {
  if (scenario === null) {
    if (ref !== 'current' && !isVersionName(ref))
      throw new HttpError(
        400,
        'invalid version name: use current or a version name such as 20260302T021500Z-1a2b3c4d',
      );
    return ref;
  }
  if (!isScenarioName(scenario))
    throw new HttpError(400, 'invalid scenario name: use 1-64 of a-z, 0-9 and -');
  if (ref !== LATEST_REF && !isVersionName(ref))
    throw new HttpError(
      400,
      'invalid version name: use latest or a version name such as 20260302T021500Z-1a2b3c4d',
    );
  if (!(await listScenarios(regionOutDir)).includes(scenario))
    throw new HttpError(404, `unknown scenario "${scenario}"`);
  return ref === LATEST_REF ? `scenario:${scenario}` : `scenario:${scenario}/${ref}`;
}

/**
 * Resolves a URL's version of a region (`current` or a version name) or of one of its scenarios
 * (`latest` or a version name) with resolvePlanRef, and checks that the version folder, after
 * symlinks, is still inside the region's output folder. Throws HttpError 400 for malformed names
 * and 404 (naming only the region, scenario or version) when nothing matches.
 */
export async function resolveServedVersion(
  region: string,
  regionOutDir: string,
  scenario: string | null,
  ref: string,
): Promise<ServedVersion> {
  const planRef = await planRefOf(regionOutDir, scenario, ref);
  let resolved;
  try {
    resolved = await resolvePlanRef(regionOutDir, planRef);
  } catch (error) {
    if (!(error instanceof PlanRefError)) throw error;
    if (ref === 'current') throw new HttpError(404, `region ${region} has no current version`);
    if (ref === LATEST_REF) throw new HttpError(404, `scenario ${scenario ?? ''} has no version`);
    throw new HttpError(404, `unknown version "${ref}"`);
  }
  const dir = await realPathInside(regionOutDir, resolved.versionDir);
  if (dir === null) throw new HttpError(404, `unknown version "${ref}"`);
  return {
    region,
    scenario,
    version: resolved.version,
    moving: ref === 'current' || ref === LATEST_REF,
    outDir: resolved.outDir,
    dir,
    href: versionHref(region, scenario, resolved.version),
  };
}

/**
 * The manifest of a served version, schema-checked: the files it lists are the only ones the API
 * serves. Throws DamagedOutputError (500, no paths) when it cannot be read or is not valid.
 */
export async function readServedManifest(served: ServedVersion): Promise<Manifest> {
  let manifest: unknown;
  try {
    manifest = await readManifest(served.dir);
  } catch {
    throw new DamagedOutputError(`version ${served.version}: its manifest.json cannot be read`);
  }
  if (validateAgainstSchema('manifest.json', manifest).length > 0)
    throw new DamagedOutputError(`version ${served.version}: its manifest.json is not a valid manifest`);
  return manifest as Manifest;
}
