import type { NeighbourGraph } from './neighbourGraph.js';
import { outAndBackMinutes, tripsPerCycle, type TravelSettings } from './workload.js';

/**
 * One pool's territory problem in index form: outlets 0..n-1 in projected km with fixed loads,
 * reps 0..k-1 with homes, capacities and working days. Built once by assignTerritories and shared
 * by every algorithm stage.
 */
export interface TerritoryProblem {
  n: number;
  k: number;
  xs: Float64Array;
  ys: Float64Array;
  /** Outlet load per cycle in minutes (service + travel share). */
  load: Float64Array;
  homeX: Float64Array;
  homeY: Float64Array;
  capacity: Float64Array;
  /** Working days per cycle of each rep (cycle days x capacity), for the out-and-back. */
  workingDays: Float64Array;
  /** Visits per cycle of each outlet: the out-and-back follows the days visits need. */
  visits: Float64Array;
  /** Most visits per cycle of any outlet of the pool. */
  maxVisits: number;
  /** Minutes of work per day of each rep, to estimate the days its load needs. */
  dayMinutes: Float64Array;
  travel: TravelSettings;
  /** 0..1: weight of the squared distance to the rep's home against the territory centre. */
  homeWeight: number;
  /** Rep index each outlet is locked to, or -1. */
  locked: Int32Array;
  /** Rep index of the previous plan, or -1 (new outlet, rep gone, or previous ignored). */
  previous: Int32Array;
  graph: NeighbourGraph;
  /** km^2 subtracted from an outlet's unit cost at its previous rep: a tie-breaker toward stability. */
  previousBonus: number;
}

/**
 * A mutable assignment of outlets to reps with everything local search needs in O(1): per-rep
 * loads and load-weighted centroid sums, member lists, the out-and-back overheads, and the count
 * of neighbour-graph edges between each pair of territories (which territories touch).
 */
export class TerritoryState {
  readonly repOf: Int32Array;
  readonly outletLoad: Float64Array;
  private readonly sumX: Float64Array;
  private readonly sumY: Float64Array;
  private readonly members: number[][];
  private readonly position: Int32Array;
  /** k x k counts of graph edges joining territory a to territory b. */
  readonly touching: Int32Array;
  /** The territories each territory touches (touching > 0), in no particular order. */
  private readonly adjacent: number[][];
  private readonly overheads: Float64Array;
  private readonly visitSum: Float64Array;
  private totalOverhead = 0;
  private readonly totalLoad: number;
  private readonly capacityTotal: number;

  constructor(
    readonly problem: TerritoryProblem,
    initial: Int32Array,
  ) {
    const { n, k } = problem;
    this.repOf = new Int32Array(n).fill(-1);
    this.outletLoad = new Float64Array(k);
    this.sumX = new Float64Array(k);
    this.sumY = new Float64Array(k);
    this.members = Array.from({ length: k }, () => []);
    this.position = new Int32Array(n).fill(-1);
    this.touching = new Int32Array(k * k);
    this.adjacent = Array.from({ length: k }, () => []);
    this.overheads = new Float64Array(k);
    this.visitSum = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < n; i++) total += problem.load[i] as number;
    this.totalLoad = total;
    let capacity = 0;
    for (let r = 0; r < k; r++) capacity += problem.capacity[r] as number;
    this.capacityTotal = capacity;
    for (let i = 0; i < n; i++) {
      const r = initial[i] as number;
      if (r < 0 || r >= k) throw new Error(`internal: outlet index ${i} has no initial rep (${r})`);
      this.attach(i, r);
    }
    const { offsets, targets } = problem.graph;
    for (let i = 0; i < n; i++) {
      const a = this.repOf[i] as number;
      for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
        const b = this.repOf[targets[e] as number] as number;
        if (a !== b) this.touching[a * k + b] = (this.touching[a * k + b] as number) + 1;
      }
    }
    for (let a = 0; a < k; a++) {
      const list = this.adjacent[a] as number[];
      for (let b = 0; b < k; b++) if ((this.touching[a * k + b] as number) > 0) list.push(b);
    }
    for (let r = 0; r < k; r++) this.refreshOverhead(r);
  }

  private attach(i: number, r: number): void {
    const w = this.problem.load[i] as number;
    this.repOf[i] = r;
    this.outletLoad[r] = (this.outletLoad[r] as number) + w;
    this.sumX[r] = (this.sumX[r] as number) + w * (this.problem.xs[i] as number);
    this.sumY[r] = (this.sumY[r] as number) + w * (this.problem.ys[i] as number);
    this.visitSum[r] = (this.visitSum[r] as number) + (this.problem.visits[i] as number);
    const list = this.members[r] as number[];
    this.position[i] = list.length;
    list.push(i);
  }

  private detach(i: number, r: number): void {
    const w = this.problem.load[i] as number;
    this.outletLoad[r] = (this.outletLoad[r] as number) - w;
    this.sumX[r] = (this.sumX[r] as number) - w * (this.problem.xs[i] as number);
    this.sumY[r] = (this.sumY[r] as number) - w * (this.problem.ys[i] as number);
    this.visitSum[r] = (this.visitSum[r] as number) - (this.problem.visits[i] as number);
    const list = this.members[r] as number[];
    const at = this.position[i] as number;
    const last = list.pop() as number;
    if (last !== i) {
      list[at] = last;
      this.position[last] = at;
    }
    this.position[i] = -1;
    if (list.length === 0) {
      // Avoid floating residue making an empty territory look loaded.
      this.outletLoad[r] = 0;
      this.sumX[r] = 0;
      this.sumY[r] = 0;
      this.visitSum[r] = 0;
    }
  }

  private refreshOverhead(r: number): void {
    const p = this.problem;
    const old = this.overheads[r] as number;
    let next = 0;
    if ((this.members[r] as number[]).length > 0) {
      const dx = this.centreX(r) - (p.homeX[r] as number);
      const dy = this.centreY(r) - (p.homeY[r] as number);
      const trips = tripsPerCycle(
        p.workingDays[r] as number,
        this.outletLoad[r] as number,
        this.visitSum[r] as number,
        p.maxVisits,
        p.dayMinutes[r] as number,
      );
      next = outAndBackMinutes(Math.sqrt(dx * dx + dy * dy), trips, p.travel);
    }
    this.overheads[r] = next;
    this.totalOverhead += next - old;
  }

  /** Moves outlet i to rep s, keeping every aggregate consistent. */
  move(i: number, s: number): void {
    const r = this.repOf[i] as number;
    if (r === s) return;
    const { offsets, targets } = this.problem.graph;
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const b = this.repOf[targets[e] as number] as number;
      // Edge i-j leaves the (r, b) pair and joins the (s, b) pair, in both directions.
      if (b !== r) this.addEdges(r, b, -1);
      if (b !== s) this.addEdges(s, b, 1);
    }
    this.detach(i, r);
    this.attach(i, s);
    this.refreshOverhead(r);
    this.refreshOverhead(s);
  }

  /** Adds `delta` edges between territories a and b (both directions), keeping `adjacent` in step. */
  private addEdges(a: number, b: number, delta: number): void {
    const { k } = this.problem;
    const before = this.touching[a * k + b] as number;
    const after = before + delta;
    this.touching[a * k + b] = after;
    this.touching[b * k + a] = after;
    if (before === 0 && after > 0) {
      (this.adjacent[a] as number[]).push(b);
      (this.adjacent[b] as number[]).push(a);
    } else if (before > 0 && after === 0) {
      removeValue(this.adjacent[a] as number[], b);
      removeValue(this.adjacent[b] as number[], a);
    }
  }

  /** Outlets of rep r (live array: do not modify; copy before moving outlets while iterating). */
  membersOf(r: number): readonly number[] {
    return this.members[r] as number[];
  }

  /** Load-weighted centre x of rep r's territory (its home when empty). */
  centreX(r: number): number {
    const w = this.outletLoad[r] as number;
    return w > 0 ? (this.sumX[r] as number) / w : (this.problem.homeX[r] as number);
  }

  /** Load-weighted centre y of rep r's territory (its home when empty). */
  centreY(r: number): number {
    const w = this.outletLoad[r] as number;
    return w > 0 ? (this.sumY[r] as number) / w : (this.problem.homeY[r] as number);
  }

  /** Rep r's load: its outlets' loads plus its out-and-back. */
  load(r: number): number {
    return (this.outletLoad[r] as number) + (this.overheads[r] as number);
  }

  /** Rep r's out-and-back minutes. */
  overhead(r: number): number {
    return this.overheads[r] as number;
  }

  /** Rep r's target: the pool's total load shared in proportion to capacity. */
  target(r: number): number {
    if (this.capacityTotal <= 0) return 0;
    return (
      ((this.problem.capacity[r] as number) / this.capacityTotal) * (this.totalLoad + this.totalOverhead)
    );
  }

  /**
   * Relative deviation of rep r's load from its target (0 = on target). A rep with a zero target
   * (capacity 0) measures its load against an average rep's target instead, so the figure stays
   * finite and shrinks as its outlets move away.
   */
  deviation(r: number): number {
    const t = this.target(r);
    const l = this.load(r);
    if (t <= 0) {
      const average = (this.totalLoad + this.totalOverhead) / Math.max(1, this.problem.k);
      return l > 0 ? l / Math.max(average, 1e-9) : 0;
    }
    return (l - t) / t;
  }

  /** Largest absolute relative deviation over reps. */
  maxDeviation(): number {
    let worst = 0;
    for (let r = 0; r < this.problem.k; r++) worst = Math.max(worst, Math.abs(this.deviation(r)));
    return worst;
  }

  /**
   * Cost per unit load of outlet i served by rep r: the (1 - homeWeight) squared distance to the
   * territory's centre plus homeWeight x squared distance to the rep's home, minus the stability
   * bonus when r was the outlet's previous rep.
   */
  unitCost(i: number, r: number): number {
    const p = this.problem;
    const x = p.xs[i] as number;
    const y = p.ys[i] as number;
    const dx = x - this.centreX(r);
    const dy = y - this.centreY(r);
    let cost = (1 - p.homeWeight) * (dx * dx + dy * dy);
    if (p.homeWeight > 0) {
      const hx = x - (p.homeX[r] as number);
      const hy = y - (p.homeY[r] as number);
      cost += p.homeWeight * (hx * hx + hy * hy);
    }
    if (p.previous[i] === r) cost -= p.previousBonus;
    return cost;
  }

  /** Number of graph neighbours of outlet i served by rep r. */
  neighboursIn(i: number, r: number): number {
    const { offsets, targets } = this.problem.graph;
    let count = 0;
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      if (this.repOf[targets[e] as number] === r) count++;
    }
    return count;
  }

  /**
   * The other reps whose territories outlet i borders (reps of its graph neighbours, without its
   * own), written into `into` (cleared first, so a search loop can reuse one array) and returned.
   */
  otherRepsAround(i: number, into: number[]): number[] {
    const { offsets, targets } = this.problem.graph;
    const own = this.repOf[i] as number;
    into.length = 0;
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const r = this.repOf[targets[e] as number] as number;
      if (r !== own && !into.includes(r)) into.push(r);
    }
    return into;
  }

  /**
   * The territories that share a neighbour-graph edge with territory a, in ascending rep order
   * (a fresh array): O(degree) instead of testing touches(a, b) for every rep b.
   */
  touchingReps(a: number): number[] {
    return [...(this.adjacent[a] as number[])].sort((p, q) => p - q);
  }

  /** Whether territories a and b share at least one neighbour-graph edge. */
  touches(a: number, b: number): boolean {
    return (this.touching[a * this.problem.k + b] as number) > 0;
  }
}

/** Removes one occurrence of `value` from a small unordered list (swap with the last). */
function removeValue(list: number[], value: number): void {
  const at = list.indexOf(value);
  if (at < 0) return;
  list[at] = list[list.length - 1] as number;
  list.pop();
}
