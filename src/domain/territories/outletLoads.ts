import type { LocalProjection } from '../geo/distance.js';
import { nearestNeighbours, type NearestNeighbours } from './neighbourGraph.js';
import {
  DENSITY_NEIGHBOURS,
  outletLoadMinutes,
  travelMinutesPerVisit,
  type TravelSettings,
} from './workload.js';

/** The projected positions, neighbours and loads of a pool's outlets. */
export interface PoolOutletGeometry {
  xs: Float64Array;
  ys: Float64Array;
  /** k nearest neighbours (k = `neighbours`) of every outlet. */
  knn: NearestNeighbours;
  /** Load per cycle in minutes of every outlet (service + travel share, see workload.ts). */
  load: Float64Array;
}

/**
 * Projects a pool's outlets to km, finds their nearest neighbours and computes each outlet's load:
 * visits x (service minutes + BHH travel minutes per visit from the local density measured at
 * the DENSITY_NEIGHBOURS-th neighbour). Shared by assignTerritories and the benchmark so both
 * weigh outlets identically.
 */
export function poolOutletGeometry(
  outlets: ReadonlyArray<{ lon: number; lat: number; visitsPerCycle: number; serviceMinutes: number }>,
  projection: LocalProjection,
  travel: TravelSettings,
  neighbours: number,
): PoolOutletGeometry {
  const n = outlets.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  outlets.forEach((o, i) => {
    const [x, y] = projection.toXY(o.lon, o.lat);
    xs[i] = x;
    ys[i] = y;
  });
  const k = Math.max(neighbours, DENSITY_NEIGHBOURS);
  const knn = nearestNeighbours(xs, ys, k);
  const densityK = Math.min(DENSITY_NEIGHBOURS, n - 1);
  const load = new Float64Array(n);
  outlets.forEach((o, i) => {
    const kth = densityK >= 1 ? (knn.distances[i * k + densityK - 1] as number) : Infinity;
    const travelPerVisit = travelMinutesPerVisit(kth, densityK, travel);
    load[i] = outletLoadMinutes(Math.max(0, o.visitsPerCycle), Math.max(0, o.serviceMinutes), travelPerVisit);
  });
  return { xs, ys, knn, load };
}
