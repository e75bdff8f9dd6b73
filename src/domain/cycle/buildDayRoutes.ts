import type { DayRoute, RouteStop } from '../plan/planTypes.js';
import { minutesToClock } from '../policy/resolvePolicy.js';
import { sequenceDayRoute, type SequencedDayRoute } from '../routing/sequenceDayRoute.js';
import type { TravelMatrix } from '../routing/travelModel.js';
import { evaluateDaySchedule, type DaySchedule } from '../routing/daySchedule.js';
import type { Weekday } from '../types.js';
import type { CycleSlots } from './cycleSlots.js';
import type { StartWindow } from './visitWindow.js';

/** A stop to route: index into the rep's matrix (i + 1), plus what sequencing needs. */
export interface DayRouteOutlet {
  id: string;
  serviceMinutes: number;
  window: StartWindow | null;
}

export interface BuildDayRoutesInput {
  slots: CycleSlots;
  /** The rep's matrix: index 0 = base, i + 1 = outlets[i]. */
  matrix: TravelMatrix;
  outlets: readonly DayRouteOutlet[];
  /** Outlet indexes per slot (any order; the sequencer decides). */
  slotOutlets: ReadonlyArray<readonly number[]>;
  dayStartMinutes: number;
  /**
   * The rep may leave up to this many minutes after the day start when that only removes waiting:
   * the rep's policy `day.departureFloatMinutes`. Default 0, a fixed departure.
   */
  departureFloatMinutes?: number;
  dailyMinutes: number;
  seed: number;
  effort?: number;
}

/** A day route for the plan plus the unrounded figures the cycle stage reports. */
export interface BuiltDay {
  route: DayRoute;
  /** Outlet indexes in visiting order. */
  order: number[];
  /** Working minutes: from the actual departure to the return home. */
  totalMinutes: number;
  overBudgetMinutes: number;
  windowViolationMinutes: number;
  travelKm: number;
  travelMinutes: number;
}

/** The rep's matrix seen through one day's stops: index 0 = base, k = stops[k - 1]. */
class DayMatrix implements TravelMatrix {
  readonly size: number;
  constructor(
    private readonly base: TravelMatrix,
    private readonly nodes: readonly number[],
  ) {
    this.size = nodes.length;
  }
  km(i: number, j: number): number {
    return this.base.km(this.nodes[i] as number, this.nodes[j] as number);
  }
  minutes(i: number, j: number): number {
    return this.base.minutes(this.nodes[i] as number, this.nodes[j] as number);
  }
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Sequences every day of a rep's cycle with the route sequencer (from the base and back, time
 * windows honoured where possible, the departure floating up to `departureFloatMinutes` after
 * the day start when that only removes waiting) and turns the timetable into plan day routes:
 * the policy day start and the planned departure, clock times, per-stop km from the previous
 * stop, waits and window misses. A day's total is the working time from the actual departure to
 * coming back (travel + service + waiting); minutes beyond the rep's daily budget are the day's
 * over-budget minutes. Rounds only in the output objects.
 */
export function buildDayRoutes(input: BuildDayRoutesInput): BuiltDay[] {
  const days: BuiltDay[] = [];
  for (let slot = 0; slot < input.slots.count; slot++) days.push(buildDayRoute(input, slot));
  return days;
}

/**
 * One slot's day of buildDayRoutes (the same sequencer seed, so the same day as building the
 * whole cycle would give): for re-sequencing only the days whose stops changed.
 */
export function buildDayRoute(input: BuildDayRoutesInput, slot: number): BuiltDay {
  const { slots, matrix, outlets, dayStartMinutes, dailyMinutes } = input;
  const members = [...(input.slotOutlets[slot] ?? [])].sort((a, b) => a - b);
  const stops = members.map((o) => {
    const outlet = outlets[o];
    if (!outlet) throw new Error(`internal: slot ${slot} names unknown outlet index ${o}`);
    return { id: outlet.id, serviceMinutes: outlet.serviceMinutes, window: outlet.window };
  });
  const dayMatrix = new DayMatrix(matrix, [0, ...members.map((o) => o + 1)]);
  const sequenced: SequencedDayRoute = sequenceDayRoute({
    matrix: dayMatrix,
    stops,
    startMinutes: dayStartMinutes,
    departureFloatMinutes: input.departureFloatMinutes ?? 0,
    seed: (input.seed + slot * 7919) >>> 0,
    effort: input.effort ?? 1,
  });
  const route = dayRouteOfSchedule({
    week: slots.weekOf(slot) + 1,
    weekday: slots.weekdayOf(slot),
    stopIds: stops.map((s) => s.id),
    schedule: sequenced,
    matrix: dayMatrix,
    dayStartMinutes,
    dailyMinutes,
  });
  return builtDay(route, sequenced, members, dailyMinutes);
}

/**
 * A day visited in a given order (outlet indexes), timed by evaluateDaySchedule, the function the
 * sequencer times its orders with. With `kept` (the previous plan's route of exactly this order)
 * that route is returned as it stands, not re-rounded, so the plan's day stays byte-identical;
 * without, the route is made as buildDayRoute makes it. For days an incremental cycle keeps or
 * only takes stops out of.
 */
export function dayRouteInOrder(
  input: BuildDayRoutesInput,
  slot: number,
  order: readonly number[],
  kept: DayRoute | null,
): BuiltDay {
  const stops = order.map((o) => {
    const outlet = input.outlets[o];
    if (!outlet) throw new Error(`internal: slot ${slot} names unknown outlet index ${o}`);
    return { id: outlet.id, serviceMinutes: outlet.serviceMinutes, window: outlet.window };
  });
  const dayMatrix = new DayMatrix(input.matrix, [0, ...order.map((o) => o + 1)]);
  const schedule = evaluateDaySchedule(
    dayMatrix,
    stops,
    order.map((_, k) => k),
    input.dayStartMinutes,
    input.departureFloatMinutes ?? 0,
  );
  const route =
    kept ??
    dayRouteOfSchedule({
      week: input.slots.weekOf(slot) + 1,
      weekday: input.slots.weekdayOf(slot),
      stopIds: stops.map((s) => s.id),
      schedule,
      matrix: dayMatrix,
      dayStartMinutes: input.dayStartMinutes,
      dailyMinutes: input.dailyMinutes,
    });
  return builtDay(route, schedule, order, input.dailyMinutes);
}

function builtDay(
  route: DayRoute,
  schedule: DaySchedule,
  members: readonly number[],
  dailyMinutes: number,
): BuiltDay {
  const totalMinutes = schedule.endMinutes - schedule.departureMinutes;
  return {
    route,
    order: schedule.order.map((k) => members[k] as number),
    totalMinutes,
    overBudgetMinutes: Math.max(0, totalMinutes - dailyMinutes),
    windowViolationMinutes: schedule.windowViolationMinutes,
    travelKm: schedule.travelKm,
    travelMinutes: schedule.travelMinutes,
  };
}

/**
 * The plan's day route of a timetable (evaluateDaySchedule's): the policy day start and the
 * planned departure, clock times, per-stop km from the previous stop (matrix index 0 = home,
 * stop i = i + 1), waits and window misses, and the day's totals; over-budget minutes are the
 * working time beyond `dailyMinutes`. Rounds only here. Also used to re-time a day whose stops
 * got longer (escorted visits, src/domain/escorts/).
 */
export function dayRouteOfSchedule(input: {
  week: number;
  weekday: Weekday;
  stopIds: readonly string[];
  schedule: DaySchedule;
  matrix: TravelMatrix;
  dayStartMinutes: number;
  dailyMinutes: number;
}): DayRoute {
  const { schedule, matrix } = input;
  const routeStops: RouteStop[] = [];
  let previous = 0;
  schedule.order.forEach((stopIndex, position) => {
    const node = stopIndex + 1;
    const stop: RouteStop = {
      outletId: input.stopIds[stopIndex] as string,
      seq: position + 1,
      arrival: minutesToClock(schedule.arrivals[position] as number),
      departure: minutesToClock(schedule.departures[position] as number),
      travelKm: round1(matrix.km(previous, node)),
    };
    const wait = schedule.waits[position] ?? 0;
    if (wait > 0.5) stop.waitMinutes = Math.round(wait);
    const late = schedule.windowViolations[position] ?? 0;
    if (late > 0) stop.windowViolationMinutes = Math.max(1, Math.round(late));
    routeStops.push(stop);
    previous = node;
  });
  const totalMinutes = schedule.endMinutes - schedule.departureMinutes;
  const route: DayRoute = {
    week: input.week,
    weekday: input.weekday,
    start: minutesToClock(input.dayStartMinutes),
    departure: minutesToClock(schedule.departureMinutes),
    end: minutesToClock(schedule.endMinutes),
    stops: routeStops,
    travelKm: round1(schedule.travelKm),
    travelMinutes: Math.round(schedule.travelMinutes),
    serviceMinutes: Math.round(schedule.serviceMinutes),
    totalMinutes: Math.round(totalMinutes),
    overBudgetMinutes: Math.round(Math.max(0, totalMinutes - input.dailyMinutes)),
  };
  if (schedule.windowViolationMinutes > 0) {
    route.windowViolationMinutes = Math.max(1, Math.round(schedule.windowViolationMinutes));
  }
  return route;
}
