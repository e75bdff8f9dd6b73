import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState, SlotSnapshot } from './dayAssignmentState.js';

/** A move applied tentatively: its exact change of the objective and how to undo it. */
export interface TentativeMove {
  delta: number;
  undo: SlotSnapshot;
}

/** Slots a relocation of `o` to `option` changes: those only one of the two patterns has. */
export function relocatedSlots(state: DayAssignmentState, o: number, option: number): number[] {
  const from = state.optionOf(o).slots;
  const to = state.optionOf(o, option).slots;
  return [...from.filter((s) => !to.includes(s)), ...to.filter((s) => !from.includes(s))];
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
 * The exact objective change of relocating outlet `o` to `option` (what `state.move` followed by
 * the objective would measure), priced without changing the state: removal savings and service
 * on the slots it leaves, cheapest insertion and service on the slots it joins, window bounds
 * with it gone or added, and the pattern-change cost. Rejected moves then cost no apply and undo.
 */
export function relocationDelta(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  o: number,
  option: number,
): number {
  const from = state.optionOf(o).slots;
  const to = state.optionOf(o, option).slots;
  const node = o + 1;
  const service = state.outlet(o).serviceMinutes;
  const windowed = state.windowed[o] ? o : -1;
  let delta = objective.changeCost(o, option) - objective.changeCost(o);
  for (const s of from) {
    if (to.includes(s)) continue;
    const saving = state.routes.removalSaving(s, node);
    delta += objective.slotCostIf(s, -service, -saving, windowed, -1, -1) - objective.slotCost(s);
  }
  for (const s of to) {
    if (from.includes(s)) continue;
    const cost = state.routes.insertionCost(s, node);
    delta += objective.slotCostIf(s, service, cost, -1, windowed, 1) - objective.slotCost(s);
  }
  return delta;
}

/**
 * The alternative pattern of outlet `o` that adds the least estimated travel (removal savings on
 * the slots it leaves, cheapest insertion on those it joins), or -1 when it has no alternative.
 * Penalties are left to the caller's exact evaluation; this only proposes.
 */
export function cheapestRelocation(state: DayAssignmentState, o: number): number {
  const outlet = state.outlet(o);
  let best = -1;
  let bestDelta = Infinity;
  for (let k = 0; k < outlet.options.length; k++) {
    if (k === state.choice[o]) continue;
    const delta = relocationTravelDelta(state, o, k);
    if (delta < bestDelta) {
      bestDelta = delta;
      best = k;
    }
  }
  return best;
}

/**
 * Estimated travel change of relocating outlet `o` to `option`: removal savings on the slots it
 * leaves, cheapest insertion on the slots it joins (no penalties; proposals only).
 */
export function relocationTravelDelta(state: DayAssignmentState, o: number, option: number): number {
  const node = o + 1;
  const from = state.optionOf(o).slots;
  const to = state.optionOf(o, option).slots;
  let delta = 0;
  for (const s of from) if (!to.includes(s)) delta -= state.routes.removalSaving(s, node);
  for (const s of to) if (!from.includes(s)) delta += state.routes.insertionCost(s, node);
  return delta;
}
