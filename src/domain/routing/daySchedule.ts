import type { TravelMatrix } from './travelModel.js';

/** A stop of one day route. */
export interface DayStop {
  id: string;
  serviceMinutes: number;
  /**
   * Minutes after midnight in which the visit must START; null = any time. A `to` earlier than
   * `from` means the window runs past midnight (e.g. 22:00-02:00).
   */
  window: { from: number; to: number } | null;
}

/** A day route's timetable and totals for one visiting order. */
export interface DaySchedule {
  /** Indices into the stops, in visiting order. */
  order: number[];
  /** Per position in `order`: arrival, departure, wait before the window opened, minutes late. */
  arrivals: number[];
  departures: number[];
  waits: number[];
  windowViolations: number[];
  travelKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  /** Minutes after midnight when the rep is back home. */
  endMinutes: number;
  windowViolationMinutes: number;
}

/** Latest allowed start of a window, unfolding windows that cross midnight. */
export function windowLatestStart(window: { from: number; to: number }): number {
  return window.to >= window.from ? window.to : window.to + 1440;
}

/**
 * The timetable of visiting `stops` in `order` (indices into stops) for a rep who leaves home
 * (matrix index 0; stop i is matrix index i+1) at `startMinutes` and returns home at the end.
 * Arrival = previous departure + travel; a rep arriving before a window opens waits until it opens;
 * one arriving after its latest start serves anyway and the lateness is a window violation.
 */
export function evaluateDaySchedule(
  matrix: TravelMatrix,
  stops: readonly DayStop[],
  order: readonly number[],
  startMinutes: number,
): DaySchedule {
  const arrivals: number[] = [];
  const departures: number[] = [];
  const waits: number[] = [];
  const windowViolations: number[] = [];
  let travelKm = 0;
  let travelMinutes = 0;
  let serviceMinutes = 0;
  let windowViolationMinutes = 0;
  let time = startMinutes;
  let at = 0;
  for (const index of order) {
    const stop = stops[index];
    if (!stop)
      throw new Error(`evaluateDaySchedule: order refers to stop ${index} but there are ${stops.length}`);
    const node = index + 1;
    travelKm += matrix.km(at, node);
    const legMinutes = matrix.minutes(at, node);
    travelMinutes += legMinutes;
    const arrival = time + legMinutes;
    let start = arrival;
    let late = 0;
    if (stop.window) {
      if (arrival < stop.window.from) start = stop.window.from;
      else late = Math.max(0, arrival - windowLatestStart(stop.window));
    }
    arrivals.push(arrival);
    waits.push(start - arrival);
    windowViolations.push(late);
    windowViolationMinutes += late;
    serviceMinutes += stop.serviceMinutes;
    time = start + stop.serviceMinutes;
    departures.push(time);
    at = node;
  }
  if (order.length > 0) {
    travelKm += matrix.km(at, 0);
    const back = matrix.minutes(at, 0);
    travelMinutes += back;
    time += back;
  }
  return {
    order: [...order],
    arrivals,
    departures,
    waits,
    windowViolations,
    travelKm,
    travelMinutes,
    serviceMinutes,
    endMinutes: time,
    windowViolationMinutes,
  };
}
