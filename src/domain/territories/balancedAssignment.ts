import { CentreGrid, CheapestList, cheapestNear } from './centreGrid.js';
import type { TerritoryProblem } from './territoryState.js';

/** Candidate reps per outlet in the price assignment: only the nearest centres can be optimal. */
export const CANDIDATE_REPS = 10;

export interface BalancedAssignmentInput {
  problem: TerritoryProblem;
  /** Current territory centres, per rep (km). */
  centresX: Float64Array;
  centresY: Float64Array;
  /** Outlet load each rep should receive (its target minus its out-and-back), minutes. */
  outletTargets: Float64Array;
  /** Relative tolerance at which the price iteration may stop early. */
  tolerance: number;
  /** Prices per unit load from the previous round (warm start); updated in place. */
  prices: Float64Array;
  maxIterations?: number;
}

/**
 * Capacitated assignment of outlets to territory centres by Lagrangian prices, i.e. a dual
 * (auction-like) solve of the transportation problem "minimise sum load_i x unitCost(i, r)
 * subject to each rep receiving its outlet-load target". Each outlet takes the rep minimising
 * unit cost + price(rep); prices of over-full reps rise and of under-full reps fall with per-rep
 * adaptive steps (grow while the sign holds, halve when it flips) until every rep is within
 * tolerance or the iteration budget ends. At the optimum prices this is exactly the LP optimum
 * up to the few outlets on price ties, which the exact balance repair then settles. Only the
 * CANDIDATE_REPS reps of least unit cost are considered per outlet, found by an exact grid search
 * over the centres (candidateFinder), so listing them costs about O(n x 10) instead of O(n x k),
 * and each price iteration O(n x 10) instead of a dense LP. Every outlet always gets one of its
 * candidates and every rep is some outlets' candidate (coverEveryRep), so no outlet is left out
 * whatever the candidate count; the balance the prices do not reach is the repair's job, which
 * moves outlets between touching territories, not between candidates. Locked outlets keep their
 * rep and count toward its load. Returns the rep index of every outlet.
 */
export function balancedAssignment(input: BalancedAssignmentInput): Int32Array {
  const { problem, centresX, centresY, outletTargets, tolerance, prices } = input;
  const { n, k, load, locked } = problem;
  const c = Math.min(CANDIDATE_REPS, k);
  const candidates = new Int32Array(n * c);
  const candidateCost = new Float64Array(n * c);
  const free: number[] = [];
  const fixedLoad = new Float64Array(k);
  const assignment = new Int32Array(n).fill(-1);

  let scaleSum = 0;
  let scaleWeight = 0;
  const nearest = candidateFinder(problem, centresX, centresY, c);
  for (let i = 0; i < n; i++) {
    const lockedRep = locked[i] as number;
    if (lockedRep >= 0) {
      assignment[i] = lockedRep;
      fixedLoad[lockedRep] = (fixedLoad[lockedRep] as number) + (load[i] as number);
      continue;
    }
    free.push(i);
    const best = nearest(i);
    candidates.set(best.index, i * c);
    candidateCost.set(best.cost, i * c);
    scaleSum += (load[i] as number) * Math.max(best.cost[0] as number, 0);
    scaleWeight += load[i] as number;
  }
  const scale = scaleWeight > 0 && scaleSum > 0 ? scaleSum / scaleWeight : 1;
  coverEveryRep(input, free, candidates, candidateCost, c);

  const loads = new Float64Array(k);
  const step = new Float64Array(k).fill(0.25 * scale);
  const lastSign = new Int8Array(k);
  const maxIterations = input.maxIterations ?? 300;
  let bestWorst = Infinity;
  let lastProgress = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    loads.set(fixedLoad);
    for (const i of free) {
      let best = -1;
      let bestValue = Infinity;
      for (let a = 0; a < c; a++) {
        const r = candidates[i * c + a] as number;
        if (r < 0) break;
        const value = (candidateCost[i * c + a] as number) + (prices[r] as number);
        if (value < bestValue) {
          bestValue = value;
          best = r;
        }
      }
      assignment[i] = best;
      loads[best] = (loads[best] as number) + (load[i] as number);
    }
    let worst = 0;
    for (let r = 0; r < k; r++) {
      const t = outletTargets[r] as number;
      const dev = t > 0 ? ((loads[r] as number) - t) / t : (loads[r] as number) > 0 ? 1 : 0;
      worst = Math.max(worst, Math.abs(dev));
      if (Math.abs(dev) <= tolerance / 2) continue;
      const sign = dev > 0 ? 1 : -1;
      if (lastSign[r] === -sign) step[r] = (step[r] as number) * 0.5;
      else if (lastSign[r] === sign) step[r] = Math.min((step[r] as number) * 1.3, 4 * scale);
      lastSign[r] = sign;
      prices[r] = (prices[r] as number) + sign * (step[r] as number) * Math.min(1, Math.abs(dev) / tolerance);
    }
    if (worst <= tolerance) break;
    // Stalled (granularity, or a rep boxed in): stop and leave the rest to the exact repair.
    if (worst < bestWorst * 0.99) {
      bestWorst = worst;
      lastProgress = iteration;
    } else if (iteration - lastProgress >= STALL_ITERATIONS) {
      break;
    }
  }
  return assignment;
}

/** Unit cost of outlet i at a centre (cx, cy) of rep r; the same formula as TerritoryState.unitCost. */
function unitCostAt(problem: TerritoryProblem, i: number, r: number, cx: number, cy: number): number {
  const x = problem.xs[i] as number;
  const y = problem.ys[i] as number;
  let cost = (1 - problem.homeWeight) * ((x - cx) ** 2 + (y - cy) ** 2);
  if (problem.homeWeight > 0) {
    cost +=
      problem.homeWeight *
      ((x - (problem.homeX[r] as number)) ** 2 + (y - (problem.homeY[r] as number)) ** 2);
  }
  if (problem.previous[i] === r) cost -= problem.previousBonus;
  return cost;
}

/** Below this many reps a plain scan finds the candidates as fast as the grid. */
const GRID_MIN_REPS = 32;

/**
 * The `c` reps of least unit cost for an outlet, ties to the lower rep index (the candidates of
 * the price iteration). Below `scanBelow` reps (default GRID_MIN_REPS) every rep is priced; from
 * there on an exact grid search (centreGrid.ts) over each rep's cost point: (1 - h) x
 * |x - centre|^2 + h x |x - home|^2 equals |x - p|^2 + h(1 - h)|centre - home|^2 with
 * p = (1 - h) centre + h home, so the unit cost is at least the squared distance to p minus the
 * previous-rep bonus, which is the bound the grid search needs. Both ways return the same
 * candidates; the grid makes a query about O(c) instead of O(k) for evenly spread centres. The
 * returned list is reused by the next call.
 */
export function candidateFinder(
  problem: TerritoryProblem,
  centresX: Float64Array,
  centresY: Float64Array,
  c: number,
  scanBelow = GRID_MIN_REPS,
): (i: number) => CheapestList {
  const { k, homeWeight, homeX, homeY } = problem;
  const list = new CheapestList(c);
  let outlet = 0;
  const cost = (r: number): number =>
    unitCostAt(problem, outlet, r, centresX[r] as number, centresY[r] as number);
  if (k < scanBelow) {
    return (i) => {
      list.clear();
      outlet = i;
      for (let r = 0; r < k; r++) list.offer(r, cost(r));
      return list;
    };
  }
  const px = new Float64Array(k);
  const py = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    px[r] = (1 - homeWeight) * (centresX[r] as number) + homeWeight * (homeX[r] as number);
    py[r] = (1 - homeWeight) * (centresY[r] as number) + homeWeight * (homeY[r] as number);
  }
  const grid = new CentreGrid(px, py);
  const discount = Math.max(0, problem.previousBonus);
  return (i) => {
    outlet = i;
    return cheapestNear(grid, problem.xs[i] as number, problem.ys[i] as number, list, cost, discount);
  };
}

/** Price iterations without a 1% improvement of the worst deviation after which the solve stops. */
const STALL_ITERATIONS = 40;
/** Outlets nearest a rep's centre that always list it as a candidate. */
const COVERAGE_OUTLETS = 20;

/**
 * A rep whose centre no outlet lists among its nearest candidates could never gain load however
 * low its price; list it (in place of the last candidate) for the outlets nearest its centre.
 */
function coverEveryRep(
  input: BalancedAssignmentInput,
  free: readonly number[],
  candidates: Int32Array,
  candidateCost: Float64Array,
  c: number,
): void {
  const { problem, centresX, centresY } = input;
  const { k, xs, ys } = problem;
  const listed = new Uint8Array(k);
  for (const r of candidates) if (r >= 0) listed[r] = 1;
  for (let r = 0; r < k; r++) {
    if (listed[r] || free.length === 0) continue;
    const cx = centresX[r] as number;
    const cy = centresY[r] as number;
    const nearest = new CheapestList(Math.min(COVERAGE_OUTLETS, free.length));
    for (const i of free) nearest.offer(i, ((xs[i] as number) - cx) ** 2 + ((ys[i] as number) - cy) ** 2);
    for (const i of nearest.index) {
      candidates[i * c + c - 1] = r;
      candidateCost[i * c + c - 1] = unitCostAt(problem, i, r, cx, cy);
    }
  }
}
