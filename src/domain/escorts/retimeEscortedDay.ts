import { dayRouteOfSchedule } from '../cycle/buildDayRoutes.js';
import { outletStartWindow } from '../cycle/visitWindow.js';
import type { DayRoute, PlanOutlet, PlanRep } from '../plan/planTypes.js';
import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import type { Policy } from '../policy/policySchema.js';
import { clockToMinutes, departureFloatMinutesOf } from '../policy/resolvePolicy.js';
import { evaluateDaySchedule, type DayStop } from '../routing/daySchedule.js';
import type { TravelModel } from '../routing/travelModel.js';
import type { LonLat } from '../types.js';

/**
 * A rep's day route re-timed for escorted stops that take longer (`extraMinutes` per outlet id):
 * the same visiting order, each escorted stop's minutes (and hence its opening-hours window)
 * lengthened, the timetable evaluated again with the rep's travel model and departure float, so
 * arrivals, waits, lateness, the day's end, total and over-budget minutes all follow. The rest of
 * the route is not re-sequenced. A day without extra minutes is returned unchanged.
 */
export function retimeEscortedDay(input: {
  day: DayRoute;
  rep: PlanRep;
  outlets: ReadonlyMap<string, PlanOutlet>;
  extraMinutes: ReadonlyMap<string, number>;
  policy: Policy;
  travel: TravelModel;
}): DayRoute {
  const { day, rep, policy } = input;
  if (![...input.extraMinutes.values()].some((m) => m > 0)) return day;
  const points: LonLat[] = [rep.home];
  const stops: DayStop[] = day.stops.map((stop) => {
    const outlet = input.outlets.get(stop.outletId);
    if (!outlet)
      throw new Error(`internal: day route of rep ${rep.id} names unknown outlet ${stop.outletId}`);
    points.push([outlet.lon, outlet.lat]);
    const visit = outletVisitPolicy(outlet, policy);
    const serviceMinutes = visit.serviceMinutes + (input.extraMinutes.get(stop.outletId) ?? 0);
    return {
      id: stop.outletId,
      serviceMinutes,
      window: outletStartWindow(outlet, { timeWindow: visit.timeWindow, serviceMinutes }).window,
    };
  });
  const matrix = input.travel.matrix(points);
  const dayStartMinutes = clockToMinutes(day.start);
  const schedule = evaluateDaySchedule(
    matrix,
    stops,
    stops.map((_, i) => i),
    dayStartMinutes,
    departureFloatMinutesOf(policy, rep.tier),
  );
  const route = dayRouteOfSchedule({
    week: day.week,
    weekday: day.weekday,
    stopIds: stops.map((s) => s.id),
    schedule,
    matrix,
    dayStartMinutes,
    dailyMinutes: rep.dailyMinutes,
  });
  return route;
}
