import { resolve } from 'node:path';
import { resolveRegionDir } from '../config/regionPaths.js';
import { assemblePlan } from '../domain/pipeline/assemblePlan.js';
import {
  mergePoolPlans,
  planPool,
  splitUnits,
  type PoolPlan,
  type RepGroup,
} from '../domain/pipeline/planPool.js';
import { preparePlan, type PlannedRegion, type PlanRegionInput } from '../domain/pipeline/planRegion.js';
import { cycleOutcome } from '../domain/pipeline/cycleOutcome.js';
import type { PlanMode } from '../domain/plan/planTypes.js';
import { hashPolicy } from '../domain/policy/resolvePolicy.js';
import { readPoolParts, writePoolPart, type PoolPart } from '../io/parts/poolParts.js';
import { loadRegion, loadRegionPolicy } from '../io/region/loadRegion.js';
import { isUnchangedRebuild, readPreviousPlan } from './runPlan.js';
import { travelForRun } from './travelForRun.js';
import { PROGRAM_VERSION } from './programVersion.js';
import { currentVersion } from '../io/publish/publishVersion.js';
import { readCycleRecords } from '../io/parts/cycleRecordsFile.js';

/** Options of one pool's run in a split flow (a plan-region-pool job). */
export interface RunPoolPlanOptions {
  regionDir: string;
  /** Region output folder (where the parent will publish; the part goes to `.parts/` in it). */
  outDir: string;
  mode: Extract<PlanMode, 'rebuild' | 'resegment'>;
  force?: boolean;
  seed?: number;
  flowId: string;
  pool: string;
  /** Plan only this group of the pool's reps (default: the whole pool). */
  group?: RepGroup;
  onProgress?: (stage: 'load' | 'prepare' | 'pool', percent: number) => void;
  log?: (message: string) => void;
}

export interface RunPoolPlanResult {
  status: 'planned' | 'skipped' | 'no-reps';
  region: string;
  outlets: number;
  reps: number;
  partFile: string;
}

/**
 * Plans one pool of a region for a split flow: loads the region and the plan it builds on
 * exactly as runPlan does, recomputes the shared segment and pool stages, plans the pool's
 * territories and visit cycles, and writes the result with the inputs' fingerprint as a part file
 * for the flow's parent. An unchanged rebuild writes a `skipped` part without planning.
 */
export async function runPoolPlan(options: RunPoolPlanOptions): Promise<RunPoolPlanResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress('load', 0);
  const { region, policy } = await loadRegion(resolve(options.regionDir));
  const outDir = resolve(options.outDir);
  const previous = await readPreviousPlan(outDir);
  const seed = options.seed ?? 1;
  const part: PoolPart = {
    partVersion: 1,
    region: region.name,
    flowId: options.flowId,
    pool: options.pool,
    group: options.group ?? { index: 0, count: 1 },
    inputHash: region.inputHash,
    policyHash: hashPolicy(policy),
    previousGeneratedAt: previous?.generatedAt ?? null,
    mode: options.mode,
    seed,
    skipped: false,
    plan: null,
  };
  let status: RunPoolPlanResult['status'] = 'planned';
  if (isUnchangedRebuild(options.mode, options.force ?? false, previous, region, policy)) {
    part.skipped = true;
    status = 'skipped';
  } else {
    progress('prepare', 0);
    // The same travel step as the parent's runPlan, so the pool plans on the same road times.
    const { context: travelContext } = await travelForRun(
      { region, policy, previous, mode: options.mode, seed },
      outDir,
    );
    // The same records as the parent's runPlan reads, so a reused rep is reused in its pool's part.
    const current = await currentVersion(outDir);
    const context = {
      ...travelContext,
      cycleReuse: {
        previous: previous && current ? await readCycleRecords(outDir, current, previous) : null,
        programVersion: PROGRAM_VERSION,
      },
    };
    const prepared = preparePlan(context);
    if (prepared.pools.some((p) => p.id === options.pool)) {
      progress('pool', 0);
      part.plan = planPool(
        prepared,
        options.pool,
        context,
        (done, total) => progress('pool', Math.floor((100 * done) / Math.max(total, 1))),
        part.group,
      );
    } else {
      // A pool without reps: buildPools handed its outlets to a fallback pool.
      status = 'no-reps';
    }
  }
  const partFile = await writePoolPart(outDir, part);
  options.log?.(`pool ${options.pool}: ${status}, part ${partFile}`);
  return {
    status,
    region: region.name,
    outlets: part.plan?.outlets.length ?? 0,
    reps: part.plan?.reps.length ?? 0,
    partFile,
  };
}

/** Reads a flow's parts (see readPoolParts). */
export async function readFlowParts(
  outDir: string,
  flowId: string,
  pools: readonly string[],
  groups = 1,
): Promise<PoolPart[]> {
  return readPoolParts(resolve(outDir), flowId, splitUnits(pools, groups));
}

/**
 * A runPlan planner for the parent of a split flow: checks that every pool was planned from the
 * very inputs the parent loaded (same input and policy hashes, same previous plan, mode and
 * seed; otherwise the data changed under the flow and it must be enqueued again), then assembles
 * the plan. The assembled plan is exactly the plan planRegion would have made.
 */
export function assembleFromParts(parts: readonly PoolPart[]): (input: PlanRegionInput) => PlannedRegion {
  return (input) => {
    const expected = {
      inputHash: input.region.inputHash,
      policyHash: hashPolicy(input.policy),
      previousGeneratedAt: input.previous?.generatedAt ?? null,
      mode: input.mode,
      seed: input.seed,
    };
    for (const part of parts) {
      const seen = {
        inputHash: part.inputHash,
        policyHash: part.policyHash,
        previousGeneratedAt: part.previousGeneratedAt,
        mode: part.mode,
        seed: part.seed,
      };
      const differs = (Object.keys(expected) as Array<keyof typeof expected>).filter(
        (key) => expected[key] !== seen[key],
      );
      if (differs.length > 0 || part.skipped) {
        const detail = part.skipped
          ? 'it was skipped as unchanged'
          : differs
              .map((key) => `${key} ${String(seen[key])} instead of ${String(expected[key])}`)
              .join(', ');
        throw new Error(
          `pool ${part.pool} was planned from other inputs than the region has now (${detail}): the region changed while the flow ran; enqueue it again`,
        );
      }
    }
    const prepared = preparePlan(input);
    input.onProgress?.('summary', 95);
    // The rep groups of a pool merge into the pool's plan, in group order.
    const byPool = new Map<string, PoolPlan[]>();
    for (const part of [...parts].sort((a, b) => a.group.index - b.group.index)) {
      if (!part.plan) continue;
      const list = byPool.get(part.pool);
      if (list) list.push(part.plan);
      else byPool.set(part.pool, [part.plan]);
    }
    const poolPlans = [...byPool.values()].map(mergePoolPlans);
    return { plan: assemblePlan(prepared, poolPlans, input), cycle: cycleOutcome(poolPlans) };
  };
}

/**
 * The pool ids of a region's effective policy: one child job each when the region is split.
 * Reads only the policy files. Pools that turn out to have no reps are planned as empty.
 */
export async function policyPoolIds(regionDir: string): Promise<string[]> {
  const policy = await loadRegionPolicy(resolve(regionDir));
  return policy.pools.map((pool) => pool.id);
}

/** The pool ids of region `region` inside `regionsDir` (the name is confined to the folder). */
export async function regionPoolIds(regionsDir: string, region: string): Promise<string[]> {
  return policyPoolIds(await resolveRegionDir(regionsDir, region));
}
