/**
 * Travel-minute equivalents each visit a day is under the quantity minimum (or over the maximum)
 * costs the day assignment. A minute over the (4%-margined) day budget costs OVER_BUDGET_WEIGHT
 * (12), so the budget outweighs this goal beyond 20 estimated minutes over, inside the margin,
 * and stays hard. Lower weights (30, 120) left a short day in place on the hand-built test of
 * visitCountGoal.test.ts: the one-visit steps towards a rearrangement that meets the minimum
 * unbalance the days first, and the balance penalty then outweighs the visit they gain.
 */
export const VISIT_COUNT_WEIGHT = 240;

/** The quantity standard of a rep's tier as the day assignment sees it: visits per working day. */
export interface VisitCountGoal {
  minVisitsPerDay?: number;
  maxVisitsPerDay?: number;
}

/**
 * The soft quantity goal of one day of `stops` visits: VISIT_COUNT_WEIGHT per visit under the
 * goal's minimum or over its maximum, 0 within it or without a goal. Linear, so a move's delta
 * counts exactly the visits it brings a day towards or away from the standard.
 */
export function visitCountPenalty(stops: number, goal: VisitCountGoal | null): number {
  if (!goal) return 0;
  const under = goal.minVisitsPerDay === undefined ? 0 : Math.max(0, goal.minVisitsPerDay - stops);
  const over = goal.maxVisitsPerDay === undefined ? 0 : Math.max(0, stops - goal.maxVisitsPerDay);
  return VISIT_COUNT_WEIGHT * (under + over);
}

/**
 * visitCountPenalty summed over finished day routes, so the rep multi-start (multiStartCycle.ts)
 * prefers, at equal cost otherwise, the start with fewer visits outside the quantity standard.
 */
export function routesVisitCountPenalty(
  days: ReadonlyArray<{ stops: readonly unknown[] }>,
  goal: VisitCountGoal | null | undefined,
): number {
  if (!goal) return 0;
  let total = 0;
  for (const day of days) total += visitCountPenalty(day.stops.length, goal);
  return total;
}
