import { solveTsp } from '../routing/solveTsp.js';
import type { TerritoryState } from './territoryState.js';

/** Home of rep r in a tour: encoded as -(r + 1), outlets as their index. */
const homeNode = (r: number): number => -(r + 1);

/**
 * One master tour per territory (the template routes of the consistent-VRP literature): a
 * closed tour from the rep's home through every outlet of the territory, in projected km. A day
 * route visits a subset of its territory in roughly the master tour's order, so what an outlet
 * adds to its master tour (its detour) estimates what it adds to the days it is visited on. Tours
 * start from solveTsp at effort 0 (greedy edges and local search, no kicks); removals splice an
 * outlet out and insertions put it where it adds least, without re-optimising the rest.
 */
export class MasterTours {
  private readonly tours: number[][];

  constructor(private readonly state: TerritoryState) {
    const { k } = state.problem;
    this.tours = Array.from({ length: k }, (_, r) => this.build(r));
  }

  /** Straight-line km between two tour nodes. */
  distance(a: number, b: number): number {
    const { xs, ys, homeX, homeY } = this.state.problem;
    const dx =
      (a >= 0 ? (xs[a] as number) : (homeX[-a - 1] as number)) -
      (b >= 0 ? (xs[b] as number) : (homeX[-b - 1] as number));
    const dy =
      (a >= 0 ? (ys[a] as number) : (homeY[-a - 1] as number)) -
      (b >= 0 ? (ys[b] as number) : (homeY[-b - 1] as number));
    // Math.hypot is several times slower, and this is the inner loop of every insertion.
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Rep r's tour: its home first, then its outlets in tour order. */
  tour(r: number): readonly number[] {
    return this.tours[r] as number[];
  }

  /** Length of rep r's tour, km. */
  length(r: number): number {
    const tour = this.tour(r);
    let sum = 0;
    for (let p = 0; p < tour.length; p++)
      sum += this.distance(tour[p] as number, tour[(p + 1) % tour.length] as number);
    return sum;
  }

  /** km saved by splicing outlet i out of its rep's tour. */
  removalSaving(i: number): number {
    const tour = this.tour(this.state.repOf[i] as number);
    const p = tour.indexOf(i);
    if (p < 0) throw new Error(`internal: outlet ${i} is not on its rep's master tour`);
    const before = tour[(p - 1 + tour.length) % tour.length] as number;
    const after = tour[(p + 1) % tour.length] as number;
    return this.distance(before, i) + this.distance(i, after) - this.distance(before, after);
  }

  /** Least km outlet i adds to rep r's tour, and the position it goes in. */
  cheapestInsertion(i: number, r: number): { cost: number; at: number } {
    const tour = this.tour(r);
    let cost = Infinity;
    let at = 1;
    for (let p = 0; p < tour.length; p++) {
      const u = tour[p] as number;
      const v = tour[(p + 1) % tour.length] as number;
      if (u === i || v === i) continue;
      const added = this.distance(u, i) + this.distance(i, v) - this.distance(u, v);
      if (added < cost) {
        cost = added;
        at = p + 1;
      }
    }
    return { cost, at };
  }

  /** Moves outlet i from its rep's tour into rep r's, where it adds least; then updates the state. */
  move(i: number, r: number): void {
    const from = this.tours[this.state.repOf[i] as number] as number[];
    from.splice(from.indexOf(i), 1);
    const { at } = this.cheapestInsertion(i, r);
    (this.tours[r] as number[]).splice(at, 0, i);
    this.state.move(i, r);
  }

  /** A copy of rep r's tour, to undo a tentative move with restore(). */
  snapshot(r: number): number[] {
    return [...this.tour(r)];
  }

  /** Puts back a tour taken by snapshot(); the caller puts the state back too. */
  restore(r: number, tour: readonly number[]): void {
    this.tours[r] = [...tour];
  }

  private build(r: number): number[] {
    const nodes = [homeNode(r), ...this.state.membersOf(r)];
    if (nodes.length <= 3) return nodes;
    const { tour } = solveTsp(nodes.length, (a, b) => this.distance(nodes[a] as number, nodes[b] as number), {
      seed: r + 1,
      effort: 0,
    });
    return tour.map((index) => nodes[index] as number);
  }
}
