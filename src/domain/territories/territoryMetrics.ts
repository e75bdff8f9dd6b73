import { nearestNeighbours } from './neighbourGraph.js';

/** Load-weighted dispersion of a partition around its own (load-weighted) centroids. */
export interface Dispersion {
  /** Load-weighted mean distance of outlets to their territory's centroid, km. */
  meanKm: number;
  /** Load-weighted sum of squared distances to the territory centroids (the k-means objective). */
  sse: number;
  /** Sum of the weights. */
  weight: number;
}

/**
 * Measures how compact a partition is: every outlet's distance to the load-weighted centroid of
 * its own group, weighted by load. Labels are group indices 0..groups-1 (negative = ignored).
 */
export function partitionDispersion(
  xs: Float64Array,
  ys: Float64Array,
  ws: Float64Array,
  labels: Int32Array,
  groups: number,
): Dispersion {
  const sumW = new Float64Array(groups);
  const sumX = new Float64Array(groups);
  const sumY = new Float64Array(groups);
  for (let i = 0; i < xs.length; i++) {
    const g = labels[i] as number;
    if (g < 0) continue;
    const w = ws[i] as number;
    sumW[g] = (sumW[g] as number) + w;
    sumX[g] = (sumX[g] as number) + w * (xs[i] as number);
    sumY[g] = (sumY[g] as number) + w * (ys[i] as number);
  }
  let mean = 0;
  let sse = 0;
  let weight = 0;
  for (let i = 0; i < xs.length; i++) {
    const g = labels[i] as number;
    if (g < 0) continue;
    const w = ws[i] as number;
    const gw = sumW[g] as number;
    if (gw <= 0) continue;
    const dx = (xs[i] as number) - (sumX[g] as number) / gw;
    const dy = (ys[i] as number) - (sumY[g] as number) / gw;
    const d2 = dx * dx + dy * dy;
    mean += w * Math.sqrt(d2);
    sse += w * d2;
    weight += w;
  }
  return { meanKm: weight > 0 ? mean / weight : 0, sse, weight };
}

/**
 * Counts contiguity breaks: outlets whose `neighbours` nearest same-pool outlets mostly (more
 * than half) belong to other groups, i.e. outlets sitting inside someone else's territory.
 */
export function contiguityBreaks(
  xs: Float64Array,
  ys: Float64Array,
  labels: Int32Array,
  neighbours = 5,
): number {
  const n = xs.length;
  if (n < 2) return 0;
  const k = Math.min(neighbours, n - 1);
  const knn = nearestNeighbours(xs, ys, k);
  let breaks = 0;
  for (let i = 0; i < n; i++) {
    let other = 0;
    let seen = 0;
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * k + a] as number;
      if (j < 0) continue;
      seen++;
      if (labels[j] !== labels[i]) other++;
    }
    if (seen > 0 && other * 2 > seen) breaks++;
  }
  return breaks;
}

/**
 * Territory overlap: the share of outlets (labels >= 0) that lie strictly inside the convex hull
 * of another group's outlets (groups of fewer than 3 points have no area and cover nothing). A
 * partition into clean, convex-ish territories scores near 0; a territory grown as a string of
 * border outlets through its neighbours, or scattered islands, makes other groups' outlets fall
 * inside its hull. Bounding boxes first, then an exact point-in-convex-polygon test.
 */
export function hullOverlapShare(
  xs: Float64Array,
  ys: Float64Array,
  labels: Int32Array,
  groups: number,
): number {
  const members: number[][] = Array.from({ length: groups }, () => []);
  let counted = 0;
  for (let i = 0; i < xs.length; i++) {
    const g = labels[i] as number;
    if (g < 0 || g >= groups) continue;
    (members[g] as number[]).push(i);
    counted++;
  }
  if (counted === 0) return 0;
  const hulls = members.map((list) => convexHull(xs, ys, list));
  const boxes = hulls.map((h) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let p = 0; p < h.length; p += 2) {
      x0 = Math.min(x0, h[p] as number);
      x1 = Math.max(x1, h[p] as number);
      y0 = Math.min(y0, h[p + 1] as number);
      y1 = Math.max(y1, h[p + 1] as number);
    }
    return [x0, y0, x1, y1] as const;
  });
  let inside = 0;
  for (let i = 0; i < xs.length; i++) {
    const own = labels[i] as number;
    if (own < 0 || own >= groups) continue;
    const x = xs[i] as number;
    const y = ys[i] as number;
    for (let g = 0; g < groups; g++) {
      if (g === own) continue;
      const h = hulls[g] as number[];
      if (h.length < 6) continue;
      const [x0, y0, x1, y1] = boxes[g] as readonly [number, number, number, number];
      if (x <= x0 || x >= x1 || y <= y0 || y >= y1) continue;
      if (strictlyInsideConvex(h, x, y)) {
        inside++;
        break;
      }
    }
  }
  return inside / counted;
}

/** Convex hull (counter-clockwise, flat x,y list) of the given points: Andrew's monotone chain. */
function convexHull(xs: Float64Array, ys: Float64Array, list: readonly number[]): number[] {
  const pts = [...list].sort(
    (a, b) => (xs[a] as number) - (xs[b] as number) || (ys[a] as number) - (ys[b] as number),
  );
  if (pts.length < 3) return pts.flatMap((i) => [xs[i] as number, ys[i] as number]);
  const cross = (o: number, a: number, b: number): number =>
    ((xs[a] as number) - (xs[o] as number)) * ((ys[b] as number) - (ys[o] as number)) -
    ((ys[a] as number) - (ys[o] as number)) * ((xs[b] as number) - (xs[o] as number));
  const lower: number[] = [];
  for (const p of pts) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as number, lower[lower.length - 1] as number, p) <= 0
    )
      lower.pop();
    lower.push(p);
  }
  const upper: number[] = [];
  for (let a = pts.length - 1; a >= 0; a--) {
    const p = pts[a] as number;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as number, upper[upper.length - 1] as number, p) <= 0
    )
      upper.pop();
    upper.push(p);
  }
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return ring.flatMap((i) => [xs[i] as number, ys[i] as number]);
}

/** Whether (x, y) lies strictly inside the counter-clockwise convex polygon `h` (flat x,y list). */
function strictlyInsideConvex(h: readonly number[], x: number, y: number): boolean {
  const m = h.length / 2;
  if (m < 3) return false;
  for (let a = 0; a < m; a++) {
    const b = (a + 1) % m;
    const ax = h[2 * a] as number;
    const ay = h[2 * a + 1] as number;
    const bx = h[2 * b] as number;
    const by = h[2 * b + 1] as number;
    if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) <= 1e-12) return false;
  }
  return true;
}
