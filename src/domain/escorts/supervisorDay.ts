import { haversineKm } from '../geo/distance.js';
import { minutesToClock } from '../policy/resolvePolicy.js';
import type { LonLat, Weekday } from '../types.js';
import type { SupervisorDay } from './escortTypes.js';

/** A joint stop as the supervisor's day sees it: where, and when the rep is there. */
export interface JointStopTiming {
  outletId: string;
  point: LonLat;
  repSeq: number;
  arrivalMinutes: number;
  departureMinutes: number;
}

/** Straight-line travel settings of supervisors' cars (the policy's `travel.speedKmh` and `circuity`). */
export interface SupervisorTravel {
  speedKmh: number;
  circuity: number;
}

/** The figures of one supervisor day; minutes unrounded. */
export interface SupervisorDayFigures {
  /** The joint stops in the rep's visiting order. */
  stops: JointStopTiming[];
  /** Km to each stop from home or the previous joint stop. */
  legKm: number[];
  travelKm: number;
  travelMinutes: number;
  jointMinutes: number;
  fieldMinutes: number;
  leaveMinutes: number;
  returnMinutes: number;
}

const legKmOf = (a: LonLat, b: LonLat, travel: SupervisorTravel): number =>
  haversineKm(a[0], a[1], b[0], b[1]) * travel.circuity;

/**
 * The budget estimate of a supervisor's day with one rep: the supervisor drives from home to the
 * rep's first joint stop, directly from joint stop to joint stop (the rep's other stops are not
 * ridden) and home from the last, on straight lines x circuity at the policy speed (supervisor
 * homes are not in the reps' road tables, so this is an estimate even when the reps' routes use
 * a road provider). At each joint stop the supervisor spends the rep's time there. Field minutes
 * = travel + joint minutes; the time between joint stops beyond the drive is the supervisor's own
 * and is not counted against the budget.
 */
export function supervisorDayFigures(
  home: LonLat,
  stops: readonly JointStopTiming[],
  travel: SupervisorTravel,
): SupervisorDayFigures {
  const ordered = [...stops].sort((a, b) => a.repSeq - b.repSeq);
  const legKm: number[] = [];
  let at = home;
  let jointMinutes = 0;
  for (const stop of ordered) {
    legKm.push(legKmOf(at, stop.point, travel));
    jointMinutes += stop.departureMinutes - stop.arrivalMinutes;
    at = stop.point;
  }
  const backKm = ordered.length > 0 ? legKmOf(at, home, travel) : 0;
  const travelKm = legKm.reduce((a, b) => a + b, 0) + backKm;
  const minutesPerKm = 60 / travel.speedKmh;
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    stops: ordered,
    legKm,
    travelKm,
    travelMinutes: travelKm * minutesPerKm,
    jointMinutes,
    fieldMinutes: travelKm * minutesPerKm + jointMinutes,
    leaveMinutes: first ? first.arrivalMinutes - (legKm[0] as number) * minutesPerKm : 0,
    returnMinutes: last ? last.departureMinutes + backKm * minutesPerKm : 0,
  };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The plan's view of a supervisor day from its figures (times as HH:MM, minutes rounded). */
export function supervisorDayRoute(
  day: { week: number; weekday: Weekday; repId: string },
  figures: SupervisorDayFigures,
  dailyMinutes: number,
): SupervisorDay {
  return {
    week: day.week,
    weekday: day.weekday,
    repId: day.repId,
    departure: minutesToClock(figures.leaveMinutes),
    end: minutesToClock(figures.returnMinutes),
    stops: figures.stops.map((s, i) => ({
      outletId: s.outletId,
      repSeq: s.repSeq,
      arrival: minutesToClock(s.arrivalMinutes),
      departure: minutesToClock(s.departureMinutes),
      travelKm: round1(figures.legKm[i] as number),
    })),
    travelKm: round1(figures.travelKm),
    travelMinutes: Math.round(figures.travelMinutes),
    jointMinutes: Math.round(figures.jointMinutes),
    fieldMinutes: Math.round(figures.fieldMinutes),
    overBudgetMinutes: Math.max(0, Math.round(figures.fieldMinutes - dailyMinutes)),
  };
}
