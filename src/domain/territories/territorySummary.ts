import type { LocalProjection } from '../geo/distance.js';
import type { TerritorySummary } from '../plan/planTypes.js';
import type { TerritoryState } from './territoryState.js';

/**
 * Area in km^2 of the convex hull of planar points (Andrew's monotone chain, then the shoelace
 * formula). 0 for fewer than three points or collinear points. The hull over-states the area of
 * a concave territory, but it is stable, cheap and what a planner expects on a map.
 */
export function convexHullAreaKm2(points: ReadonlyArray<readonly [number, number]>): number {
  if (points.length < 3) return 0;
  const sorted = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const cross = (
    o: readonly [number, number],
    a: readonly [number, number],
    b: readonly [number, number],
  ): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<readonly [number, number]> = [];
  for (const p of sorted) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as [number, number], lower[lower.length - 1] as [number, number], p) <= 0
    ) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: Array<readonly [number, number]> = [];
  for (let idx = sorted.length - 1; idx >= 0; idx--) {
    const p = sorted[idx] as [number, number];
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as [number, number], upper[upper.length - 1] as [number, number], p) <= 0
    ) {
      upper.pop();
    }
    upper.push(p);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  let twice = 0;
  for (let idx = 0; idx < hull.length; idx++) {
    const a = hull[idx] as readonly [number, number];
    const b = hull[(idx + 1) % hull.length] as readonly [number, number];
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(twice) / 2;
}

/**
 * The plan's view of rep r's territory: outlet count, load (outlets plus out-and-back) and
 * target in minutes per cycle, the load-weighted centroid as [lon, lat] (the rep's home when the
 * territory is empty), the convex-hull area and the rep's commute: straight-line km from home to
 * the centroid, measured in the pool's local projection like every other territory distance.
 * Minutes are rounded to 0.1, km and km^2 to 0.01 and degrees to 1e-6 so plan files stay readable
 * and diff cleanly.
 */
export function summariseTerritory(
  state: TerritoryState,
  r: number,
  projection: LocalProjection,
): TerritorySummary {
  const members = state.membersOf(r);
  const points = members.map((i) => [state.problem.xs[i] as number, state.problem.ys[i] as number] as const);
  const [lon, lat] = projection.toLonLat(state.centreX(r), state.centreY(r));
  const commuteKm = Math.hypot(
    state.centreX(r) - (state.problem.homeX[r] as number),
    state.centreY(r) - (state.problem.homeY[r] as number),
  );
  return {
    outletCount: members.length,
    loadMinutes: round(state.load(r), 1),
    targetMinutes: round(state.target(r), 1),
    centroid: [round(lon, 6), round(lat, 6)],
    areaKm2: round(convexHullAreaKm2(points), 2),
    commuteKm: round(commuteKm, 2),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
