import { createRandom } from '../random.js';
import { CentreGrid, CheapestList, cheapestNear } from './centreGrid.js';

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
    const nearest = new NearestCentre(centresX, centresY);
    for (let i = 0; i < n; i++) {
      const best = nearest.find(xs[i] as number, ys[i] as number);
      const bestD = nearest.d2;
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

/** Below this many centres a plain scan is as fast as the grid. */
const GRID_MIN_CENTRES = 32;

/**
 * The nearest centre to a point and its squared distance, ties to the lower centre index: a scan
 * of every centre for a few, an exact grid search (centreGrid.ts) for many. Both give the same
 * centre, so the choice only changes the time (about O(1) per query instead of O(k) for evenly
 * spread centres).
 */
class NearestCentre {
  /** Squared distance to the centre the last find() returned. */
  d2 = Infinity;
  private readonly grid: CentreGrid | null;
  private readonly list = new CheapestList(1);
  private qx = 0;
  private qy = 0;
  private readonly cost = (c: number): number => {
    const dx = this.qx - (this.centresX[c] as number);
    const dy = this.qy - (this.centresY[c] as number);
    return dx * dx + dy * dy;
  };

  constructor(
    private readonly centresX: Float64Array,
    private readonly centresY: Float64Array,
  ) {
    this.grid = centresX.length >= GRID_MIN_CENTRES ? new CentreGrid(centresX, centresY) : null;
  }

  /** The nearest centre to (x, y) (0 when there is none); its squared distance goes to `d2`. */
  find(x: number, y: number): number {
    if (this.grid === null) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < this.centresX.length; c++) {
        const dx = x - (this.centresX[c] as number);
        const dy = y - (this.centresY[c] as number);
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      this.d2 = bestD;
      return best;
    }
    this.qx = x;
    this.qy = y;
    cheapestNear(this.grid, x, y, this.list, this.cost);
    this.d2 = this.list.cost[0] as number;
    return this.list.index[0] as number;
  }
}
