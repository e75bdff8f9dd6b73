import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isRegionName, listRegions, resolveRegionDir } from '../../config/regionPaths.js';
import { listScenarios, scenarioOutDir } from '../../io/publish/planRefs.js';
import { currentVersion, listVersions } from '../../io/publish/publishVersion.js';
import type { ApiDeps } from '../apiDeps.js';
import { realPathInside } from '../containedPath.js';
import { regionOutputDir } from '../regionOutput.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';
import { versionView, type VersionView } from '../versionView.js';

/** Region names with an output folder that stays inside the output root. */
async function publishedRegions(deps: ApiDeps): Promise<string[]> {
  const names = await readdir(deps.outDir).catch(() => [] as string[]);
  const inside = await Promise.all(
    names
      .filter(isRegionName)
      .map(async (name) => ((await resolveRegionDir(deps.outDir, name).catch(() => null)) ? name : null)),
  );
  return inside.filter((name): name is string => name !== null);
}

/** A region's versions as the API lists them, newest first (none before its first publish). */
async function regionVersions(region: string, regionOut: string | null): Promise<VersionView[]> {
  if (regionOut === null) return [];
  return (await listVersions(regionOut)).map((info) => versionView(region, null, info));
}

/**
 * GET /regions: every region with an input folder or an output folder, sorted, each with its
 * current version, how many candidates wait for a decision and how many scenarios it has.
 */
async function getRegions({ res, deps }: RouteContext): Promise<void> {
  // An API that serves only published output may run without the regions folder.
  const inputs = new Set(existsSync(deps.regionsDir) ? await listRegions(deps.regionsDir) : []);
  const outputs = new Set(await publishedRegions(deps));
  const names = [...new Set([...inputs, ...outputs])].sort();
  const regions = await Promise.all(
    names.map(async (region) => {
      const regionOut = outputs.has(region) ? await regionOutputDir(deps, region) : null;
      const versions = await regionVersions(region, regionOut);
      return {
        region,
        input: inputs.has(region),
        current: regionOut === null ? null : await currentVersion(regionOut),
        versions: versions.length,
        candidates: versions.filter((v) => v.status === 'candidate').length,
        scenarios: regionOut === null ? 0 : (await listScenarios(regionOut)).length,
        href: `/regions/${region}/versions`,
      };
    }),
  );
  sendJson(res, 200, { regions });
}

/**
 * GET /regions/:region/versions (all, newest first, with status current / candidate / rejected /
 * published) or /candidates (only the pending candidates); an unpublished region has none.
 */
async function getVersions({ res, deps, params }: RouteContext, onlyCandidates: boolean): Promise<void> {
  const region = params.region ?? '';
  const regionOut = await regionOutputDir(deps, region);
  const versions = await regionVersions(region, regionOut);
  const current = versions.find((v) => v.current)?.version ?? null;
  if (onlyCandidates)
    return sendJson(res, 200, {
      region,
      current,
      candidates: versions.filter((v) => v.status === 'candidate'),
    });
  sendJson(res, 200, { region, current, versions });
}

/** GET /regions/:region/scenarios: each scenario with its versions (status `scenario`), newest first. */
async function getScenarios({ res, deps, params }: RouteContext): Promise<void> {
  const region = params.region ?? '';
  const regionOut = await regionOutputDir(deps, region);
  const scenarios: Array<{ name: string; versions: VersionView[]; href: string }> = [];
  if (regionOut === null) return sendJson(res, 200, { region, scenarios });
  for (const name of await listScenarios(regionOut)) {
    const dir = await realPathInside(regionOut, scenarioOutDir(regionOut, name));
    if (dir === null) continue;
    const versions = (await listVersions(dir)).map((info) => versionView(region, name, info));
    scenarios.push({ name, versions, href: `/regions/${region}/scenarios/${name}/versions/latest` });
  }
  sendJson(res, 200, { region, scenarios });
}

/** The listings of regions, versions, candidates and scenarios (role read). */
export const listingRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/regions', role: 'read', handle: getRegions },
  { method: 'GET', path: '/regions/{region}/versions', role: 'read', handle: (c) => getVersions(c, false) },
  { method: 'GET', path: '/regions/{region}/candidates', role: 'read', handle: (c) => getVersions(c, true) },
  { method: 'GET', path: '/regions/{region}/scenarios', role: 'read', handle: getScenarios },
];
