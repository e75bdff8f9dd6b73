import type { DayRoute } from '../plan/planTypes.js';

/** Minimum, mean and maximum of a per-day figure. */
export interface DayFigure {
  min: number;
  avg: number;
  max: number;
}

/** One rep's day figures for the summary table. */
export interface RepDaySummary {
  days: number;
  /** Days with at least one stop. */
  workingDays: number;
  visits: number;
  visitsPerDay: DayFigure;
  kmPerDay: DayFigure;
  minutesPerDay: DayFigure;
  totalKm: number;
  /** Max day minutes / mean day minutes over days with stops (1 = perfectly even; 0 without stops). */
  dayBalance: number;
  overBudgetDays: number;
  overBudgetMinutes: number;
  /** Stops whose visit starts after their window's latest start. */
  windowViolations: number;
  windowViolationMinutes: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

function figure(values: readonly number[]): DayFigure {
  if (values.length === 0) return { min: 0, avg: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min: round1(min), avg: round1(sum / values.length), max: round1(max) };
}

/**
 * The per-rep figures of the plan summary, from a rep's day routes: visits, km and minutes per
 * day (min/avg/max over all days of the cycle), day balance (max/mean minutes over days with
 * stops), over-budget days and minutes, and window violations (stops and minutes). Sales
 * managers read both quantity (visits per day) and quality (balance, lateness) from it.
 */
export function summarizeRepDays(days: readonly DayRoute[]): RepDaySummary {
  const visits = days.map((d) => d.stops.length);
  const km = days.map((d) => d.travelKm);
  const minutes = days.map((d) => d.totalMinutes);
  const busy = days.filter((d) => d.stops.length > 0).map((d) => d.totalMinutes);
  const busyMean = busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length);
  let windowViolations = 0;
  let windowViolationMinutes = 0;
  for (const day of days) {
    for (const stop of day.stops) {
      if (stop.windowViolationMinutes && stop.windowViolationMinutes > 0) {
        windowViolations++;
        windowViolationMinutes += stop.windowViolationMinutes;
      }
    }
  }
  return {
    days: days.length,
    workingDays: busy.length,
    visits: visits.reduce((a, b) => a + b, 0),
    visitsPerDay: figure(visits),
    kmPerDay: figure(km),
    minutesPerDay: figure(minutes),
    totalKm: round1(km.reduce((a, b) => a + b, 0)),
    dayBalance: busyMean > 0 ? Math.round((Math.max(...busy) / busyMean) * 1000) / 1000 : 0,
    overBudgetDays: days.filter((d) => d.overBudgetMinutes > 0).length,
    overBudgetMinutes: days.reduce((sum, d) => sum + d.overBudgetMinutes, 0),
    windowViolations,
    windowViolationMinutes,
  };
}
