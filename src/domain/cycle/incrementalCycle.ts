import type { DayRoute } from '../plan/planTypes.js';
import { buildDayRoute, dayRouteInOrder, type BuildDayRoutesInput, type BuiltDay } from './buildDayRoutes.js';
import { SlotRoutes } from './slotRoutes.js';
import { constructDayAssignment } from './days/constructDayAssignment.js';
import { DayAssignmentObjective } from './days/dayAssignmentObjective.js';
import { DayAssignmentState } from './days/dayAssignmentState.js';
import { bestRelocation } from './days/descendDayAssignment.js';
import {
  chosenPatterns,
  cycleProblem,
  cycleResultOfDays,
  dayRoutesInput,
  type ChosenPatterns,
  type CycleProblem,
  type CycleTotals,
  type PlanVisitCycleInput,
  type PlanVisitCycleResult,
} from './planVisitCycle.js';

/** What an incremental cycle starts from: the rep's previous cycle and what changed since. */
export interface PreviousCycle {
  /** The previous plan's day routes of the rep. */
  days: readonly DayRoute[];
  /** The previous cycle's unrounded totals (its cycle record's). */
  totals: CycleTotals;
  /** Outlets of the previous cycle whose cycle inputs are unchanged (their patterns are kept). */
  kept: ReadonlySet<string>;
  /** Outlets of the previous cycle the rep no longer has. */
  removed: ReadonlySet<string>;
}

/** Relocation passes over the new and changed outlets after their cheapest insertion. */
export const INCREMENTAL_DESCENT_PASSES = 3;
/** Minutes of rounding slack the guard allows against the previous cycle's totals. */
const GUARD_SLACK_MINUTES = 0.5;

/**
 * One rep's cycle in a rebuild, planned from its previous cycle instead of from scratch: kept
 * outlets (`previous.kept`, whose previous pattern is still valid) keep their pattern; the other
 * outlets (new, moved in, or with changed coordinates, frequency, service minutes or window) are
 * placed by cheapest insertion into the day-assignment state (constructDayAssignment) and then
 * improved by at most INCREMENTAL_DESCENT_PASSES passes of exact best relocation over those
 * outlets alone (the objective of dayAssignmentObjective.ts, including the cost of leaving a
 * previous pattern). Days whose stops are exactly the previous day's kept outlets keep the
 * previous day route verbatim, days that only lost stops keep the previous order without them,
 * days without time windows that gained stops take them by cheapest insertion into the previous
 * order (then 2-opt and or-opt), and the others are sequenced again as buildDayRoutes would. A local
 * repair, not an optimum: the result is returned only when it is no worse on hard measures
 * than the previous cycle (see incrementalGuard); null means "plan this rep whole". Pure and
 * deterministic (no random moves; the sequencer is seeded as in a full plan).
 */
export function planIncrementalCycle(
  input: PlanVisitCycleInput,
  previous: PreviousCycle,
): PlanVisitCycleResult | null {
  if (!input.keepPreviousPatterns || input.estimateOnly === true) return null;
  const problem = cycleProblem(input);
  const fixed = input.outlets.map(
    (o, i) => previous.kept.has(o.id) && problem.assignmentOutlets[i]?.keepOption !== null,
  );
  const chosen = chosenPatterns(input, problem, incrementalChoice(input, problem, fixed));
  const { built, previousBySlot } = incrementalDays(input, problem, chosen, fixed, previous.days);
  if (!incrementalGuard(built, previousBySlot, previous)) return null;
  return cycleResultOfDays(input, problem, chosen, built);
}

/**
 * Option per outlet: the kept option of every `fixed` outlet, cheapest insertion for the others,
 * then the restricted descent over the others only.
 */
function incrementalChoice(input: PlanVisitCycleInput, problem: CycleProblem, fixed: boolean[]): Int32Array {
  const { assignmentOutlets: outlets, slots } = problem;
  const state = new DayAssignmentState({
    slots,
    matrix: problem.matrix,
    outlets,
    dayStartMinutes: input.rep.dayStartMinutes,
    departureFloatMinutes: input.rep.departureFloatMinutes,
  });
  const free: number[] = [];
  outlets.forEach((outlet, o) => {
    if (fixed[o]) state.place(o, outlet.keepOption as number);
    else free.push(o);
  });
  if (free.length === 0) return state.choice;
  state.polishAll();
  const construction = { slots, outlets, baseX: 0, baseY: 0 };
  const existing = free.length < outlets.length ? state.routes : null;
  constructDayAssignment(construction, free, state.service, existing, (o, option) => state.place(o, option));
  const objective = new DayAssignmentObjective(
    state,
    input.rep.dailyMinutes,
    input.daySearch?.balanceWeight ?? 1,
    input.daySearch?.visitGoal ?? null,
  );
  for (let pass = 0; pass < INCREMENTAL_DESCENT_PASSES; pass++) {
    objective.recentre();
    let gain = 0;
    for (const o of free) gain += bestRelocation(state, objective, o);
    if (gain < 0.5) break;
  }
  return state.choice;
}

/**
 * The cycle's days: a slot whose stops are exactly its previous day's, all of them kept outlets,
 * keeps that day route verbatim; a slot that only lost stops keeps the previous order without
 * them (re-timed: on a metric matrix dropping a stop never lengthens the drive); a slot without
 * time windows that gained stops keeps the previous order of its kept stops, takes the others by
 * cheapest insertion and is shortened by 2-opt and or-opt (SlotRoutes.polish); every other slot
 * (windows, or no previous day) is sequenced again (buildDayRoute).
 */
function incrementalDays(
  input: PlanVisitCycleInput,
  problem: CycleProblem,
  chosen: ChosenPatterns,
  fixed: readonly boolean[],
  previousDays: readonly DayRoute[],
): { built: BuiltDay[]; previousBySlot: Array<DayRoute | undefined> } {
  const { slots } = problem;
  const dayInput: BuildDayRoutesInput = dayRoutesInput(input, problem, chosen.slotOutlets);
  const byDay = new Map(previousDays.map((d) => [`${d.week}:${d.weekday}`, d]));
  const indexOf = new Map(input.outlets.map((o, i) => [o.id, i]));
  let tours: SlotRoutes | null = null;
  const built: BuiltDay[] = [];
  const previousBySlot: Array<DayRoute | undefined> = [];
  for (let slot = 0; slot < slots.count; slot++) {
    const before = byDay.get(`${slots.weekOf(slot) + 1}:${slots.weekdayOf(slot)}`);
    previousBySlot.push(before);
    const members = chosen.slotOutlets[slot] ?? [];
    const kept = before ? keptOrder(before, members, fixed, indexOf) : null;
    if (!before || !kept) {
      built.push(buildDayRoute(dayInput, slot));
    } else if (kept.length === members.length) {
      built.push(dayRouteInOrder(dayInput, slot, kept, kept.length === before.stops.length ? before : null));
    } else if (members.some((o) => input.outlets[o]?.window)) {
      built.push(buildDayRoute(dayInput, slot));
    } else {
      tours ??= new SlotRoutes(problem.matrix, slots.count);
      built.push(dayRouteInOrder(dayInput, slot, insertedOrder(tours, slot, kept, members), null));
    }
  }
  return { built, previousBySlot };
}

/**
 * The previous day's visiting order of those `members` (outlet indexes) that are kept outlets
 * and were on that day (null when none was: nothing of the day's order is left to keep).
 */
function keptOrder(
  before: DayRoute,
  members: readonly number[],
  fixed: readonly boolean[],
  indexOf: ReadonlyMap<string, number>,
): number[] | null {
  const wanted = new Set(members.filter((o) => fixed[o]));
  const order: number[] = [];
  for (const stop of before.stops) {
    const o = indexOf.get(stop.outletId);
    if (o !== undefined && wanted.has(o)) order.push(o);
  }
  return order.length > 0 || members.length === 0 ? order : null;
}

/**
 * `kept` in its order with the other `members` inserted where they add the least travel, then
 * polished (2-opt, or-opt) on the rep's travel minutes: the day's visiting order (outlet indexes).
 */
function insertedOrder(
  tours: SlotRoutes,
  slot: number,
  kept: readonly number[],
  members: readonly number[],
): number[] {
  const route = tours.routes[slot] as number[];
  route.length = 0;
  for (const o of kept) route.push(o + 1);
  tours.travel[slot] = tours.tourMinutes(route);
  tours.settled[slot] = 0;
  tours.changed(slot);
  const inRoute = new Set(kept);
  for (const o of members) if (!inRoute.has(o)) tours.insert(slot, o + 1);
  tours.polish(slot);
  return route.map((node) => node - 1);
}

/**
 * True when an incremental cycle may stand: no more over-budget minutes than the previous cycle
 * had, no more window-violation minutes than it had less the removed outlets' late minutes (both
 * within half a minute of rounding), and no day over budget whose previous day was not.
 */
export function incrementalGuard(
  built: readonly BuiltDay[],
  previousBySlot: ReadonlyArray<DayRoute | undefined>,
  previous: PreviousCycle,
): boolean {
  let removedLate = 0;
  for (const day of previous.days)
    for (const stop of day.stops)
      if (previous.removed.has(stop.outletId)) removedLate += stop.windowViolationMinutes ?? 0;
  let over = 0;
  let late = 0;
  for (const [slot, day] of built.entries()) {
    over += day.overBudgetMinutes;
    late += day.windowViolationMinutes;
    const wasOver = (previousBySlot[slot]?.overBudgetMinutes ?? 0) > 0;
    if (day.overBudgetMinutes > GUARD_SLACK_MINUTES && !wasOver) return false;
  }
  if (over > previous.totals.overBudgetMinutes + GUARD_SLACK_MINUTES) return false;
  const lateAllowed = Math.max(0, previous.totals.windowViolationMinutes - removedLate);
  return late <= lateAllowed + GUARD_SLACK_MINUTES;
}
