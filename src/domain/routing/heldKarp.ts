/**
 * Exact shortest closed tour by Held-Karp dynamic programming over subsets, O(2^n n^2). Only for
 * tiny instances (n <= 12 or so) where it is cheaper than heuristics and gives a guaranteed
 * optimum. Works for asymmetric distances too. Returns the tour starting at city 0.
 */
export function heldKarpTour(n: number, distance: (i: number, j: number) => number): number[] {
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  if (n > 16) throw new Error(`heldKarpTour: n = ${n} is too large for the exact method (max 16)`);
  // Subsets of cities 1..n-1; bit (c-1) for city c. cost[mask * m + last] with last in 0..m-1 = city last+1.
  const m = n - 1;
  const full = (1 << m) - 1;
  const cost = new Float64Array((full + 1) * m).fill(Infinity);
  const from = new Int8Array((full + 1) * m).fill(-1);
  for (let last = 0; last < m; last++) cost[(1 << last) * m + last] = distance(0, last + 1);
  for (let mask = 1; mask <= full; mask++) {
    for (let last = 0; last < m; last++) {
      if (!(mask & (1 << last))) continue;
      const here = cost[mask * m + last] as number;
      if (here === Infinity) continue;
      for (let next = 0; next < m; next++) {
        if (mask & (1 << next)) continue;
        const nextMask = mask | (1 << next);
        const candidate = here + distance(last + 1, next + 1);
        if (candidate < (cost[nextMask * m + next] as number)) {
          cost[nextMask * m + next] = candidate;
          from[nextMask * m + next] = last;
        }
      }
    }
  }
  let bestLast = 0;
  let bestCost = Infinity;
  for (let last = 0; last < m; last++) {
    const total = (cost[full * m + last] as number) + distance(last + 1, 0);
    if (total < bestCost) {
      bestCost = total;
      bestLast = last;
    }
  }
  const reversed: number[] = [];
  let mask = full;
  let last = bestLast;
  while (last !== -1) {
    reversed.push(last + 1);
    const previous = from[mask * m + last] as number;
    mask &= ~(1 << last);
    last = previous;
  }
  return [0, ...reversed.reverse()];
}
