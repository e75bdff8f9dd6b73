import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { currentVersion, listVersions } from './publishVersion.js';
import { isVersionName } from './versionName.js';

/** Folder of a region's output folder that holds its what-if scenarios. */
export const SCENARIOS_DIR = 'scenarios';

/** Scenario names as they appear in folder names, references and URLs. */
export const SCENARIO_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** True when `name` is an allowed scenario name. */
export function isScenarioName(name: string): boolean {
  return SCENARIO_NAME_PATTERN.test(name);
}

/**
 * The output folder of one scenario: `<regionOut>/scenarios/<name>`. It is laid out like a
 * region's output folder (a `versions/` folder, an audit log) but never has a `current` link,
 * so the versions in it can be read, compared and promoted but never reach downstream apps.
 * Throws when the name is not of the allowed form (no dots or slashes can leave the folder).
 */
export function scenarioOutDir(regionOutDir: string, name: string): string {
  if (!isScenarioName(name))
    throw new Error(`invalid scenario name ${JSON.stringify(name.slice(0, 80))}: use 1-64 of a-z, 0-9 and -`);
  return join(resolve(regionOutDir), SCENARIOS_DIR, name);
}

/** The scenarios of a region (allowed names with a folder under scenarios/), sorted by name. */
export async function listScenarios(regionOutDir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(resolve(regionOutDir), SCENARIOS_DIR), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isScenarioName(e.name))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A published plan named by a reference (see resolvePlanRef). */
export interface ResolvedPlanRef {
  /** The reference as given, for tables and messages. */
  ref: string;
  /** `version` for the region's own versions (current, candidates), `scenario` for a scenario's. */
  kind: 'version' | 'scenario';
  /** The scenario name when kind is `scenario`. */
  scenario: string | null;
  /** The output folder whose `versions/` holds the version (the region's or the scenario's). */
  outDir: string;
  /** The version folder name. */
  version: string;
  /** The version folder itself. */
  versionDir: string;
}

/** A reference that names no published plan. */
export class PlanRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanRefError';
  }
}

/**
 * Resolves a reference to a published plan of a region: `current`; a version name of the
 * region's `versions/` (published, candidate or rejected alike); `scenario:NAME` (the newest
 * version of that scenario); or `scenario:NAME/VERSION`. Throws PlanRefError naming the
 * reference and what exists when nothing matches.
 */
export async function resolvePlanRef(regionOutDir: string, ref: string): Promise<ResolvedPlanRef> {
  const out = resolve(regionOutDir);
  if (ref === 'current') {
    const version = await currentVersion(out);
    if (version === null) throw new PlanRefError(`"current": the region has no current version in ${out}`);
    return found(ref, 'version', null, out, version);
  }
  const scenario = /^scenario:([^/]+)(?:\/(.+))?$/.exec(ref);
  if (scenario) {
    const name = scenario[1]!;
    if (!isScenarioName(name)) throw new PlanRefError(`"${ref}": "${name}" is not a scenario name`);
    const dir = scenarioOutDir(out, name);
    const versions = (await listVersions(dir)).map((v) => v.version);
    if (versions.length === 0) {
      const known = (await listScenarios(out)).join(', ') || 'none';
      throw new PlanRefError(`"${ref}": scenario ${name} has no published version (scenarios: ${known})`);
    }
    const wanted = scenario[2] ?? versions[0]!;
    if (!versions.includes(wanted))
      throw new PlanRefError(`"${ref}": scenario ${name} has no version ${wanted} (newest: ${versions[0]})`);
    return found(ref, 'scenario', name, dir, wanted);
  }
  if (!isVersionName(ref))
    throw new PlanRefError(
      `"${ref}" is not a plan reference: use current, a version name, scenario:NAME or scenario:NAME/VERSION`,
    );
  const versions = (await listVersions(out)).map((v) => v.version);
  if (!versions.includes(ref))
    throw new PlanRefError(
      `"${ref}": no such version in ${join(out, 'versions')} (newest: ${versions[0] ?? 'none'})`,
    );
  return found(ref, 'version', null, out, ref);
}

function found(
  ref: string,
  kind: ResolvedPlanRef['kind'],
  scenario: string | null,
  outDir: string,
  version: string,
): ResolvedPlanRef {
  return { ref, kind, scenario, outDir, version, versionDir: join(outDir, 'versions', version) };
}
