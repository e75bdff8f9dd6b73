/**
 * Greedy-edge construction: repeatedly take the shortest candidate edge that keeps every city at
 * degree <= 2 and closes no premature cycle, then chain the resulting fragments nearest-endpoint
 * first. Typically 15-20% above optimal, a much better start for local search than nearest
 * neighbour. Candidate edges come from the neighbour lists so the cost is O(n k log(n k)) plus the
 * fragment chaining. Returns the visiting order starting at city 0's fragment.
 */
export function greedyEdgeTour(
  n: number,
  distance: (i: number, j: number) => number,
  neighbours: { k: number; lists: Int32Array },
): number[] {
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const { k, lists } = neighbours;
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  const edgeLength: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = lists[i * k + t] as number;
      // Keep each undirected edge once: from the lower index, or from j's side when i is not in j's list.
      if (i < j || !listContains(lists, k, j, i)) {
        edgeA.push(i);
        edgeB.push(j);
        edgeLength.push(distance(i, j));
      }
    }
  }
  const edgeOrder = Array.from(edgeLength.keys()).sort(
    (x, y) =>
      (edgeLength[x] as number) - (edgeLength[y] as number) ||
      Math.min(edgeA[x] as number, edgeB[x] as number) - Math.min(edgeA[y] as number, edgeB[y] as number) ||
      Math.max(edgeA[x] as number, edgeB[x] as number) - Math.max(edgeA[y] as number, edgeB[y] as number),
  );

  const degree = new Uint8Array(n);
  const adjacent = new Int32Array(2 * n).fill(-1);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  let added = 0;
  for (const e of edgeOrder) {
    const a = edgeA[e] as number;
    const b = edgeB[e] as number;
    if ((degree[a] as number) >= 2 || (degree[b] as number) >= 2) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    parent[ra] = rb;
    adjacent[2 * a + (degree[a] as number)] = b;
    adjacent[2 * b + (degree[b] as number)] = a;
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
    if (++added === n - 1) break;
  }

  // Walk the fragments; after each one jump to the nearest free fragment endpoint.
  const visited = new Uint8Array(n);
  const endpoints: number[] = [];
  for (let i = 0; i < n; i++) if ((degree[i] as number) < 2) endpoints.push(i);
  const tour: number[] = [];
  let current = endpoints[0] ?? 0;
  while (tour.length < n) {
    // Traverse the fragment that starts at `current`.
    let previous = -1;
    for (;;) {
      visited[current] = 1;
      tour.push(current);
      const x = adjacent[2 * current] as number;
      const y = adjacent[2 * current + 1] as number;
      const following =
        x !== -1 && x !== previous && !visited[x] ? x : y !== -1 && y !== previous && !visited[y] ? y : -1;
      if (following === -1) break;
      previous = current;
      current = following;
    }
    if (tour.length === n) break;
    let nearest = -1;
    let nearestDistance = Infinity;
    for (const endpoint of endpoints) {
      if (visited[endpoint]) continue;
      const d = distance(current, endpoint);
      if (d < nearestDistance) {
        nearestDistance = d;
        nearest = endpoint;
      }
    }
    current = nearest;
  }
  return tour;
}

function listContains(lists: Int32Array, k: number, city: number, wanted: number): boolean {
  for (let t = 0; t < k; t++) if (lists[city * k + t] === wanted) return true;
  return false;
}
