import { moveCostPerUnit, typicalUnitCost } from './moveScore.js';
import type { TerritoryState } from './territoryState.js';

export interface BalanceRepairOptions {
  /** Stop once every rep is within this relative deviation of its target. */
  tolerance: number;
  /**
   * `tight`: shift load until reps are on target (fresh and redraw plans).
   * `minimal`: shift only what brings reps back inside the tolerance band, and prefer outlets that
   * are not with their previous rep, so a rebuild moves as few established outlets as it can.
   */
  style: 'tight' | 'minimal';
  maxSteps?: number;
}

export interface BalanceRepairResult {
  /** Outlet moves performed (an outlet moved twice counts twice). */
  moves: number;
  /** Whether every rep ended within the tolerance. */
  balanced: boolean;
}

/** Extra cost per unit (in typical unit costs) of moving an outlet away from its previous rep in a rebuild. */
const CHURN_PENALTY = 1000;

/**
 * Restores balance exactly with boundary moves. Repeatedly takes the rep furthest from its target
 * and finds, by breadth-first search over touching territories, the nearest territory on the
 * other side of its target; load then flows along that chain of neighbours (A -> B -> C), each
 * link moving the border outlets that cost least per minute of load (compactness and contiguity
 * via moveCostPerUnit). A step that does not reduce the larger deviation of its two ends is
 * undone, and the rep is skipped until another step succeeds. Locked outlets never move.
 */
export function repairBalance(state: TerritoryState, options: BalanceRepairOptions): BalanceRepairResult {
  const { k } = state.problem;
  const maxSteps = options.maxSteps ?? 40 * k + 200;
  let moves = seedEmptyTerritories(state);
  const scale = typicalUnitCost(state);
  const skipped = new Uint8Array(k);
  for (let step = 0; step < maxSteps; step++) {
    let worst = -1;
    let worstDev = options.tolerance;
    for (let r = 0; r < k; r++) {
      if (skipped[r]) continue;
      const dev = Math.abs(state.deviation(r));
      if (dev > worstDev) {
        worstDev = dev;
        worst = r;
      }
    }
    if (worst < 0) break;
    const over = state.deviation(worst) > 0;
    // Territories separated by a gap (no neighbour edge between them) are linked directly.
    const other = nearestOpposite(state, worst, over) ?? closestOpposite(state, worst, over);
    if (other === null) {
      skipped[worst] = 1;
      continue;
    }
    const { path, border } = other;
    const donorToReceiver = over ? path : [...path].reverse();
    const end = path[path.length - 1] as number;
    const margin = options.style === 'minimal' ? options.tolerance / 2 : 0;
    const need = over
      ? state.load(worst) - state.target(worst) * (1 + margin)
      : state.target(worst) * (1 - margin) - state.load(worst);
    const room = over
      ? state.target(end) * (1 + margin) - state.load(end)
      : state.load(end) - state.target(end) * (1 - margin);
    const amount = Math.max(Math.min(need, room), 0);
    const before = Math.max(Math.abs(state.deviation(worst)), Math.abs(state.deviation(end)));
    const done: Array<[outlet: number, from: number]> = [];
    for (let link = 0; link + 1 < donorToReceiver.length; link++) {
      const from = donorToReceiver[link] as number;
      const to = donorToReceiver[link + 1] as number;
      shiftLoad(state, from, to, amount, scale, options.style, border, done);
    }
    const after = Math.max(Math.abs(state.deviation(worst)), Math.abs(state.deviation(end)));
    if (done.length === 0 || after >= before - 1e-12) {
      for (let m = done.length - 1; m >= 0; m--) {
        const [outlet, from] = done[m] as [number, number];
        state.move(outlet, from);
      }
      skipped[worst] = 1;
      continue;
    }
    moves += done.length;
    skipped.fill(0);
  }
  if (state.maxDeviation() > options.tolerance) moves += balanceBySwaps(state, options.tolerance, scale);
  return { moves, balanced: state.maxDeviation() <= options.tolerance + 1e-9 };
}

/**
 * Fine balancing when whole-outlet moves overshoot (few, heavy outlets per rep): for the rep
 * furthest from its target, tries every single border move and every swap of border outlets with
 * each touching territory, and applies the one that most lowers the larger deviation of the two
 * (cost per unit load breaks ties). A swap transfers only the difference of two loads, so it can
 * hit a narrow band that no single move can. Returns the number of outlets moved.
 */
function balanceBySwaps(state: TerritoryState, tolerance: number, scale: number): number {
  const { k, load, locked } = state.problem;
  const skipped = new Uint8Array(k);
  let moved = 0;
  for (let step = 0; step < 20 * k + 50; step++) {
    let r = -1;
    let worst = tolerance;
    for (let q = 0; q < k; q++) {
      const dev = Math.abs(state.deviation(q));
      if (!skipped[q] && dev > worst) {
        worst = dev;
        r = q;
      }
    }
    if (r < 0) break;
    const targetR = state.target(r);
    const loadR = state.load(r);
    let best: { i: number; j: number; s: number; score: number; cost: number } | null = null;
    for (const s of state.touchingReps(r)) {
      const targetS = state.target(s);
      const loadS = state.load(s);
      if (targetS <= 0) continue;
      const before = Math.max(Math.abs(loadR / targetR - 1), Math.abs(loadS / targetS - 1));
      const fromR = state
        .membersOf(r)
        .filter((i) => (locked[i] as number) < 0 && state.neighboursIn(i, s) > 0);
      const fromS = state
        .membersOf(s)
        .filter((j) => (locked[j] as number) < 0 && state.neighboursIn(j, r) > 0);
      const consider = (i: number, j: number): void => {
        const delta = (i >= 0 ? (load[i] as number) : 0) - (j >= 0 ? (load[j] as number) : 0);
        const score = Math.max(
          Math.abs((loadR - delta) / targetR - 1),
          Math.abs((loadS + delta) / targetS - 1),
        );
        if (score >= before - 1e-12) return;
        const cost =
          (i >= 0 ? moveCostPerUnit(state, i, s, scale) * (load[i] as number) : 0) +
          (j >= 0 ? moveCostPerUnit(state, j, r, scale) * (load[j] as number) : 0);
        if (
          !best ||
          score < best.score - 1e-9 ||
          (Math.abs(score - best.score) <= 1e-9 && cost < best.cost)
        ) {
          best = { i, j, s, score, cost };
        }
      };
      for (const i of fromR) consider(i, -1);
      for (const j of fromS) consider(-1, j);
      for (const i of fromR) for (const j of fromS) consider(i, j);
    }
    const chosen = best as { i: number; j: number; s: number } | null;
    if (!chosen) {
      skipped[r] = 1;
      continue;
    }
    if (chosen.i >= 0) {
      state.move(chosen.i, chosen.s);
      moved++;
    }
    if (chosen.j >= 0) {
      state.move(chosen.j, r);
      moved++;
    }
    skipped.fill(0);
  }
  return moved;
}

/**
 * An empty territory touches nothing, so no chain can reach it: give every rep with a positive
 * target and no outlet the unlocked outlet nearest its centre (its home when empty) taken from a
 * rep that keeps at least one outlet. Returns the number of outlets moved.
 */
export function seedEmptyTerritories(state: TerritoryState): number {
  const { n, k, xs, ys, locked } = state.problem;
  let moved = 0;
  for (let r = 0; r < k; r++) {
    if (state.membersOf(r).length > 0 || state.target(r) <= 0) continue;
    const cx = state.centreX(r);
    const cy = state.centreY(r);
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      if ((locked[i] as number) >= 0 || state.membersOf(state.repOf[i] as number).length < 2) continue;
      const dx = (xs[i] as number) - cx;
      const dy = (ys[i] as number) - cy;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) continue;
    state.move(best, r);
    moved++;
  }
  return moved;
}

/**
 * Breadth-first search over touching territories from `start` to the nearest rep on the other
 * side of its target (under target when `start` is over, and vice versa); among the nearest,
 * the one furthest from its target. Returns the path start..found, or null.
 */
function nearestOpposite(
  state: TerritoryState,
  start: number,
  over: boolean,
): { path: number[]; border: boolean } | null {
  const { k } = state.problem;
  const parent = new Int32Array(k).fill(-2);
  parent[start] = -1;
  let frontier = [start];
  while (frontier.length > 0) {
    const next: number[] = [];
    let best = -1;
    let bestDev = 0;
    for (const a of frontier) {
      for (const b of state.touchingReps(a)) {
        if (parent[b] !== -2) continue;
        parent[b] = a;
        next.push(b);
        const dev = state.deviation(b);
        const opposite = over ? -dev : dev;
        if (opposite > bestDev) {
          bestDev = opposite;
          best = b;
        }
      }
    }
    if (best >= 0) {
      const path: number[] = [];
      for (let node = best; node !== -1; node = parent[node] as number) path.push(node);
      return { path: path.reverse(), border: true };
    }
    frontier = next;
  }
  return null;
}

/**
 * Fallback when no chain of touching territories reaches the other side of the target (the
 * pool's outlets form separate groups): the rep on the other side whose centre is closest.
 */
function closestOpposite(
  state: TerritoryState,
  start: number,
  over: boolean,
): { path: number[]; border: boolean } | null {
  const { k } = state.problem;
  let best = -1;
  let bestD = Infinity;
  for (let r = 0; r < k; r++) {
    if (r === start) continue;
    const dev = state.deviation(r);
    if (!(over ? dev < 0 : dev > 0)) continue;
    const dx = state.centreX(r) - state.centreX(start);
    const dy = state.centreY(r) - state.centreY(start);
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return best < 0 ? null : { path: [start, best], border: false };
}

/**
 * Moves about `amount` minutes of load from territory `from` to the touching territory `to`,
 * taking unlocked border outlets (those with a graph neighbour in `to`; any outlet when `border`
 * is false) in order of cost per unit load, never overshooting by more than half an outlet. At
 * least one outlet moves when any can.
 */
function shiftLoad(
  state: TerritoryState,
  from: number,
  to: number,
  amount: number,
  scale: number,
  style: BalanceRepairOptions['style'],
  border: boolean,
  done: Array<[number, number]>,
): void {
  const { load, locked, previous } = state.problem;
  const candidates: Array<{ outlet: number; score: number }> = [];
  for (const i of state.membersOf(from)) {
    if ((locked[i] as number) >= 0 || (border && state.neighboursIn(i, to) === 0)) continue;
    let score = moveCostPerUnit(state, i, to, scale);
    if (style === 'minimal' && previous[i] === from) score += CHURN_PENALTY * scale;
    candidates.push({ outlet: i, score });
  }
  candidates.sort((p, q) => p.score - q.score || p.outlet - q.outlet);
  let moved = 0;
  for (const { outlet } of candidates) {
    const w = load[outlet] as number;
    if (moved > 0 && moved + w / 2 > amount) continue;
    if (moved === 0 && w / 2 > amount && candidates.length > 1) {
      // The cheapest outlet is too big for the amount; a smaller one further down may fit.
      continue;
    }
    state.move(outlet, to);
    done.push([outlet, from]);
    moved += w;
    if (moved >= amount) break;
  }
  if (moved === 0 && candidates.length > 0) {
    // Nothing fitted: move the lightest border outlet so the chain still makes progress.
    let lightest = candidates[0] as { outlet: number };
    for (const c of candidates)
      if ((load[c.outlet] as number) < (load[lightest.outlet] as number)) lightest = c;
    state.move(lightest.outlet, to);
    done.push([lightest.outlet, from]);
  }
}
