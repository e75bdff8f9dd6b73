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
 * CANDIDATE_REPS nearest reps are considered per outlet, so a 50,000 x 400 pool costs
 * O(n x 10) per iteration instead of a dense LP. Locked outlets keep their rep and count toward
 * its load. Returns the rep index of every outlet.
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
  const bestR = new Int32Array(c);
  const bestC = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    const lockedRep = locked[i] as number;
    if (lockedRep >= 0) {
      assignment[i] = lockedRep;
      fixedLoad[lockedRep] = (fixedLoad[lockedRep] as number) + (load[i] as number);
      continue;
    }
    free.push(i);
    bestR.fill(-1);
    bestC.fill(Infinity);
    for (let r = 0; r < k; r++) {
      const cost = unitCostAt(problem, i, r, centresX[r] as number, centresY[r] as number);
      if (cost >= (bestC[c - 1] as number)) continue;
      let pos = c - 1;
      while (pos > 0 && (bestC[pos - 1] as number) > cost) {
        bestC[pos] = bestC[pos - 1] as number;
        bestR[pos] = bestR[pos - 1] as number;
        pos--;
      }
      bestC[pos] = cost;
      bestR[pos] = r;
    }
    candidates.set(bestR, i * c);
    candidateCost.set(bestC, i * c);
    scaleSum += (load[i] as number) * Math.max(bestC[0] as number, 0);
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
    const nearest = free
      .map((i) => ({ i, d: ((xs[i] as number) - cx) ** 2 + ((ys[i] as number) - cy) ** 2 }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, COVERAGE_OUTLETS);
    for (const { i } of nearest) {
      candidates[i * c + c - 1] = r;
      candidateCost[i * c + c - 1] = unitCostAt(problem, i, r, cx, cy);
    }
  }
}
