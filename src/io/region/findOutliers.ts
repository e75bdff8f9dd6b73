import { haversineKm } from '../../domain/geo/distance.js';

export interface OutlierCheck {
  /** Indices (into the input points) of points outside the region's bulk, ascending. */
  outliers: number[];
  /** The region's median point: median longitude, median latitude. */
  center: { lon: number; lat: number };
  /** Distance of every point from the centre, km. */
  distancesKm: number[];
  /** 95th-percentile distance from the centre, km. */
  p95Km: number;
  /** Points farther than this are outliers: max(minKm, factor x p95Km). */
  limitKm: number;
}

/** Sorted copy as a typed array: numeric sort without a comparator, ~5x faster on 100k values. */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median of sorted values (NaN when empty). */
function sortedMedian(sorted: Float64Array): number {
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** p-th percentile of sorted values, linear interpolation between closest ranks (as percentile.ts). */
function sortedPercentile(sorted: Float64Array, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = sorted[Math.floor(rank)] as number;
  const hi = sorted[Math.ceil(rank)] as number;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

/**
 * Finds points far outside the bulk of a region: those whose great-circle distance from the
 * median lon/lat point exceeds max(`minKm`, `factor` x the 95th-percentile distance). The median
 * and the percentile ignore a few wild points (a shop geocoded to another city, a lon/lat typo),
 * and the absolute floor keeps a compact region from losing its legitimate fringe.
 */
export function findOutliers(
  points: ReadonlyArray<{ lon: number; lat: number }>,
  limits: { minKm: number; factor: number },
): OutlierCheck {
  const center = {
    lon: sortedMedian(sortedCopy(points.map((p) => p.lon))),
    lat: sortedMedian(sortedCopy(points.map((p) => p.lat))),
  };
  const distancesKm = points.map((p) => haversineKm(center.lon, center.lat, p.lon, p.lat));
  const p95Km = points.length === 0 ? 0 : sortedPercentile(sortedCopy(distancesKm), 95);
  const limitKm = Math.max(limits.minKm, limits.factor * p95Km);
  const outliers: number[] = [];
  distancesKm.forEach((d, index) => {
    if (d > limitKm) outliers.push(index);
  });
  return { outliers, center, distancesKm, p95Km, limitKm };
}
