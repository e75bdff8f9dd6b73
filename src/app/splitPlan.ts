import { resolve } from 'node:path';
import { resolveRegionDir } from '../config/regionPaths.js';
import { assemblePlan } from '../domain/pipeline/assemblePlan.js';
import {
  mergePoolPlans,
  planPool,
  planPoolCycle,
  splitUnits,
  type PoolPlan,
  type PoolTerritories,
  type RepGroup,
} from '../domain/pipeline/planPool.js';
import { preparePlan, type PlannedRegion, type PlanRegionInput } from '../domain/pipeline/planRegion.js';
import { cycleOutcome } from '../domain/pipeline/cycleOutcome.js';
import type { PlanMode } from '../domain/plan/planTypes.js';
import { hashPolicy } from '../domain/policy/resolvePolicy.js';
import { readPoolParts, writePoolPart, type PoolPart } from '../io/parts/poolParts.js';
import type { SplitTimes } from '../io/parts/splitTimes.js';
import { estimateUnits } from '../domain/pipeline/splitOrder.js';
import { readTerritoryPart } from '../io/parts/territoryParts.js';
import { loadRegionPolicy } from '../io/region/loadRegion.js';
import {
  fingerprintDifferences,
  loadSplitInputs,
  prepareSplitContext,
  type PartFingerprint,
} from './splitInputs.js';

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
  /**
   * Read the pool's territories from the flow's territory part (written once by the flow's
   * territory job) instead of drawing them; a missing or foreign part is an error. Off: draw them
   * here, as flows enqueued before the territory job existed do.
   */
  sharedTerritories?: boolean;
  onProgress?: (stage: 'load' | 'prepare' | 'pool', percent: number) => void;
  log?: (message: string) => void;
}

export interface RunPoolPlanResult {
  status: 'planned' | 'skipped' | 'no-reps';
  region: string;
  outlets: number;
  reps: number;
  partFile: string;
  /** Where the pool's territories came from: the flow's territory part, or drawn by this job. */
  territories: 'shared' | 'drawn' | 'none';
}

/**
 * Plans one pool (or one group of its reps) of a region for a split flow: loads the region and
 * the plan it builds on exactly as runPlan does, recomputes the shared segment and pool stages,
 * takes the pool's territories from the flow's territory part (or draws them), plans the visit
 * cycles and writes the result with the inputs' fingerprint as a part file for the flow's
 * parent. An unchanged rebuild writes a `skipped` part without planning.
 */
export async function runPoolPlan(options: RunPoolPlanOptions): Promise<RunPoolPlanResult> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  progress('load', 0);
  const outDir = resolve(options.outDir);
  const inputs = await loadSplitInputs(
    options.regionDir,
    outDir,
    options.mode,
    options.force ?? false,
    options.seed,
  );
  const part: PoolPart = {
    partVersion: 1,
    region: inputs.region.name,
    flowId: options.flowId,
    pool: options.pool,
    group: options.group ?? { index: 0, count: 1 },
    ...inputs.fingerprint,
    skipped: false,
    plan: null,
  };
  let status: RunPoolPlanResult['status'] = 'planned';
  let source: RunPoolPlanResult['territories'] = 'none';
  if (inputs.unchanged) {
    part.skipped = true;
    status = 'skipped';
  } else {
    progress('prepare', 0);
    const { context, prepared } = await prepareSplitContext(inputs, outDir);
    const shared = options.sharedTerritories
      ? await sharedPoolTerritories(outDir, options.flowId, options.pool, inputs.fingerprint)
      : undefined;
    const onRep = (done: number, total: number): void =>
      progress('pool', Math.floor((100 * done) / Math.max(total, 1)));
    if (shared === null || !prepared.pools.some((p) => p.id === options.pool)) {
      // A pool without reps: buildPools handed its outlets to a fallback pool.
      status = 'no-reps';
    } else if (shared) {
      progress('pool', 0);
      source = 'shared';
      part.plan = planPoolCycle(prepared, shared, context, onRep, part.group);
      const [unit] = estimateUnits(prepared, new Map([[options.pool, shared]]), [part], context.policy);
      part.outletVisits = unit?.outletVisits ?? 0;
      // Only the wall clock of the edge, for ordering the next flow's children; never a plan input.
      part.runMs = Date.now() - started;
    } else {
      progress('pool', 0);
      source = 'drawn';
      part.plan = planPool(prepared, options.pool, context, onRep, part.group);
    }
  }
  const partFile = await writePoolPart(outDir, part);
  options.log?.(`pool ${options.pool}: ${status}, territories ${source}, part ${partFile}`);
  return {
    status,
    region: inputs.region.name,
    outlets: part.plan?.outlets.length ?? 0,
    reps: part.plan?.reps.length ?? 0,
    partFile,
    territories: source,
  };
}

/**
 * The pool's territories from the flow's territory part, checked against the inputs this job
 * loaded (a region changed since the territory job fails the child, to be enqueued again); null
 * when the territory job found the pool without reps.
 */
async function sharedPoolTerritories(
  outDir: string,
  flowId: string,
  pool: string,
  expected: PartFingerprint,
): Promise<PoolTerritories | null> {
  const part = await readTerritoryPart(outDir, flowId, pool);
  const differs = fingerprintDifferences(part, expected);
  if (differs.length > 0)
    throw new Error(
      `the territories of pool ${pool} in flow ${flowId} were drawn from other inputs than the region has now (${differs.join(', ')}): the region changed while the flow ran; enqueue it again`,
    );
  return part.territories;
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
 * The child times of a flow's parts per pool (summed over its rep groups), for ordering the next
 * flow's children; null when no part carries a time (skipped, or written by older workers).
 */
export function flowTimes(flowId: string, parts: readonly PoolPart[]): SplitTimes | null {
  const pools: SplitTimes['pools'] = {};
  for (const part of parts) {
    if (part.runMs === undefined || part.outletVisits === undefined) continue;
    const entry = (pools[part.pool] ??= { ms: 0, outletVisits: 0 });
    entry.ms += part.runMs;
    entry.outletVisits += part.outletVisits;
  }
  return Object.keys(pools).length > 0 ? { timesVersion: 1, flowId, pools } : null;
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
