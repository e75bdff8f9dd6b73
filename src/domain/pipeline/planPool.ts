import type { CycleRecords } from '../cycle/cycleReuse.js';
import { planRepCycles, type PlanRepCyclesInput, type PlanRepCyclesResult } from '../cycle/planRepCycles.js';
import type { CycleTotals } from '../cycle/planVisitCycle.js';
import type {
  DayChange,
  PlanOutlet,
  PlanRep,
  PreviousPlanView,
  RepChange,
  StaffingChange,
  TerritorySummary,
} from '../plan/planTypes.js';
import { assignPoolTerritories } from '../territories/assignPoolTerritories.js';
import type { MovedOutletVerdict } from '../territories/movedOutlets.js';
import { cheapestStart, poolPlanCost, poolStartCount, poolStartSeeds } from './multiStartPool.js';
import type { PlanContext, PreparedPlan } from './preparePlan.js';
import type { RegionInput } from '../types.js';
import { repsOfGroup, type RepGroup } from './splitUnits.js';

export { repsOfGroup, splitUnits, type RepGroup, type SplitUnit } from './splitUnits.js';

/**
 * The territories of one pool, as plain JSON (it travels between jobs when a region is planned
 * one pool per job).
 */
export interface PoolTerritories {
  poolId: string;
  /** [outlet id, rep id] for every outlet of the pool that got a rep. */
  repOf: Array<[string, string]>;
  /** [rep id, territory] for every rep of the pool. */
  territories: Array<[string, TerritorySummary]>;
  repChanges: RepChange[];
  /**
   * Verdicts on the pool's outlets that moved beyond `territories.movedOutletKm` (optional: pool
   * parts written before it existed have none).
   */
  moved?: MovedOutletVerdict[];
  /** Staffing changes of the pool (optional: pool parts written before it existed have none). */
  staffing?: StaffingChange[];
  warnings: string[];
}

/** The whole plan of one pool: territories, then every rep's visit cycle. Plain JSON. */
export interface PoolPlan {
  poolId: string;
  territories: PoolTerritories;
  /** The pool's outlets with `repId`, `visits` and `pattern` set. */
  outlets: PlanOutlet[];
  /** The pool's reps with `territory`, `days`, `overBudgetMinutes` and `flags` set. */
  reps: PlanRep[];
  dayChanges: DayChange[];
  warnings: string[];
  /**
   * Unrounded travel, over-budget and late minutes of the planned reps (optional: pool parts
   * written before it existed have none).
   */
  cycleTotals?: CycleTotals;
  /** The cycle records of the planned reps (optional: absent without `cycleReuse`, and in older parts). */
  cycleRecords?: CycleRecords;
  /** How many of the planned reps took their cycle from the previous plan (optional, as above). */
  reusedReps?: number;
  /** How many of the planned reps were planned incrementally from their previous cycle (optional, as above). */
  incrementalReps?: number;
}

/**
 * What planning one pool reads of the prepared plan: the outlets, reps and pools (a PreparedPlan
 * is one; a pool's territory job carries only that pool's, see poolTerritoryJob.ts).
 */
export type PoolPrepared = Pick<PreparedPlan, 'outlets' | 'reps' | 'pools'>;

/**
 * What planning one pool reads of the plan context: policy, mode, seed, road travel, cycle reuse,
 * the region (only whether it has supervisors; the name makes the type a region) and the previous
 * plan's outlets and reps (a PlanContext is one).
 */
export type PoolContext = Pick<PlanContext, 'policy' | 'mode' | 'seed' | 'travel' | 'cycleReuse'> & {
  region: Pick<RegionInput, 'name' | 'supervisors'>;
  previous: PreviousPlanView | null;
};

function poolOf(prepared: PoolPrepared, poolId: string): PreparedPlan['pools'][number] {
  const pool = prepared.pools.find((p) => p.id === poolId);
  if (!pool)
    throw new Error(
      `pool ${poolId} is not a pool of this plan (${prepared.pools.map((p) => p.id).join(', ')})`,
    );
  return pool;
}

/**
 * One draw of a pool's territories from `seed` (assignPoolTerritories restricted to the pool),
 * balanced on the road-calibrated speed and circuity when the context carries road travel.
 */
function drawPoolTerritories(
  prepared: PoolPrepared,
  poolId: string,
  context: PoolContext,
  seed: number,
): PoolTerritories {
  const pool = poolOf(prepared, poolId);
  const result = assignPoolTerritories({
    outlets: prepared.outlets.filter((o) => o.pool === poolId),
    reps: prepared.reps.filter((r) => r.pool === poolId),
    pools: [pool],
    policy: context.travel
      ? { ...context.policy, travel: { ...context.policy.travel, ...context.travel.territorySettings } }
      : context.policy,
    previous: context.previous,
    mode: context.mode,
    seed,
  });
  return {
    poolId,
    repOf: [...result.repOf],
    territories: [...result.territories],
    repChanges: result.repChanges,
    moved: result.moved,
    staffing: result.staffing,
    warnings: result.warnings,
  };
}

/** A pool's chosen territories, with the whole pool's plan when choosing them required it. */
export interface PoolDraw {
  territories: PoolTerritories;
  /**
   * The plan of every rep of the pool for these territories, when choosing them planned it
   * (`startsEvaluation: plan`); null with a single start or when draws are compared by estimate.
   */
  plan: PoolPlan | null;
}

/**
 * How many territory draws the pool gets: `territories.starts` cut by
 * `territories.startsOutletBudget` (poolStartCount) when the territories are drawn from scratch (no
 * previous plan, or fresh mode); a rebuild or re-segmentation starts from the previous plan's
 * territories, which a new seed must not disturb, so it gets one.
 */
export function poolStarts(prepared: PoolPrepared, poolId: string, context: PoolContext): number {
  if (context.previous !== null && context.mode !== 'fresh') return 1;
  const { starts, startsOutletBudget } = context.policy.territories;
  const outlets = prepared.outlets.filter((o) => o.pool === poolId).length;
  const reps = prepared.reps.filter((r) => r.pool === poolId).length;
  return poolStartCount(outlets, reps, starts, startsOutletBudget);
}

/**
 * The territories stage for one pool, with its multi-start: draws the territories from each start
 * seed (poolStartSeeds: the plan's seed first) and keeps the cheapest draw (ties keep the earlier
 * start). `territories.startsEvaluation` decides the price: `estimate` (default) chooses each
 * draw's visit days with a short day search and prices them from the search's own route
 * estimates (estimatedPoolCost); `plan` plans every rep's cycle on each draw with the plan's own
 * seed and prices the plan (poolPlanCost), returning it. With one start this is the single draw
 * from the plan's seed and no cycle is planned.
 * Pools share nothing in this stage and each has its own seed, so planning pools one by one, in
 * any order or in separate processes, gives the same territories as planning them together.
 */
export function choosePoolTerritories(
  prepared: PoolPrepared,
  poolId: string,
  context: PoolContext,
): PoolDraw {
  const starts = poolStarts(prepared, poolId, context);
  if (starts <= 1)
    return { territories: drawPoolTerritories(prepared, poolId, context, context.seed), plan: null };
  if (context.policy.territories.startsEvaluation === 'estimate') {
    const { best } = cheapestStart(
      poolStartSeeds(context.seed, starts),
      (seed) => drawPoolTerritories(prepared, poolId, context, seed),
      (territories) => estimatedPoolCost(prepared, territories, context),
    );
    return { territories: best, plan: null };
  }
  const { best } = cheapestStart(
    poolStartSeeds(context.seed, starts),
    (seed): PoolDraw => {
      const territories = drawPoolTerritories(prepared, poolId, context, seed);
      return { territories, plan: planPoolCycle(prepared, territories, context) };
    },
    (draw) => (draw.plan ? poolPlanCost(draw.plan) : Infinity),
  );
  return best;
}

/** Day-search moves per outlet when a territory draw is scored by estimate (the plan's default is 60). */
const ESTIMATE_DAY_SEARCH_MOVES = 5;

/**
 * The cost of a territory draw as the visit-day search estimates it (poolPlanCost of the pool's
 * cycles planned with a short day search, one start per rep, and no day routes): a fraction of
 * the time of planning the cycles.
 */
function estimatedPoolCost(
  prepared: PoolPrepared,
  territories: PoolTerritories,
  context: PoolContext,
): number {
  const { cycle } = context.policy;
  const daySearchMoves = Math.min(cycle.daySearchMoves, ESTIMATE_DAY_SEARCH_MOVES);
  const policy = { ...context.policy, cycle: { ...cycle, daySearchMoves, starts: 1 } };
  return poolPlanCost(
    planPoolCycle(prepared, territories, { ...context, policy }, undefined, undefined, true),
  );
}

/**
 * The territories stage for one pool: assigns every outlet of the pool to one of its reps
 * (choosePoolTerritories without the plan it may have made on the way).
 */
export function planPoolTerritories(
  prepared: PoolPrepared,
  poolId: string,
  context: PoolContext,
): PoolTerritories {
  return choosePoolTerritories(prepared, poolId, context).territories;
}

/**
 * The cycle stage for one pool: with its territories fixed, plans every rep's visit cycle and day
 * routes (planRepCycles on the pool's reps and outlets). Each rep has its own seed, so the result
 * does not depend on which other pools, or which other reps of the pool, are planned alongside.
 * With `group`, only that group of the pool's reps (and their outlets; group 0 also carries the
 * pool's unassigned outlets) is planned; mergePoolPlans joins the groups again. `onRep` reports
 * progress.
 */
export function planPoolCycle(
  prepared: PoolPrepared,
  territories: PoolTerritories,
  context: PoolContext,
  onRep?: (done: number, total: number) => void,
  group: RepGroup = { index: 0, count: 1 },
  estimateOnly = false,
): PoolPlan {
  const input = poolCycleInput(prepared, territories, context, onRep, group, estimateOnly);
  return poolCyclePlan(territories, context, estimateOnly, planRepCycles(input));
}

/**
 * planRepCycles' input for planPoolCycle: the pool's (or group's) outlets with their reps from
 * the territories, and its reps with their territory summaries.
 */
export function poolCycleInput(
  prepared: PoolPrepared,
  territories: PoolTerritories,
  context: PoolContext,
  onRep?: (done: number, total: number) => void,
  group: RepGroup = { index: 0, count: 1 },
  estimateOnly = false,
): PlanRepCyclesInput {
  const { poolId } = territories;
  poolOf(prepared, poolId);
  const repOf = new Map(territories.repOf);
  const territoryOf = new Map(territories.territories);
  const groupReps = repsOfGroup(
    prepared.reps.filter((r) => r.pool === poolId),
    group,
  );
  const inGroup = new Set(groupReps.map((r) => r.id));
  const outlets = prepared.outlets
    .filter((o) => o.pool === poolId)
    .map((o) => ({ ...o, repId: repOf.get(o.id) ?? null }))
    .filter((o) => (o.repId === null ? group.index === 0 : inGroup.has(o.repId)));
  const reps = groupReps.map((r) => {
    const territory = territoryOf.get(r.id);
    return territory ? { ...r, territory } : { ...r };
  });
  return {
    outlets,
    reps,
    policy: context.policy,
    previous: context.previous,
    mode: context.mode,
    seed: context.seed,
    travel: context.travel?.model,
    onRep,
    estimateOnly,
    // The escort stage retimes and marks the reps' days after this stage, so a previous plan's
    // days are not what this stage gave: with supervisors every cycle is planned afresh.
    ...(context.cycleReuse && !estimateOnly && !context.region.supervisors?.length
      ? { reuse: context.cycleReuse }
      : {}),
  };
}

/** planPoolCycle's pool plan from the cycle stage's result for the pool. */
export function poolCyclePlan(
  territories: PoolTerritories,
  context: PoolContext,
  estimateOnly: boolean,
  cycle: PlanRepCyclesResult,
): PoolPlan {
  return {
    poolId: territories.poolId,
    territories,
    outlets: cycle.outlets,
    reps: cycle.reps,
    dayChanges: cycle.dayChanges,
    warnings: cycle.warnings,
    cycleTotals: cycle.totals,
    ...(context.cycleReuse && !estimateOnly
      ? { cycleRecords: cycle.records, reusedReps: cycle.reusedReps, incrementalReps: cycle.incrementalReps }
      : {}),
  };
}

/**
 * Plans one pool completely (territories, then visit cycles): what one child job computes when
 * a large region is split into a job per pool. assemblePlan merges the pools into the plan.
 */
export function planPool(
  prepared: PreparedPlan,
  poolId: string,
  context: PlanContext,
  onRep?: (done: number, total: number) => void,
  group?: RepGroup,
): PoolPlan {
  const draw = choosePoolTerritories(prepared, poolId, context);
  if (draw.plan && (group === undefined || group.count === 1)) {
    onRep?.(draw.plan.reps.length, draw.plan.reps.length);
    return draw.plan;
  }
  return planPoolCycle(prepared, draw.territories, context, onRep, group);
}

/**
 * Joins the plans of a pool's rep groups (in group order) into the pool's plan. Every group drew
 * the same territories (they are deterministic); a group that did not is an error, as is a mix
 * of pools.
 */
export function mergePoolPlans(groups: readonly PoolPlan[]): PoolPlan {
  const [first, ...rest] = groups;
  if (!first) throw new Error('mergePoolPlans: no group plans');
  const territories = JSON.stringify(first.territories);
  for (const group of rest) {
    if (group.poolId !== first.poolId)
      throw new Error(`cannot merge plans of pools ${first.poolId} and ${group.poolId}`);
    if (JSON.stringify(group.territories) !== territories)
      throw new Error(`the rep groups of pool ${first.poolId} drew different territories`);
  }
  return {
    poolId: first.poolId,
    territories: first.territories,
    outlets: groups.flatMap((g) => g.outlets),
    reps: groups.flatMap((g) => g.reps),
    dayChanges: groups.flatMap((g) => g.dayChanges),
    warnings: groups.flatMap((g) => g.warnings),
    ...(groups.every((g) => g.cycleTotals) ? { cycleTotals: sumTotals(groups) } : {}),
    ...(groups.every((g) => g.cycleRecords)
      ? {
          cycleRecords: groups.flatMap((g) => g.cycleRecords ?? []),
          reusedReps: groups.reduce((sum, g) => sum + (g.reusedReps ?? 0), 0),
          incrementalReps: groups.reduce((sum, g) => sum + (g.incrementalReps ?? 0), 0),
        }
      : {}),
  };
}

function sumTotals(groups: readonly PoolPlan[]): CycleTotals {
  const totals: CycleTotals = { travelMinutes: 0, overBudgetMinutes: 0, windowViolationMinutes: 0 };
  for (const { cycleTotals } of groups) {
    if (!cycleTotals) continue;
    totals.travelMinutes += cycleTotals.travelMinutes;
    totals.overBudgetMinutes += cycleTotals.overBudgetMinutes;
    totals.windowViolationMinutes += cycleTotals.windowViolationMinutes;
  }
  return totals;
}
