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
  /**
   * Minutes after midnight when the rep leaves home: the day start, or later when the departure
   * floats and leaving later only removes waiting (see evaluateDaySchedule).
   */
  departureMinutes: number;
  /** Minutes after midnight when the rep is back home. */
  endMinutes: number;
  windowViolationMinutes: number;
}

/** Latest allowed start of a window, unfolding windows that cross midnight. */
export function windowLatestStart(window: { from: number; to: number }): number {
  return window.to >= window.from ? window.to : window.to + 1440;
}

/**
 * The timetable of visiting `stops` in `order` (indices into stops) for a rep whose day starts at
 * `startMinutes` at home (matrix index 0; stop i is matrix index i+1) and ends back home.
 * Arrival = previous departure + travel; a rep arriving before a window opens waits until it opens;
 * one arriving after its latest start serves anyway and the lateness is a window violation.
 *
 * With `departureFloatMinutes` > 0 the rep leaves later than `startMinutes` by the largest delay
 * that only removes waiting: delay = min(float, total waiting, and for every windowed stop the
 * waiting up to and including it plus its remaining slack to the latest start). Leaving d minutes
 * later pushes each arrival back until a wait absorbs it, so within that bound no stop becomes
 * (more) late, the return time stays the same and the working time (departure to return) falls
 * by the delay. A stop that is already late has no slack: only waiting before it may be removed.
 */
export function evaluateDaySchedule(
  matrix: TravelMatrix,
  stops: readonly DayStop[],
  order: readonly number[],
  startMinutes: number,
  departureFloatMinutes = 0,
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
  // The float bound as the timetable runs: waiting so far, and the tightest windowed stop.
  let waited = 0;
  let delay = Math.max(0, departureFloatMinutes);
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
      const latest = windowLatestStart(stop.window);
      if (arrival < stop.window.from) start = stop.window.from;
      else late = Math.max(0, arrival - latest);
      waited += start - arrival;
      delay = Math.min(delay, waited + Math.max(0, latest - start));
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
  const float = Math.min(delay, waited);
  const endMinutes = float > 0 ? floatDeparture(arrivals, departures, waits, float) + time : time;
  return {
    order: [...order],
    arrivals,
    departures,
    waits,
    windowViolations,
    travelKm,
    travelMinutes,
    serviceMinutes,
    departureMinutes: startMinutes + float,
    endMinutes,
    windowViolationMinutes,
  };
}

/**
 * Re-times a fixed-departure timetable in place for leaving `delay` minutes later: each stop is
 * reached later by what the waits before it did not absorb, and waits by as much as they absorb.
 * Lateness is unchanged because evaluateDaySchedule bounds the delay by every stop's slack.
 * Returns how much later the rep is back home (0 when the waits absorb the whole delay).
 */
function floatDeparture(arrivals: number[], departures: number[], waits: number[], delay: number): number {
  let shift = delay;
  for (let k = 0; k < arrivals.length && shift > 0; k++) {
    const absorbed = Math.min(waits[k] as number, shift);
    arrivals[k] = (arrivals[k] as number) + shift;
    waits[k] = (waits[k] as number) - absorbed;
    shift -= absorbed;
    departures[k] = (departures[k] as number) + shift;
  }
  return shift;
}
