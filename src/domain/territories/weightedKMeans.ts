import { createRandom } from '../random.js';

/** Result of weighted k-means: centres, the assignment and the weighted sum of squared distances. */
export interface WeightedKMeansResult {
  centresX: Float64Array;
  centresY: Float64Array;
  assignment: Int32Array;
  /** Sum over points of weight x squared distance to the assigned centre (km^2 x weight). */
  sse: number;
}

/**
 * Weighted k-means++ seeding (Arthur & Vassilvitskii): the first centre is drawn in proportion to
 * weight, each next one in proportion to weight x squared distance to the nearest centre so far.
 * Deterministic for a seed. Returns fewer than k centres only when there are fewer points.
 */
export function seedCentresPlusPlus(
  xs: Float64Array,
  ys: Float64Array,
  ws: Float64Array,
  k: number,
  seed: number,
): { centresX: Float64Array; centresY: Float64Array } {
  const n = xs.length;
  const count = Math.min(k, n);
  const random = createRandom(seed);
  const centresX = new Float64Array(count);
  const centresY = new Float64Array(count);
  if (count === 0) return { centresX, centresY };
  const nearest = new Float64Array(n).fill(Infinity);
  const pick = (scores: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < n; i++) total += scores[i] as number;
    if (!(total > 0)) return random.int(n);
    let u = random.next() * total;
    for (let i = 0; i < n; i++) {
      u -= scores[i] as number;
      if (u < 0) return i;
    }
    return n - 1;
  };
  const scores = new Float64Array(n);
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < n; i++) {
      scores[i] = c === 0 ? Math.max(ws[i] as number, 1e-12) : (ws[i] as number) * (nearest[i] as number);
    }
    const chosen = pick(scores);
    const cx = xs[chosen] as number;
    const cy = ys[chosen] as number;
    centresX[c] = cx;
    centresY[c] = cy;
    for (let i = 0; i < n; i++) {
      const dx = (xs[i] as number) - cx;
      const dy = (ys[i] as number) - cy;
      const d = dx * dx + dy * dy;
      if (d < (nearest[i] as number)) nearest[i] = d;
    }
  }
  return { centresX, centresY };
}

/**
 * Unconstrained weighted k-means (Lloyd iterations from k-means++ seeds): minimises the weighted
 * sum of squared distances to centres, ignoring balance. Used as the compactness reference a
 * balanced partition is compared with, and as a warm start for the balanced assignment.
 */
export function weightedKMeans(
  xs: Float64Array,
  ys: Float64Array,
  ws: Float64Array,
  k: number,
  options: { seed: number; maxIterations?: number },
): WeightedKMeansResult {
  const n = xs.length;
  const { centresX, centresY } = seedCentresPlusPlus(xs, ys, ws, k, options.seed);
  const m = centresX.length;
  const assignment = new Int32Array(n).fill(-1);
  const sumW = new Float64Array(m);
  const sumX = new Float64Array(m);
  const sumY = new Float64Array(m);
  let sse = 0;
  const maxIterations = options.maxIterations ?? 100;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    sse = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < m; c++) {
        const dx = x - (centresX[c] as number);
        const dy = y - (centresY[c] as number);
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignment[i] !== best) changed++;
      assignment[i] = best;
      sse += (ws[i] as number) * bestD;
    }
    if (changed === 0) break;
    sumW.fill(0);
    sumX.fill(0);
    sumY.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i] as number;
      const w = ws[i] as number;
      sumW[c] = (sumW[c] as number) + w;
      sumX[c] = (sumX[c] as number) + w * (xs[i] as number);
      sumY[c] = (sumY[c] as number) + w * (ys[i] as number);
    }
    for (let c = 0; c < m; c++) {
      const w = sumW[c] as number;
      if (w > 0) {
        centresX[c] = (sumX[c] as number) / w;
        centresY[c] = (sumY[c] as number) / w;
      }
    }
  }
  return { centresX, centresY, assignment, sse };
}
