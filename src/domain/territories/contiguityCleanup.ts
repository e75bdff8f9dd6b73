import type { NearestNeighbours } from './neighbourGraph.js';
import { withinBand } from './boundaryLocalSearch.js';
import type { TerritoryState } from './territoryState.js';

/** Neighbours that decide whether an outlet sits inside another rep's territory. */
export const CONTIGUITY_NEIGHBOURS = 5;

export interface ContiguityCleanupOptions {
  /** Relative deviation from target every rep must stay within (or not get further from). */
  band: number;
  maxPasses?: number;
}

/**
 * Removes contiguity breaks: outlets most of whose CONTIGUITY_NEIGHBOURS nearest outlets belong to
 * another rep (an island inside someone else's territory). For each break it tries moving the
 * outlet to the rep that holds most of its neighbours, or, when balance forbids, swapping it with
 * an outlet of that rep near it; a change is kept only if it strictly lowers the number of breaks
 * among the outlets it affects (the moved ones and those that count them as neighbours) and keeps
 * every rep inside the balance band. The boundary local search optimises a smooth proxy of this
 * (cut edges); this pass works on the measure itself. Locked outlets never move.
 */
export function cleanUpContiguity(
  state: TerritoryState,
  knn: NearestNeighbours,
  options: ContiguityCleanupOptions,
): { moves: number; swaps: number } {
  const { n, load, locked } = state.problem;
  const k = Math.min(CONTIGUITY_NEIGHBOURS, knn.k);
  const stride = knn.k;
  const reverseStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * stride + a] as number;
      if (j >= 0) reverseStart[j + 1] = (reverseStart[j + 1] as number) + 1;
    }
  }
  for (let i = 0; i < n; i++)
    reverseStart[i + 1] = (reverseStart[i + 1] as number) + (reverseStart[i] as number);
  const reverse = new Int32Array(reverseStart[n] as number);
  const fill = reverseStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * stride + a] as number;
      if (j < 0) continue;
      reverse[fill[j] as number] = i;
      fill[j] = (fill[j] as number) + 1;
    }
  }

  const isBreak = (i: number): boolean => {
    const own = state.repOf[i] as number;
    let other = 0;
    let seen = 0;
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * stride + a] as number;
      if (j < 0) continue;
      seen++;
      if (state.repOf[j] !== own) other++;
    }
    return seen > 0 && other * 2 > seen;
  };
  const majorityRep = (i: number): number => {
    const counts = new Map<number, number>();
    for (let a = 0; a < k; a++) {
      const j = knn.indices[i * stride + a] as number;
      if (j < 0) continue;
      const r = state.repOf[j] as number;
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    let best = -1;
    let bestCount = 0;
    for (const [r, c] of counts)
      if (c > bestCount || (c === bestCount && r < best)) [best, bestCount] = [r, c];
    return best;
  };
  const affected = (outlets: number[]): number[] => {
    const set = new Set<number>(outlets);
    for (const i of outlets)
      for (let e = reverseStart[i] as number; e < (reverseStart[i + 1] as number); e++)
        set.add(reverse[e] as number);
    return [...set];
  };
  const breaksAmong = (outlets: readonly number[]): number =>
    outlets.reduce((s, i) => s + (isBreak(i) ? 1 : 0), 0);

  let moves = 0;
  let swaps = 0;
  for (let pass = 0; pass < (options.maxPasses ?? 6); pass++) {
    let improved = 0;
    for (let i = 0; i < n; i++) {
      if ((locked[i] as number) >= 0 || !isBreak(i)) continue;
      const a = state.repOf[i] as number;
      const b = majorityRep(i);
      if (b < 0 || b === a) continue;
      const wi = load[i] as number;
      if (withinBand(state, a, -wi, options.band) && withinBand(state, b, wi, options.band)) {
        const scope = affected([i]);
        const before = breaksAmong(scope);
        state.move(i, b);
        if (breaksAmong(scope) < before) {
          moves++;
          improved++;
          continue;
        }
        state.move(i, a);
      }
      // Swap partners: b's outlets among i's neighbours and their neighbours.
      const partners = new Set<number>();
      for (let x = 0; x < k; x++) {
        const j = knn.indices[i * stride + x] as number;
        if (j < 0) continue;
        for (let y = -1; y < k; y++) {
          const m = y < 0 ? j : (knn.indices[j * stride + y] as number);
          if (m >= 0 && m !== i && state.repOf[m] === b && (locked[m] as number) < 0) partners.add(m);
        }
      }
      for (const j of [...partners].sort((p, q) => p - q)) {
        const wj = load[j] as number;
        if (!withinBand(state, a, wj - wi, options.band) || !withinBand(state, b, wi - wj, options.band))
          continue;
        const scope = affected([i, j]);
        const before = breaksAmong(scope);
        state.move(i, b);
        state.move(j, a);
        if (breaksAmong(scope) < before) {
          swaps++;
          improved++;
          break;
        }
        state.move(j, b);
        state.move(i, a);
      }
    }
    if (improved === 0) break;
  }
  return { moves, swaps };
}
