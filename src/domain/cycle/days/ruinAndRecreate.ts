import type { Random } from '../../random.js';
import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState } from './dayAssignmentState.js';
import type { TentativeMove } from './relocatePattern.js';

/**
 * Each outlet's nearest other outlets by travel minutes (both ways), at most `count` of them,
 * nearest first: the neighbourhoods ruinAndRecreate removes together.
 */
export function nearestOutlets(state: DayAssignmentState, count: number): Int32Array[] {
  const n = state.choice.length;
  const matrix = state.problem.matrix;
  const lists: Int32Array[] = [];
  const keep = Math.min(count, n - 1);
  if (keep <= 0) return Array.from({ length: n }, () => new Int32Array(0));
  // Bounded insertion into a sorted list of the `keep` nearest: O(n x keep), not a full sort per outlet.
  const nearest = new Int32Array(keep);
  const nearestDistance = new Float64Array(keep);
  for (let o = 0; o < n; o++) {
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === o) continue;
      const d = matrix.minutes(o + 1, j + 1) + matrix.minutes(j + 1, o + 1);
      // Ties keep the lower index first, as a stable sort by (distance, index) would.
      if (size === keep && d >= nearestDistance[keep - 1]!) continue;
      let k = size < keep ? size++ : keep - 1;
      while (k > 0 && nearestDistance[k - 1]! > d) {
        nearest[k] = nearest[k - 1]!;
        nearestDistance[k] = nearestDistance[k - 1]!;
        k--;
      }
      nearest[k] = j;
      nearestDistance[k] = d;
    }
    lists.push(nearest.slice(0, size));
  }
  return lists;
}

/**
 * Ruin-and-recreate move: takes `size` neighbouring outlets (a seed outlet and its nearest) off
 * their days and puts them back one by one, in random order, each on the pattern that raises the
 * objective least given the others already back. Moving a whole neighbourhood at once reaches
 * arrangements that single relocations and swaps only reach through many worse steps (a cluster
 * changing day together). Neighbours with time windows are taken too unless `includeWindowed`
 * is false. Applies the move and returns its exact objective change with a snapshot of the slots
 * it changed.
 */
export function tryRuinAndRecreate(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  random: Random,
  seedOutlet: number,
  neighbours: Int32Array,
  size: number,
  includeWindowed = true,
): TentativeMove {
  const ruined = [seedOutlet];
  for (const j of neighbours) {
    if (ruined.length >= size) break;
    if (state.outlet(j).options.length > 1 && (includeWindowed || !state.windowed[j])) ruined.push(j);
  }
  // Only the slots the ruined outlets leave or land on change; each is snapshotted (and its cost
  // counted) just before its first change, so the undo and the delta stay exact.
  const undo = state.snapshot([], ruined);
  for (const o of ruined) state.extendSnapshot(undo, state.optionOf(o).slots);
  let before = objective.localCost(undo.slots, ruined);
  for (const o of ruined) state.unplace(o);
  random.shuffle(ruined);
  for (const o of ruined) {
    const option = bestOption(state, objective, o);
    const known = undo.slots.length;
    state.extendSnapshot(undo, state.optionOf(o, option).slots);
    // The cost of the slots just added, summed on its own as localCost would.
    let added = 0;
    for (let k = known; k < undo.slots.length; k++) added += objective.slotCost(undo.slots[k] as number);
    before += added;
    state.place(o, option);
  }
  return { delta: objective.localCost(undo.slots, ruined) - before, undo };
}

/** The option of unplaced outlet `o` whose insertion raises the objective least. */
function bestOption(state: DayAssignmentState, objective: DayAssignmentObjective, o: number): number {
  const outlet = state.outlet(o);
  const node = o + 1;
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k < outlet.options.length; k++) {
    const option = outlet.options[k];
    if (!option) continue;
    let cost = objective.changeCost(o, k);
    for (const s of option.slots) {
      const insertion = state.routes.insertionCost(s, node);
      const windows = state.windowed[o] ? state.windowLoadOf(s, -1, o) : null;
      const minutes = Math.max(
        state.service[s]! + state.routes.travel[s]! + insertion + outlet.serviceMinutes,
        windows ? windows.elapsedMinutes : state.elapsedOf(s),
      );
      const overload = windows ? windows.overloadMinutes : state.overloadOf(s);
      cost +=
        insertion + objective.penalty(minutes, overload, objective.stopsOf(s) + 1) - objective.slotPenalty(s);
      if (cost >= bestCost) break;
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return best;
}
