/** A stop whose visit must start inside [from, to] (minutes after midnight). */
export interface WindowedStop {
  from: number;
  to: number;
  serviceMinutes: number;
}

/** What a day's time windows imply before the day is sequenced. */
export interface WindowLoad {
  /** Worst shortfall of time inside any window interval (0 when every interval can fit). */
  overloadMinutes: number;
  /**
   * Lower bound of the day's elapsed minutes from leaving the base to coming back: stops that
   * cannot start before `a` need their service and travel after `a`, so the rep waits when the
   * rest of the day cannot fill the time until then.
   */
  elapsedMinutes: number;
}

/**
 * A cheap test of a day's time-windowed stops, used to steer day assignment before routes are
 * sequenced (`travelPerStop` stands in for the travel between stops). For every interval [a, b]
 * made of window bounds, the stops whose windows lie inside it must all start in it, so their
 * service and travel (except the last stop's) must fit in b - a; the worst shortfall is the
 * overload. The elapsed bound is the latest window opening plus everything that must follow it.
 * `stops` must be sorted by `to` ascending.
 */
export function windowLoad(
  stops: readonly WindowedStop[],
  dayStartMinutes: number,
  travelPerStop: number,
): WindowLoad {
  if (stops.length === 0) return { overloadMinutes: 0, elapsedMinutes: 0 };
  let overload = 0;
  let elapsed = 0;
  const starts = stops.map((stop) => Math.max(stop.from, dayStartMinutes)).sort((x, y) => x - y);
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k] as number;
    if (k > 0 && a === starts[k - 1]) continue;
    let sum = 0;
    let largest = 0;
    for (const stop of stops) {
      if (Math.max(stop.from, dayStartMinutes) < a) continue;
      const need = stop.serviceMinutes + travelPerStop;
      sum += need;
      if (need > largest) largest = need;
      const shortfall = sum - largest - (stop.to - a);
      if (shortfall > overload) overload = shortfall;
    }
    const after = a - dayStartMinutes + sum + travelPerStop;
    if (after > elapsed) elapsed = after;
  }
  return { overloadMinutes: overload, elapsedMinutes: elapsed };
}
