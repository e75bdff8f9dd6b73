import type { ArrayTour } from './arrayTour.js';
import { swapAdjacentBlocks } from './doubleBridge.js';

/**
 * The four ways to reconnect a tour cut into three paths A B C (A ends at position p1, B runs
 * p1+1..p2, C runs p2+1..p3, then A again) so that all three cut edges change: swap the blocks
 * (A C B, the plain double bridge), reverse both in place (A B' C'), swap and reverse B (A C B'),
 * swap and reverse C (A C' B). The other reconnections keep a cut edge, i.e. are 2-opt moves
 * the local search makes on its own.
 */
export const SEGMENT_RECONNECTIONS = [
  'swap',
  'reverseBoth',
  'swapReverseFirst',
  'swapReverseSecond',
] as const;
export type SegmentReconnection = (typeof SEGMENT_RECONNECTIONS)[number];

/**
 * Cuts the edges after tour positions p1, p2 and p3 (increasing, distinct) and reconnects the
 * blocks B = p1+1..p2 and C = p2+1..p3 as `reconnection` says (SEGMENT_RECONNECTIONS). A kick
 * that reverses a block matters on clustered instances: when a run of clusters is entered from
 * the wrong end, swapping blocks alone leaves every cluster's inner path pointing the wrong
 * way, and the local search, which only accepts improving moves, cannot turn a whole run of
 * clusters round through the long links between them. Reversals go through the tour's journal
 * when it is on. Reports the six cities at the cut edges to `touched` and returns the length
 * change.
 */
export function reconnectSegments(
  tour: ArrayTour,
  d: (i: number, j: number) => number,
  p1: number,
  p2: number,
  p3: number,
  reconnection: SegmentReconnection,
  touched: (city: number) => void,
): number {
  if (reconnection === 'swap') return swapAdjacentBlocks(tour, d, p1, p2 - p1, p3 - p2, touched);
  const n = tour.n;
  const order = tour.order;
  const firstB = p1 + 1 === n ? 0 : p1 + 1;
  const firstC = p2 + 1 === n ? 0 : p2 + 1;
  const a = order[p1] as number;
  const b1 = order[firstB] as number;
  const b2 = order[p2] as number;
  const c1 = order[firstC] as number;
  const c2 = order[p3] as number;
  const e = order[p3 + 1 === n ? 0 : p3 + 1] as number;
  const removed = d(a, b1) + d(b2, c1) + d(c2, e);
  // After reversing all of B C (giving C' B'), C' occupies the first |C| positions.
  const lengthC = p3 - p2;
  let added: number;
  if (reconnection === 'reverseBoth') {
    tour.reversePositions(firstB, p2);
    tour.reversePositions(firstC, p3);
    added = d(a, b2) + d(b1, c2) + d(c1, e);
  } else if (reconnection === 'swapReverseFirst') {
    tour.reversePositions(firstB, p3); // A C' B'
    tour.reversePositions(firstB, (p1 + lengthC) % n); // A C B'
    added = d(a, c1) + d(c2, b2) + d(b1, e);
  } else {
    tour.reversePositions(firstB, p3); // A C' B'
    tour.reversePositions((p1 + lengthC + 1) % n, p3); // A C' B
    added = d(a, c2) + d(c1, b1) + d(b2, e);
  }
  touched(a);
  touched(b1);
  touched(b2);
  touched(c1);
  touched(c2);
  touched(e);
  return added - removed;
}
