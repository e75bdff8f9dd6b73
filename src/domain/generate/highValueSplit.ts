import type { Random } from '../random.js';
import { percentile } from '../segmentation/percentile.js';

/**
 * How an outlet's volume relates to the percentile rule `small-high-value` (small formats in the
 * region's top 10% by volume are medium): `small-high` must end at or above the threshold,
 * `small-low` strictly below it, `swappable` outlets have formats whose tier ignores volume (their
 * volumes may be exchanged with small formats), `fixed` ones are left alone.
 */
export type VolumeRole = 'fixed' | 'swappable' | 'small-high' | 'small-low';

const MAX_ROUNDS = 50;

/**
 * Makes the percentile split exact: afterwards every `small-high` volume is >= the `p`-th
 * percentile of all volumes and every `small-low` volume is below it, so the segmentation's
 * percentile rule lifts exactly the intended outlets. Misplaced volumes are first exchanged with
 * each other, then with `swappable` outlets on the other side of the threshold; exchanges keep the
 * multiset of volumes, hence the threshold, unchanged. Only when no partner exists is a volume
 * moved across the threshold, and the loop re-evaluates the (possibly shifted) threshold.
 * Modifies `volumes` in place and returns the final threshold; throws if it cannot converge.
 */
export function enforceHighValueSplit(
  volumes: number[],
  roles: readonly VolumeRole[],
  p: number,
  rng: Random,
): number {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const threshold = percentile(volumes, p);
    const tooLow: number[] = [];
    const tooHigh: number[] = [];
    const swapAbove: number[] = [];
    const swapBelow: number[] = [];
    roles.forEach((role, i) => {
      const v = volumes[i] as number;
      if (role === 'small-high' && v < threshold) tooLow.push(i);
      else if (role === 'small-low' && v >= threshold) tooHigh.push(i);
      else if (role === 'swappable') (v >= threshold ? swapAbove : swapBelow).push(i);
    });
    if (tooLow.length === 0 && tooHigh.length === 0) return threshold;

    const swap = (i: number, j: number): void => {
      const tmp = volumes[i] as number;
      volumes[i] = volumes[j] as number;
      volumes[j] = tmp;
    };
    rng.shuffle(swapAbove);
    rng.shuffle(swapBelow);
    while (tooLow.length > 0 && tooHigh.length > 0) swap(tooLow.pop() as number, tooHigh.pop() as number);
    for (const i of tooLow) {
      const partner = swapAbove.pop();
      if (partner !== undefined) swap(i, partner);
      else volumes[i] = Math.floor(threshold) + 1;
    }
    for (const i of tooHigh) {
      const partner = swapBelow.pop();
      if (partner !== undefined) swap(i, partner);
      else volumes[i] = Math.max(0, Math.ceil(threshold) - 1);
    }
  }
  throw new Error(`enforceHighValueSplit: the p${p} volume split did not settle after ${MAX_ROUNDS} rounds`);
}
