import { resolve } from 'node:path';
import type { Plan, PlanMode } from '../domain/plan/planTypes.js';
import { preparePlan, type PlanContext, type PreparedPlan } from '../domain/pipeline/preparePlan.js';
import { hashPolicy } from '../domain/policy/resolvePolicy.js';
import type { Policy } from '../domain/policy/policySchema.js';
import type { RegionInput } from '../domain/types.js';
import { readCycleRecords } from '../io/parts/cycleRecordsFile.js';
import { currentVersion } from '../io/publish/publishVersion.js';
import { loadRegion } from '../io/region/loadRegion.js';
import { PROGRAM_VERSION } from './programVersion.js';
import { isUnchangedRebuild, readPreviousPlan } from './runPlan.js';
import { travelForRun } from './travelForRun.js';

/** What a split flow's part was planned from; the parent refuses parts that differ from its own. */
export interface PartFingerprint {
  inputHash: string;
  policyHash: string;
  /** `generatedAt` of the plan the flow builds on, or null for a first plan. */
  previousGeneratedAt: string | null;
  mode: PlanMode;
  seed: number;
}

/** A split flow job's inputs, loaded exactly as runPlan loads them. */
export interface SplitInputs {
  region: RegionInput;
  policy: Policy;
  previous: Plan | null;
  seed: number;
  fingerprint: PartFingerprint;
  /** True when the rebuild is skipped as unchanged (nothing is planned). */
  unchanged: boolean;
}

/** Loads the region and the plan it builds on (runPlan's rules: seed 1 by default, the unchanged check). */
export async function loadSplitInputs(
  regionDir: string,
  outDir: string,
  mode: Extract<PlanMode, 'rebuild' | 'resegment'>,
  force: boolean,
  seedOption?: number,
): Promise<SplitInputs> {
  const { region, policy } = await loadRegion(resolve(regionDir));
  const previous = await readPreviousPlan(resolve(outDir));
  const seed = seedOption ?? 1;
  return {
    region,
    policy,
    previous,
    seed,
    fingerprint: {
      inputHash: region.inputHash,
      policyHash: hashPolicy(policy),
      previousGeneratedAt: previous?.generatedAt ?? null,
      mode,
      seed,
    },
    unchanged: isUnchangedRebuild(mode, force, previous, region, policy),
  };
}

/**
 * The planning context of a split flow job and the shared segment and pool stages: the same
 * travel step and the same cycle records as the parent's runPlan, so every job plans on the same
 * road times and reuses the same reps' cycles.
 */
export async function prepareSplitContext(
  inputs: SplitInputs,
  outDir: string,
): Promise<{ context: PlanContext; prepared: PreparedPlan }> {
  const dir = resolve(outDir);
  const { region, policy, previous, seed } = inputs;
  const { context: travelContext } = await travelForRun(
    { region, policy, previous, mode: inputs.fingerprint.mode, seed },
    dir,
  );
  const current = await currentVersion(dir);
  const context: PlanContext = {
    ...travelContext,
    cycleReuse: {
      previous: previous && current ? await readCycleRecords(dir, current, previous) : null,
      programVersion: PROGRAM_VERSION,
    },
  };
  return { context, prepared: preparePlan(context) };
}

/** The keys where two fingerprints differ, as `key <seen> instead of <expected>`; empty when equal. */
export function fingerprintDifferences(seen: PartFingerprint, expected: PartFingerprint): string[] {
  return (Object.keys(expected) as Array<keyof PartFingerprint>)
    .filter((key) => expected[key] !== seen[key])
    .map((key) => `${key} ${String(seen[key])} instead of ${String(expected[key])}`);
}
