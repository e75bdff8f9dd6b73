import { createRandom } from '../random.js';
import { withinBand } from './boundaryLocalSearch.js';
import { MasterTours } from './masterTours.js';
import type { TerritoryState } from './territoryState.js';

export interface RouteAwareBoundariesOptions {
  /** Relative deviation from target every rep must stay within (or not get further from). */
  band: number;
  seed: number;
  /** Passes over the border outlets (default 6); a pass that changes < 0.1% of outlets ends it. */
  maxPasses?: number;
}

export interface RouteAwareBoundariesResult {
  moves: number;
  swaps: number;
  passes: number;
  /** Sum over reps of master-tour km before and after. */
  kmBefore: number;
  kmAfter: number;
}

/**
 * Weight of a neighbour-graph edge that a move cuts, in mean master-tour edges: the route
 * estimate alone would let a territory reach through its neighbour's to pick up an outlet on
 * the neighbour's tour, which the contiguity clean-up would then undo.
 */
const CUT_EDGE_WEIGHT = 0.25;

/**
 * Moves border outlets between touching territories where that shortens the routes, priced on
 * each territory's master tour (MasterTours): moving outlet i from rep a to rep b costs
 * visits(i) x (what i adds to b's tour - what it adds to a's), plus a small charge per neighbour
 * edge the move cuts. Passes over border outlets in a seeded order apply the best improving move
 * whose two reps stay inside the balance band, otherwise the best improving swap with a
 * neighbouring outlet of that territory. Locked outlets never move. A heuristic local search:
 * it stops at a local optimum of the estimate, deterministic for the seed.
 */
export function improveRouteBoundaries(
  state: TerritoryState,
  options: RouteAwareBoundariesOptions,
): RouteAwareBoundariesResult {
  const { n, k, load, locked, visits } = state.problem;
  const tours = new MasterTours(state);
  const weightedKm = (): number => {
    let sum = 0;
    for (let r = 0; r < k; r++) sum += tours.length(r);
    return sum;
  };
  const kmBefore = weightedKm();
  const edgeKm = kmBefore / Math.max(1, n + k);
  const cutCost = CUT_EDGE_WEIGHT * edgeKm;
  const epsilon = 1e-9 * Math.max(1, edgeKm);
  const order = createRandom(options.seed).shuffle(Array.from({ length: n }, (_, i) => i));
  const maxPasses = options.maxPasses ?? 6;
  const moveCost = (i: number, b: number): number => {
    const a = state.repOf[i] as number;
    const route = tours.cheapestInsertion(i, b).cost - tours.removalSaving(i);
    const cut = state.neighboursIn(i, a) - state.neighboursIn(i, b);
    return (visits[i] as number) * (route + cutCost * cut);
  };
  let moves = 0;
  let swaps = 0;
  let passes = 0;
  const reps: number[] = [];
  for (; passes < maxPasses; passes++) {
    let changed = 0;
    for (const i of order) {
      if ((locked[i] as number) >= 0) continue;
      const a = state.repOf[i] as number;
      if (state.otherRepsAround(i, reps).length === 0) continue;
      const wi = load[i] as number;
      let bestMove = -1;
      let bestMoveCost = -epsilon;
      for (const b of reps) {
        if (!withinBand(state, a, -wi, options.band) || !withinBand(state, b, wi, options.band)) continue;
        const cost = moveCost(i, b);
        if (cost < bestMoveCost) {
          bestMoveCost = cost;
          bestMove = b;
        }
      }
      if (bestMove >= 0) {
        tours.move(i, bestMove);
        moves++;
        changed++;
        continue;
      }
      if (trySwap(state, tours, i, reps, options.band, moveCost, epsilon)) {
        swaps++;
        changed += 2;
      }
    }
    if (changed < Math.max(1, n * 0.001)) {
      passes++;
      break;
    }
  }
  return { moves, swaps, passes, kmBefore, kmAfter: weightedKm() };
}

/**
 * The best improving swap of outlet i with a graph neighbour j in one of `reps` that also
 * borders i's territory, priced exactly on the tours (i's move is applied before j's is priced,
 * and undone when no swap pays). Returns whether a swap was made.
 */
function trySwap(
  state: TerritoryState,
  tours: MasterTours,
  i: number,
  reps: readonly number[],
  band: number,
  moveCost: (i: number, b: number) => number,
  epsilon: number,
): boolean {
  const { load, locked, graph } = state.problem;
  const a = state.repOf[i] as number;
  const wi = load[i] as number;
  for (const b of reps) {
    const candidates: number[] = [];
    for (let e = graph.offsets[i] as number; e < (graph.offsets[i + 1] as number); e++) {
      const j = graph.targets[e] as number;
      if (state.repOf[j] !== b || (locked[j] as number) >= 0) continue;
      const wj = load[j] as number;
      if (!withinBand(state, a, wj - wi, band) || !withinBand(state, b, wi - wj, band)) continue;
      candidates.push(j);
    }
    if (candidates.length === 0) continue;
    const saved = [tours.snapshot(a), tours.snapshot(b)] as const;
    const first = moveCost(i, b);
    tours.move(i, b);
    let bestJ = -1;
    let bestCost = -epsilon;
    for (const j of candidates) {
      const total = first + moveCost(j, a);
      if (total < bestCost) {
        bestCost = total;
        bestJ = j;
      }
    }
    if (bestJ >= 0) {
      tours.move(bestJ, a);
      return true;
    }
    tours.restore(a, saved[0]);
    tours.restore(b, saved[1]);
    state.move(i, a);
  }
  return false;
}
