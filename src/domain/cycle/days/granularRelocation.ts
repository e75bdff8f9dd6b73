import type { Random } from '../../random.js';
import type { PatternOption } from '../visitPatterns.js';
import type { DayAssignmentState } from './dayAssignmentState.js';
import { relocationTravelDelta } from './relocatePattern.js';

/**
 * For one option list (one frequency), the indexes of the options that visit each slot: which
 * patterns would put an outlet on a given day. Built once per list and shared by its outlets.
 */
export class OptionsBySlot {
  private readonly lists = new Map<readonly PatternOption[], number[][]>();

  constructor(private readonly slotCount: number) {}

  /** The options of `options` that visit slot `s`, in option order. */
  of(options: readonly PatternOption[], s: number): readonly number[] {
    let bySlot = this.lists.get(options);
    if (!bySlot) {
      bySlot = Array.from({ length: this.slotCount }, () => []);
      options.forEach((option, k) => {
        for (const slot of option.slots) bySlot?.[slot]?.push(k);
      });
      this.lists.set(options, bySlot);
    }
    return bySlot[s] ?? [];
  }
}

/**
 * Granular relocation proposal: a pattern for outlet `o` that puts it on a day one of its nearest
 * outlets is already visited on. One of the first `neighbours` (nearest first) is drawn at random
 * and one of its slots that `o` is not on; among `o`'s patterns visiting that slot, the one adding
 * the least estimated travel (removal savings on the slots it leaves, cheapest insertion on those
 * it joins) is proposed. A random pattern mostly lands `o` on days far from it, and pricing every
 * pattern costs as many insertions as it has patterns; this proposes only relevant days and
 * prices only the few patterns through one of them. Returns -1 when the drawn neighbour offers no
 * new day (the caller simply draws again). Penalties are left to the caller's exact evaluation.
 */
export function granularRelocation(
  state: DayAssignmentState,
  optionsBySlot: OptionsBySlot,
  random: Random,
  o: number,
  neighbours: Int32Array,
): number {
  if (neighbours.length === 0) return -1;
  const neighbour = neighbours[random.int(neighbours.length)] as number;
  const current = state.optionOf(o);
  const target = state.optionOf(neighbour).slots;
  const first = random.int(target.length);
  let slot = -1;
  for (let k = 0; k < target.length; k++) {
    const s = target[(first + k) % target.length] as number;
    if (!current.slots.includes(s)) {
      slot = s;
      break;
    }
  }
  if (slot < 0) return -1;
  let best = -1;
  let bestDelta = Infinity;
  for (const k of optionsBySlot.of(state.outlet(o).options, slot)) {
    const delta = relocationTravelDelta(state, o, k);
    if (delta < bestDelta) {
      bestDelta = delta;
      best = k;
    }
  }
  return best;
}
