import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState } from './dayAssignmentState.js';
import type { TentativeMove } from './relocatePattern.js';

/**
 * The swap partner for outlet `o` moving to `option`: among the outlets of the same frequency
 * (same option list) that follow `option` now, the one nearest to `o` on the first slot `o` would
 * join; -1 when there is none. Trading patterns with it keeps both days' loads nearly equal.
 */
export function swapPartner(state: DayAssignmentState, o: number, option: number): number {
  const options = state.outlet(o).options;
  const from = state.optionOf(o);
  const to = state.optionOf(o, option);
  const slot = to.slots.find((s) => !from.slots.includes(s));
  if (slot === undefined) return -1;
  const matrix = state.problem.matrix;
  let partner = -1;
  let nearest = Infinity;
  for (const node of state.routes.routes[slot] as number[]) {
    const other = node - 1;
    if (other === o || state.choice[other] !== option || state.outlet(other).options !== options) continue;
    const d = matrix.minutes(o + 1, node) + matrix.minutes(node, o + 1);
    if (d < nearest) {
      nearest = d;
      partner = other;
    }
  }
  return partner;
}

/**
 * Swap move: outlets `a` and `b` (same frequency) trade patterns. Single relocations stall when
 * every day sits at its balanced load; a trade keeps the loads while shortening both days.
 * Applies the move and returns its exact objective change with a snapshot that undoes it.
 */
export function trySwap(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  a: number,
  b: number,
): TentativeMove {
  const slotsA = state.optionOf(a).slots;
  const slotsB = state.optionOf(b).slots;
  const touched = [
    ...slotsA.filter((s) => !slotsB.includes(s)),
    ...slotsB.filter((s) => !slotsA.includes(s)),
  ];
  const undo = state.snapshot(touched, [a, b]);
  const before = objective.localCost(touched, [a, b]);
  state.swap(a, b);
  return { delta: objective.localCost(touched, [a, b]) - before, undo };
}

/**
 * The exact objective change of outlets `a` and `b` trading patterns (what `state.swap` followed
 * by the objective would measure), priced without changing the state: on each slot only one of
 * them is on, that one's removal saving and the other's insertion into the tour without it.
 */
export function swapDelta(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  a: number,
  b: number,
): number {
  const optionA = state.choice[a] as number;
  const optionB = state.choice[b] as number;
  let delta = objective.changeCost(a, optionB) + objective.changeCost(b, optionA);
  delta -= objective.changeCost(a) + objective.changeCost(b);
  delta += tradeDelta(state, objective, a, b, state.optionOf(b).slots);
  delta += tradeDelta(state, objective, b, a, state.optionOf(a).slots);
  return delta;
}

/** Change on the slots `leaving` is on and `other` (on `otherSlots`) is not: leaving out, joining in. */
function tradeDelta(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  leaving: number,
  joining: number,
  otherSlots: readonly number[],
): number {
  const serviceDelta = state.outlet(joining).serviceMinutes - state.outlet(leaving).serviceMinutes;
  const without = state.windowed[leaving] ? leaving : -1;
  const withOutlet = state.windowed[joining] ? joining : -1;
  let delta = 0;
  for (const s of state.optionOf(leaving).slots) {
    if (otherSlots.includes(s)) continue;
    const saving = state.routes.removalSaving(s, leaving + 1);
    const cost = state.routes.insertionWithout(s, joining + 1, leaving + 1).cost;
    delta +=
      objective.slotCostIf(s, serviceDelta, cost - saving, without, withOutlet) - objective.slotCost(s);
  }
  return delta;
}
