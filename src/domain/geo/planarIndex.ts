import { selectByRank } from './selectByRank.js';

/** Points per leaf of the tree. */
const LEAF_SIZE = 16;

/** The nearest accepted point: its index into the coordinate arrays and its distance, or -1 and Infinity. */
export interface Nearest {
  index: number;
  distance: number;
}

/**
 * A static 2-D k-d tree over some points of planar coordinate arrays (projected km): nearest-point
 * queries with an optional filter, pruned by the best distance found so far. Median split on the
 * wider axis; build O(m log m) for m members. Deterministic: equal distances go to the lower index.
 */
export class PlanarIndex {
  private readonly order: Int32Array;
  private readonly axis: Int8Array;
  private readonly split: Float64Array;

  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    members: ArrayLike<number>,
  ) {
    const m = members.length;
    this.order = Int32Array.from(members);
    let nodes = 1;
    for (let size = m; size > LEAF_SIZE; size = Math.ceil(size / 2)) nodes = 2 * nodes + 1;
    this.axis = new Int8Array(nodes).fill(-1);
    this.split = new Float64Array(nodes);
    const stack: number[] = [0, 0, m];
    while (stack.length > 0) {
      const hi = stack.pop() as number;
      const lo = stack.pop() as number;
      const node = stack.pop() as number;
      if (hi - lo <= LEAF_SIZE) continue;
      const axis = this.widerAxis(lo, hi);
      const mid = (lo + hi) >> 1;
      selectByRank(this.order, lo, hi, mid, (j) => this.coord(j, axis));
      this.axis[node] = axis;
      this.split[node] = this.coord(this.order[mid] as number, axis);
      stack.push(2 * node + 1, lo, mid, 2 * node + 2, mid, hi);
    }
  }

  /** The member nearest to (x, y) that `accept` admits (every member without it). */
  nearest(x: number, y: number, accept?: (index: number) => boolean): Nearest {
    const best: Nearest = { index: -1, distance: Infinity };
    let bestSq = Infinity;
    const visit = (node: number, lo: number, hi: number): void => {
      const axis = node < this.axis.length ? (this.axis[node] as number) : -1;
      if (axis < 0) {
        for (let m = lo; m < hi; m++) {
          const j = this.order[m] as number;
          const dx = (this.xs[j] as number) - x;
          const dy = (this.ys[j] as number) - y;
          const d = dx * dx + dy * dy;
          if (d > bestSq || (d === bestSq && j > best.index && best.index >= 0)) continue;
          if (accept && !accept(j)) continue;
          bestSq = d;
          best.index = j;
        }
        return;
      }
      const mid = (lo + hi) >> 1;
      const diff = (axis === 0 ? x : y) - (this.split[node] as number);
      const [first, second] = diff < 0 ? [2 * node + 1, 2 * node + 2] : [2 * node + 2, 2 * node + 1];
      const [firstLo, firstHi, secondLo, secondHi] = diff < 0 ? [lo, mid, mid, hi] : [mid, hi, lo, mid];
      visit(first, firstLo, firstHi);
      if (diff * diff <= bestSq) visit(second, secondLo, secondHi);
    };
    visit(0, 0, this.order.length);
    best.distance = Math.sqrt(bestSq);
    return best;
  }

  private coord(j: number, axis: number): number {
    return axis === 0 ? (this.xs[j] as number) : (this.ys[j] as number);
  }

  private widerAxis(lo: number, hi: number): number {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let m = lo; m < hi; m++) {
      const j = this.order[m] as number;
      const x = this.xs[j] as number;
      const y = this.ys[j] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return maxX - minX >= maxY - minY ? 0 : 1;
  }
}
