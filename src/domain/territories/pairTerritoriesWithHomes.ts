import { matchHomes, type MatchObjective } from './matchHomes.js';
import type { TerritoryState } from './territoryState.js';

/** Improvements smaller than this (km) are rounding noise, not a reason to relabel territories. */
const MIN_GAIN_KM = 1e-6;

/**
 * Re-pairs finished territories with the pool's reps so the commutes (straight-line km from each
 * rep's home to its territory's load-weighted centre) are optimal for `objective`: least total,
 * or least longest then least total (`min-max`), solved exactly by `matchHomes`. Territories are
 * drawn for their centres and sized for a rep's capacity, so only interchangeable reps may swap:
 * same capacity, cycle working days and day minutes; a territory holding outlets locked to its rep
 * stays with that rep; an empty territory commutes 0 km. Returns the new rep of every territory
 * (indexed by the territory's current rep), or null when the current pairing is already optimal.
 */
export function pairTerritoriesWithHomes(
  state: TerritoryState,
  objective: MatchObjective,
): Int32Array | null {
  const { k, homeX, homeY, capacity, workingDays, dayMinutes, locked, n } = state.problem;
  if (k < 2) return null;
  const pinned = new Uint8Array(k);
  for (let i = 0; i < n; i++) if ((locked[i] as number) >= 0) pinned[locked[i] as number] = 1;
  const interchangeable = (a: number, b: number): boolean =>
    capacity[a] === capacity[b] && workingDays[a] === workingDays[b] && dayMinutes[a] === dayMinutes[b];
  const commute = (home: number, territory: number): number =>
    state.membersOf(territory).length === 0
      ? 0
      : Math.hypot(
          state.centreX(territory) - (homeX[home] as number),
          state.centreY(territory) - (homeY[home] as number),
        );
  // Rows are reps (homes), columns territories (named by their current rep).
  const costs = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < k; t++) {
      const allowed = r === t || (!pinned[t] && !pinned[r] && interchangeable(r, t));
      costs[r * k + t] = allowed ? commute(r, t) : Infinity;
    }
  }
  const match = matchHomes(costs, objective);
  if (match === null) return null;
  let currentTotal = 0;
  let currentMax = 0;
  for (let r = 0; r < k; r++) {
    const c = costs[r * k + r] as number;
    currentTotal += c;
    currentMax = Math.max(currentMax, c);
  }
  const better =
    objective === 'min-max'
      ? match.max < currentMax - MIN_GAIN_KM ||
        (match.max <= currentMax + MIN_GAIN_KM && match.total < currentTotal - MIN_GAIN_KM)
      : match.total < currentTotal - MIN_GAIN_KM;
  if (!better) return null;
  const repOfTerritory = new Int32Array(k);
  for (let t = 0; t < k; t++) repOfTerritory[t] = match.rowOfCol[t] as number;
  return repOfTerritory;
}
