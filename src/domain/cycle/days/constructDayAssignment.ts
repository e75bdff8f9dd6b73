import type { CycleSlots } from '../cycleSlots.js';
import { sectorDayOrder } from '../sectorOrder.js';
import type { SlotRoutes } from '../slotRoutes.js';
import type { DayAssignmentOutlet } from './dayAssignmentState.js';

/** What the construction needs: the cycle, the outlets and the base in their km projection. */
export interface ConstructionInput {
  slots: CycleSlots;
  outlets: readonly DayAssignmentOutlet[];
  baseX: number;
  baseY: number;
}

/**
 * Places every outlet in `members` on a first pattern: seeds one point per slot by sweeping the
 * territory around the base (sectorSeeds), then places outlets greedily on the option nearest to
 * its slots' seeds, or cheapest to insert when `existing` routes (kept patterns) are there.
 */
export function constructDayAssignment(
  input: ConstructionInput,
  members: readonly number[],
  service: Float64Array,
  existing: SlotRoutes | null,
  place: (o: number, option: number) => void,
): void {
  if (members.length === 0) return;
  greedyPlace(input, members, sectorSeeds(input, members), service, existing, place);
}

/**
 * Seed points per slot: the territory is swept around the base into one wedge per working day
 * (equal weekly service minutes each, neighbouring wedges on days that can pair up for
 * twice-weekly visits), and each wedge into one part per week, ordered so that alternate weeks
 * are adjacent (an every-2-weeks outlet then sits in one half of its wedge).
 */
function sectorSeeds(input: ConstructionInput, members: readonly number[]): Array<[number, number]> {
  const { slots, outlets, baseX, baseY } = input;
  const days = slots.weekdays.length;
  const weeks = slots.weeks;
  const angle = (o: number): number => {
    const outlet = outlets[o] as DayAssignmentOutlet;
    return Math.atan2(outlet.y - baseY, outlet.x - baseX);
  };
  const sorted = [...members].sort((a, b) => angle(a) - angle(b) || a - b);
  // Start the sweep after the widest empty angle so no wedge straddles a dense area needlessly.
  let startAt = 0;
  let widest = -1;
  for (let k = 0; k < sorted.length; k++) {
    const a = angle(sorted[k] as number);
    const prev = angle(sorted[(k - 1 + sorted.length) % sorted.length] as number);
    const gap = k === 0 ? a - prev + 2 * Math.PI : a - prev;
    if (gap > widest) {
      widest = gap;
      startAt = k;
    }
  }
  const swept = [...sorted.slice(startAt), ...sorted.slice(0, startAt)];
  const weight = (o: number): number => {
    const outlet = outlets[o] as DayAssignmentOutlet;
    return ((outlet.options[0]?.slots.length ?? 1) / weeks) * outlet.serviceMinutes;
  };
  const total = swept.reduce((sum, o) => sum + weight(o), 0);
  const dayOrder = sectorDayOrder(slots.weekdays);
  const weekOrder = Array.from({ length: weeks }, (_, w) => w).sort((a, b) => (a % 2) - (b % 2) || a - b);
  const parts = days * weeks;
  const sums = Array.from({ length: parts }, () => [0, 0, 0]);
  let cumulative = 0;
  for (const o of swept) {
    const w = weight(o);
    const part = Math.min(parts - 1, Math.floor(((cumulative + w / 2) / Math.max(total, 1e-9)) * parts));
    cumulative += w;
    const outlet = outlets[o] as DayAssignmentOutlet;
    const acc = sums[part] as number[];
    acc[0] = (acc[0] as number) + outlet.x;
    acc[1] = (acc[1] as number) + outlet.y;
    acc[2] = (acc[2] as number) + 1;
  }
  const seeds = new Array<[number, number]>(slots.count);
  for (let sector = 0; sector < days; sector++) {
    const dayIndex = dayOrder[sector] as number;
    for (let k = 0; k < weeks; k++) {
      const week = weekOrder[k] as number;
      const acc = sums[sector * weeks + k] as number[];
      let seed: [number, number];
      if ((acc[2] as number) > 0)
        seed = [(acc[0] as number) / (acc[2] as number), (acc[1] as number) / (acc[2] as number)];
      else {
        // An empty part (few outlets): fall back to the whole wedge, then to the base.
        let x = 0;
        let y = 0;
        let c = 0;
        for (let j = 0; j < weeks; j++) {
          const other = sums[sector * weeks + j] as number[];
          x += other[0] as number;
          y += other[1] as number;
          c += other[2] as number;
        }
        seed = c > 0 ? [x / c, y / c] : [baseX, baseY];
      }
      seeds[slots.slotOf(week, dayIndex)] = seed;
    }
  }
  return seeds;
}

/**
 * Places outlets one by one on the option nearest to its slots' seeds (or cheapest to insert
 * into existing routes when patterns were kept), preferring options whose slots stay under an
 * even share of the service minutes. Outlets with fewer good alternatives go first.
 */
function greedyPlace(
  input: ConstructionInput,
  members: readonly number[],
  seeds: ReadonlyArray<[number, number]>,
  service: Float64Array,
  existing: SlotRoutes | null,
  place: (o: number, option: number) => void,
): void {
  const { outlets, slots } = input;
  const slotCount = slots.count;
  let totalService = service.reduce((a, b) => a + b, 0);
  for (const o of members) {
    const outlet = outlets[o] as DayAssignmentOutlet;
    totalService += (outlet.options[0]?.slots.length ?? 0) * outlet.serviceMinutes;
  }
  const capacity = totalService / slotCount;
  const costs = new Map<number, number[]>();
  const optionCost = (o: number): number[] => {
    const outlet = outlets[o] as DayAssignmentOutlet;
    return outlet.options.map((option) => {
      let sum = 0;
      for (const s of option.slots) {
        if (existing && existing.routes[s]?.length) sum += existing.insertion(s, o + 1).cost;
        else {
          const [sx, sy] = seeds[s] as [number, number];
          sum += Math.hypot(outlet.x - sx, outlet.y - sy);
        }
      }
      return sum / Math.max(1, option.slots.length);
    });
  };
  const regret = (o: number): number => {
    const c = [...(costs.get(o) as number[])].sort((a, b) => a - b);
    return (c[1] ?? Infinity) - (c[0] ?? 0);
  };
  for (const o of members) costs.set(o, optionCost(o));
  const sorted = [...members].sort((a, b) => {
    const la = (outlets[a]?.options[0]?.slots.length ?? 0) * (outlets[a]?.serviceMinutes ?? 0);
    const lb = (outlets[b]?.options[0]?.slots.length ?? 0) * (outlets[b]?.serviceMinutes ?? 0);
    return lb - la || regret(b) - regret(a) || a - b;
  });
  for (const o of sorted) {
    const outlet = outlets[o] as DayAssignmentOutlet;
    const c = existing ? optionCost(o) : (costs.get(o) as number[]);
    let best = -1;
    let bestCost = Infinity;
    let fallback = 0;
    let fallbackLoad = Infinity;
    outlet.options.forEach((option, k) => {
      let worst = 0;
      for (const s of option.slots) worst = Math.max(worst, (service[s] as number) + outlet.serviceMinutes);
      if (worst <= capacity * 1.02 + outlet.serviceMinutes && (c[k] as number) < bestCost) {
        bestCost = c[k] as number;
        best = k;
      }
      if (worst < fallbackLoad) {
        fallbackLoad = worst;
        fallback = k;
      }
    });
    place(o, best >= 0 ? best : fallback);
  }
}
