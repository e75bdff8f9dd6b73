import type { LonLat } from '../types.js';
import { DenseTravelMatrix, type TravelModel } from './travelModel.js';

/**
 * Travel figures between a fixed set of points, fetched before planning (from a road-network
 * service, at the edges): `km` and `minutes` are row-major `points.length` x `points.length`
 * arrays, source row i to target column j. Every pair a plan can use is a finite number
 * (unreachable outlets are removed before the domain sees a table; two rep homes are never
 * joined by a route, so their pairs may be NaN).
 */
export interface PointTravelTable {
  points: readonly LonLat[];
  km: Float64Array;
  minutes: Float64Array;
}

/** The lookup key of a point: its exact coordinates (the app fetched for these very points). */
function keyOf(point: LonLat): string {
  return `${point[0]},${point[1]}`;
}

/**
 * A TravelModel that answers from precomputed tables instead of computing anything: `matrix`
 * looks each point up and copies the sub-matrix out of the first table holding all of them (a
 * rep's home and outlets lie in one pool, and the app fetches one table per pool). A single point
 * needs no table (its 1x1 matrix is 0). A set of points no table holds together is a programming
 * error in the prefetch and throws, naming the first missing point.
 */
export function precomputedTravelModel(tables: readonly PointTravelTable[]): TravelModel {
  const where = new Map<string, Array<[table: number, index: number]>>();
  tables.forEach((table, t) => {
    const n = table.points.length;
    if (table.km.length !== n * n || table.minutes.length !== n * n)
      throw new Error(`travel table ${t}: ${n} points need ${n * n} values`);
    table.points.forEach((point, index) => {
      const key = keyOf(point);
      const list = where.get(key);
      if (!list) where.set(key, [[t, index]]);
      else if (!list.some(([seen]) => seen === t)) list.push([t, index]);
    });
  });
  return {
    matrix(points) {
      const n = points.length;
      if (n <= 1) return new DenseTravelMatrix(n, new Float64Array(n), new Float64Array(n));
      const first = where.get(keyOf(points[0] as LonLat)) ?? [];
      for (const [t] of first) {
        const indices = points.map((p) => where.get(keyOf(p))?.find(([seen]) => seen === t)?.[1]);
        if (indices.every((i) => i !== undefined)) return subMatrix(tables[t] as PointTravelTable, indices);
      }
      const missing = points.find((p) => !where.has(keyOf(p))) ?? points[0];
      throw new Error(`no precomputed travel table holds point ${keyOf(missing as LonLat)} with the others`);
    },
  };
}

function subMatrix(table: PointTravelTable, indices: readonly number[]): DenseTravelMatrix {
  const n = indices.length;
  const size = table.points.length;
  const km = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = (indices[i] as number) * size;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const at = row + (indices[j] as number);
      km[i * n + j] = table.km[at] as number;
      minutes[i * n + j] = table.minutes[at] as number;
    }
  }
  return new DenseTravelMatrix(n, km, minutes);
}
