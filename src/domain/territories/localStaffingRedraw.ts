import { repairBalance } from './balanceRepair.js';
import { improveBoundaries } from './boundaryLocalSearch.js';
import { cleanUpContiguity } from './contiguityCleanup.js';
import { nearestNeighbours, type NeighbourGraph } from './neighbourGraph.js';
import { TerritoryState, type TerritoryProblem } from './territoryState.js';

/** Neighbours per outlet in the sub-problem's contiguity graph (as in assignTerritories). */
const SUB_GRAPH_NEIGHBOURS = 6;
/** Outlets nearest a new or moved rep's home whose territories count as touched by it. */
const HOME_PROBE_OUTLETS = 3;

/** The staffing events of one pool, in rep and outlet indices of its TerritoryProblem. */
export interface StaffingEvents {
  /** Reps with no outlet of the previous plan in the pool (new reps, or reps new to the pool). */
  added: number[];
  /** Reps whose capacity or home changed beyond the thresholds. */
  changed: number[];
  /** Outlets whose previous rep left the pool (by the departed rep's id). */
  orphans: Map<string, number[]>;
}

export interface LocalRedrawOptions {
  tolerance: number;
  seed: number;
  /**
   * Draws a sub-problem from scratch (assignTerritories' weighted k-means + Lloyd rounds of the
   * price-based assignment; reps with previous outlets start at their previous centres).
   */
  draw: (problem: TerritoryProblem, tolerance: number, seed: number) => Int32Array;
}

export interface LocalRedrawResult {
  assignment: Int32Array;
  /** Rep indices whose territories were redrawn, ascending. */
  touched: number[];
  /** Touched rep indices per event: added / changed rep index, or departed rep id. */
  touchedBy: Map<number | string, number[]>;
}

/**
 * Redraws only the territories a staffing change touches. `base` is the rebuild start (every
 * known outlet with its previous rep, orphans and new outlets placed next to where they are, a
 * new rep seeded near its home). Touched: two rings of territories around the event. For a
 * departed rep, the territories around its former outlets (the reps of their neighbours in the
 * outlet graph, who took them in `base`) and every territory touching those; for an added rep or
 * a rep whose capacity or home changed, its own territory and those of the outlets nearest its
 * home, their touching territories and the territories touching those (one ring fewer left the
 * overlap 0.9 points above a fresh draw on city-10000x80 and 6 points on the sample, two rings
 * 0.3 points; bench:territories). The outlets of the touched territories
 * are then drawn afresh among the touched reps with the fresh-draw machinery (weighted k-means,
 * Lloyd rounds of the capacitated assignment, tight balance repair, boundary local search,
 * contiguity clean-up); every other outlet stays with its rep. The caller repairs the pool's
 * balance afterwards. Pure and deterministic.
 */
export function localStaffingRedraw(
  problem: TerritoryProblem,
  base: Int32Array,
  events: StaffingEvents,
  options: LocalRedrawOptions,
): LocalRedrawResult {
  const { n, xs, ys, graph } = problem;
  const state = new TerritoryState(problem, base);
  const touchedBy = new Map<number | string, number[]>();
  const ringOf = (core: Set<number>): number[] => {
    const out = new Set(core);
    for (const a of core) for (const b of state.touchingReps(a)) out.add(b);
    return [...out].sort((x, y) => x - y);
  };
  for (const [repId, list] of [...events.orphans].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const orphan = new Uint8Array(n);
    for (const i of list) orphan[i] = 1;
    const around = new Set<number>();
    for (const i of list) {
      around.add(base[i] as number);
      for (let e = graph.offsets[i] as number; e < (graph.offsets[i + 1] as number); e++) {
        const j = graph.targets[e] as number;
        if (!orphan[j]) around.add(base[j] as number);
      }
    }
    // `around` is the departed territory's first ring; their neighbours are the second.
    touchedBy.set(repId, ringOf(around));
  }
  for (const r of [...events.added, ...events.changed].sort((a, b) => a - b)) {
    const core = new Set<number>([r]);
    for (const i of nearestOutlets(
      xs,
      ys,
      problem.homeX[r] as number,
      problem.homeY[r] as number,
      HOME_PROBE_OUTLETS,
    ))
      core.add(base[i] as number);
    // The territories at the rep's home, their neighbours and the neighbours of those.
    touchedBy.set(r, ringOf(new Set(ringOf(core))));
  }
  const touchedSet = new Set<number>();
  for (const list of touchedBy.values()) for (const r of list) touchedSet.add(r);
  const touched = [...touchedSet].sort((a, b) => a - b);
  if (touched.length < 2) return { assignment: base, touched, touchedBy };

  const sub = subProblem(problem, base, touched);
  let assignment = options.draw(sub.problem, options.tolerance, options.seed);
  const subState = new TerritoryState(sub.problem, assignment);
  const knn = nearestNeighbours(sub.problem.xs, sub.problem.ys, SUB_GRAPH_NEIGHBOURS);
  repairBalance(subState, { tolerance: options.tolerance * 0.5, style: 'tight' });
  improveBoundaries(subState, { band: options.tolerance * 0.8, seed: options.seed + 1 });
  repairBalance(subState, { tolerance: options.tolerance * 0.9, style: 'tight' });
  cleanUpContiguity(subState, knn, { band: options.tolerance * 0.9 });
  repairBalance(subState, { tolerance: options.tolerance * 0.95, style: 'tight' });
  assignment = Int32Array.from(base);
  sub.outlets.forEach((i, s) => {
    assignment[i] = touched[subState.repOf[s] as number] as number;
  });
  return { assignment, touched, touchedBy };
}

/** The `count` outlets nearest (x, y), nearest first (ties by index). */
function nearestOutlets(xs: Float64Array, ys: Float64Array, x: number, y: number, count: number): number[] {
  const best: Array<{ i: number; d: number }> = [];
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - x;
    const dy = (ys[i] as number) - y;
    const d = dx * dx + dy * dy;
    if (best.length === count && d >= (best[count - 1] as { d: number }).d) continue;
    best.push({ i, d });
    best.sort((a, b) => a.d - b.d || a.i - b.i);
    if (best.length > count) best.pop();
  }
  return best.map((b) => b.i);
}

/**
 * The touched territories as a problem of their own: their outlets (in pool order), their reps
 * (in `touched` order), the neighbour graph restricted to those outlets; locks and previous reps
 * mapped to sub indices (a previous rep outside the touched set counts as none).
 */
function subProblem(
  problem: TerritoryProblem,
  base: Int32Array,
  touched: readonly number[],
): { problem: TerritoryProblem; outlets: number[] } {
  const subRep = new Int32Array(problem.k).fill(-1);
  touched.forEach((r, s) => {
    subRep[r] = s;
  });
  const outlets: number[] = [];
  const subIndex = new Int32Array(problem.n).fill(-1);
  for (let i = 0; i < problem.n; i++) {
    if ((subRep[base[i] as number] as number) < 0) continue;
    subIndex[i] = outlets.length;
    outlets.push(i);
  }
  const pickO = (a: Float64Array): Float64Array => Float64Array.from(outlets, (i) => a[i] as number);
  const pickR = (a: Float64Array): Float64Array => Float64Array.from(touched, (r) => a[r] as number);
  const mapRep = (r: number): number => (r >= 0 ? (subRep[r] as number) : -1);
  const visits = pickO(problem.visits);
  let maxVisits = 0;
  for (const v of visits) maxVisits = Math.max(maxVisits, v);
  return {
    outlets,
    problem: {
      n: outlets.length,
      k: touched.length,
      xs: pickO(problem.xs),
      ys: pickO(problem.ys),
      load: pickO(problem.load),
      homeX: pickR(problem.homeX),
      homeY: pickR(problem.homeY),
      capacity: pickR(problem.capacity),
      workingDays: pickR(problem.workingDays),
      visits,
      maxVisits,
      dayMinutes: pickR(problem.dayMinutes),
      travel: problem.travel,
      homeWeight: problem.homeWeight,
      locked: Int32Array.from(outlets, (i) => mapRep(problem.locked[i] as number)),
      previous: Int32Array.from(outlets, (i) => mapRep(problem.previous[i] as number)),
      graph: inducedGraph(problem.graph, outlets, subIndex),
      previousBonus: 0,
    },
  };
}

function inducedGraph(
  graph: NeighbourGraph,
  outlets: readonly number[],
  subIndex: Int32Array,
): NeighbourGraph {
  const offsets = new Int32Array(outlets.length + 1);
  const targets: number[] = [];
  outlets.forEach((i, s) => {
    for (let e = graph.offsets[i] as number; e < (graph.offsets[i + 1] as number); e++) {
      const j = subIndex[graph.targets[e] as number] as number;
      if (j >= 0) targets.push(j);
    }
    offsets[s + 1] = targets.length;
  });
  return { offsets, targets: Int32Array.from(targets) };
}
