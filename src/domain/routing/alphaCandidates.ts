/**
 * Candidate lists by alpha-nearness (Helsgaun's LKH idea, here on the plain minimum spanning
 * tree without subgradient penalties): alpha(i, j) is how much longer the cheapest spanning tree
 * that contains edge (i, j) is than the minimum one, i.e. d(i, j) minus the longest tree edge on
 * the tree path from i to j. Unlike k-nearest lists, this keeps the few edges that bridge two
 * clusters (they are tree edges, alpha 0) in the lists of the cities at both ends, which is what
 * lets 2-opt and Or-opt repair the links between clusters. Each city keeps its `k` smallest-alpha
 * partners (ties by distance, then index), returned sorted by increasing distance, because the
 * local search prunes its scans with the gain criterion on that order. O(n^2) time, O(n) memory
 * beyond the output; k is capped at n-1. Same flat layout as buildNeighbourLists.
 */
export function buildAlphaCandidates(
  n: number,
  distance: (i: number, j: number) => number,
  k: number,
): { k: number; lists: Int32Array } {
  const size = Math.max(0, Math.min(k, n - 1));
  const lists = new Int32Array(n * size);
  if (size === 0) return { k: 0, lists };
  const { parent, order } = primTree(n, distance);
  const beta = new Float64Array(n);
  const onPath = new Int32Array(n).fill(-1);
  const bestAlpha = new Float64Array(size);
  const bestDistance = new Float64Array(size);
  const bestCity = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    treePathMaxima(i, distance, parent, order, beta, onPath);
    let count = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dij = distance(i, j);
      const alpha = dij - (beta[j] as number);
      if (
        count === size &&
        !lessThan(alpha, dij, bestAlpha[size - 1] as number, bestDistance[size - 1] as number)
      )
        continue;
      let slot = count < size ? count++ : size - 1;
      while (
        slot > 0 &&
        lessThan(alpha, dij, bestAlpha[slot - 1] as number, bestDistance[slot - 1] as number)
      ) {
        bestAlpha[slot] = bestAlpha[slot - 1] as number;
        bestDistance[slot] = bestDistance[slot - 1] as number;
        bestCity[slot] = bestCity[slot - 1] as number;
        slot--;
      }
      bestAlpha[slot] = alpha;
      bestDistance[slot] = dij;
      bestCity[slot] = j;
    }
    const chosen = Array.from(bestCity.subarray(0, size));
    chosen.sort((a, b) => distance(i, a) - distance(i, b) || a - b);
    lists.set(chosen, i * size);
  }
  return { k: size, lists };
}

/** Strict order on (alpha, distance); equal pairs keep the earlier (lower-index) city first. */
function lessThan(alpha: number, dist: number, otherAlpha: number, otherDistance: number): boolean {
  return alpha < otherAlpha || (alpha === otherAlpha && dist < otherDistance);
}

/** Prim's minimum spanning tree on the dense distance function, rooted at city 0. */
function primTree(
  n: number,
  distance: (i: number, j: number) => number,
): { parent: Int32Array; order: Int32Array } {
  const parent = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const key = new Float64Array(n).fill(Infinity);
  const inTree = new Uint8Array(n);
  key[0] = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!inTree[v] && (u < 0 || (key[v] as number) < (key[u] as number))) u = v;
    inTree[u] = 1;
    order[step] = u;
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const duv = distance(u, v);
      if (duv < (key[v] as number)) {
        key[v] = duv;
        parent[v] = u;
      }
    }
  }
  return { parent, order };
}

/**
 * beta[j] = the longest tree edge on the path from `i` to j: first up the ancestors of i, then
 * down to every other city in Prim order (each city's parent comes before it).
 */
function treePathMaxima(
  i: number,
  distance: (i: number, j: number) => number,
  parent: Int32Array,
  order: Int32Array,
  beta: Float64Array,
  onPath: Int32Array,
): void {
  beta[i] = -Infinity;
  onPath[i] = i;
  for (let u = i; parent[u] !== -1; u = parent[u] as number) {
    const up = parent[u] as number;
    beta[up] = Math.max(beta[u] as number, distance(u, up));
    onPath[up] = i;
  }
  for (let t = 1; t < order.length; t++) {
    const j = order[t] as number;
    if (onPath[j] === i) continue;
    const up = parent[j] as number;
    beta[j] = Math.max(beta[up] as number, distance(j, up));
  }
}
