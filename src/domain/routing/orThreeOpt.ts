import type { ArrayTour } from './arrayTour.js';

/**
 * The first improving "or-3opt" move at city t1: the pure segment exchange of 3-opt, which cuts
 * (t1,t2), (t3,t4), (t5,t6) — met in that order walking in direction `forward` — and reconnects
 * t1 [t4..t5] [t2..t3] t6, i.e. moves the path t2..t3 of any length, unreversed, to between t5 and
 * t6. 2-opt cannot make this move and Or-opt only for paths of up to three cities, so without it
 * a whole cluster visited in the wrong place stays there. Searched sequentially with the gain
 * criterion: t5 is a candidate of t2 and t3 a candidate of t6. Applies the move (through
 * ArrayTour.orMove, so only short sides are reversed), reports the six endpoints to `touched`
 * and returns the (negative) length change, or 0 when no move improves by more than `epsilon`.
 */
export function tryOrThreeOpt(
  tour: ArrayTour,
  d: (i: number, j: number) => number,
  neighbours: { k: number; lists: Int32Array },
  epsilon: number,
  t1: number,
  forward: boolean,
  touched: (city: number) => void,
): number {
  const n = tour.n;
  if (n < 6) return 0;
  const { k, lists } = neighbours;
  const t2 = tour.step(t1, forward);
  const p2 = tour.pos[t2] as number;
  const d12 = d(t1, t2);
  for (let a = 0; a < k; a++) {
    const t5 = lists[t2 * k + a] as number;
    const g1 = d12 - d(t2, t5);
    if (g1 <= epsilon) break;
    const o5 = offsetFrom(tour, p2, t5, forward);
    if (o5 === 0 || o5 >= n - 2) continue; // t5 must lie strictly between t2 and t1, t6 not t1
    const t6 = tour.step(t5, forward);
    const g1Closed = g1 + d(t5, t6);
    for (let b = 0; b < k; b++) {
      const t3 = lists[t6 * k + b] as number;
      const g2 = g1Closed - d(t6, t3);
      if (g2 <= epsilon) break;
      if (offsetFrom(tour, p2, t3, forward) >= o5) continue; // t3 must lie on t2..t5, before t5
      const t4 = tour.step(t3, forward);
      const delta = d(t4, t1) - d(t3, t4) - g2;
      if (delta < -epsilon) {
        tour.orMove(t2, t3, t1, t4, t5, t6, true);
        touched(t1);
        touched(t2);
        touched(t3);
        touched(t4);
        touched(t5);
        touched(t6);
        return delta;
      }
    }
  }
  return 0;
}

/** Steps from position `origin` to `city` walking in direction `forward` (0..n-1). */
export function offsetFrom(tour: ArrayTour, origin: number, city: number, forward: boolean): number {
  const delta = forward ? (tour.pos[city] as number) - origin : origin - (tour.pos[city] as number);
  return delta < 0 ? delta + tour.n : delta;
}
