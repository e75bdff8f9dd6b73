import type { Plan } from '../plan/planTypes.js';
import { assemblePlan } from './assemblePlan.js';
import { cycleOutcome, type CycleOutcome } from './cycleOutcome.js';
import { choosePoolTerritories, planPoolCycle } from './planPool.js';
import { preparePlan, type PlanContext } from './preparePlan.js';

export { preparePlan, type PlanContext, type PreparedPlan } from './preparePlan.js';

/** Pipeline stages in order; progress is reported per stage. */
export const PLAN_STAGES = ['segment', 'pool', 'territories', 'cycle', 'summary'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

export interface PlanRegionInput extends PlanContext {
  /** The planning time, stamped into the plan (the domain never reads the clock). */
  now: Date;
  /** Called when a stage starts and ends; used for job progress. */
  onProgress?: (stage: PlanStage, percent: number) => void;
}

/**
 * Runs the planning pipeline in memory: segment -> pool (preparePlan) -> territories -> cycle
 * (choosePoolTerritories and planPoolCycle for every pool) -> summary (assemblePlan). Pure and
 * deterministic for a given region, policy, previous plan, `now` and seed, so the CLI and the
 * BullMQ worker produce the same plan from the same data; a region split into one job per pool
 * assembles to exactly this plan too.
 */
export function planRegion(input: PlanRegionInput): Plan {
  return planRegionWithCycles(input).plan;
}

/** A plan with its cycle outcome (the records the next plan may reuse; see cycleReuse.ts). */
export interface PlannedRegion {
  plan: Plan;
  cycle: CycleOutcome;
}

/**
 * planRegion, returning also the cycle outcome: every rep's cycle record and how many reps took
 * their cycle from the previous plan (`input.cycleReuse`). The plan is planRegion's.
 */
export function planRegionWithCycles(input: PlanRegionInput): PlannedRegion {
  const progress = input.onProgress ?? (() => undefined);
  progress('segment', 0);
  const prepared = preparePlan(input);
  // Segmenting and pooling are one cheap step (preparePlan); the pool mark keeps stage reports whole.
  progress('pool', 20);

  progress('territories', 30);
  const draws = prepared.pools.map((pool) => choosePoolTerritories(prepared, pool.id, input));

  progress('cycle', 60);
  // The cycle is the longest stage; report it as reps finish so job progress moves on large
  // regions, but only when the percent changes (400 reps must not mean 400 progress writes).
  const totalReps = Math.max(1, prepared.reps.filter((r) => r.pool !== null).length);
  let repsDone = 0;
  let cyclePercent = 60;
  const onReps = (done: number): void => {
    repsDone = done;
    const percent = 60 + Math.floor((35 * repsDone) / totalReps);
    if (percent > cyclePercent) progress('cycle', (cyclePercent = percent));
  };
  // A pool planned from several starts already has its plan (the chosen start's).
  const poolPlans = draws.map((draw) => {
    const before = repsDone;
    if (draw.plan) {
      onReps(before + draw.plan.reps.length);
      return draw.plan;
    }
    return planPoolCycle(prepared, draw.territories, input, (done) => onReps(before + done));
  });

  progress('summary', 95);
  const plan = assemblePlan(prepared, poolPlans, input);
  progress('summary', 100);
  return { plan, cycle: cycleOutcome(poolPlans) };
}
