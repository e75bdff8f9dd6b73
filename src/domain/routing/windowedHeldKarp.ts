import { DRIVE_WEIGHT, LATENESS_WEIGHT } from './dayObjective.js';
import type { DayProgress, ExactDayRouteSearch } from './exactDayRouteSearch.js';

/** Beyond this many stops the subset table (2^n x n states) costs more than it is worth. */
export const WINDOWED_HELD_KARP_MAX_STOPS = 14;

/**
 * Optimal visiting order of one day by Held-Karp dynamic programming over (visited set, last
 * stop), with time windows and a floating departure. The objective is the day's exact timetable
 * cost as `ExactDayRouteSearch` defines it (dayObjective.ts): LATENESS_WEIGHT x minutes late +
 * working minutes from the floated departure + DRIVE_WEIGHT x travel minutes. Labels are partial
 * timetables from the fixed day start (DayProgress): time t of leaving the last stop, lateness,
 * travel T, and the float bound's waiting w and cap c (the finished day floats by min(c, w)).
 * One number per state is not enough once windows make a rep wait or arrive late, so every state
 * keeps the Pareto front of labels under "t, lateness and T no larger, c no smaller".
 *
 * Why that dominance is exact. Fix the rest of the day S, started at time t: its lateness L(t)
 * and return time R(t) do not decrease with t, and phi(t), how much later S alone could start
 * with the same return and lateness, does not increase; the day floats by min(c, w + phi(t)).
 * If a label A floats by c_A, its working time R(t_A) - c_A - start is no larger than B's, since
 * t_A <= t_B and c_A >= c_B. Otherwise it floats by w_A + phi(t_A) < c_A, and then w_A is A's
 * whole waiting (a cut, below, leaves w >= c for good), so t_A = start + T_A + service + w_A and
 * its working time is H(t_A) - t_A + T_A + service with H = R - phi, while B's is at least
 * H(t_B) - t_B + T_B + service. Delaying S by a minute raises H by a minute unless the delay
 * reaches a stop at its latest start before any wait absorbs it, and then that stop gets a minute
 * later: H + L - t never decreases, so the minutes A might lose there are made up at
 * LATENESS_WEIGHT each by lateness B has more of. Lateness and travel add up in both cases.
 * Before comparing, c is cut to w + max(0, M - t), M being the latest window opening among the
 * stops not yet visited (the rest of the day cannot wait beyond it, so phi(t) <= max(0, M - t)),
 * and w to c; neither cut changes any final cost, and they keep the fronts small. A label whose
 * least possible cost exceeds that of a local-search solution is dropped (CostBound). The result
 * is therefore optimal, not a heuristic. Cost grows as 2^n n^2 times the front sizes, so it is
 * meant for days of up to WINDOWED_HELD_KARP_MAX_STOPS stops. Returns the order as indices into
 * the stops; runs `search.improve()` first, which changes the search's order.
 */
export function windowedHeldKarpOrder(search: ExactDayRouteSearch): number[] {
  const n = search.n;
  if (n > WINDOWED_HELD_KARP_MAX_STOPS) {
    throw new Error(
      `windowedHeldKarpOrder: ${n} stops is too many for the exact method (max ${WINDOWED_HELD_KARP_MAX_STOPS})`,
    );
  }
  if (n === 0) return [];
  const latestOpening = latestOpeningOutside(search);
  const bound = new CostBound(search);
  const labels = new LabelStore();
  // fronts[mask * n + last] = label ids; stop `last` is node last+1 and bit `last` of the mask.
  const fronts: number[][] = Array.from({ length: (1 << n) * n }, () => []);
  const home = search.departure();
  const step: DayProgress = { ...home };
  for (let last = 0; last < n; last++) {
    search.advance(home, 0, last + 1, step);
    if (bound.prunes(step, 1 << last)) continue;
    labels.insertIntoFront(
      fronts[(1 << last) * n + last] as number[],
      step,
      latestOpening[1 << last] as number,
      last,
      -1,
    );
  }
  const full = (1 << n) - 1;
  const from: DayProgress = { ...home };
  for (let mask = 1; mask < full; mask++) {
    for (let last = 0; last < n; last++) {
      const front = fronts[mask * n + last] as number[];
      if (front.length === 0) continue;
      for (let next = 0; next < n; next++) {
        if (mask & (1 << next)) continue;
        const nextMask = mask | (1 << next);
        const target = fronts[nextMask * n + next] as number[];
        for (const id of front) {
          labels.load(id, from);
          search.advance(from, last + 1, next + 1, step);
          if (bound.prunes(step, nextMask)) continue;
          labels.insertIntoFront(target, step, latestOpening[nextMask] as number, next, id);
        }
      }
    }
  }
  let bestId = -1;
  let bestCost = Infinity;
  for (let last = 0; last < n; last++) {
    for (const id of fronts[full * n + last] as number[]) {
      labels.load(id, from);
      const cost = search.finish(from, last + 1);
      if (cost < bestCost - 1e-9 * Math.max(1, Math.abs(cost))) {
        bestCost = cost;
        bestId = id;
      }
    }
  }
  if (bestId === -1) throw new Error(`internal: windowedHeldKarpOrder found no order for ${n} stops`);
  const reversed: number[] = [];
  for (let id = bestId; id !== -1; id = labels.previous[id] as number)
    reversed.push(labels.stop[id] as number);
  return reversed.reverse();
}

/**
 * Bounding for the dynamic programme: the cost of a good order found by local search first
 * (ExactDayRouteSearch.improve from the search's order, which this changes) is an upper bound,
 * and a label whose least possible final cost exceeds it cannot lead to the optimum, so it is
 * dropped. The least final cost counts what the label has spent plus, for every stop still to
 * visit and for the return home, its service and its cheapest incoming leg, and takes off the
 * largest float the label can still get (its cap). Labels within rounding of the bound are kept,
 * so an optimal label is never dropped and the result stays exact.
 */
class CostBound {
  private readonly upper: number;
  private readonly restMinutes: Float64Array;
  private readonly restTravel: Float64Array;
  private readonly start: number;

  constructor(search: ExactDayRouteSearch) {
    const n = search.n;
    this.start = search.startTime;
    const upper = search.improve();
    this.upper = upper + 1e-9 * Math.max(1, Math.abs(upper));
    const cheapestIn = (node: number): number => {
      let best = Infinity;
      for (let other = 0; other <= n; other++)
        if (other !== node) best = Math.min(best, search.minutesBetween(other, node));
      return best;
    };
    const backHome = cheapestIn(0);
    const legIn = Array.from({ length: n }, (_, i) => cheapestIn(i + 1));
    this.restMinutes = new Float64Array(1 << n);
    this.restTravel = new Float64Array(1 << n);
    const full = (1 << n) - 1;
    this.restMinutes[full] = backHome;
    this.restTravel[full] = backHome;
    for (let mask = full - 1; mask >= 0; mask--) {
      let bit = 0;
      while (mask & (1 << bit)) bit++;
      const leg = legIn[bit] as number;
      this.restTravel[mask] = (this.restTravel[mask | (1 << bit)] as number) + leg;
      this.restMinutes[mask] =
        (this.restMinutes[mask | (1 << bit)] as number) + leg + search.serviceAt(bit + 1);
    }
  }

  /** True when no completion of `p` (having visited `mask`) can cost as little as the bound. */
  prunes(p: DayProgress, mask: number): boolean {
    const least =
      LATENESS_WEIGHT * p.late +
      p.time +
      (this.restMinutes[mask] as number) -
      this.start -
      Math.max(0, p.cap) +
      DRIVE_WEIGHT * (p.travel + (this.restTravel[mask] as number));
    return least > this.upper;
  }
}

/** Per visited set: the latest window opening among the stops not in it (-Infinity if none). */
function latestOpeningOutside(search: ExactDayRouteSearch): Float64Array {
  const n = search.n;
  const full = (1 << n) - 1;
  const latest = new Float64Array(1 << n).fill(-Infinity);
  for (let mask = full - 1; mask >= 0; mask--) {
    let bit = 0;
    while (mask & (1 << bit)) bit++;
    latest[mask] = Math.max(search.opening(bit + 1), latest[mask | (1 << bit)] as number);
  }
  return latest;
}

/** Labels of the dynamic programme in parallel arrays (DayProgress fields, stop, predecessor). */
class LabelStore {
  readonly time: number[] = [];
  readonly late: number[] = [];
  readonly travel: number[] = [];
  readonly wait: number[] = [];
  readonly cap: number[] = [];
  readonly stop: number[] = [];
  readonly previous: number[] = [];

  load(id: number, into: DayProgress): void {
    into.time = this.time[id] as number;
    into.late = this.late[id] as number;
    into.travel = this.travel[id] as number;
    into.wait = this.wait[id] as number;
    into.cap = this.cap[id] as number;
  }

  /**
   * Adds the progress `p` (with the float bound cut, see windowedHeldKarpOrder; `latestOpening`
   * is that of the stops still to visit) to a Pareto front unless a label there is at least as
   * good in every criterion, and drops the labels it dominates.
   */
  insertIntoFront(
    front: number[],
    p: DayProgress,
    latestOpening: number,
    stop: number,
    previous: number,
  ): void {
    const eps = 1e-9;
    const { time, late, travel } = p;
    const cap = Math.min(p.cap, p.wait + Math.max(0, latestOpening - time));
    const wait = Math.min(p.wait, cap);
    for (const id of front) {
      if (
        (this.time[id] as number) <= time + eps &&
        (this.late[id] as number) <= late + eps &&
        (this.travel[id] as number) <= travel + eps &&
        (this.cap[id] as number) >= cap - eps
      )
        return;
    }
    // Drop the labels the new one dominates; keep the rest in order.
    let kept = 0;
    for (const id of front) {
      const dominated =
        time <= (this.time[id] as number) &&
        late <= (this.late[id] as number) &&
        travel <= (this.travel[id] as number) &&
        cap >= (this.cap[id] as number);
      if (!dominated) front[kept++] = id;
    }
    front.length = kept;
    this.time.push(time);
    this.late.push(late);
    this.travel.push(travel);
    this.wait.push(wait);
    this.cap.push(cap);
    this.stop.push(stop);
    front.push(this.previous.push(previous) - 1);
  }
}
