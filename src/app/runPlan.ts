import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { planRegion, type PlanRegionInput, type PlanStage } from '../domain/pipeline/planRegion.js';
import type { Policy } from '../domain/policy/policySchema.js';
import type { RegionInput } from '../domain/types.js';
import type { Plan, PlanMode } from '../domain/plan/planTypes.js';
import { hashPolicy } from '../domain/policy/resolvePolicy.js';
import { FatalInputError } from '../io/region/fatalInputError.js';
import { loadRegion } from '../io/region/loadRegion.js';
import {
  cleanLeftovers,
  currentVersion,
  publishVersion,
  readCurrentPlan,
  readPublishedBy,
  type PublishedBy,
} from '../io/publish/publishVersion.js';
import { digestPlan, type PlanDigest } from './planDigest.js';
import { PROGRAM_VERSION } from './programVersion.js';
import { countQuarantine } from '../io/region/quarantine.js';

/** Options of one planning run; the CLI `plan` command and the BullMQ jobs both use these. */
export interface RunPlanOptions {
  /** Region folder holding outlets.csv, reps.csv and an optional policy.json. */
  regionDir: string;
  /** Region output folder (versions/ and current live here); default `<outRoot>/<region-name>`. */
  outDir?: string;
  /** Folder of region output folders, used when `outDir` is not given; default ./out. */
  outRoot?: string;
  /** Extra policy file layered over the region's policy.json. */
  policyFile?: string;
  /** A plan.json to use as the previous plan instead of `<outDir>/current/plan.json`. */
  previousFile?: string;
  /**
   * rebuild: keep tiers, minimal disruption; resegment: re-tier and redraw; fresh: plan from
   * scratch (the previous plan is only compared against, for the change report).
   */
  mode: PlanMode;
  /** Plan even when the inputs and policy equal the current plan's. */
  force?: boolean;
  /** Seed of the randomised stages (default 1): the same inputs and seed give the same plan. */
  seed?: number;
  /** Planning time stamped into the plan (default: now). */
  now?: Date;
  onProgress?: (stage: PlanStage | 'load' | 'publish', percent: number) => void;
  log?: (message: string) => void;
  /**
   * Makes the plan from the loaded inputs; default planRegion. The parent of a split flow passes
   * one that assembles the pools its children planned (and checks they used these inputs).
   */
  planner?: (input: PlanRegionInput) => Plan;
  /**
   * Checked right before the version is written into versions/ and right before `current` is
   * switched (see publishVersion); throwing stops the publish. Queue jobs pass their region
   * lock's fence; `territory plan` runs in-process and passes none.
   */
  fence?: () => Promise<void>;
  /** The job attempt running this plan, recorded in the published manifest. */
  publishedBy?: PublishedBy;
}

export interface RunPlanResult {
  status: 'published' | 'skipped';
  region: string;
  outDir: string;
  /**
   * The version published, or for a skipped rebuild the current version it equals (null when
   * skipped against a `previousFile`).
   */
  version: string | null;
  planPath: string | null;
  /** Skipped: who published the current version (null when `territory plan` or unknown). */
  publishedBy?: PublishedBy | null;
  inputHash: string;
  summary: PlanDigest | null;
  /** The plan that was published (absent when skipped). */
  plan?: Plan;
}

/**
 * True when a run may be skipped: a normal rebuild, not forced, whose inputs and policy hash
 * equal those of the plan it would build on (nightly runs on unchanged data cost nothing).
 */
export function isUnchangedRebuild(
  mode: PlanMode,
  force: boolean,
  previous: Plan | null,
  region: RegionInput,
  policy: Policy,
): boolean {
  return (
    mode === 'rebuild' &&
    !force &&
    previous !== null &&
    previous.inputHash === region.inputHash &&
    previous.policyHash === hashPolicy(policy)
  );
}

/** The plan to build on: `previousFile` when given, else the region's current published plan. */
export async function readPreviousPlan(outDir: string, previousFile?: string): Promise<Plan | null> {
  return previousFile ? readPlanFile(resolve(previousFile)) : readCurrentPlan(outDir);
}

async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FatalInputError(`${path}: cannot read the previous plan (${(error as Error).message})`, path);
  }
  try {
    const plan = JSON.parse(text) as Plan;
    if (plan.schemaVersion !== 1 || !Array.isArray(plan.outlets)) throw new Error('not a version 1 plan');
    return plan;
  } catch (error) {
    throw new FatalInputError(`${path}: not a valid plan file (${(error as Error).message})`, path);
  }
}

/**
 * Loads a region, plans it and publishes the result as a new version: the in-process pipeline
 * behind `territory plan` and the worker's jobs. A rebuild whose inputs and policy equal those of
 * the current plan is skipped unless forced, so nightly runs on unchanged data are free.
 */
export async function runPlan(options: RunPlanOptions): Promise<RunPlanResult> {
  const progress = options.onProgress ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  progress('load', 0);
  const regionDir = resolve(options.regionDir);
  const { region, policy } = await loadRegion(regionDir, { policyFile: options.policyFile });
  const outDir = resolve(options.outDir ?? join(options.outRoot ?? 'out', region.name));
  log(
    `loaded ${region.outlets.length} outlets, ${region.reps.length} reps, ${countQuarantine(region.quarantine).total} quarantined rows`,
  );

  const previous = await readPreviousPlan(outDir, options.previousFile);
  if (isUnchangedRebuild(options.mode, options.force ?? false, previous, region, policy)) {
    // Nothing to publish, but whatever killed publishes left behind goes now.
    await cleanLeftovers(outDir).catch(() => undefined);
    const current = options.previousFile ? null : await currentVersion(outDir);
    const publishedBy = current ? await readPublishedBy(outDir, current) : null;
    log(
      `inputs unchanged since the current plan (${region.inputHash.slice(0, 12)}${current ? `, version ${current}` : ''}): skipped`,
    );
    return {
      status: 'skipped',
      region: region.name,
      outDir,
      version: current,
      planPath: current ? join(outDir, 'versions', current, 'plan.json') : null,
      publishedBy,
      inputHash: region.inputHash,
      summary: null,
    };
  }

  const plan = (options.planner ?? planRegion)({
    region,
    policy,
    previous,
    mode: options.mode,
    now: options.now ?? new Date(),
    seed: options.seed ?? 1,
    onProgress: progress,
  });
  progress('publish', 0);
  const published = await publishVersion({
    regionOutDir: outDir,
    plan,
    policy,
    previous,
    programVersion: PROGRAM_VERSION,
    ...(options.fence ? { fence: options.fence } : {}),
    ...(options.publishedBy ? { publishedBy: options.publishedBy } : {}),
  });
  progress('publish', 100);
  log(`published version ${published.version}`);
  return {
    status: 'published',
    region: region.name,
    outDir,
    version: published.version,
    planPath: join(published.dir, 'plan.json'),
    inputHash: region.inputHash,
    summary: digestPlan(plan),
    plan,
  };
}
