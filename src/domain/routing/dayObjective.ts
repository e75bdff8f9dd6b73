/**
 * The one objective every day-route method minimises (windowedHeldKarp, DayRouteSearch,
 * ExactDayRouteSearch, the TSP shortcut of sequenceDayRoute):
 *
 *   LATENESS_WEIGHT x minutes late + working minutes + DRIVE_WEIGHT x travel minutes
 *
 * where the working minutes run from the actual departure (the day start, or later when the
 * departure floats, see daySchedule.ts) to the return home.
 */

/**
 * Weight of one minute of window violation against one minute of working time. Large enough that
 * the objective is lexicographic in practice (violation first, then the rest) while staying a
 * single number that local search can compare.
 */
export const LATENESS_WEIGHT = 1e6;

/**
 * Weight of one minute of driving on top of the working minutes it already adds. Working minutes
 * alone price a minute of driving like a minute of waiting, so when windows fix the return time
 * (a venue that opens at 19:00, or the first stop opening after the day start) every order that
 * only swaps waiting for driving ties, and nothing prefers the shorter drive. A plain tie-break
 * (lexicographic: working minutes, then travel) would only settle exact ties; a weight also
 * takes a slightly longer day when it saves clearly more driving: with 0.25, one more minute of
 * working time must save more than 4 minutes of driving. Driving costs the rep's time plus the
 * vehicle (fuel, wear, risk), waiting only the rep's time, so it is weighted, but well below the
 * rep's time itself so that the day budget stays the main concern. On days without waiting, the
 * working minutes are travel + service, so the weight changes nothing there: the shortest tour
 * is still the optimum.
 */
export const DRIVE_WEIGHT = 0.25;

/** The objective of one day route; see the module comment. */
export function dayRouteCost(lateMinutes: number, workingMinutes: number, travelMinutes: number): number {
  return LATENESS_WEIGHT * lateMinutes + workingMinutes + DRIVE_WEIGHT * travelMinutes;
}
