import type { CycleRecords } from '../cycle/cycleReuse.js';
import type { PoolPlan } from './planPool.js';

/** What the cycle stage of a plan kept for the next plan, and how much of it it reused. */
export interface CycleOutcome {
  /** Every planned rep's cycle record (empty when the plan was made without `cycleReuse`). */
  records: CycleRecords;
  /** Reps whose cycle was taken from the previous plan. */
  reusedReps: number;
  /** Reps whose cycle was planned (whole or incrementally). */
  plannedReps: number;
  /** Of the planned reps, those planned incrementally from their previous cycle (incrementalCycle.ts). */
  incrementalReps: number;
}

/** The cycle outcome of a plan from its pools' plans (reps outside every pool are not counted). */
export function cycleOutcome(poolPlans: readonly PoolPlan[]): CycleOutcome {
  const reps = poolPlans.reduce((sum, p) => sum + p.reps.length, 0);
  const reusedReps = poolPlans.reduce((sum, p) => sum + (p.reusedReps ?? 0), 0);
  return {
    records: poolPlans.flatMap((p) => p.cycleRecords ?? []),
    reusedReps,
    plannedReps: reps - reusedReps,
    incrementalReps: poolPlans.reduce((sum, p) => sum + (p.incrementalReps ?? 0), 0),
  };
}
