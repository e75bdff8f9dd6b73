import { createRandom } from '../random.js';
import { evaluateDaySchedule, windowLatestStart, type DaySchedule, type DayStop } from './daySchedule.js';
import { DayRouteSearch } from './dayRouteSearch.js';
import { ExactDayRouteSearch } from './exactDayRouteSearch.js';
import { solveTsp } from './solveTsp.js';
import { windowedHeldKarpOrder } from './windowedHeldKarp.js';
import type { TravelMatrix } from './travelModel.js';

export type { DayStop } from './daySchedule.js';

export interface SequenceDayRouteInput {
  /** Index 0 = the rep's home/office, 1..n = stops[i-1]. */
  matrix: TravelMatrix;
  stops: DayStop[];
  /** Minutes after midnight when the rep's day starts at home. */
  startMinutes: number;
  /**
   * The rep may leave up to this many minutes after `startMinutes` when that only removes waiting
   * (see evaluateDaySchedule); default 0, a fixed departure.
   */
  departureFloatMinutes?: number;
  seed: number;
  /** Search effort multiplier, 1 = default. */
  effort?: number;
}

export type SequencedDayRoute = DaySchedule;

/**
 * Up to this many stops the day is solved exactly (windowedHeldKarpOrder). Measured on random
 * windowed days (2026-12-04, with driving in the objective and a fixed or 60-minute floating
 * departure; medians, the heuristic at effort 1): 10 stops take 2-3 ms exactly against 8-10 ms,
 * 11 stops 9-12 ms against 13 ms, 12 stops 30 ms against 15-17 ms, so the exact method stops at 10.
 */
const EXACT_MAX_STOPS = 10;
/** Days are short (<= ~60 stops), so the TSP stage needs far fewer kicks than its default. */
const TSP_EFFORT = 0.3;
/**
 * Iterated-local-search kicks for days with windows: max(KICKS_BASE + KICKS_PER_STOP x n,
 * KICKS_SHORT_DAYS / n). A kick costs O(n^2), so short days get many cheap kicks (tight windows
 * make their landscape rugged) and long days a number that grows only linearly.
 */
const KICKS_BASE = 10;
const KICKS_PER_STOP = 0.5;
const KICKS_SHORT_DAYS = 600;
/** Bound on the exact polish of days that miss windows (moves per stop). */
const EXACT_POLISH_MAX_MOVES = 4;
/** The exact polish is O(n^3) per pass, so it is iterated only on short days. */
const EXACT_POLISH_ILS_MAX_STOPS = 25;

/**
 * Orders one rep's stops for one day: leave home at `startMinutes` (or up to
 * `departureFloatMinutes` later when that only removes waiting), visit every stop once, come back
 * home. The objective (dayObjective.ts) is least total window violation (minutes late beyond the
 * windows' latest start) first, then working minutes from the actual departure plus
 * DRIVE_WEIGHT x travel minutes, so that of two orders that take equally long, the shorter drive
 * wins. Days of up to 10 stops are solved exactly (dynamic programming over visited sets).
 * Otherwise the TSP over travel minutes (solveTsp, home as a fixed depot) gives the order; when
 * its timetable, departure floated, neither waits nor misses a window and the matrix is
 * symmetric, the order is returned: its working time is then travel + service and both terms are
 * as small as the TSP makes them, so it is as good for the full objective as the TSP tour is for
 * travel. Otherwise an iterated local search with O(1) time-window move evaluation
 * (DayRouteSearch) refines it, and days that still miss a window get a final polish on the exact
 * timetable. Deterministic for a seed; the iteration budget scales with `effort`, never with the
 * clock.
 */
export function sequenceDayRoute(input: SequenceDayRouteInput): SequencedDayRoute {
  const { matrix, stops, startMinutes, seed } = input;
  const effort = input.effort ?? 1;
  const float = input.departureFloatMinutes ?? 0;
  validate(input);
  const n = stops.length;
  const schedule = (order: readonly number[]): DaySchedule =>
    evaluateDaySchedule(matrix, stops, order, startMinutes, float);
  if (n <= 1) return schedule(n === 1 ? [0] : []);
  if (n <= EXACT_MAX_STOPS) {
    return schedule(
      windowedHeldKarpOrder(new ExactDayRouteSearch(matrix, stops, startMinutes, identity(n), float)),
    );
  }

  const symmetric = isSymmetric(matrix);
  const minutes = symmetric
    ? (i: number, j: number) => matrix.minutes(i, j)
    : (i: number, j: number) => (matrix.minutes(i, j) + matrix.minutes(j, i)) / 2;
  const { tour } = solveTsp(n + 1, minutes, { seed, effort: effort * TSP_EFFORT });
  // The tour starts at home (0); both directions are candidates because windows and asymmetric
  // matrices make them differ.
  const forward = tour.slice(1).map((node) => node - 1);
  const backward = [...forward].reverse();
  const search = new DayRouteSearch(matrix, stops, startMinutes, backward, float);
  const tspOrder = search.setOrder(forward) <= search.cost ? forward : backward;
  const tspSchedule = schedule(tspOrder);
  const waited = tspSchedule.waits.some((wait) => wait > 0);
  if (symmetric && !waited && tspSchedule.windowViolationMinutes === 0) return tspSchedule;

  const hasWindows = stops.some((stop) => stop.window);
  search.setOrder(tspOrder);
  const tspCost = search.improve();
  let bestOrder = search.order();
  if (hasWindows) {
    // A second start that respects the windows' order; tight windows often defeat the TSP start.
    search.setOrder(deadlineFirstOrder(matrix, stops, startMinutes, float, tspOrder));
    if (search.improve() < tspCost - 1e-9 * Math.max(1, tspCost)) bestOrder = search.order();
    search.setOrder(bestOrder);
    search.iterate(windowKicks(n, effort), createRandom(seed ^ 0x5eed));
  }
  const searched = schedule(search.order());
  if (searched.windowViolationMinutes === 0) return searched;
  // Time warp only approximates lateness that carries over to later stops; finish on the real timetable.
  const exact = new ExactDayRouteSearch(matrix, stops, startMinutes, searched.order, float);
  const polishKicks = n <= EXACT_POLISH_ILS_MAX_STOPS ? windowKicks(n, effort) : 0;
  exact.iterate(polishKicks, createRandom(seed ^ 0x1a7e), EXACT_POLISH_MAX_MOVES * n);
  return schedule(exact.order());
}

function windowKicks(n: number, effort: number): number {
  return Math.round(effort * Math.max(KICKS_BASE + KICKS_PER_STOP * n, KICKS_SHORT_DAYS / n));
}

/**
 * Windowed stops by latest start (then opening), with the other stops inserted one by one, in
 * TSP order, where they add least to the exact day cost. O(n^3), fine for a day.
 */
function deadlineFirstOrder(
  matrix: TravelMatrix,
  stops: readonly DayStop[],
  startMinutes: number,
  float: number,
  tspOrder: readonly number[],
): number[] {
  const windowed = tspOrder.filter((index) => stops[index]?.window);
  const deadline = (index: number): number => {
    const window = stops[index]?.window;
    return window ? windowLatestStart(window) : Infinity;
  };
  windowed.sort(
    (a, b) => deadline(a) - deadline(b) || (stops[a]?.window?.from ?? 0) - (stops[b]?.window?.from ?? 0),
  );
  const pricing = new ExactDayRouteSearch(matrix, stops, startMinutes, tspOrder, float);
  let order = windowed;
  for (const index of tspOrder) {
    if (stops[index]?.window) continue;
    let best: number[] = [...order, index];
    let bestCost = Infinity;
    for (let at = 0; at <= order.length; at++) {
      const candidate = [...order.slice(0, at), index, ...order.slice(at)];
      const cost = pricing.costOfPartial(candidate.map((i) => i + 1));
      if (cost < bestCost) {
        bestCost = cost;
        best = candidate;
      }
    }
    order = best;
  }
  return order;
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function isSymmetric(matrix: TravelMatrix): boolean {
  for (let i = 0; i < matrix.size; i++) {
    for (let j = i + 1; j < matrix.size; j++) {
      if (matrix.minutes(i, j) !== matrix.minutes(j, i) || matrix.km(i, j) !== matrix.km(j, i)) return false;
    }
  }
  return true;
}

function validate(input: SequenceDayRouteInput): void {
  const { matrix, stops, startMinutes, departureFloatMinutes } = input;
  if (matrix.size !== stops.length + 1) {
    throw new Error(
      `sequenceDayRoute: the matrix has ${matrix.size} points but needs ${stops.length + 1} (home + ${stops.length} stops)`,
    );
  }
  if (!Number.isFinite(startMinutes))
    throw new Error(`sequenceDayRoute: startMinutes must be finite, got ${startMinutes}`);
  if (
    departureFloatMinutes !== undefined &&
    !(departureFloatMinutes >= 0 && Number.isFinite(departureFloatMinutes))
  )
    throw new Error(
      `sequenceDayRoute: departureFloatMinutes must be finite and >= 0, got ${departureFloatMinutes}`,
    );
  stops.forEach((stop, i) => {
    if (!(stop.serviceMinutes >= 0) || !Number.isFinite(stop.serviceMinutes)) {
      throw new Error(
        `sequenceDayRoute: stop ${stop.id} (#${i}) has invalid serviceMinutes ${stop.serviceMinutes}`,
      );
    }
    if (stop.window && !(Number.isFinite(stop.window.from) && Number.isFinite(stop.window.to))) {
      throw new Error(`sequenceDayRoute: stop ${stop.id} (#${i}) has a non-numeric window`);
    }
  });
}
