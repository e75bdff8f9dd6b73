import { kthNearestKm } from '../../domain/geo/sphereNeighbours.js';

/** Neighbours counted when the policy does not say (`input.outlierNeighbours`). */
export const DEFAULT_OUTLIER_NEIGHBOURS = 5;

export interface OutlierCheck {
  /** Indices (into the input points) of isolated points, ascending. */
  outliers: number[];
  /**
   * Neighbours counted: the policy's `neighbours`, but at most half of the other points, so that
   * in a tiny region the bulk never counts a far point among its own neighbours (0 below 3
   * points: nothing is flagged).
   */
  k: number;
  /** Great-circle distance of every point to its k-th nearest other point, km. */
  neighbourKm: Float64Array;
  /** 95th percentile of `neighbourKm`, km. */
  p95Km: number;
  /** Points whose k-th nearest neighbour is farther than this are outliers: max(minKm, factor x p95Km). */
  limitKm: number;
}

/** Sorted copy as a typed array: numeric sort without a comparator, ~5x faster on 100k values. */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** p-th percentile of sorted values, linear interpolation between closest ranks (as percentile.ts). */
function sortedPercentile(sorted: Float64Array, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = sorted[Math.floor(rank)] as number;
  const hi = sorted[Math.ceil(rank)] as number;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

/**
 * Finds isolated points: those with fewer than k other points within max(`minKm`, `factor` x the
 * 95th percentile of every point's k-th-nearest distance), i.e. whose k-th nearest neighbour is
 * farther than that. Isolation, not distance from the middle, is what marks a shop geocoded to
 * another city or a lon/lat typo; a second town, however far, has its own neighbours, so a
 * region of several far-apart towns loses none of them (a group of k + 1 or more points is never
 * flagged, whatever its distance; a group of k or fewer is, beyond the limit). The percentile
 * scales the limit to sparse regions; the floor keeps a dense city's thin fringe. k-th-nearest
 * distances come from a k-d tree on the sphere (kthNearestKm): about 0.1 s for 50,000 points.
 */
export function findOutliers(
  points: ReadonlyArray<{ lon: number; lat: number }>,
  limits: { minKm: number; factor: number; neighbours?: number },
): OutlierCheck {
  const wanted = Math.max(1, Math.floor(limits.neighbours ?? DEFAULT_OUTLIER_NEIGHBOURS));
  const k = Math.max(0, Math.min(wanted, Math.floor((points.length - 1) / 2)));
  if (k === 0) {
    const neighbourKm = new Float64Array(points.length);
    return { outliers: [], k, neighbourKm, p95Km: 0, limitKm: limits.minKm };
  }
  const neighbourKm = kthNearestKm(points, k);
  const p95Km = sortedPercentile(sortedCopy(neighbourKm), 95);
  const limitKm = Math.max(limits.minKm, limits.factor * p95Km);
  const outliers: number[] = [];
  neighbourKm.forEach((d, index) => {
    if (d > limitKm) outliers.push(index);
  });
  return { outliers, k, neighbourKm, p95Km, limitKm };
}
