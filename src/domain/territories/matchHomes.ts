/**
 * Optimal pairing of rows (e.g. reps' homes) with columns (e.g. territory centres) on a cost
 * matrix: the linear assignment problem (minimum total cost) and the bottleneck assignment problem
 * (minimum largest cost, then minimum total among those). Forbidden pairs are `Infinity`.
 */

/**
 * A cost matrix: an array of equal-length rows, or a row-major Float64Array (square unless the
 * column count is given). `Infinity` marks a forbidden pair; NaN and -Infinity are rejected.
 */
export type CostMatrixInput = ReadonlyArray<ArrayLike<number>> | Float64Array;

/** `total`: minimum sum of the matched costs. `min-max`: minimum largest matched cost, then minimum sum. */
export type MatchObjective = 'total' | 'min-max';

/** An assignment of min(rows, cols) pairs, none of them forbidden. */
export interface MatchResult {
  /** Column of each row, or -1 for a row left unmatched (only when there are more rows than columns). */
  colOfRow: Int32Array;
  /** Row of each column, or -1 for a column left unmatched (only when there are more columns than rows). */
  rowOfCol: Int32Array;
  /** Sum of the matched costs (0 for an empty matrix). */
  total: number;
  /** Largest matched cost (0 for an empty matrix). */
  max: number;
}

/** The internal form: rows <= cols after an optional transpose, row-major. */
interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * Solves the assignment problem on `costs` for the chosen objective and returns the pairs, or
 * null when no assignment of min(rows, cols) pairs avoids every forbidden (`Infinity`) entry.
 * Both objectives are solved exactly (up to floating-point rounding of the dual potentials on
 * non-integer costs), in O(k^3) for a k x k `total` and O(k^2.5 log k) more for `min-max`.
 * Deterministic: the same matrix always gives the same pairs (no randomness; ties within each
 * shortest-path search go to the lowest column index), but which of several equally good
 * assignments that is has no simpler rule. `cols` gives the column count of a rectangular
 * Float64Array.
 */
export function matchHomes(
  costs: CostMatrixInput,
  objective: MatchObjective,
  cols?: number,
): MatchResult | null {
  switch (objective) {
    case 'total':
      return minTotalAssignment(costs, cols);
    case 'min-max':
      return bottleneckAssignment(costs, cols);
  }
}

/**
 * Minimum-total-cost assignment (the linear assignment problem) by shortest augmenting paths with
 * dual potentials (the Hungarian method in the Jonker-Volgenant formulation): one Dijkstra-like
 * scan per row, O(rows^2 x cols). Exact on integer costs; on real costs optimal up to rounding of
 * the potentials. Returns null when forbidden entries leave no complete assignment.
 */
export function minTotalAssignment(costs: CostMatrixInput, cols?: number): MatchResult | null {
  const { dense, transposed } = normalise(costs, cols);
  const colOfRow = solveMinTotal(dense);
  return colOfRow === null ? null : resultOf(dense, colOfRow, transposed);
}

/**
 * Bottleneck assignment: the complete assignment whose largest cost is smallest, and among
 * those the one of minimum total. Binary search over the matrix's sorted distinct finite costs
 * (starting from a lower bound: every row, and for a square matrix every column, must take one of
 * its entries) with a Hopcroft-Karp feasibility check per threshold, then the minimum-total solve
 * with every entry above the bottleneck forbidden. Exact, since the threshold is one of the costs
 * themselves. Returns null when forbidden entries leave no complete assignment.
 */
export function bottleneckAssignment(costs: CostMatrixInput, cols?: number): MatchResult | null {
  const { dense, transposed } = normalise(costs, cols);
  const bottleneck = bottleneckValue(dense);
  if (bottleneck === null) return null;
  const restricted = new Float64Array(dense.data.length);
  for (let e = 0; e < restricted.length; e++) {
    const c = dense.data[e] as number;
    restricted[e] = c <= bottleneck ? c : Infinity;
  }
  const colOfRow = solveMinTotal({ rows: dense.rows, cols: dense.cols, data: restricted });
  return colOfRow === null ? null : resultOf(dense, colOfRow, transposed);
}

/** Validates the matrix and brings it to rows <= cols (transposing when needed). */
function normalise(costs: CostMatrixInput, cols?: number): { dense: Dense; transposed: boolean } {
  let rows: number;
  let width: number;
  let data: Float64Array;
  if (costs instanceof Float64Array) {
    width = cols ?? Math.round(Math.sqrt(costs.length));
    rows = width > 0 ? costs.length / width : 0;
    if (
      !Number.isInteger(rows) ||
      (width === 0 && costs.length > 0) ||
      (cols === undefined && rows !== width)
    )
      throw new RangeError(
        `cost matrix of ${costs.length} entries is not ${cols === undefined ? 'square' : `${cols} columns wide`}`,
      );
    data = costs;
  } else {
    rows = costs.length;
    width = rows > 0 ? (costs[0] as ArrayLike<number>).length : (cols ?? 0);
    data = new Float64Array(rows * width);
    costs.forEach((row, r) => {
      if (row.length !== width)
        throw new RangeError(`cost matrix row ${r} has ${row.length} entries, not ${width}`);
      for (let c = 0; c < width; c++) data[r * width + c] = row[c] as number;
    });
  }
  for (const c of data) {
    if (Number.isNaN(c) || c === -Infinity)
      throw new RangeError('cost matrix entries must be numbers or Infinity');
  }
  if (rows <= width) return { dense: { rows, cols: width, data }, transposed: false };
  const flipped = new Float64Array(data.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++) flipped[c * rows + r] = data[r * width + c] as number;
  return { dense: { rows: width, cols: rows, data: flipped }, transposed: true };
}

/**
 * Shortest augmenting path Hungarian method (rows <= cols). Row potentials u, column potentials v
 * keep every reduced cost c - u - v >= 0; each row is added by a Dijkstra over columns on reduced
 * costs, and the potentials move by the path lengths so matched pairs stay tight. Strict `<`
 * comparisons make ties go to the lowest column index. Returns the column of each row, or null
 * when some row cannot reach a free column through allowed entries.
 */
function solveMinTotal({ rows, cols, data }: Dense): Int32Array | null {
  // 1-based columns; column 0 is the virtual start of each search.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1); // 1-based row, 0 = free
  const way = new Int32Array(cols + 1);
  const minReduced = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let row = 1; row <= rows; row++) {
    rowOfCol[0] = row;
    minReduced.fill(Infinity);
    used.fill(0);
    let col0 = 0;
    do {
      used[col0] = 1;
      const row0 = rowOfCol[col0] as number;
      const base = (row0 - 1) * cols - 1;
      const u0 = u[row0] as number;
      let delta = Infinity;
      let col1 = -1;
      for (let col = 1; col <= cols; col++) {
        if (used[col]) continue;
        const reduced = (data[base + col] as number) - u0 - (v[col] as number);
        if (reduced < (minReduced[col] as number)) {
          minReduced[col] = reduced;
          way[col] = col0;
        }
        if ((minReduced[col] as number) < delta) {
          delta = minReduced[col] as number;
          col1 = col;
        }
      }
      if (col1 < 0 || delta === Infinity) return null;
      for (let col = 0; col <= cols; col++) {
        if (used[col]) {
          const r = rowOfCol[col] as number;
          u[r] = (u[r] as number) + delta;
          v[col] = (v[col] as number) - delta;
        } else {
          minReduced[col] = (minReduced[col] as number) - delta;
        }
      }
      col0 = col1;
    } while ((rowOfCol[col0] as number) !== 0);
    // Flip the augmenting path back to the start.
    do {
      const col1 = way[col0] as number;
      rowOfCol[col0] = rowOfCol[col1] as number;
      col0 = col1;
    } while (col0 !== 0);
  }
  const colOfRow = new Int32Array(rows).fill(-1);
  for (let col = 1; col <= cols; col++) {
    const r = rowOfCol[col] as number;
    if (r > 0) colOfRow[r - 1] = col - 1;
  }
  return colOfRow;
}

/**
 * The smallest threshold t among the matrix's finite costs such that every row can be matched
 * using only entries <= t, or null when even all finite entries do not allow it.
 */
function bottleneckValue(dense: Dense): number | null {
  const { rows, cols, data } = dense;
  if (rows === 0) return 0;
  // Lower bound: each row must use one of its entries; in a square matrix each column too.
  let lower = -Infinity;
  for (let r = 0; r < rows; r++) {
    let best = Infinity;
    for (let c = 0; c < cols; c++) best = Math.min(best, data[r * cols + c] as number);
    lower = Math.max(lower, best);
  }
  if (rows === cols) {
    for (let c = 0; c < cols; c++) {
      let best = Infinity;
      for (let r = 0; r < rows; r++) best = Math.min(best, data[r * cols + c] as number);
      lower = Math.max(lower, best);
    }
  }
  if (lower === Infinity) return null;
  const values = distinctSorted(data, lower);
  let lo = 0;
  let hi = values.length - 1;
  if (!fullMatchingExists(dense, values[hi] as number)) return null;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fullMatchingExists(dense, values[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return values[lo] as number;
}

/** The distinct finite entries >= `from`, ascending. */
function distinctSorted(data: Float64Array, from: number): Float64Array {
  const kept: number[] = [];
  for (const c of data) if (c >= from && c !== Infinity) kept.push(c);
  const sorted = Float64Array.from(kept).sort();
  let n = 0;
  for (let e = 0; e < sorted.length; e++)
    if (e === 0 || sorted[e] !== sorted[n - 1]) sorted[n++] = sorted[e] as number;
  return sorted.subarray(0, n);
}

/**
 * Hopcroft-Karp on the bipartite graph of entries <= threshold: true when every row can be
 * matched to its own column. O(E sqrt(V)) with E the entries scanned (rows x cols).
 */
function fullMatchingExists({ rows, cols, data }: Dense, threshold: number): boolean {
  const colOfRow = new Int32Array(rows).fill(-1);
  const rowOfCol = new Int32Array(cols).fill(-1);
  const layer = new Int32Array(rows);
  const queue = new Int32Array(rows);
  let matched = 0;
  for (;;) {
    // BFS from the free rows, layering rows by alternating-path length.
    let head = 0;
    let tail = 0;
    for (let r = 0; r < rows; r++) {
      if (colOfRow[r] === -1) {
        layer[r] = 0;
        queue[tail++] = r;
      } else {
        layer[r] = -1;
      }
    }
    let reachedFree = false;
    while (head < tail) {
      const r = queue[head++] as number;
      for (let c = 0; c < cols; c++) {
        if ((data[r * cols + c] as number) > threshold) continue;
        const next = rowOfCol[c] as number;
        if (next === -1) reachedFree = true;
        else if (layer[next] === -1) {
          layer[next] = (layer[r] as number) + 1;
          queue[tail++] = next;
        }
      }
    }
    if (!reachedFree) return matched === rows;
    const augment = (r: number): boolean => {
      for (let c = 0; c < cols; c++) {
        if ((data[r * cols + c] as number) > threshold) continue;
        const next = rowOfCol[c] as number;
        if (next === -1 || (layer[next] === (layer[r] as number) + 1 && augment(next))) {
          colOfRow[r] = c;
          rowOfCol[c] = r;
          return true;
        }
      }
      layer[r] = -1; // dead end for this phase
      return false;
    };
    for (let r = 0; r < rows; r++) if (colOfRow[r] === -1 && augment(r)) matched++;
    if (matched === rows) return true;
  }
}

/** Builds the result in the caller's orientation, with total and max from the original costs. */
function resultOf(dense: Dense, colOfRowDense: Int32Array, transposed: boolean): MatchResult {
  const { rows, cols, data } = dense;
  const rowOfColDense = new Int32Array(cols).fill(-1);
  let total = 0;
  let max = 0;
  for (let r = 0; r < rows; r++) {
    const c = colOfRowDense[r] as number;
    rowOfColDense[c] = r;
    const cost = data[r * cols + c] as number;
    total += cost;
    max = r === 0 ? cost : Math.max(max, cost);
  }
  return transposed
    ? { colOfRow: rowOfColDense, rowOfCol: colOfRowDense, total, max }
    : { colOfRow: colOfRowDense, rowOfCol: rowOfColDense, total, max };
}
