import type { DayRoute, PlanRep } from '../../src/domain/plan/planTypes.js';

/** Hand-built plan pieces for tests of plan measures (utilisation, review thresholds). */

/** A Monday route of `totalMinutes`, all of it service. */
export function day(totalMinutes: number): DayRoute {
  return {
    week: 1,
    weekday: 'Mon',
    start: '08:30',
    end: '16:30',
    stops: [],
    travelKm: 0,
    travelMinutes: 0,
    serviceMinutes: totalMinutes,
    totalMinutes,
    overBudgetMinutes: 0,
  };
}

/** A C rep of `pool` working Mondays of `dailyMinutes`, one planned day per entry of `minutes`. */
export function rep(id: string, pool: string, dailyMinutes: number, minutes: number[]): PlanRep {
  return {
    id,
    name: id,
    tier: 'C',
    pool,
    capacity: 1,
    home: [0, 0],
    workingDays: ['Mon'],
    dayStart: '08:30',
    dailyMinutes,
    days: minutes.map(day),
  };
}
