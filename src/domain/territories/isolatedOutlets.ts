import type { NearestNeighbours } from './neighbourGraph.js';
import { DENSITY_NEIGHBOURS } from './workload.js';

/**
 * An outlet is never called isolated when its k-th nearest pool outlet is closer than this: below
 * a couple of km the spacing only shades the outlet's travel share.
 */
export const ISOLATION_FLOOR_KM = 2;

/** How isolated each outlet of a pool is, and from which distance on it counts as isolated. */
export interface PoolIsolation {
  /** Neighbours counted: DENSITY_NEIGHBOURS, at most half the pool's other outlets (0: none isolated). */
  k: number;
  /** Distance of every outlet to its k-th nearest outlet of the pool, projected km. */
  kthKm: Float64Array;
  /** 95th percentile of `kthKm`. */
  p95Km: number;
  /** Outlets farther than this from their k-th nearest are isolated: max(ISOLATION_FLOOR_KM, factor x p95Km). */
  limitKm: number;
}

/**
 * The loader's outlier rule (findOutliers: k-th-nearest distance against `factor` x its 95th
 * percentile) applied inside one pool, without the region's absolute floor: the outlets the
 * loader kept that are still isolated among the pool's own outlets, e.g. a lone village shop 30
 * km out. Such an outlet carries a large travel share and, in a territory of its own, a long trip
 * from home, so it is what a balance warning names. `knn` holds at least DENSITY_NEIGHBOURS
 * neighbours per outlet (poolOutletGeometry).
 */
export function poolIsolation(knn: NearestNeighbours, n: number, factor: number): PoolIsolation {
  const k = Math.max(0, Math.min(DENSITY_NEIGHBOURS, knn.k, Math.floor((n - 1) / 2)));
  const kthKm = new Float64Array(n);
  if (k === 0) return { k, kthKm, p95Km: 0, limitKm: Infinity };
  for (let i = 0; i < n; i++) kthKm[i] = knn.distances[i * knn.k + k - 1] as number;
  const sorted = Float64Array.from(kthKm).sort();
  const rank = 0.95 * (n - 1);
  const lo = sorted[Math.floor(rank)] as number;
  const hi = sorted[Math.ceil(rank)] as number;
  const p95Km = lo + (hi - lo) * (rank - Math.floor(rank));
  return { k, kthKm, p95Km, limitKm: Math.max(ISOLATION_FLOOR_KM, factor * p95Km) };
}
