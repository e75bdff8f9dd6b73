import type { TravelMatrix } from '../routing/travelModel.js';

/** Where inserting a node into a route is cheapest, and what it costs (travel minutes). */
export interface Insertion {
  cost: number;
  /** Index in the route before which the node goes (route.length = at the end). */
  position: number;
}

/**
 * Estimated day routes used while choosing visit days: for every slot a closed tour from the
 * rep's base (matrix index 0) through the slot's stops (matrix indexes >= 1), kept short by
 * cheapest insertion, removal splicing and a periodic 2-opt/or-opt polish. It only has to rank
 * alternatives; the final routes with times are sequenced afterwards.
 */
export class SlotRoutes {
  readonly routes: number[][];
  /** Travel minutes of each slot's closed tour. */
  readonly travel: Float64Array;
  /**
   * 1 when the slot's tour is as `polish` left it after converging: polishing it again would
   * change nothing, so `polish` skips it. Any change of the tour clears it (owners that write
   * `routes` directly restore it with the tour).
   */
  readonly settled: Uint8Array;
  /**
   * Identity of each slot's tour as it stands: a fresh number whenever the tour changes, so a
   * cached insertion is valid exactly while the stamp it was computed under is the slot's stamp.
   * Owners that put an earlier tour back (an undo) put its stamp back with it.
   */
  readonly stamp: Float64Array;
  private nextStamp = 1;
  /** Cheapest insertions by slot x node, each valid while cacheStamp equals the slot's stamp. */
  private readonly cacheStamp: Float64Array;
  private readonly cacheCost: Float64Array;
  private readonly cachePosition: Int32Array;
  private readonly nodes: number;

  constructor(
    private readonly matrix: TravelMatrix,
    slotCount: number,
  ) {
    this.routes = Array.from({ length: slotCount }, () => []);
    this.travel = new Float64Array(slotCount);
    this.settled = new Uint8Array(slotCount);
    this.stamp = new Float64Array(slotCount);
    for (let s = 0; s < slotCount; s++) this.stamp[s] = this.nextStamp++;
    this.nodes = matrix.size;
    this.cacheStamp = new Float64Array(slotCount * matrix.size);
    this.cacheCost = new Float64Array(slotCount * matrix.size);
    this.cachePosition = new Int32Array(slotCount * matrix.size);
  }

  private cost(i: number, j: number): number {
    return this.matrix.minutes(i, j);
  }

  /** Marks the slot's tour as changed: cached insertions into it no longer apply. */
  changed(slot: number): void {
    this.stamp[slot] = this.nextStamp++;
  }

  /**
   * Added travel minutes of the cheapest insertion of `node` into the slot's tour. Cached per
   * tour: the day search prices the same insertion many times while most tours stay unchanged
   * (rejected moves), and a cached price is only used for the very tour it was computed on.
   */
  insertionCost(slot: number, node: number): number {
    const key = slot * this.nodes + node;
    if (this.cacheStamp[key] === this.stamp[slot]) return this.cacheCost[key] as number;
    return this.computeInsertion(slot, node, key);
  }

  /** Cheapest insertion of `node` into the slot's tour (cached like insertionCost). */
  insertion(slot: number, node: number): Insertion {
    const key = slot * this.nodes + node;
    if (this.cacheStamp[key] !== this.stamp[slot]) this.computeInsertion(slot, node, key);
    return { cost: this.cacheCost[key] as number, position: this.cachePosition[key] as number };
  }

  private computeInsertion(slot: number, node: number, key: number): number {
    const route = this.routes[slot] as number[];
    let best = Infinity;
    let position = 0;
    let prev = 0;
    for (let k = 0; k <= route.length; k++) {
      const next = k < route.length ? (route[k] as number) : 0;
      const delta = this.cost(prev, node) + this.cost(node, next) - this.cost(prev, next);
      if (delta < best) {
        best = delta;
        position = k;
      }
      prev = next;
    }
    this.cacheStamp[key] = this.stamp[slot] as number;
    this.cacheCost[key] = best;
    this.cachePosition[key] = position;
    return best;
  }

  /**
   * Cheapest insertion of `node` into the slot's tour as it would be with `without` spliced out
   * (`without` must be in the tour): what removing one stop and inserting another costs, priced
   * without changing the tour, so a swap can be evaluated before it is applied.
   */
  insertionWithout(slot: number, node: number, without: number): Insertion {
    const route = this.routes[slot] as number[];
    let best = Infinity;
    let position = 0;
    let prev = 0;
    let k = 0;
    for (let i = 0; i <= route.length; i++) {
      const next = i < route.length ? (route[i] as number) : 0;
      if (next === without && i < route.length) continue;
      const delta = this.cost(prev, node) + this.cost(node, next) - this.cost(prev, next);
      if (delta < best) {
        best = delta;
        position = k;
      }
      prev = next;
      k++;
    }
    return { cost: best, position };
  }

  /** Travel minutes saved by removing `node` from the slot's tour (it must be there). */
  removalSaving(slot: number, node: number): number {
    const route = this.routes[slot] as number[];
    const k = route.indexOf(node);
    if (k < 0) throw new Error(`internal: node ${node} is not in slot ${slot}`);
    const prev = k > 0 ? (route[k - 1] as number) : 0;
    const next = k + 1 < route.length ? (route[k + 1] as number) : 0;
    return this.cost(prev, node) + this.cost(node, next) - this.cost(prev, next);
  }

  /** Inserts `node` at its cheapest position; returns the added travel minutes. */
  insert(slot: number, node: number): number {
    const { cost, position } = this.insertion(slot, node);
    (this.routes[slot] as number[]).splice(position, 0, node);
    this.travel[slot] = (this.travel[slot] as number) + cost;
    this.settled[slot] = 0;
    this.changed(slot);
    return cost;
  }

  /** Removes `node` from the slot's tour; returns the saved travel minutes. */
  remove(slot: number, node: number): number {
    const saving = this.removalSaving(slot, node);
    const route = this.routes[slot] as number[];
    route.splice(route.indexOf(node), 1);
    this.travel[slot] = (this.travel[slot] as number) - saving;
    this.settled[slot] = 0;
    this.changed(slot);
    return saving;
  }

  /** Travel minutes of a tour computed from scratch. */
  tourMinutes(route: readonly number[]): number {
    let total = 0;
    let prev = 0;
    for (const node of route) {
      total += this.cost(prev, node);
      prev = node;
    }
    return total + this.cost(prev, 0);
  }

  /**
   * Shortens a slot's tour with 2-opt and or-opt (moving runs of 1-3 stops) until no move helps,
   * then recomputes its travel from scratch so estimates never drift. A settled tour (unchanged
   * since a polish that converged) is left as it is: the same scan would find no move.
   */
  polish(slot: number): void {
    if (this.settled[slot]) return;
    const route = this.routes[slot] as number[];
    const tour = [0, ...route];
    const n = tour.length;
    let improved = false;
    let reordered = false;
    if (n > 3) {
      const at = (k: number): number => tour[k % n] as number;
      improved = true;
      let rounds = 0;
      while (improved && rounds < 50) {
        improved = false;
        rounds++;
        // 2-opt (symmetric estimate; final routes are re-sequenced on the real matrix).
        for (let i = 0; i < n - 1; i++) {
          for (let j = i + 2; j < n; j++) {
            if (i === 0 && j === n - 1) continue;
            const a = at(i);
            const b = at(i + 1);
            const c = at(j);
            const d = at(j + 1);
            const delta = this.cost(a, c) + this.cost(b, d) - this.cost(a, b) - this.cost(c, d);
            if (delta < -1e-9) {
              reverse(tour, i + 1, j);
              improved = true;
              reordered = true;
            }
          }
        }
        // Or-opt: move a run of 1..3 stops elsewhere in the tour (keeping its direction).
        for (let len = 1; len <= 3; len++) {
          for (let i = 1; i + len <= n - 1 + 1 && i + len - 1 < n; i++) {
            const first = at(i);
            const last = at(i + len - 1);
            const before = at(i - 1);
            const after = at(i + len);
            const removeGain = this.cost(before, first) + this.cost(last, after) - this.cost(before, after);
            if (removeGain <= 1e-9) continue;
            let bestDelta = -1e-9;
            let bestJ = -1;
            for (let j = 0; j < n; j++) {
              if (j >= i - 1 && j < i + len) continue;
              const p = at(j);
              const q = at(j + 1);
              const delta = this.cost(p, first) + this.cost(last, q) - this.cost(p, q) - removeGain;
              if (delta < bestDelta) {
                bestDelta = delta;
                bestJ = j;
              }
            }
            if (bestJ >= 0) {
              const run = tour.splice(i, len);
              const insertAt = bestJ < i ? bestJ + 1 : bestJ + 1 - len;
              tour.splice(insertAt, 0, ...run);
              improved = true;
              reordered = true;
            }
          }
        }
      }
    }
    const polished = tour.slice(1);
    route.length = 0;
    route.push(...polished);
    this.travel[slot] = this.tourMinutes(route);
    this.settled[slot] = improved ? 0 : 1;
    if (reordered) this.changed(slot);
  }
}

function reverse(items: number[], from: number, to: number): void {
  for (let i = from, j = to; i < j; i++, j--) {
    const tmp = items[i] as number;
    items[i] = items[j] as number;
    items[j] = tmp;
  }
}
