import type { ArrayTour } from './arrayTour.js';

/**
 * Swaps the two adjacent blocks of `first` and `second` cities that follow position `start`
 * (A B C D -> A C B D: a double bridge, the classic kick that 2-opt and Or-opt cannot undo in
 * one move). With short blocks it stays inside a neighbourhood, so the local search repairs it
 * cheaply. Needs first + second <= n - 2. Reports the six cities at the cut edges to `touched`
 * and returns the length change. The reversals go through the tour's journal when it is on.
 */
export function swapAdjacentBlocks(
  tour: ArrayTour,
  d: (i: number, j: number) => number,
  start: number,
  first: number,
  second: number,
  touched: (city: number) => void,
): number {
  const n = tour.n;
  const order = tour.order;
  const a = order[start % n] as number;
  const b1 = order[(start + 1) % n] as number;
  const b2 = order[(start + first) % n] as number;
  const c1 = order[(start + first + 1) % n] as number;
  const c2 = order[(start + first + second) % n] as number;
  const e = order[(start + first + second + 1) % n] as number;
  const delta = d(a, c1) + d(c2, b1) + d(b2, e) - d(a, b1) - d(b2, c1) - d(c2, e);
  // Block swap as three reversals: (B C)^r = C^r B^r, then un-reverse each block.
  const p1 = (start + 1) % n;
  const pEnd = (start + first + second) % n;
  tour.reversePositions(p1, pEnd);
  tour.reversePositions(p1, (start + second) % n);
  tour.reversePositions((start + second + 1) % n, pEnd);
  touched(a);
  touched(b1);
  touched(b2);
  touched(c1);
  touched(c2);
  touched(e);
  return delta;
}
