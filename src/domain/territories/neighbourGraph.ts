/**
 * k-nearest-neighbour queries and the symmetric neighbour graph of a pool's outlets, in projected
 * km. The graph defines which outlets sit on a territory border and which territories touch, so
 * boundary local search and balance repair only ever consider local moves.
 */

/** k nearest neighbours of every point: row i of `indices` holds i's neighbours, nearest first. */
export interface NearestNeighbours {
  k: number;
  /** n * k point indices; -1 pads rows when there are fewer than k other points. */
  indices: Int32Array;
  /** n * k distances in km matching `indices` (Infinity for padding). */
  distances: Float64Array;
}

/** Undirected adjacency in compressed sparse row form. */
export interface NeighbourGraph {
  /** Neighbours of i are targets[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  targets: Int32Array;
}

/**
 * Exact k-nearest neighbours of each point by a uniform grid: the grid's cell size is chosen for
 * about two points per cell and rings of cells are searched until the k-th distance is certainly
 * final. O(n k) for evenly spread points, which keeps 50,000-outlet pools cheap.
 */
export function nearestNeighbours(xs: Float64Array, ys: Float64Array, k: number): NearestNeighbours {
  const n = xs.length;
  const indices = new Int32Array(n * k).fill(-1);
  const distances = new Float64Array(n * k).fill(Infinity);
  if (n < 2 || k < 1) return { k, indices, distances };

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const width = maxX - minX;
  const height = maxY - minY;
  // Square cells, so that "ring r is at least (r - 1) cells away" holds on both axes; at most
  // 4096 cells per axis so points on a line do not explode the grid.
  const cell = Math.max(Math.sqrt((width * height * 2) / n), Math.max(width, height) / 4096, 1e-9);
  const cols = Math.floor(width / cell) + 1;
  const rows = Math.floor(height / cell) + 1;
  const cellSize = cell;

  const cellOf = (i: number): number => {
    const cx = Math.min(cols - 1, Math.floor(((xs[i] as number) - minX) / cell));
    const cy = Math.min(rows - 1, Math.floor(((ys[i] as number) - minY) / cell));
    return cy * cols + cx;
  };
  const cellStart = new Int32Array(cols * rows + 1);
  const cellIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOf(i);
    cellIndex[i] = c;
    cellStart[c + 1] = (cellStart[c + 1] as number) + 1;
  }
  for (let c = 0; c < cols * rows; c++)
    cellStart[c + 1] = (cellStart[c + 1] as number) + (cellStart[c] as number);
  const cursor = cellStart.slice(0, cols * rows);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellIndex[i] as number;
    members[cursor[c] as number] = i;
    cursor[c] = (cursor[c] as number) + 1;
  }

  const bestIdx = new Int32Array(k);
  const bestDist = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    bestIdx.fill(-1);
    bestDist.fill(Infinity);
    let found = 0;
    const xi = xs[i] as number;
    const yi = ys[i] as number;
    const c = cellIndex[i] as number;
    const cx = c % cols;
    const cy = (c - cx) / cols;
    for (let ring = 0; ring < Math.max(cols, rows); ring++) {
      // Every point in ring r or beyond is at least (r - 1) cell sizes away from i.
      if (found === k && (bestDist[k - 1] as number) <= (ring - 1) * cellSize) break;
      const y0 = cy - ring;
      const y1 = cy + ring;
      for (let gy = Math.max(0, y0); gy <= Math.min(rows - 1, y1); gy++) {
        const onEdgeRow = gy === y0 || gy === y1;
        const step = onEdgeRow ? 1 : Math.max(1, 2 * ring);
        for (let gx = cx - ring; gx <= cx + ring; gx += step) {
          if (gx < 0 || gx >= cols) continue;
          const g = gy * cols + gx;
          for (let m = cellStart[g] as number; m < (cellStart[g + 1] as number); m++) {
            const j = members[m] as number;
            if (j === i) continue;
            const dx = (xs[j] as number) - xi;
            const dy = (ys[j] as number) - yi;
            const d = Math.sqrt(dx * dx + dy * dy);
            if (found === k && d >= (bestDist[k - 1] as number)) continue;
            // Insertion into the sorted best list; ties broken by index for determinism.
            let pos = found === k ? k - 1 : found;
            while (
              pos > 0 &&
              ((bestDist[pos - 1] as number) > d ||
                ((bestDist[pos - 1] as number) === d && (bestIdx[pos - 1] as number) > j))
            ) {
              bestDist[pos] = bestDist[pos - 1] as number;
              bestIdx[pos] = bestIdx[pos - 1] as number;
              pos--;
            }
            bestDist[pos] = d;
            bestIdx[pos] = j;
            if (found < k) found++;
          }
        }
      }
    }
    indices.set(bestIdx, i * k);
    distances.set(bestDist, i * k);
  }
  return { k, indices, distances };
}

/**
 * The undirected union of the k-nearest-neighbour relation: i and j are adjacent when either is
 * among the other's k nearest. Symmetry matters because "territories touch" must be mutual.
 */
export function symmetricNeighbourGraph(n: number, knn: NearestNeighbours): NeighbourGraph {
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < knn.k; a++) {
      const j = knn.indices[i * knn.k + a] as number;
      if (j < 0) continue;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      const key = lo * n + hi;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push(lo, hi);
      degree[lo] = (degree[lo] as number) + 1;
      degree[hi] = (degree[hi] as number) + 1;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  const targets = new Int32Array(offsets[n] as number);
  const fill = offsets.slice(0, n);
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p] as number;
    const b = pairs[p + 1] as number;
    targets[fill[a] as number] = b;
    fill[a] = (fill[a] as number) + 1;
    targets[fill[b] as number] = a;
    fill[b] = (fill[b] as number) + 1;
  }
  // Sorted rows make every later scan order deterministic and independent of insertion order.
  for (let i = 0; i < n; i++) targets.subarray(offsets[i], offsets[i + 1]).sort();
  return { offsets, targets };
}
