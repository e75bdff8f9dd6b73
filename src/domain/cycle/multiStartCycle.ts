import { createRandom } from '../random.js';
import { routesVisitCountPenalty } from './days/visitCountPenalty.js';
import {
  WEEKDAY_CHANGE_COST,
  planVisitCycle,
  type CycleTotals,
  type PlanVisitCycleInput,
  type PlanVisitCycleResult,
} from './planVisitCycle.js';

/** Minutes a minute over the day budget or past a time window counts for against travel minutes. */
const PENALTY_PER_MINUTE = 10;

/**
 * What planned cycles cost when plans from different seeds are compared (the rep multi-start
 * here, the pool multi-start in multiStartPool.ts): travel minutes plus minutes over the day
 * budget and past time windows at 10x, on unrounded totals. Lower is better.
 */
export function cycleTotalsCost(totals: CycleTotals): number {
  return (
    totals.travelMinutes + PENALTY_PER_MINUTE * (totals.overBudgetMinutes + totals.windowViolationMinutes)
  );
}

/**
 * How a finished cycle compares with the same rep's cycle from another seed: cycleTotalsCost plus,
 * when the previous patterns are kept (`countChanges`; not in fresh mode, which must decide as if
 * there were no previous plan), each weekday change against the previous plan at the cost the day
 * search charges for it. Lower is better.
 */
export function cycleStartCost(result: PlanVisitCycleResult, countChanges = true): number {
  const changes = countChanges ? result.dayChanges.length * WEEKDAY_CHANGE_COST : 0;
  return changes + cycleTotalsCost(result.totals);
}

/**
 * Starts a rep of `outlets` outlets gets: `maxStarts`, cut so that starts x outlets stays within
 * `outletBudget` (at least 1). Small territories (where one start costs milliseconds and seeds
 * differ most) get several; a city rep with 100+ outlets keeps one, so large plans cost the same.
 */
export function startsForRep(outlets: number, maxStarts: number, outletBudget: number): number {
  if (outlets <= 0) return 1;
  return Math.max(1, Math.min(maxStarts, Math.floor(outletBudget / outlets)));
}

/**
 * Plans one rep's cycle from `starts` seeds (the rep's own seed first, then seeds drawn from it)
 * and keeps the cheapest by cycleStartCost (plus, with a quantity goal, its days' visit-count
 * penalty); ties keep the earlier start. Deterministic for the
 * input seed. With one start this is exactly planVisitCycle.
 */
export function planVisitCycleMultiStart(input: PlanVisitCycleInput, starts: number): PlanVisitCycleResult {
  let best = planVisitCycle(input);
  if (starts <= 1) return best;
  const countChanges = input.keepPreviousPatterns === true;
  const goal = input.daySearch?.visitGoal;
  let bestCost = cycleStartCost(best, countChanges) + routesVisitCountPenalty(best.days, goal);
  const random = createRandom(input.seed);
  for (let start = 1; start < starts; start++) {
    const seed = Math.floor(random.next() * 0x100000000) >>> 0;
    const candidate = planVisitCycle({ ...input, seed });
    const cost = cycleStartCost(candidate, countChanges) + routesVisitCountPenalty(candidate.days, goal);
    if (cost < bestCost - 1e-9) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best;
}
