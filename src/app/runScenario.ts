import type { MapTiles } from '../config/mapTiles.js';
import { resolveReportLocale, type ReportLocale, type ReportLocaleChoice } from '../i18n/reportLocale.js';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { planRegion, type PlanStage } from '../domain/pipeline/planRegion.js';
import type { Plan, PlanMode } from '../domain/plan/planTypes.js';
import type { Policy } from '../domain/policy/policySchema.js';
import type { RegionInput } from '../domain/types.js';
import { applyPolicySettings, type PolicySetting } from '../domain/policy/policySettings.js';
import { applyStaffingRecommendation, type StaffingApplication } from '../domain/scenario/applyStaffing.js';
import { applyRepEdits, hasRepEdits, NO_REP_EDITS, type RepEdits } from '../domain/scenario/repEdits.js';
import { ScenarioError } from '../domain/scenario/scenarioError.js';
import {
  describeScenarioSpec,
  scenarioInputHash,
  type ScenarioFileRef,
  type ScenarioSpec,
} from '../domain/scenario/scenarioSpec.js';
import { appendAudit, auditEntry } from '../io/publish/auditLog.js';
import { sha256Hex } from '../io/publish/manifest.js';
import { scenarioOutDir } from '../io/publish/planRefs.js';
import { currentVersion, publishVersion, readVersionPlan } from '../io/publish/publishVersion.js';
import { FatalInputError } from '../io/region/fatalInputError.js';
import { loadRegion } from '../io/region/loadRegion.js';
import { digestPlan, type PlanDigest } from './planDigest.js';
import { PROGRAM_VERSION } from './programVersion.js';

/** What a scenario plans (the options of `territory scenario`). */
export interface RunScenarioOptions {
  /** Region folder (outlets.csv, reps.csv, optional policy.json); only read, never written. */
  regionDir: string;
  /** Region output folder (default `<outRoot>/<region-name>`); the scenario goes under scenarios/<name>/. */
  outDir?: string;
  /** Folder of region output folders, used when `outDir` is not given; default ./out. */
  outRoot?: string;
  /** Scenario name (see isScenarioName); running it again adds a version. */
  name: string;
  /** A policy file layered over the region's policy.json (as `plan --policy`). */
  policyFile?: string;
  /** `--set` settings applied, in order, over the resolved policy. */
  settings?: readonly PolicySetting[];
  /** A reps file planned instead of the region's reps.csv. */
  repsFile?: string;
  /** Reps removed, changed and added (applied after `repsFile`). */
  repEdits?: RepEdits;
  /** Apply the current plan's staffing recommendation (not with `repsFile` or `repEdits`). */
  applyStaffing?: boolean;
  /** rebuild: the current plan as previous (minimal disruption); resegment; fresh. */
  mode: PlanMode;
  seed?: number;
  /** Planning time (default now). */
  now?: Date;
  /** Who plans it and why: recorded in the spec and the scenario's audit log. */
  by?: string | null;
  note?: string | null;
  onProgress?: (stage: PlanStage | 'load' | 'publish', percent: number) => void;
  log?: (message: string) => void;
  /** The deployment's tile server for map.html's basemap (`loadMapTiles()`); default none, offline. */
  mapTiles?: MapTiles | null;
  /** `--lang` and the environment's report defaults (see RunPlanOptions.report). */
  report?: ReportLocaleChoice;
}

export interface RunScenarioResult {
  status: 'scenario';
  scenario: string;
  region: string;
  /** The region's output folder, whose `current` this did not touch. */
  regionOutDir: string;
  /** The scenario's folder (`<regionOutDir>/scenarios/<name>`). */
  outDir: string;
  version: string;
  /** `scenario:NAME/VERSION`, for compare and promote. */
  ref: string;
  planPath: string;
  /** The region's version current when the scenario was planned (it stays current), or null. */
  basedOn: string | null;
  spec: ScenarioSpec;
  /** With --apply-staffing: the recommendation and the rep edits made for it; else null. */
  staffing: StaffingApplication | null;
  inputHash: string;
  summary: PlanDigest;
  plan: Plan;
  /** The language and time zone map.html was written in, for the CLI's own text. */
  locale: ReportLocale;
}

async function fileRef(path: string | undefined): Promise<ScenarioFileRef | null> {
  if (path === undefined) return null;
  const absolute = resolve(path);
  try {
    return { path: absolute, sha256: sha256Hex(await readFile(absolute)) };
  } catch (error) {
    throw new FatalInputError(`${absolute}: cannot read the file (${(error as Error).message})`, absolute);
  }
}

/** The region as the scenario plans it: its policy with the settings, its reps with the edits. */
interface ScenarioInputs {
  region: RegionInput;
  policy: Policy;
  spec: ScenarioSpec;
  staffing: StaffingApplication | null;
}

/**
 * Loads the region with the scenario's policy file, settings, reps file and rep edits (or the
 * staffing recommendation of `previous`, applied to the reps as loaded) and records the spec.
 */
async function loadScenarioInputs(
  options: RunScenarioOptions,
  regionDir: string,
  previous: Plan | null,
): Promise<ScenarioInputs> {
  const settings = options.settings ?? [];
  const applied: { staffing: StaffingApplication | null; repEdits: RepEdits } = {
    staffing: null,
    repEdits: options.repEdits ?? NO_REP_EDITS,
  };
  const source = options.repsFile ? resolve(options.repsFile) : join(regionDir, 'reps.csv');
  const { region, policy } = await loadRegion(regionDir, {
    ...(options.policyFile ? { policyFile: options.policyFile } : {}),
    ...(options.repsFile ? { repsFile: options.repsFile } : {}),
    ...(settings.length > 0 ? { adjustPolicy: (base: Policy) => applyPolicySettings(base, settings) } : {}),
    editReps: (reps) => {
      if (options.applyStaffing && previous) {
        applied.staffing = applyStaffingRecommendation(previous, reps);
        applied.repEdits = applied.staffing.repEdits;
      }
      return hasRepEdits(applied.repEdits) ? applyRepEdits(reps, applied.repEdits, source) : reps;
    },
  });
  const spec: ScenarioSpec = {
    name: options.name,
    mode: options.mode,
    seed: options.seed ?? 1,
    policyFile: await fileRef(options.policyFile),
    set: settings.map((s) => ({ key: s.key, value: s.value })),
    repsFile: await fileRef(options.repsFile),
    repEdits: applied.repEdits,
    staffing: applied.staffing
      ? { recommendation: applied.staffing.recommendation, edits: applied.staffing.edits }
      : null,
    by: options.by ?? null,
    note: options.note ?? null,
  };
  return { region, policy, spec, staffing: applied.staffing };
}

/**
 * Plans a what-if scenario of a region without touching its inputs or its `current`: the region
 * is loaded as `territory plan` loads it, with a `--policy` file layered over its policy.json,
 * `--set` settings applied over the result (applyPolicySettings), a `--reps-file` read instead of
 * reps.csv and rep edits (or the current plan's staffing recommendation, applyStaffingRecommendation)
 * applied before the outlets are read. The plan is made on the region's current plan (the
 * previous plan of a rebuild, or only compared against in fresh mode) and published with the
 * same gate and files as any version, as a `scenario` version into `<out>/scenarios/<name>/`
 * (never a `current` there), with the spec in its manifest; a `scenario` line goes to the
 * scenario's audit log. Scenarios always plan (nothing is skipped as unchanged).
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunScenarioResult> {
  const progress = options.onProgress ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  if (
    options.applyStaffing &&
    (options.repsFile !== undefined || hasRepEdits(options.repEdits ?? NO_REP_EDITS))
  )
    throw new ScenarioError(
      '--apply-staffing applies the current plan staffing recommendation to the region reps; it cannot be combined with --reps-file or rep edits',
    );
  progress('load', 0);
  const regionDir = resolve(options.regionDir);
  const regionOutDir = resolve(options.outDir ?? join(options.outRoot ?? 'out', basename(regionDir)));
  const outDir = scenarioOutDir(regionOutDir, options.name);
  const basedOn = await currentVersion(regionOutDir);
  const previous = basedOn ? await readVersionPlan(regionOutDir, basedOn) : null;
  if (options.applyStaffing && previous === null)
    throw new ScenarioError(
      `--apply-staffing: ${regionOutDir} has no current plan to take the staffing recommendation from; plan the region first (territory plan)`,
    );

  const { region, policy, spec, staffing } = await loadScenarioInputs(options, regionDir, previous);
  log(`scenario ${options.name} of ${region.name}: ${describeScenarioSpec(spec)}`);

  const plan = planRegion({
    region: { ...region, inputHash: scenarioInputHash(region.inputHash, spec) },
    policy,
    previous,
    mode: options.mode,
    now: options.now ?? new Date(),
    seed: spec.seed,
    onProgress: progress,
  });
  progress('publish', 0);
  const locale = resolveReportLocale(options.report, policy.report);
  const published = await publishVersion({
    regionOutDir: outDir,
    plan,
    policy,
    previous,
    programVersion: PROGRAM_VERSION,
    basedOn,
    scenario: spec,
    // map.html marks what the scenario changes against the version it was planned on.
    previousVersion: previous ? basedOn : null,
    previousOutDir: regionOutDir,
    mapTiles: options.mapTiles ?? null,
    locale,
  });
  await appendAudit(
    outDir,
    auditEntry(
      {
        action: 'scenario',
        version: published.version,
        from: basedOn,
        to: basedOn,
        reason: `scenario ${options.name} planned on ${basedOn ?? 'no current version'}: ${describeScenarioSpec(spec)}`,
      },
      { by: spec.by, note: spec.note },
    ),
  );
  progress('publish', 100);
  log(`published scenario version ${published.version}; current stays ${basedOn ?? '(none)'}`);
  return {
    status: 'scenario',
    scenario: options.name,
    region: region.name,
    regionOutDir,
    outDir,
    version: published.version,
    ref: `scenario:${options.name}/${published.version}`,
    planPath: join(published.dir, 'plan.json'),
    basedOn,
    spec,
    staffing,
    inputHash: plan.inputHash,
    summary: digestPlan(plan),
    plan,
    locale,
  };
}
