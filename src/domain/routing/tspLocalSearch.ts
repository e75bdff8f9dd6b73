import type { ArrayTour } from './arrayTour.js';
import { offsetFrom, tryOrThreeOpt } from './orThreeOpt.js';

const ORIENTATIONS = [true, false] as const;

/**
 * 2-opt, Or-opt (moving a path of 1-3 cities, either way round, next to one of its endpoints'
 * candidate neighbours) and or-3opt (moving a path of any length, unreversed: orThreeOpt.ts)
 * driven by a queue of "dirty" cities, i.e. don't-look bits: a city is only examined again once
 * an edge next to it changed. Candidate new edges come from the candidate lists and are pruned by
 * the usual gain criterion, so a pass costs about O(n k^2) plus the reversals. The caller owns
 * the tour; `improve` returns the total change of tour length.
 */
export class TspLocalSearch {
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  private size = 0;

  constructor(
    private readonly tour: ArrayTour,
    private readonly distance: (i: number, j: number) => number,
    private readonly neighbours: { k: number; lists: Int32Array },
    /** Improvements smaller than this are ignored so floating-point noise cannot cycle. */
    private readonly epsilon: number,
    /** Also try or-3opt segment exchanges (orThreeOpt.ts); off only to measure what they add. */
    private readonly orThreeOpt = true,
  ) {
    this.queue = new Int32Array(tour.n);
    this.queued = new Uint8Array(tour.n);
  }

  private readonly pushCity = (city: number): void => this.push(city);

  /** Marks a city for (re)examination (clears its don't-look bit). */
  push(city: number): void {
    if (this.queued[city]) return;
    this.queued[city] = 1;
    const n = this.tour.n;
    let slot = this.head + this.size;
    if (slot >= n) slot -= n;
    this.queue[slot] = city;
    this.size++;
  }

  pushAll(): void {
    for (let p = 0; p < this.tour.n; p++) this.push(this.tour.order[p] as number);
  }

  /** Applies improving moves until no queued city yields one; returns the (negative) length change. */
  improve(): number {
    let total = 0;
    const n = this.tour.n;
    while (this.size > 0) {
      const city = this.queue[this.head] as number;
      this.head = this.head + 1 === n ? 0 : this.head + 1;
      this.size--;
      this.queued[city] = 0;
      const delta = this.improveCity(city);
      if (delta < 0) {
        total += delta;
        this.push(city);
      }
    }
    return total;
  }

  private improveCity(a: number): number {
    const delta = this.tryTwoOpt(a, true);
    if (delta < 0) return delta;
    const deltaBack = this.tryTwoOpt(a, false);
    if (deltaBack < 0) return deltaBack;
    for (let length = 1; length <= 3; length++) {
      const forward = this.tryOrOpt(a, length, true);
      if (forward < 0) return forward;
      if (length > 1) {
        const backward = this.tryOrOpt(a, length, false);
        if (backward < 0) return backward;
      }
    }
    if (this.orThreeOpt) {
      for (const forward of ORIENTATIONS) {
        const { tour, distance, neighbours, epsilon, pushCity } = this;
        const change = tryOrThreeOpt(tour, distance, neighbours, epsilon, a, forward, pushCity);
        if (change < 0) return change;
      }
    }
    return 0;
  }

  /** First improving 2-opt move replacing edge (a, step(a)) by (a, c) with c near a. */
  private tryTwoOpt(a: number, forward: boolean): number {
    const tour = this.tour;
    const d = this.distance;
    const { k, lists } = this.neighbours;
    const b = tour.step(a, forward);
    const dab = d(a, b);
    for (let t = 0; t < k; t++) {
      const c = lists[a * k + t] as number;
      const dac = d(a, c);
      if (dac >= dab - this.epsilon) break;
      const dd = tour.step(c, forward);
      if (c === b || dd === a) continue;
      const delta = dac + d(b, dd) - dab - d(c, dd);
      if (delta < -this.epsilon) {
        tour.twoOptMove(a, b, c, dd);
        this.push(b);
        this.push(c);
        this.push(dd);
        return delta;
      }
    }
    return 0;
  }

  /** First improving move of the path of `length` cities starting at `s1` (in direction `forward`). */
  private tryOrOpt(s1: number, length: number, forward: boolean): number {
    const tour = this.tour;
    const n = tour.n;
    if (n < length + 4) return 0;
    const d = this.distance;
    const { k, lists } = this.neighbours;
    let s2 = s1;
    for (let t = 1; t < length; t++) s2 = tour.step(s2, forward);
    const p = tour.step(s1, !forward);
    const nx = tour.step(s2, forward);
    const removeGain = d(p, s1) + d(s2, nx) - d(p, nx);
    if (removeGain <= this.epsilon) return 0;
    const ps1 = tour.pos[s1] as number;
    // Offsets from s1 in the walking direction of 0..length-1 lie inside the path.
    for (let end = 0; end < (length === 1 ? 1 : 2); end++) {
      const near = end === 0 ? s1 : s2; // the path end that becomes adjacent to x
      const far = end === 0 ? s2 : s1;
      for (let t = 0; t < k; t++) {
        const x = lists[near * k + t] as number;
        const gain = removeGain - d(near, x);
        if (gain <= this.epsilon) break;
        if (offsetFrom(tour, ps1, x, forward) < length) continue;
        for (let side = 0; side < 2; side++) {
          const xForwardNeighbour = side === 0;
          const y = tour.step(x, xForwardNeighbour === forward);
          if (offsetFrom(tour, ps1, y, forward) < length) continue;
          const delta = d(far, y) - d(x, y) - gain;
          if (delta < -this.epsilon) {
            // (c, e) must run in the walking direction: c before e.
            const c = xForwardNeighbour ? x : y;
            const e = xForwardNeighbour ? y : x;
            // linkCToFirst: c-s1 and s2-e.
            const linkCToFirst = near === (xForwardNeighbour ? s1 : s2) && s1 !== s2 ? true : false;
            tour.orMove(s1, s2, p, nx, c, e, linkCToFirst);
            this.push(p);
            this.push(nx);
            this.push(s1);
            this.push(s2);
            this.push(x);
            this.push(y);
            return delta;
          }
        }
      }
    }
    return 0;
  }
}
