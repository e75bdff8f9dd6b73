import { createRandom } from '../random.js';
import type { TravelMatrix } from '../routing/travelModel.js';
import type { CycleSlots } from './cycleSlots.js';
import { sectorDayOrder } from './sectorOrder.js';
import { SlotRoutes } from './slotRoutes.js';
import type { PatternOption } from './visitPatterns.js';
import type { StartWindow } from './visitWindow.js';
import { windowLoad, type WindowedStop, type WindowLoad } from './windowOverload.js';

/** One outlet as the day assignment sees it. */
export interface DayAssignmentOutlet {
  /** Position in a local km projection (only used to seed geographic day sectors). */
  x: number;
  y: number;
  serviceMinutes: number;
  window: StartWindow | null;
  /** The patterns it may follow (non-empty). */
  options: PatternOption[];
  /** Index into `options` of the pattern to keep, or null (new outlet, or stability not wanted). */
  keepOption: number | null;
  /** Cost, in travel-minute equivalents, of choosing each option instead of `keepOption` (same length as options). */
  changeCost: number[] | null;
}

export interface AssignVisitDaysInput {
  slots: CycleSlots;
  /** Travel between the rep's base (index 0) and the outlets (index i + 1 = outlets[i]). */
  matrix: TravelMatrix;
  /** The base in the same km projection as the outlets. */
  baseX: number;
  baseY: number;
  outlets: DayAssignmentOutlet[];
  dayStartMinutes: number;
  dailyMinutes: number;
  seed: number;
  /** Upper bound on improvement passes (default 40). */
  maxPasses?: number;
}

export interface AssignVisitDaysResult {
  /** Chosen option index per outlet. */
  choice: number[];
  /** Estimated visiting order per slot (outlet indexes); final routes are sequenced separately. */
  routes: number[][];
  /** Estimated minutes (travel + service) per slot. */
  slotMinutes: number[];
}

/** Weights of the assignment objective, in travel-minute equivalents. */
const OVER_BUDGET_WEIGHT = 12;
const OVER_BALANCE_WEIGHT = 4;
/** Days may run this much over the mean before the linear balance penalty starts. */
const BALANCE_SLACK = 0.05;
const WINDOW_WEIGHT = 12;
/**
 * Share of the day budget kept free in the estimate: sequenced routes with real times (waits
 * for windows) come out a little longer than the insertion estimate.
 */
const BUDGET_MARGIN = 0.025;

/**
 * Chooses each outlet's visit pattern for one rep so that every day's stops are close together,
 * days carry similar minutes, no day exceeds the budget and windowed outlets land on days where
 * their windows can be met. Starts from a sweep of the territory around the rep's base into
 * day sectors (or from the patterns to keep), then moves whole patterns while that lowers
 * estimated travel plus penalties for imbalance, over-budget minutes, window overload and
 * pattern changes. Deterministic for a given seed.
 */
export function assignVisitDays(input: AssignVisitDaysInput): AssignVisitDaysResult {
  const { slots, matrix, outlets } = input;
  const n = outlets.length;
  const slotCount = slots.count;
  const routes = new SlotRoutes(matrix, slotCount);
  const service = new Float64Array(slotCount);
  const choice = new Array<number>(n).fill(-1);
  const windowed = outlets.map((o) => o.window !== null);
  const anyWindows = windowed.some(Boolean);

  const place = (o: number, option: number): void => {
    choice[o] = option;
    const outlet = outlets[o] as DayAssignmentOutlet;
    for (const s of (outlet.options[option] as PatternOption).slots) {
      routes.insert(s, o + 1);
      service[s] = (service[s] as number) + outlet.serviceMinutes;
    }
  };
  const unplace = (o: number): void => {
    const outlet = outlets[o] as DayAssignmentOutlet;
    for (const s of (outlet.options[choice[o] as number] as PatternOption).slots) {
      routes.remove(s, o + 1);
      service[s] = (service[s] as number) - outlet.serviceMinutes;
    }
    choice[o] = -1;
  };

  // --- construction -------------------------------------------------------------------------
  const kept: number[] = [];
  const fresh: number[] = [];
  outlets.forEach((o, i) => (o.keepOption !== null ? kept : fresh).push(i));
  for (const o of kept) place(o, outlets[o]?.keepOption as number);
  if (fresh.length > 0) {
    const seeds = sectorSeeds(input, fresh);
    greedyPlace(input, fresh, seeds, service, kept.length > 0 ? routes : null, place);
  }
  for (let s = 0; s < slotCount; s++) routes.polish(s);

  // --- improvement --------------------------------------------------------------------------
  const maxPasses = input.maxPasses ?? 40;
  const random = createRandom(input.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const budget = input.dailyMinutes * (1 - BUDGET_MARGIN);
  const inCurrent = new Int32Array(slotCount);
  const leave = new Float64Array(slotCount);
  let stamp = 0;

  for (let pass = 0; pass < maxPasses; pass++) {
    const totalTravel = routes.travel.reduce((a, b) => a + b, 0);
    const totalStops = outlets.reduce(
      (sum, o, i) => sum + (o.options[choice[i] as number]?.slots.length ?? 0),
      0,
    );
    const travelPerStop = totalStops > 0 ? totalTravel / totalStops : 0;
    const windowStops = (s: number, without: number, withOutlet: number): WindowedStop[] => {
      const list: WindowedStop[] = [];
      for (const node of routes.routes[s] as number[]) {
        const o = node - 1;
        if (o === without || !windowed[o]) continue;
        const outlet = outlets[o] as DayAssignmentOutlet;
        list.push({ ...(outlet.window as StartWindow), serviceMinutes: outlet.serviceMinutes });
      }
      if (withOutlet >= 0) {
        const outlet = outlets[withOutlet] as DayAssignmentOutlet;
        list.push({ ...(outlet.window as StartWindow), serviceMinutes: outlet.serviceMinutes });
      }
      return list.sort((a, b) => a.to - b.to);
    };
    const slotWindowLoad = (s: number, without: number, withOutlet: number): WindowLoad =>
      windowLoad(windowStops(s, without, withOutlet), input.dayStartMinutes, travelPerStop);
    // Per slot: the elapsed-time lower bound and the overload its windows imply.
    const elapsed = new Float64Array(slotCount);
    const overload = new Float64Array(slotCount);
    const refreshWindows = (s: number): void => {
      const load = slotWindowLoad(s, -1, -1);
      elapsed[s] = load.elapsedMinutes;
      overload[s] = load.overloadMinutes;
    };
    if (anyWindows) for (let s = 0; s < slotCount; s++) refreshWindows(s);
    const dayMinutes = (s: number): number =>
      Math.max((service[s] as number) + (routes.travel[s] as number), elapsed[s] as number);
    let totalMinutes = 0;
    for (let s = 0; s < slotCount; s++) totalMinutes += dayMinutes(s);
    const mean = totalMinutes / slotCount;
    const quadratic = mean > 0 ? 1 / (0.08 * mean) : 0;
    const penalty = (minutes: number, windowOverload: number): number => {
      const dev = minutes - mean;
      return (
        quadratic * dev * dev +
        OVER_BALANCE_WEIGHT * Math.max(0, minutes - (1 + BALANCE_SLACK) * mean) +
        OVER_BUDGET_WEIGHT * Math.max(0, minutes - budget) +
        WINDOW_WEIGHT * windowOverload
      );
    };
    const currentPenalty = (s: number): number => penalty(dayMinutes(s), overload[s] as number);

    let improvedTotal = 0;
    random.shuffle(order);
    for (const o of order) {
      const outlet = outlets[o] as DayAssignmentOutlet;
      if (outlet.options.length < 2) continue;
      const node = o + 1;
      const current = outlet.options[choice[o] as number] as PatternOption;
      // Gains of leaving each current slot, computed once per outlet; `inCurrent` marks them.
      stamp++;
      for (const s of current.slots) inCurrent[s] = stamp;
      for (const s of current.slots) {
        const saving = routes.removalSaving(s, node);
        const base = (service[s] as number) + (routes.travel[s] as number) - saving - outlet.serviceMinutes;
        const after = windowed[o] ? slotWindowLoad(s, o, -1) : null;
        const minutes = Math.max(base, after ? after.elapsedMinutes : (elapsed[s] as number));
        leave[s] =
          -saving +
          penalty(minutes, after ? after.overloadMinutes : (overload[s] as number)) -
          currentPenalty(s);
      }
      const changeCost = outlet.changeCost;
      let bestDelta = -1e-6;
      let bestOption = -1;
      for (let k = 0; k < outlet.options.length; k++) {
        if (k === choice[o]) continue;
        const option = outlet.options[k] as PatternOption;
        let delta = changeCost ? (changeCost[k] as number) - (changeCost[choice[o] as number] as number) : 0;
        for (const s of current.slots) if (!option.slots.includes(s)) delta += leave[s] as number;
        for (const s of option.slots) {
          if (inCurrent[s] === stamp) continue;
          const cost = routes.insertion(s, node).cost;
          const base = (service[s] as number) + (routes.travel[s] as number) + cost + outlet.serviceMinutes;
          const after = windowed[o] ? slotWindowLoad(s, -1, o) : null;
          const minutes = Math.max(base, after ? after.elapsedMinutes : (elapsed[s] as number));
          delta +=
            cost +
            penalty(minutes, after ? after.overloadMinutes : (overload[s] as number)) -
            currentPenalty(s);
          if (delta >= bestDelta) break;
        }
        if (delta < bestDelta) {
          bestDelta = delta;
          bestOption = k;
        }
      }
      if (bestOption >= 0) {
        const touched = [...current.slots, ...(outlet.options[bestOption] as PatternOption).slots];
        unplace(o);
        place(o, bestOption);
        if (windowed[o]) for (const s of touched) refreshWindows(s);
        improvedTotal -= bestDelta;
      }
    }
    // Swaps: two outlets of the same frequency trade patterns. Single moves stall when every
    // day is at its balanced load; a trade keeps loads nearly equal while shortening both days.
    const objective = (touched: readonly number[]): number => {
      let total = 0;
      for (const s of touched) total += (routes.travel[s] as number) + currentPenalty(s);
      return total;
    };
    const change = (o: number): number => outlets[o]?.changeCost?.[choice[o] as number] ?? 0;
    for (const o of order) {
      const outlet = outlets[o] as DayAssignmentOutlet;
      if (outlet.options.length < 2) continue;
      const node = o + 1;
      const p = choice[o] as number;
      const from = outlet.options[p] as PatternOption;
      let bestTravel = -1e-6;
      let q = -1;
      for (let k = 0; k < outlet.options.length; k++) {
        if (k === p) continue;
        const to = outlet.options[k] as PatternOption;
        let delta = 0;
        for (const s of from.slots) if (!to.slots.includes(s)) delta -= routes.removalSaving(s, node);
        for (const s of to.slots) if (!from.slots.includes(s)) delta += routes.insertion(s, node).cost;
        if (delta < bestTravel) {
          bestTravel = delta;
          q = k;
        }
      }
      if (q < 0) continue;
      const to = outlet.options[q] as PatternOption;
      const firstSlot = to.slots.find((s) => !from.slots.includes(s));
      if (firstSlot === undefined) continue;
      let partner = -1;
      let partnerTravel = -bestTravel - 1e-6;
      for (const other of routes.routes[firstSlot] as number[]) {
        const o2 = other - 1;
        if (choice[o2] !== q || outlets[o2]?.options !== outlet.options) continue;
        let delta = 0;
        for (const s of to.slots) if (!from.slots.includes(s)) delta -= routes.removalSaving(s, other);
        for (const s of from.slots) if (!to.slots.includes(s)) delta += routes.insertion(s, other).cost;
        if (delta < partnerTravel) {
          partnerTravel = delta;
          partner = o2;
        }
      }
      if (partner < 0) continue;
      const touched = [...from.slots, ...to.slots.filter((s) => !from.slots.includes(s))];
      const before = objective(touched) + change(o) + change(partner);
      unplace(o);
      unplace(partner);
      place(o, q);
      place(partner, p);
      if (windowed[o] || windowed[partner]) for (const s of touched) refreshWindows(s);
      const after = objective(touched) + change(o) + change(partner);
      if (after < before - 1e-6) {
        improvedTotal += before - after;
        continue;
      }
      unplace(o);
      unplace(partner);
      place(o, p);
      place(partner, q);
      if (windowed[o] || windowed[partner]) for (const s of touched) refreshWindows(s);
    }
    for (let s = 0; s < slotCount; s++) routes.polish(s);
    if (improvedTotal < 0.5) break;
  }

  return {
    choice,
    routes: routes.routes.map((r) => r.map((node) => node - 1)),
    slotMinutes: Array.from(
      { length: slotCount },
      (_, s) => (service[s] as number) + (routes.travel[s] as number),
    ),
  };
}

/**
 * Seed points per slot: the territory is swept around the base into one wedge per working day
 * (equal weekly service minutes each, neighbouring wedges on days that can pair up for
 * twice-weekly visits), and each wedge into one part per week, ordered so that alternate weeks
 * are adjacent (an every-2-weeks outlet then sits in one half of its wedge).
 */
function sectorSeeds(input: AssignVisitDaysInput, members: readonly number[]): Array<[number, number]> {
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
  input: AssignVisitDaysInput,
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
