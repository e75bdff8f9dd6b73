import type { ArrayTour } from './arrayTour.js';
import {
  reconnectSegments,
  SEGMENT_RECONNECTIONS,
  type SegmentReconnection,
} from './segmentReversalDoubleBridge.js';

/**
 * A double bridge across three of the tour's longest edges: cuts the edges after three distinct
 * positions p1 < p2 < p3, each drawn from the ceil(n / poolDivisor) longest edges (at least 3;
 * ties at the threshold all qualify), and reconnects the blocks p1+1..p2 and p2+1..p3 in one of
 * the four ways that change all three edges, drawn uniformly (segmentReversalDoubleBridge.ts).
 * On clustered instances the long edges are the links between clusters, so this reorders and
 * turns round whole runs of clusters, which short local kicks and the local search never do;
 * the reversing reconnections matter as much as the swap, since a run entered from the wrong
 * end needs turning round, not moving. O(n log n) per call (it ranks the edges); deterministic
 * for the random stream. Reports the six cut cities to `touched` and returns the length change.
 * Needs n >= 8.
 */
export function longEdgeDoubleBridge(
  tour: ArrayTour,
  d: (i: number, j: number) => number,
  random: { int(bound: number): number },
  poolDivisor: number,
  touched: (city: number) => void,
): number {
  const [p1, p2, p3] = longEdgeCuts(tour, d, random, poolDivisor);
  const reconnection = SEGMENT_RECONNECTIONS[random.int(SEGMENT_RECONNECTIONS.length)] as SegmentReconnection;
  return reconnectSegments(tour, d, p1, p2, p3, reconnection, touched);
}

/**
 * Three distinct tour positions in increasing order, each followed by an edge among the
 * ceil(n / poolDivisor) longest of the tour (at least 3).
 */
export function longEdgeCuts(
  tour: ArrayTour,
  d: (i: number, j: number) => number,
  random: { int(bound: number): number },
  poolDivisor: number,
): [number, number, number] {
  const n = tour.n;
  const lengths = new Float64Array(n);
  for (let p = 0; p < n; p++)
    lengths[p] = d(tour.order[p] as number, tour.order[p + 1 === n ? 0 : p + 1] as number);
  // The pool-th longest length, by a native numeric sort of a copy (no comparator callback).
  const pool = Math.max(3, Math.min(n, Math.ceil(n / poolDivisor)));
  const threshold = Float64Array.from(lengths).sort()[n - pool] as number;
  const candidates: number[] = [];
  for (let p = 0; p < n; p++) if ((lengths[p] as number) >= threshold) candidates.push(p);
  const picks: number[] = [];
  while (picks.length < 3) {
    const p = candidates[random.int(candidates.length)] as number;
    if (!picks.includes(p)) picks.push(p);
  }
  picks.sort((a, b) => a - b);
  return picks as [number, number, number];
}
