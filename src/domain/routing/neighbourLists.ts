/**
 * For each city, its `k` nearest other cities in increasing distance (ties by index, so the
 * lists are deterministic). Local search only tries new edges to these candidates, which is what
 * keeps 2-opt and Or-opt near-linear per pass instead of quadratic. Returns a flat array where
 * city i's list is entries [i*k, i*k+k); k is capped at n-1.
 */
export function buildNeighbourLists(
  n: number,
  distance: (i: number, j: number) => number,
  k: number,
): { k: number; lists: Int32Array } {
  const size = Math.max(0, Math.min(k, n - 1));
  const lists = new Int32Array(n * size);
  const bestDistance = new Float64Array(size);
  const bestCity = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dij = distance(i, j);
      if (count === size && dij >= (bestDistance[size - 1] as number)) continue;
      // Insertion into the short sorted list; equal distances keep the lower index first.
      let slot = count < size ? count++ : size - 1;
      while (slot > 0 && (bestDistance[slot - 1] as number) > dij) {
        bestDistance[slot] = bestDistance[slot - 1] as number;
        bestCity[slot] = bestCity[slot - 1] as number;
        slot--;
      }
      bestDistance[slot] = dij;
      bestCity[slot] = j;
    }
    lists.set(bestCity.subarray(0, size), i * size);
  }
  return { k: size, lists };
}
