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
  /**
   * The matrix's travel minutes, row-major: every pricing reads them in its innermost loop, and a
   * typed array read is cheaper there than a call through the TravelMatrix interface.
   */
  private readonly minutes: Float64Array;
  /** Working copy of a tour for `polish`: base, stops, base again. */
  private readonly tour: Int32Array;

  constructor(matrix: TravelMatrix, slotCount: number) {
    this.routes = Array.from({ length: slotCount }, () => []);
    this.travel = new Float64Array(slotCount);
    this.settled = new Uint8Array(slotCount);
    this.stamp = new Float64Array(slotCount);
    for (let s = 0; s < slotCount; s++) this.stamp[s] = this.nextStamp++;
    this.nodes = matrix.size;
    this.cacheStamp = new Float64Array(slotCount * matrix.size);
    this.cacheCost = new Float64Array(slotCount * matrix.size);
    this.cachePosition = new Int32Array(slotCount * matrix.size);
    const size = matrix.size;
    this.minutes = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) this.minutes[i * size + j] = matrix.minutes(i, j);
    this.tour = new Int32Array(size + 1);
  }

  private cost(i: number, j: number): number {
    return this.minutes[i * this.nodes + j] as number;
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
    const minutes = this.minutes;
    const size = this.nodes;
    const length = route.length;
    let best = Infinity;
    let position = 0;
    let prev = 0;
    for (let k = 0; k <= length; k++) {
      const next = k < length ? (route[k] as number) : 0;
      const delta =
        (minutes[prev * size + node] as number) +
        (minutes[node * size + next] as number) -
        (minutes[prev * size + next] as number);
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
    // tour[0..n-1] is the closed tour from the base (tour[0] = 0 always: no move shifts it) and
    // tour[n] = 0 closes it, so position k + 1 never wraps.
    const n = route.length + 1;
    const tour = this.tour;
    tour[0] = 0;
    for (let k = 1; k < n; k++) tour[k] = route[k - 1] as number;
    tour[n] = 0;
    const minutes = this.minutes;
    const size = this.nodes;
    let improved = false;
    let reordered = false;
    if (n > 3) {
      improved = true;
      let rounds = 0;
      while (improved && rounds < 50) {
        improved = false;
        rounds++;
        // 2-opt (symmetric estimate; final routes are re-sequenced on the real matrix).
        for (let i = 0; i < n - 1; i++) {
          const a = tour[i] as number;
          const rowA = a * size;
          for (let j = i + 2; j < n; j++) {
            if (i === 0 && j === n - 1) continue;
            const b = tour[i + 1] as number;
            const c = tour[j] as number;
            const d = tour[j + 1] as number;
            const delta =
              (minutes[rowA + c] as number) +
              (minutes[b * size + d] as number) -
              (minutes[rowA + b] as number) -
              (minutes[c * size + d] as number);
            if (delta < -1e-9) {
              reverse(tour, i + 1, j);
              improved = true;
              reordered = true;
            }
          }
        }
        // Or-opt: move a run of 1..3 stops elsewhere in the tour (keeping its direction).
        for (let len = 1; len <= 3; len++) {
          for (let i = 1; i + len <= n; i++) {
            const first = tour[i] as number;
            const last = tour[i + len - 1] as number;
            const before = tour[i - 1] as number;
            const after = tour[i + len] as number;
            const lastRow = last * size;
            const removeGain =
              (minutes[before * size + first] as number) +
              (minutes[lastRow + after] as number) -
              (minutes[before * size + after] as number);
            if (removeGain <= 1e-9) continue;
            let bestDelta = -1e-9;
            let bestJ = -1;
            for (let j = 0; j < n; j++) {
              if (j >= i - 1 && j < i + len) continue;
              const p = tour[j] as number;
              const q = tour[j + 1] as number;
              const rowP = p * size;
              const delta =
                (minutes[rowP + first] as number) +
                (minutes[lastRow + q] as number) -
                (minutes[rowP + q] as number) -
                removeGain;
              if (delta < bestDelta) {
                bestDelta = delta;
                bestJ = j;
              }
            }
            if (bestJ >= 0) {
              moveRun(tour, i, len, bestJ < i ? bestJ + 1 : bestJ + 1 - len);
              improved = true;
              reordered = true;
            }
          }
        }
      }
    }
    route.length = n - 1;
    for (let k = 1; k < n; k++) route[k - 1] = tour[k] as number;
    this.travel[slot] = this.tourMinutes(route);
    this.settled[slot] = improved ? 0 : 1;
    if (reordered) this.changed(slot);
  }
}

/** Moves the run of `len` (1-3) entries at `from` so that it starts at `to` (array splice semantics). */
function moveRun(items: Int32Array, from: number, len: number, to: number): void {
  const r0 = items[from] as number;
  const r1 = len > 1 ? (items[from + 1] as number) : 0;
  const r2 = len > 2 ? (items[from + 2] as number) : 0;
  if (to < from) items.copyWithin(to + len, to, from);
  else items.copyWithin(from, from + len, to + len);
  items[to] = r0;
  if (len > 1) items[to + 1] = r1;
  if (len > 2) items[to + 2] = r2;
}

function reverse(items: Int32Array, from: number, to: number): void {
  for (let i = from, j = to; i < j; i++, j--) {
    const tmp = items[i] as number;
    items[i] = items[j] as number;
    items[j] = tmp;
  }
}
