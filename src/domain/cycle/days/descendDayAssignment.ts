import type { Random } from '../../random.js';
import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState } from './dayAssignmentState.js';
import { cheapestRelocation, relocationDelta } from './relocatePattern.js';
import { swapDelta, swapPartner } from './swapPatterns.js';

/**
 * Pure descent to a local optimum of the day-assignment objective: passes over the outlets in
 * random order, each trying every alternative pattern (relocate, keeping the best improving one)
 * and then a swap with the nearest outlet of the same frequency on the cheapest alternative.
 * Stops after `maxPasses` passes or when a pass gains under half a minute. Returns the gain.
 */
export function descendDayAssignment(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  random: Random,
  maxPasses: number,
): number {
  const n = state.choice.length;
  const order = Array.from({ length: n }, (_, i) => i);
  let gained = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    objective.recentre();
    let passGain = 0;
    random.shuffle(order);
    for (const o of order) passGain += bestRelocation(state, objective, o);
    for (const o of order) {
      const q = cheapestRelocation(state, o);
      if (q < 0) continue;
      const partner = swapPartner(state, o, q);
      if (partner < 0) continue;
      const delta = swapDelta(state, objective, o, partner);
      if (delta >= -1e-6) continue;
      state.swap(o, partner);
      passGain -= delta;
    }
    state.polishAll();
    gained += passGain;
    if (passGain < 0.5) break;
  }
  return gained;
}

/** Applies the best improving relocation of outlet `o`, if any (exact deltas); returns the gain. */
export function bestRelocation(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  o: number,
): number {
  const options = state.outlet(o).options.length;
  if (options < 2) return 0;
  const start = state.choice[o] as number;
  let bestDelta = -1e-6;
  let bestOption = -1;
  for (let k = 0; k < options; k++) {
    if (k === start) continue;
    const delta = relocationDelta(state, objective, o, k);
    if (delta < bestDelta) {
      bestDelta = delta;
      bestOption = k;
    }
  }
  if (bestOption < 0) return 0;
  state.move(o, bestOption);
  return -bestDelta;
}
