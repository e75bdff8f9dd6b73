import { haversineKm } from '../domain/geo/distance.js';
import type { TravelSettings } from '../domain/territories/workload.js';
import type { LonLat } from '../domain/types.js';

/** Pairs closer than this in a straight line say more about snapping than about roads. */
const MIN_STRAIGHT_KM = 0.2;
/** Pairs sampled per table at most (an even stride over the rows and columns). */
const MAX_SAMPLES = 20_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Speed and circuity for the territory stage, measured on fetched road tables: circuity is the
 * median of road km / straight km, and the speed is chosen so that circuity x 60 / speed (the
 * territory stage's minutes per straight km, see workload.ts) is the median of road minutes /
 * straight km. Pairs under 200 m apart, or without a route, are skipped; up to 20,000 evenly
 * spread pairs per table are sampled. With no usable pair it returns `fallback` (the policy's).
 * Both figures are clamped to the policy schema's ranges. Deterministic.
 */
export function calibrateTravel(
  tables: ReadonlyArray<{ points: readonly LonLat[]; km: Float64Array; minutes: Float64Array }>,
  fallback: TravelSettings,
): TravelSettings {
  const circuities: number[] = [];
  const minutesPerKm: number[] = [];
  for (const { points, km, minutes } of tables) {
    const n = points.length;
    const stride = Math.max(1, Math.floor((n * n) / MAX_SAMPLES));
    for (let at = 0; at < n * n; at += stride) {
      const i = Math.floor(at / n);
      const j = at % n;
      if (i === j) continue;
      const [lon1, lat1] = points[i] as LonLat;
      const [lon2, lat2] = points[j] as LonLat;
      const straight = haversineKm(lon1, lat1, lon2, lat2);
      const road = km[at] as number;
      const time = minutes[at] as number;
      if (straight < MIN_STRAIGHT_KM || !Number.isFinite(road) || !Number.isFinite(time)) continue;
      circuities.push(road / straight);
      minutesPerKm.push(time / straight);
    }
  }
  if (circuities.length === 0) return { ...fallback };
  const circuity = Math.min(5, Math.max(1, median(circuities)));
  const speedKmh = Math.min(200, Math.max(1, (circuity * 60) / median(minutesPerKm)));
  return { speedKmh, circuity };
}
