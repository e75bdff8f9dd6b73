import { join, resolve } from 'node:path';
import { ScenarioError } from '../../domain/scenario/scenarioError.js';
import {
  describeScenarioSpec,
  promotedScenarioNotice,
  type ScenarioSpec,
} from '../../domain/scenario/scenarioSpec.js';
import type { Artifact } from '../artifacts/buildArtifacts.js';
import { appendAudit, auditEntry, type AuditWho } from './auditLog.js';
import { manifestFiles, type Manifest } from './manifest.js';
import { resolvePlanRef } from './planRefs.js';
import {
  currentVersion,
  installVersion,
  listVersions,
  readManifest,
  verifyVersion,
  VersionDamagedError,
} from './publishVersion.js';
import { readVersionFile } from './versionArchive.js';
import { baseVersionName } from './versionName.js';

/** A scenario version promoted to a candidate of its region. */
export interface PromoteResult {
  scenario: string;
  /** The scenario version copied. */
  scenarioVersion: string;
  /** The candidate's name in the region's versions/. */
  version: string;
  /** The candidate's folder. */
  dir: string;
  /** The version current when the scenario was planned, which is current now too. */
  basedOn: string | null;
  spec: ScenarioSpec;
  /** What approving it means when the scenario's inputs differ from the region's (promotionNotice). */
  notice: string | null;
}

/**
 * The warning for a candidate promoted from a scenario whose inputs (policy, reps) differ from
 * the region's: once current, the next rebuild plans from the region's own files and undoes
 * them. Null for other versions and for scenarios that planned the region's own inputs.
 */
export function promotionNotice(
  manifest: Pick<Manifest, 'version' | 'scenario' | 'promotedFrom'>,
): string | null {
  if (!manifest.scenario) return null;
  const from = manifest.promotedFrom
    ? `candidate ${manifest.version} (scenario:${manifest.promotedFrom.scenario}/${manifest.promotedFrom.version})`
    : `scenario:${manifest.scenario.name}/${manifest.version}`;
  return promotedScenarioNotice(from, manifest.scenario);
}

/** A region version already promoted from this scenario version, with its status, or null. */
async function earlierPromotion(
  out: string,
  scenario: string,
  version: string,
): Promise<{ version: string; status: string } | null> {
  for (const info of await listVersions(out)) {
    const manifest = await readManifest(join(out, 'versions', info.version)).catch(() => null);
    const from = manifest?.promotedFrom;
    if (from?.scenario === scenario && from.version === version)
      return { version: info.version, status: info.status };
  }
  return null;
}

/**
 * Promotes a scenario version (`NAME` for its newest, or `NAME/VERSION`) to a candidate of the
 * region: verifies it against its manifest (schema, every file's size and sha256), copies its
 * files byte for byte into the region's versions/ (staged, fsynced and renamed like any publish,
 * under the scenario version's name, or its next `-N`) with a manifest saying `status:
 * "candidate"`, `basedOn` (the version current when the scenario was planned), `promotedFrom`
 * and the scenario's spec, and appends a `promote` entry to the region's and the scenario's
 * audit logs. `territory approve` then applies as to any candidate. Refuses (ScenarioError) a
 * version that is not a scenario version, one planned on a version that is no longer current
 * (approve would refuse it; plan the scenario again), and one promoted before; a damaged one is
 * a VersionDamagedError, an unknown name a PlanRefError. `current` is never touched.
 */
export async function promoteScenario(
  regionOutDir: string,
  ref: string,
  who: AuditWho = {},
): Promise<PromoteResult> {
  const out = resolve(regionOutDir);
  const resolved = await resolvePlanRef(out, `scenario:${ref}`);
  const scenario = resolved.scenario!;
  const label = `scenario:${scenario}/${resolved.version}`;
  const problems = await verifyVersion(resolved.outDir, resolved.version);
  if (problems.length > 0)
    throw new VersionDamagedError(
      `promote: ${label} is damaged:\n  - ${problems.slice(0, 10).join('\n  - ')}`,
      resolved.version,
    );
  const manifest = await readManifest(resolved.versionDir);
  if (manifest.status !== 'scenario' || !manifest.scenario)
    throw new ScenarioError(
      `promote: ${label} is not a scenario version (its manifest says status ${manifest.status ?? 'published'})`,
    );
  const current = await currentVersion(out);
  const basedOn = manifest.basedOn ?? null;
  if (basedOn !== current)
    throw new ScenarioError(
      `promote: ${label} was planned on ${basedOn ?? 'no current version'}, but ${current ?? 'no version'} is current now, so approving it would be refused; plan the scenario again (territory scenario --name ${scenario} ...) to build it on the current plan`,
    );
  const earlier = await earlierPromotion(out, scenario, resolved.version);
  if (earlier)
    throw new ScenarioError(
      `promote: ${label} was already promoted as ${earlier.version} (${earlier.status})`,
    );

  const files: Artifact[] = [];
  for (const file of manifest.files)
    files.push({ path: file.path, content: await readVersionFile(resolved.versionDir, file.path) });
  const listed = manifestFiles(files);
  if (JSON.stringify(listed) !== JSON.stringify(manifest.files))
    throw new VersionDamagedError(`promote: ${label} changed while it was being copied`, resolved.version);

  const promotedAt = who.now ?? new Date();
  const version = await installVersion({
    regionOutDir: out,
    region: manifest.region,
    baseName: baseVersionName(manifest.generatedAt, manifest.inputHash),
    files,
    manifestFor: (name) => ({
      ...manifest,
      version: name,
      publishedAt: promotedAt.toISOString(),
      status: 'candidate',
      basedOn,
      promotedFrom: { scenario, version: resolved.version },
      files: listed,
    }),
  });
  const spec = manifest.scenario;
  await appendAudit(
    out,
    auditEntry(
      {
        action: 'promote',
        version,
        from: current,
        to: current,
        reason: `${label} promoted to a candidate (${describeScenarioSpec(spec)})`,
      },
      who,
    ),
  );
  await appendAudit(
    resolved.outDir,
    auditEntry(
      {
        action: 'promote',
        version: resolved.version,
        from: current,
        to: current,
        reason: `promoted to the region's candidate ${version}`,
      },
      who,
    ),
  );
  return {
    scenario,
    scenarioVersion: resolved.version,
    version,
    dir: join(out, 'versions', version),
    basedOn,
    spec,
    notice: promotionNotice({
      version,
      scenario: spec,
      promotedFrom: { scenario, version: resolved.version },
    }),
  };
}
