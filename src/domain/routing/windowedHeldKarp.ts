import { LATENESS_WEIGHT, type ExactDayRouteSearch } from './exactDayRouteSearch.js';

/** Beyond this many stops the subset table (2^n x n states) costs more than it is worth. */
export const WINDOWED_HELD_KARP_MAX_STOPS = 14;

/**
 * Optimal visiting order of one day by Held-Karp dynamic programming over (visited set, last
 * stop), with time windows. The objective is the day's exact timetable cost as
 * `ExactDayRouteSearch` defines it: LATENESS_WEIGHT x minutes late + time back home. One number
 * per state is not enough once windows make a rep wait or arrive late, so every state keeps the
 * Pareto front of (departure time, lateness so far): leaving earlier with less lateness can never
 * lead to a worse completion, because waiting, lateness and service are monotone in the arrival
 * time; any other label may. The result is therefore optimal, not a heuristic. Cost grows as
 * 2^n n^2 times the front sizes, so it is meant for days of up to
 * WINDOWED_HELD_KARP_MAX_STOPS stops. Returns the order as indices into the stops.
 */
export function windowedHeldKarpOrder(search: ExactDayRouteSearch): number[] {
  const n = search.n;
  if (n > WINDOWED_HELD_KARP_MAX_STOPS) {
    throw new Error(
      `windowedHeldKarpOrder: ${n} stops is too many for the exact method (max ${WINDOWED_HELD_KARP_MAX_STOPS})`,
    );
  }
  if (n === 0) return [];
  const labels = new LabelStore();
  // fronts[mask * n + last] = label ids; stop `last` is node last+1 and bit `last` of the mask.
  const fronts: number[][] = Array.from({ length: (1 << n) * n }, () => []);
  for (let last = 0; last < n; last++) {
    const step = search.advance(search.startTime, 0, 0, last + 1);
    fronts[(1 << last) * n + last] = [labels.add(step.time, step.late, last, -1)];
  }
  const full = (1 << n) - 1;
  for (let mask = 1; mask < full; mask++) {
    for (let last = 0; last < n; last++) {
      const front = fronts[mask * n + last] as number[];
      if (front.length === 0) continue;
      for (let next = 0; next < n; next++) {
        if (mask & (1 << next)) continue;
        const target = fronts[(mask | (1 << next)) * n + next] as number[];
        for (const id of front) {
          const step = search.advance(
            labels.time[id] as number,
            labels.late[id] as number,
            last + 1,
            next + 1,
          );
          labels.insertIntoFront(target, step.time, step.late, next, id);
        }
      }
    }
  }
  let bestId = -1;
  let bestCost = Infinity;
  for (let last = 0; last < n; last++) {
    for (const id of fronts[full * n + last] as number[]) {
      const cost =
        LATENESS_WEIGHT * (labels.late[id] as number) +
        (labels.time[id] as number) +
        search.minutesBetween(last + 1, 0);
      if (cost < bestCost - 1e-9 * Math.max(1, Math.abs(cost))) {
        bestCost = cost;
        bestId = id;
      }
    }
  }
  const reversed: number[] = [];
  for (let id = bestId; id !== -1; id = labels.previous[id] as number)
    reversed.push(labels.stop[id] as number);
  return reversed.reverse();
}

/** Labels of the dynamic programme in parallel arrays: departure time, lateness, stop, predecessor. */
class LabelStore {
  readonly time: number[] = [];
  readonly late: number[] = [];
  readonly stop: number[] = [];
  readonly previous: number[] = [];

  add(time: number, late: number, stop: number, previous: number): number {
    this.time.push(time);
    this.late.push(late);
    this.stop.push(stop);
    this.previous.push(previous);
    return this.time.length - 1;
  }

  /** Adds (time, late) to a Pareto front unless a label there is at least as good in both. */
  insertIntoFront(front: number[], time: number, late: number, stop: number, previous: number): void {
    const eps = 1e-9;
    for (const id of front) {
      if ((this.time[id] as number) <= time + eps && (this.late[id] as number) <= late + eps) return;
    }
    // Drop the labels the new one dominates; keep the rest in order.
    let kept = 0;
    for (const id of front) {
      if (!(time <= (this.time[id] as number) && late <= (this.late[id] as number))) front[kept++] = id;
    }
    front.length = kept;
    front.push(this.add(time, late, stop, previous));
  }
}
