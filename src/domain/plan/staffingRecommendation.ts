import { warningText } from '../../i18n/warningText.js';
import type { PoolUtilisation } from './poolUtilisation.js';

/** One step of a staffing recommendation. */
export type StaffingStep =
  | { kind: 'move'; reps: number; fromPool: string; toPool: string }
  | { kind: 'add'; reps: number; toPool: string };

/**
 * What would bring every pool under 100% of its working time, from the pools' utilisation: a
 * pool needs `repsForLoad` reps (its planned minutes over its average rep's working time); a
 * pool short of reps takes spare ones from pools that would stay at or under 100% without them
 * (largest shortfall first, from the pool with most to spare; ties by pool id), and what no pool
 * can spare is to be hired. A moved rep takes the receiving pool's rep tier (retrained or
 * reassigned), and its working time is taken as the receiving pool's average: an estimate to
 * compare in a scenario, not a plan. Empty when no pool is above 100%.
 */
export function staffingRecommendation(pools: readonly PoolUtilisation[]): StaffingStep[] {
  const short: Array<{ poolId: string; need: number }> = [];
  const spare: Array<{ poolId: string; left: number }> = [];
  for (const pool of pools) {
    if (pool.repsForLoad === null) continue;
    if (pool.repsForLoad > pool.reps) short.push({ poolId: pool.poolId, need: pool.repsForLoad - pool.reps });
    else if (pool.repsForLoad < pool.reps)
      spare.push({ poolId: pool.poolId, left: pool.reps - pool.repsForLoad });
  }
  short.sort((a, b) => b.need - a.need || a.poolId.localeCompare(b.poolId));
  const steps: StaffingStep[] = [];
  for (const pool of short) {
    while (pool.need > 0) {
      spare.sort((a, b) => b.left - a.left || a.poolId.localeCompare(b.poolId));
      const donor = spare[0];
      if (!donor || donor.left === 0) break;
      const reps = Math.min(donor.left, pool.need);
      steps.push({ kind: 'move', reps, fromPool: donor.poolId, toPool: pool.poolId });
      donor.left -= reps;
      pool.need -= reps;
    }
    if (pool.need > 0) steps.push({ kind: 'add', reps: pool.need, toPool: pool.poolId });
  }
  return steps;
}

/** A step in words, e.g. "move 1 rep from D to A" or "add 2 B reps". */
export function describeStaffingStep(step: StaffingStep): string {
  const one = step.reps === 1;
  switch (step.kind) {
    case 'move':
      return warningText(one ? 'warning.staffingStep.moveOne' : 'warning.staffingStep.moveMany', {
        reps: step.reps,
        from: step.fromPool,
        to: step.toPool,
      });
    case 'add':
      return warningText(one ? 'warning.staffingStep.addOne' : 'warning.staffingStep.addMany', {
        reps: step.reps,
        pool: step.toPool,
      });
  }
}

/**
 * The plan warning for a recommendation: one line naming every step, or none when every pool
 * fits its working time.
 */
export function staffingRecommendationWarnings(pools: readonly PoolUtilisation[]): string[] {
  const steps = staffingRecommendation(pools);
  if (steps.length === 0) return [];
  return [
    warningText('warning.staffing', {
      steps: steps.map(describeStaffingStep).join(warningText('warning.label.causeSeparator')),
    }),
  ];
}
