import { haversineKm, median } from '../../domain/geo/distance.js';
import { percentile } from '../../domain/segmentation/percentile.js';

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
  const center = { lon: median(points.map((p) => p.lon)), lat: median(points.map((p) => p.lat)) };
  const distancesKm = points.map((p) => haversineKm(center.lon, center.lat, p.lon, p.lat));
  const p95Km = points.length === 0 ? 0 : percentile(distancesKm, 95);
  const limitKm = Math.max(limits.minKm, limits.factor * p95Km);
  const outliers: number[] = [];
  distancesKm.forEach((d, index) => {
    if (d > limitKm) outliers.push(index);
  });
  return { outliers, center, distancesKm, p95Km, limitKm };
}
