/**
 * A uniform grid over a few thousand planar points (territory centres, or the points a cost is
 * measured from) for exact "c cheapest" queries: instead of every outlet scanning every centre of
 * its pool (O(n x k)), a query visits the cells around the outlet ring by ring and stops as soon
 * as no unvisited cell can hold a point cheaper than the c-th found, so it costs about O(c) for
 * evenly spread centres whatever k is.
 */

/** Points binned into square cells (cell lists in compressed form). */
export class CentreGrid {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly members: Int32Array;

  /**
   * Bins points 0..xs.length-1. Cells are square, sized for about one point per cell, and at most
   * 4096 per axis so points on a line do not explode the grid.
   */
  constructor(
    readonly xs: ArrayLike<number>,
    readonly ys: ArrayLike<number>,
  ) {
    const m = xs.length;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let p = 0; p < m; p++) {
      const x = xs[p] as number;
      const y = ys[p] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (m === 0) minX = minY = maxX = maxY = 0;
    const width = maxX - minX;
    const height = maxY - minY;
    this.minX = minX;
    this.minY = minY;
    this.cell = Math.max(Math.sqrt((width * height) / Math.max(m, 1)), Math.max(width, height) / 4096, 1e-9);
    this.cols = Math.floor(width / this.cell) + 1;
    this.rows = Math.floor(height / this.cell) + 1;
    const cells = this.cols * this.rows;
    const cellOf = new Int32Array(m);
    this.cellStart = new Int32Array(cells + 1);
    for (let p = 0; p < m; p++) {
      const c = this.cellIndex(xs[p] as number, ys[p] as number);
      cellOf[p] = c;
      this.cellStart[c + 1] = (this.cellStart[c + 1] as number) + 1;
    }
    for (let c = 0; c < cells; c++)
      this.cellStart[c + 1] = (this.cellStart[c + 1] as number) + (this.cellStart[c] as number);
    const cursor = this.cellStart.slice(0, cells);
    this.members = new Int32Array(m);
    // Points in increasing index order within each cell.
    for (let p = 0; p < m; p++) {
      const c = cellOf[p] as number;
      this.members[cursor[c] as number] = p;
      cursor[c] = (cursor[c] as number) + 1;
    }
  }

  /** Number of points in the grid. */
  get size(): number {
    return this.xs.length;
  }

  private column(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)));
  }

  private cellIndex(x: number, y: number): number {
    return this.row(y) * this.cols + this.column(x);
  }

  /**
   * Visits the points around (x, y) ring of cells by ring of cells. Before each ring it calls
   * `bound(d2)` with a squared distance that every point not yet visited is at least that far
   * from (x, y); when `bound` returns false the search stops. Every point is visited at most once
   * and, unless stopped, all are. Within a ring, cells go row by row and points by index.
   */
  visitNear(x: number, y: number, visit: (p: number) => void, bound: (d2: number) => boolean): void {
    const cx = this.column(x);
    const cy = this.row(y);
    const rings = Math.max(cx, this.cols - 1 - cx, cy, this.rows - 1 - cy);
    for (let ring = 0; ring <= rings; ring++) {
      if (ring > 0 && !bound(this.outsideDistance2(x, y, cx, cy, ring - 1))) return;
      const y0 = cy - ring;
      const y1 = cy + ring;
      for (let gy = Math.max(0, y0); gy <= Math.min(this.rows - 1, y1); gy++) {
        const edgeRow = gy === y0 || gy === y1;
        const step = edgeRow ? 1 : Math.max(1, 2 * ring);
        for (let gx = cx - ring; gx <= cx + ring; gx += step) {
          if (gx < 0 || gx >= this.cols) continue;
          const g = gy * this.cols + gx;
          for (let at = this.cellStart[g] as number; at < (this.cellStart[g + 1] as number); at++)
            visit(this.members[at] as number);
        }
      }
    }
  }

  /**
   * Squared distance from (x, y) to the nearest point of the grid outside the square of cells
   * within `ring` of cell (cx, cy): the distance to the nearest side of that square that does not
   * already reach the grid's edge (beyond an edge there are no points). Infinity when the square
   * covers the whole grid.
   */
  private outsideDistance2(x: number, y: number, cx: number, cy: number, ring: number): number {
    let d = Infinity;
    if (cx - ring > 0) d = Math.min(d, x - (this.minX + (cx - ring) * this.cell));
    if (cx + ring < this.cols - 1) d = Math.min(d, this.minX + (cx + ring + 1) * this.cell - x);
    if (cy - ring > 0) d = Math.min(d, y - (this.minY + (cy - ring) * this.cell));
    if (cy + ring < this.rows - 1) d = Math.min(d, this.minY + (cy + ring + 1) * this.cell - y);
    if (d === Infinity) return Infinity;
    // The query's cell is clamped into the grid, so d >= 0 on every side that counts.
    return Math.max(0, d) ** 2;
  }
}

/**
 * The `c` cheapest points for a query, kept sorted by (cost, index) so ties go to the lower index
 * exactly as a scan of every point in index order with strict comparisons would keep them.
 */
export class CheapestList {
  readonly index: Int32Array;
  readonly cost: Float64Array;
  found = 0;

  constructor(readonly capacity: number) {
    this.index = new Int32Array(capacity).fill(-1);
    this.cost = new Float64Array(capacity).fill(Infinity);
  }

  /** Empties the list for the next query. */
  clear(): void {
    this.index.fill(-1);
    this.cost.fill(Infinity);
    this.found = 0;
  }

  /** The largest cost kept when the list is full, else Infinity. */
  worst(): number {
    return this.found === this.capacity ? (this.cost[this.capacity - 1] as number) : Infinity;
  }

  /** Offers point p at `cost`; kept when among the `capacity` cheapest by (cost, index). */
  offer(p: number, cost: number): void {
    const c = this.capacity;
    if (c === 0) return;
    if (this.found === c) {
      const last = this.cost[c - 1] as number;
      if (cost > last || (cost === last && p > (this.index[c - 1] as number))) return;
    }
    let pos = this.found === c ? c - 1 : this.found;
    while (
      pos > 0 &&
      ((this.cost[pos - 1] as number) > cost ||
        ((this.cost[pos - 1] as number) === cost && (this.index[pos - 1] as number) > p))
    ) {
      this.cost[pos] = this.cost[pos - 1] as number;
      this.index[pos] = this.index[pos - 1] as number;
      pos--;
    }
    this.cost[pos] = cost;
    this.index[pos] = p;
    if (this.found < c) this.found++;
  }
}

/** Relative slack on the ring bound, for the rounding of costs computed another way than d^2. */
const BOUND_SLACK = 1e-9;

/**
 * The `list.capacity` cheapest grid points for the query (x, y) by (cost, index), into `list`
 * (cleared first). `cost(p)` must be at least the squared distance from (x, y) to point p minus
 * `discount` (a cost may add anything non-negative to that distance, and subtract at most
 * `discount`); under that contract the result is exactly what a scan of every point would keep.
 * `skip(p)` excludes a point (it is neither visited for cost nor kept).
 */
export function cheapestNear(
  grid: CentreGrid,
  x: number,
  y: number,
  list: CheapestList,
  cost: (p: number) => number,
  discount = 0,
  skip?: (p: number) => boolean,
): CheapestList {
  list.clear();
  grid.visitNear(
    x,
    y,
    (p) => {
      if (skip === undefined || !skip(p)) list.offer(p, cost(p));
    },
    (d2) => {
      const worst = list.worst();
      // Continue while an unvisited point could still be cheaper than (or tie) the worst kept.
      return d2 - discount <= worst + BOUND_SLACK * (Math.abs(worst) + d2 + discount);
    },
  );
  return list;
}
