import type { Plan } from '../../domain/plan/planTypes.js';
import { clockToMinutes } from '../../domain/policy/resolvePolicy.js';
import { WEEKDAYS } from '../../domain/types.js';

/**
 * Every day route of the plan, column by column (one array per field, route i at index i), so
 * that 8,000 routes with 176,000 stops embed as a few number arrays instead of objects with
 * repeated keys and clock strings. Times are minutes after midnight, days indexes into the
 * cycle's days, reps indexes into the plan's reps, stop outlets indexes into the plan's outlets.
 */
export interface ReportRoutes {
  rep: number[];
  /** Index into `cycleDays`. */
  day: number[];
  /** The days of the cycle that have a route, in order: [week, weekday index]. */
  cycleDays: Array<[week: number, weekday: number]>;
  start: number[];
  /** When the rep leaves home (DayRoute.departure, else `start`). */
  departure: number[];
  end: number[];
  /** Route km, rounded to 10 m. */
  km: number[];
  minutes: number[];
  overBudgetMinutes: number[];
  /** Number of stops of each route; the stops follow each other in `stopOutlet`. */
  stops: number[];
  stopOutlet: number[];
  /**
   * Arrival at each stop: at a route's first stop in minutes after midnight, at the others in
   * minutes after the arrival at the stop before (short numbers).
   */
  stopArrival: number[];
}

/**
 * The plan's day routes with stops, per rep in plan order and within a rep by week and weekday,
 * as ReportRoutes, with the list of the cycle's days that have routes. Stops of outlets missing from the plan's outlet list are left out. Pure.
 */
export function buildReportRoutes(plan: Plan, outletIndex: ReadonlyMap<string, number>): ReportRoutes {
  const routes: ReportRoutes = {
    rep: [],
    day: [],
    cycleDays: [],
    start: [],
    departure: [],
    end: [],
    km: [],
    minutes: [],
    overBudgetMinutes: [],
    stops: [],
    stopOutlet: [],
    stopArrival: [],
  };
  const dayKey = (week: number, weekday: number): number => week * 7 + weekday;
  const keys = new Set<number>();
  for (const rep of plan.reps)
    for (const day of rep.days ?? [])
      if (day.stops.length > 0) keys.add(dayKey(day.week, WEEKDAYS.indexOf(day.weekday)));
  const sortedKeys = [...keys].sort((a, b) => a - b);
  const dayIndex = new Map(sortedKeys.map((k, i) => [k, i]));
  routes.cycleDays = sortedKeys.map((k) => [Math.floor(k / 7), k % 7]);
  plan.reps.forEach((rep, repIndex) => {
    const days = [...(rep.days ?? [])]
      .filter((d) => d.stops.length > 0)
      .sort((a, b) => a.week - b.week || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday));
    for (const day of days) {
      const stops = day.stops.filter((s) => outletIndex.has(s.outletId));
      routes.rep.push(repIndex);
      routes.day.push(dayIndex.get(dayKey(day.week, WEEKDAYS.indexOf(day.weekday))) as number);
      routes.start.push(clockToMinutes(day.start));
      routes.departure.push(clockToMinutes(day.departure ?? day.start));
      routes.end.push(clockToMinutes(day.end));
      routes.km.push(Math.round(day.travelKm * 100) / 100);
      routes.minutes.push(Math.round(day.totalMinutes));
      routes.overBudgetMinutes.push(Math.round(day.overBudgetMinutes));
      routes.stops.push(stops.length);
      let before = 0;
      for (const stop of stops) {
        const arrival = clockToMinutes(stop.arrival);
        routes.stopOutlet.push(outletIndex.get(stop.outletId) as number);
        routes.stopArrival.push(arrival - before);
        before = arrival;
      }
    }
  });
  return routes;
}
