import { localProjection } from '../geo/distance.js';
import { createRandom } from '../random.js';
import type { LonLat, Outlet } from '../types.js';

/** Shops per village: a handful, the shape that starved reps when workload charged daily trips. */
export const VILLAGE_SHOPS = 5;
/** Villages lie this far from the region centre (km), well outside the 15 x 12 km town. */
export const VILLAGE_DISTANCE_KM: readonly [number, number] = [25, 40];
/** Spread of a village's shops around its centre (km, standard deviation). */
const VILLAGE_SPREAD_KM = 0.4;

/**
 * Moves `villages` x 5 of the region's grocery-type shops (small and high-value small formats)
 * into remote villages 25-40 km from `center` in random directions, so generated regions can have
 * the unevenly spread outlets of a real county (a town plus far villages) without changing tier
 * counts. Shops keep their ids and lines; their district becomes `village N`. Deterministic for
 * `seed`, and drawn from its own random stream so a region without villages is unchanged.
 */
export function moveToRemoteVillages(
  outlets: readonly Outlet[],
  villages: number,
  center: LonLat,
  seed: number,
): Outlet[] {
  if (villages <= 0) return [...outlets];
  const rng = createRandom((seed ^ 0x51a6e) >>> 0);
  const projection = localProjection(center[0], center[1]);
  const candidates = outlets
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => VILLAGE_TYPES.has(o.businessType))
    .map(({ i }) => i);
  const chosen = rng.shuffle(candidates).slice(0, villages * VILLAGE_SHOPS);
  const centres = Array.from({ length: villages }, () => {
    const angle = rng.range(0, 2 * Math.PI);
    const km = rng.range(VILLAGE_DISTANCE_KM[0], VILLAGE_DISTANCE_KM[1]);
    return [km * Math.cos(angle), km * Math.sin(angle)] as const;
  });
  const result = [...outlets];
  chosen.forEach((index, k) => {
    const village = Math.floor(k / VILLAGE_SHOPS);
    const [cx, cy] = centres[village] as readonly [number, number];
    const [lon, lat] = projection.toLonLat(
      cx + rng.normal() * VILLAGE_SPREAD_KM,
      cy + rng.normal() * VILLAGE_SPREAD_KM,
    );
    const outlet = outlets[index] as Outlet;
    result[index] = { ...outlet, lon: round6(lon), lat: round6(lat), district: `village ${village + 1}` };
  });
  return result;
}

const VILLAGE_TYPES = new Set(['grocery', 'side_seller', 'newsstand', 'kiosk']);

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
