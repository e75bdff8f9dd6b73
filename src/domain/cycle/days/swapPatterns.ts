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
  const optionA = state.choice[a] as number;
  const optionB = state.choice[b] as number;
  const touched = [...new Set([...state.optionOf(a).slots, ...state.optionOf(b).slots])];
  const undo = state.snapshot(touched, [a, b]);
  const before = objective.localCost(touched, [a, b]);
  state.unplace(a);
  state.unplace(b);
  state.place(a, optionB);
  state.place(b, optionA);
  return { delta: objective.localCost(touched, [a, b]) - before, undo };
}
