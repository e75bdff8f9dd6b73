import { haversineKm } from '../geo/distance.js';
import type { LonLat } from '../types.js';

/**
 * Travel distances and times between a set of points, indexed 0..size-1 in the order the points
 * were given. Implementations may be asymmetric (one-way streets in a road network).
 */
export interface TravelMatrix {
  readonly size: number;
  /** Road km from point i to point j. */
  km(i: number, j: number): number;
  /** Driving minutes from point i to point j. */
  minutes(i: number, j: number): number;
}

/**
 * Where the planner's travel figures come from, synchronously: the default great-circle model
 * below, or precomputedTravelModel over road tables the app layer fetched before planning (road
 * services are asynchronous and live in src/travel/).
 */
export interface TravelModel {
  matrix(points: readonly LonLat[]): TravelMatrix;
}

/** A dense matrix backed by typed arrays; the common implementation of TravelMatrix. */
export class DenseTravelMatrix implements TravelMatrix {
  constructor(
    readonly size: number,
    private readonly kmValues: Float64Array,
    private readonly minuteValues: Float64Array,
  ) {}

  km(i: number, j: number): number {
    return this.kmValues[i * this.size + j] as number;
  }

  minutes(i: number, j: number): number {
    return this.minuteValues[i * this.size + j] as number;
  }
}

/**
 * The default travel model: haversine km x `circuity` (road km per straight-line km), driven at
 * `speedKmh`. Simple, deterministic, and good enough to balance and sequence within a city.
 */
export function greatCircleTravelModel(options: { speedKmh: number; circuity: number }): TravelModel {
  const minutesPerKm = 60 / options.speedKmh;
  return {
    matrix(points) {
      const n = points.length;
      const km = new Float64Array(n * n);
      const minutes = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const [lon1, lat1] = points[i] as LonLat;
        for (let j = i + 1; j < n; j++) {
          const [lon2, lat2] = points[j] as LonLat;
          const d = haversineKm(lon1, lat1, lon2, lat2) * options.circuity;
          km[i * n + j] = d;
          km[j * n + i] = d;
          minutes[i * n + j] = d * minutesPerKm;
          minutes[j * n + i] = d * minutesPerKm;
        }
      }
      return new DenseTravelMatrix(n, km, minutes);
    },
  };
}
