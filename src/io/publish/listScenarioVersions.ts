import { join, resolve } from 'node:path';
import { describeScenarioSpec, type ScenarioSpec } from '../../domain/scenario/scenarioSpec.js';
import { listScenarios, scenarioOutDir } from './planRefs.js';
import { listVersions, readManifest, type ShownStatus } from './publishVersion.js';

/** One version of a scenario as `territory scenarios` lists it. */
export interface ScenarioVersionInfo {
  version: string;
  /** Its plan reference, `scenario:NAME/VERSION` (see resolvePlanRef). */
  ref: string;
  generatedAt: string | null;
  publishedAt: string | null;
  mode: string | null;
  /** The region's version current when it was planned (null: none). */
  basedOn: string | null;
  inputHash: string | null;
  files: number;
  /** What was tried (manifest `scenario`); null when the manifest cannot be read. */
  spec: ScenarioSpec | null;
  /** The spec in one line (describeScenarioSpec), '' without a spec. */
  description: string;
  /** The region's candidates promoted from this version, with their status now. */
  promotedAs: Array<{ version: string; status: ShownStatus }>;
  /** Set when the manifest cannot be read. */
  error?: string;
}

/** A scenario of a region and its versions, newest first. */
export interface ScenarioInfo {
  name: string;
  outDir: string;
  versions: ScenarioVersionInfo[];
}

/** The region's versions promoted from scenario versions, by `NAME/VERSION`. */
async function promotions(
  out: string,
): Promise<Map<string, Array<{ version: string; status: ShownStatus }>>> {
  const byRef = new Map<string, Array<{ version: string; status: ShownStatus }>>();
  for (const info of await listVersions(out)) {
    const from = (await readManifest(join(out, 'versions', info.version)).catch(() => null))?.promotedFrom;
    if (!from) continue;
    const key = `${from.scenario}/${from.version}`;
    byRef.set(key, [...(byRef.get(key) ?? []), { version: info.version, status: info.status }]);
  }
  return byRef;
}

/**
 * Every scenario of a region (sorted by name) with its versions newest first: plan and publish
 * times, mode, the version it was planned on, the spec from its manifest and the region's
 * candidates promoted from it (with their status: candidate, current, published, rejected). A
 * version whose manifest cannot be read is listed with `error`.
 */
export async function listScenarioVersions(regionOutDir: string): Promise<ScenarioInfo[]> {
  const out = resolve(regionOutDir);
  const promoted = await promotions(out);
  const scenarios: ScenarioInfo[] = [];
  for (const name of await listScenarios(out)) {
    const dir = scenarioOutDir(out, name);
    const versions = await Promise.all(
      (await listVersions(dir)).map(async (info): Promise<ScenarioVersionInfo> => {
        const manifest = info.error
          ? null
          : await readManifest(join(dir, 'versions', info.version)).catch(() => null);
        const spec = manifest?.scenario ?? null;
        return {
          version: info.version,
          ref: `scenario:${name}/${info.version}`,
          generatedAt: info.generatedAt,
          publishedAt: info.publishedAt,
          mode: info.mode,
          basedOn: info.basedOn,
          inputHash: info.inputHash,
          files: info.files,
          spec,
          description: spec ? describeScenarioSpec(spec) : '',
          promotedAs: promoted.get(`${name}/${info.version}`) ?? [],
          ...(info.error ? { error: info.error } : {}),
        };
      }),
    );
    scenarios.push({ name, outDir: dir, versions });
  }
  return scenarios;
}
