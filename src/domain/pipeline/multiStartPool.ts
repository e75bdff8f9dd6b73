import { cycleTotalsCost } from '../cycle/multiStartCycle.js';
import { createRandom } from '../random.js';
import type { PoolPlan } from './planPool.js';

/** Cost of an outlet left without a rep: more than any amount of driving a start could save. */
const UNASSIGNED_OUTLET_COST = 100_000;

/**
 * How a freshly planned pool compares with the same pool drawn from another seed: the cost the
 * rep multi-start uses (cycleTotalsCost: travel minutes plus 10x over-budget and late minutes,
 * unrounded) plus a prohibitive cost per outlet left without a rep. Lower is better. Weekday
 * changes are not counted: pool starts run only when there is no previous plan to keep (or in
 * fresh mode, which decides as if there were none).
 */
export function poolPlanCost(plan: PoolPlan): number {
  // Pool parts read from disk may lack totals, but only freshly planned pools are compared.
  if (!plan.cycleTotals) throw new Error(`internal: pool ${plan.poolId} was planned without cycle totals`);
  let cost = cycleTotalsCost(plan.cycleTotals);
  for (const outlet of plan.outlets) if (outlet.repId === null) cost += UNASSIGNED_OUTLET_COST;
  return cost;
}

/**
 * Starts a pool of `outlets` outlets and `reps` reps gets: `maxStarts`, cut so that starts x
 * outlets stays within `outletBudget` (at least 1). A pool of one rep has only one territory to
 * draw (its cycle has its own multi-start), so it gets one start; so does a large pool, where one
 * start already takes seconds and seeds differ least.
 */
export function poolStartCount(
  outlets: number,
  reps: number,
  maxStarts: number,
  outletBudget: number,
): number {
  if (reps < 2 || outlets <= 0) return 1;
  return Math.max(1, Math.min(maxStarts, Math.floor(outletBudget / outlets)));
}

/**
 * The seeds of `count` starts: `seed` itself first (so one start is exactly the single-seed
 * plan), then seeds drawn from a generator seeded with it. Deterministic for the seed.
 */
export function poolStartSeeds(seed: number, count: number): number[] {
  const seeds = [seed >>> 0];
  const random = createRandom(seed);
  while (seeds.length < count) seeds.push(Math.floor(random.next() * 0x100000000) >>> 0);
  return seeds;
}

/**
 * Runs `run` once per seed, in order, and returns the result with the lowest `cost` and its
 * index; a tie keeps the earlier start, so the first seed wins unless another is strictly
 * cheaper. Deterministic when `run` is.
 */
export function cheapestStart<T>(
  seeds: readonly number[],
  run: (seed: number) => T,
  cost: (result: T) => number,
): { best: T; index: number; costs: number[] } {
  const [first, ...rest] = seeds;
  if (first === undefined) throw new Error('cheapestStart: no seeds');
  let best = run(first);
  let bestCost = cost(best);
  let index = 0;
  const costs = [bestCost];
  rest.forEach((seed, k) => {
    const candidate = run(seed);
    const candidateCost = cost(candidate);
    costs.push(candidateCost);
    if (candidateCost < bestCost - 1e-9 * Math.max(1, Math.abs(bestCost))) {
      best = candidate;
      bestCost = candidateCost;
      index = k + 1;
    }
  });
  return { best, index, costs };
}
