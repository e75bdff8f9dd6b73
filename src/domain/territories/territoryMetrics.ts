import { nearestNeighbours } from './neighbourGraph.js';

/** Load-weighted dispersion of a partition around its own (load-weighted) centroids. */
export interface Dispersion {
  /** Load-weighted mean distance of outlets to their territory's centroid, km. */
  meanKm: number;
  /** Load-weighted sum of squared distances to the territory centroids (the k-means objective). */
  sse: number;
  /** Sum of the weights. */
  weight: number;
}

/**
 * Measures how compact a partition is: every outlet's distance to the load-weighted centroid of
 * its own group, weighted by load. Labels are group indices 0..groups-1 (negative = ignored).
 */
export function partitionDispersion(
  xs: Float64Array,
  ys: Float64Array,
  ws: Float64Array,
  labels: Int32Array,
  groups: number,
): Dispersion {
  const sumW = new Float64Array(groups);
  const sumX = new Float64Array(groups);
  const sumY = new Float64Array(groups);
  for (let i = 0; i < xs.length; i++) {
    const g = labels[i] as number;
    if (g < 0) continue;
    const w = ws[i] as number;
    sumW[g] = (sumW[g] as number) + w;
    sumX[g] = (sumX[g] as number) + w * (xs[i] as number);
    sumY[g] = (sumY[g] as number) + w * (ys[i] as number);
  }
  let mean = 0;
  let sse = 0;
  let weight = 0;
  for (let i = 0; i < xs.length; i++) {
    const g = labels[i] as number;
    if (g < 0) continue;
    const w = ws[i] as number;
    const gw = sumW[g] as number;
    if (gw <= 0) continue;
    const dx = (xs[i] as number) - (sumX[g] as number) / gw;
    const dy = (ys[i] as number) - (sumY[g] as number) / gw;
    const d2 = dx * dx + dy * dy;
    mean += w * Math.sqrt(d2);
    sse += w * d2;
    weight += w;
  }
  return { meanKm: weight > 0 ? mean / weight : 0, sse, weight };
}

/**
 * Counts contiguity breaks: outlets whose `neighbours` nearest same-pool outlets mostly (more
 * than half) belong to other groups, i.e. outlets sitting inside someone else's territory.
 */
export function contiguityBreaks(
  xs: Float64Array,
  ys: Float64Array,
  labels: Int32Array,
  neighbours = 5,
): number {
  const n = xs.length;
  if (n < 2) return 0;
  const k = Math.min(neighbours, n - 1);
  const knn = nearestNeighbours(xs, ys, k);
  let breaks = 0;
  for (let i = 0; i < n; i++) {
    let other = 0;
    let seen = 0;
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * k + a] as number;
      if (j < 0) continue;
      seen++;
      if (labels[j] !== labels[i]) other++;
    }
    if (seen > 0 && other * 2 > seen) breaks++;
  }
  return breaks;
}
