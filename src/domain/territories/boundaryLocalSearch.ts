import { createRandom } from '../random.js';
import { CONTIGUITY_WEIGHT, moveCostPerUnit, typicalUnitCost } from './moveScore.js';
import type { TerritoryState } from './territoryState.js';

export interface BoundaryLocalSearchOptions {
  /** Relative deviation from target every rep must stay within (or not get further from). */
  band: number;
  maxPasses?: number;
  seed: number;
}

export interface BoundaryLocalSearchResult {
  moves: number;
  swaps: number;
  passes: number;
}

/**
 * Improves compactness and contiguity without breaking balance: passes over border outlets (in
 * a seeded random order) and applies the best improving single move to a touching territory when
 * both reps stay inside the balance band, otherwise the best improving swap with an outlet of
 * that territory which borders the first one (a swap keeps loads nearly unchanged, so it works
 * even when every rep sits at the band's edge). Stops when a pass changes less than 0.1% of
 * outlets. Locked outlets never move.
 */
export function improveBoundaries(
  state: TerritoryState,
  options: BoundaryLocalSearchOptions,
): BoundaryLocalSearchResult {
  const { n, load, locked } = state.problem;
  const random = createRandom(options.seed);
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
  const maxPasses = options.maxPasses ?? 12;
  const edgeWeight = CONTIGUITY_WEIGHT;
  let moves = 0;
  let swaps = 0;
  let passes = 0;
  const reps: number[] = [];
  for (; passes < maxPasses; passes++) {
    const scale = typicalUnitCost(state);
    const epsilon = 1e-9 * scale;
    let changed = 0;
    for (const i of order) {
      if ((locked[i] as number) >= 0) continue;
      const a = state.repOf[i] as number;
      if (state.otherRepsAround(i, reps).length === 0) continue;
      const wi = load[i] as number;
      let bestMove = -1;
      let bestMoveCost = -epsilon;
      let bestSwapJ = -1;
      let bestSwapB = -1;
      let bestSwapCost = -epsilon;
      for (const b of reps) {
        const cost = moveCostPerUnit(state, i, b, scale) * wi;
        if (cost >= bestMoveCost && cost >= bestSwapCost) continue;
        if (withinBand(state, a, -wi, options.band) && withinBand(state, b, wi, options.band)) {
          if (cost < bestMoveCost) {
            bestMoveCost = cost;
            bestMove = b;
          }
          continue;
        }
        for (const j of state.membersOf(b)) {
          if ((locked[j] as number) >= 0 || state.neighboursIn(j, a) === 0) continue;
          const wj = load[j] as number;
          let total = cost + moveCostPerUnit(state, j, a, scale) * wj;
          // An edge i-j is cut before and after a swap, but each one-sided cost counted it as healed.
          if (adjacent(state, i, j)) total += edgeWeight * scale * (wi + wj);
          if (total >= bestSwapCost) continue;
          if (!withinBand(state, a, wj - wi, options.band) || !withinBand(state, b, wi - wj, options.band))
            continue;
          bestSwapCost = total;
          bestSwapJ = j;
          bestSwapB = b;
        }
      }
      if (bestMove >= 0 && bestMoveCost <= bestSwapCost) {
        state.move(i, bestMove);
        moves++;
        changed++;
      } else if (bestSwapJ >= 0) {
        state.move(i, bestSwapB);
        state.move(bestSwapJ, a);
        swaps++;
        changed += 2;
      }
    }
    if (changed < Math.max(1, n * 0.001)) {
      passes++;
      break;
    }
  }
  return { moves, swaps, passes };
}

/** Whether rep r's load changed by `delta` stays within the band, or at least gets no further out. */
export function withinBand(state: TerritoryState, r: number, delta: number, band: number): boolean {
  const target = state.target(r);
  const load = state.load(r);
  if (target <= 0) return delta <= 0;
  const after = Math.abs((load + delta - target) / target);
  if (after <= band) return true;
  return after < Math.abs((load - target) / target);
}

function adjacent(state: TerritoryState, i: number, j: number): boolean {
  const { offsets, targets } = state.problem.graph;
  for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) if (targets[e] === j) return true;
  return false;
}
