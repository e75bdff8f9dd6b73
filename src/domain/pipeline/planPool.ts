import { planRepCycles } from '../cycle/planRepCycles.js';
import type {
  DayChange,
  PlanOutlet,
  PlanRep,
  RepChange,
  StaffingChange,
  TerritorySummary,
} from '../plan/planTypes.js';
import { assignPoolTerritories } from '../territories/assignPoolTerritories.js';
import type { MovedOutletVerdict } from '../territories/movedOutlets.js';
import type { PlanContext, PreparedPlan } from './preparePlan.js';
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
}

function poolOf(prepared: PreparedPlan, poolId: string): PreparedPlan['pools'][number] {
  const pool = prepared.pools.find((p) => p.id === poolId);
  if (!pool)
    throw new Error(
      `pool ${poolId} is not a pool of this plan (${prepared.pools.map((p) => p.id).join(', ')})`,
    );
  return pool;
}

/**
 * The territories stage for one pool: assigns every outlet of the pool to one of its reps
 * (assignPoolTerritories restricted to the pool). Pools share nothing in this stage and each has
 * its own seed, so planning pools one by one, in any order or in separate processes, gives the
 * same territories as planning them together.
 */
export function planPoolTerritories(
  prepared: PreparedPlan,
  poolId: string,
  context: PlanContext,
): PoolTerritories {
  const pool = poolOf(prepared, poolId);
  const result = assignPoolTerritories({
    outlets: prepared.outlets.filter((o) => o.pool === poolId),
    reps: prepared.reps.filter((r) => r.pool === poolId),
    pools: [pool],
    policy: context.policy,
    previous: context.previous,
    mode: context.mode,
    seed: context.seed,
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

/**
 * The cycle stage for one pool: with its territories fixed, plans every rep's visit cycle and day
 * routes (planRepCycles on the pool's reps and outlets). Each rep has its own seed, so the result
 * does not depend on which other pools, or which other reps of the pool, are planned alongside.
 * With `group`, only that group of the pool's reps (and their outlets; group 0 also carries the
 * pool's unassigned outlets) is planned; mergePoolPlans joins the groups again. `onRep` reports
 * progress.
 */
export function planPoolCycle(
  prepared: PreparedPlan,
  territories: PoolTerritories,
  context: PlanContext,
  onRep?: (done: number, total: number) => void,
  group: RepGroup = { index: 0, count: 1 },
): PoolPlan {
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
  const cycle = planRepCycles({
    outlets,
    reps,
    policy: context.policy,
    previous: context.previous,
    mode: context.mode,
    seed: context.seed,
    onRep,
  });
  return {
    poolId,
    territories,
    outlets: cycle.outlets,
    reps: cycle.reps,
    dayChanges: cycle.dayChanges,
    warnings: cycle.warnings,
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
  return planPoolCycle(prepared, planPoolTerritories(prepared, poolId, context), context, onRep, group);
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
  };
}
