import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState, SlotSnapshot } from './dayAssignmentState.js';

/** A move applied tentatively: its exact change of the objective and how to undo it. */
export interface TentativeMove {
  delta: number;
  undo: SlotSnapshot;
}

/** Slots touched when `o` changes from its current option to `option`. */
export function relocatedSlots(state: DayAssignmentState, o: number, option: number): number[] {
  return [...new Set([...state.optionOf(o).slots, ...state.optionOf(o, option).slots])];
}

/**
 * Relocate move: outlet `o` follows another pattern (all its visits move together, so visits stay
 * regular). Applies the move and returns its exact objective change (travel by cheapest insertion
 * and removal splicing, day penalties, pattern-change cost) with a snapshot that undoes it.
 */
export function tryRelocate(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  o: number,
  option: number,
): TentativeMove {
  const touched = relocatedSlots(state, o, option);
  const undo = state.snapshot(touched, [o]);
  const before = objective.localCost(touched, [o]);
  state.move(o, option);
  return { delta: objective.localCost(touched, [o]) - before, undo };
}

/**
 * The alternative pattern of outlet `o` that adds the least estimated travel (removal savings on
 * the slots it leaves, cheapest insertion on those it joins), or -1 when it has no alternative.
 * Penalties are left to the caller's exact evaluation; this only proposes.
 */
export function cheapestRelocation(state: DayAssignmentState, o: number): number {
  const outlet = state.outlet(o);
  const node = o + 1;
  const current = state.optionOf(o);
  let best = -1;
  let bestDelta = Infinity;
  for (let k = 0; k < outlet.options.length; k++) {
    if (k === state.choice[o]) continue;
    const option = outlet.options[k];
    if (!option) continue;
    let delta = 0;
    for (const s of current.slots)
      if (!option.slots.includes(s)) delta -= state.routes.removalSaving(s, node);
    for (const s of option.slots)
      if (!current.slots.includes(s)) delta += state.routes.insertion(s, node).cost;
    if (delta < bestDelta) {
      bestDelta = delta;
      best = k;
    }
  }
  return best;
}
