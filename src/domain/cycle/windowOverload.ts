/** A stop whose visit must start inside [from, to] (minutes after midnight). */
export interface WindowedStop {
  from: number;
  to: number;
  serviceMinutes: number;
}

/**
 * A cheap lower-bound test of whether a day's time-windowed stops can all start inside their
 * windows, used to steer day assignment before routes are sequenced. For every interval [a, b]
 * made of window bounds, the stops whose windows lie inside it must all start in it, so their
 * service and travel (except the last stop's) must fit in b - a. Returns the worst shortfall in
 * minutes (0 when every interval fits). `stops` must be sorted by `to` ascending.
 */
export function windowOverloadMinutes(
  stops: readonly WindowedStop[],
  dayStartMinutes: number,
  travelPerStop: number,
): number {
  if (stops.length === 0) return 0;
  let worst = 0;
  const starts = new Set<number>();
  for (const stop of stops) starts.add(Math.max(stop.from, dayStartMinutes));
  for (const a of starts) {
    let sum = 0;
    let largest = 0;
    for (const stop of stops) {
      if (Math.max(stop.from, dayStartMinutes) < a) continue;
      const need = stop.serviceMinutes + travelPerStop;
      sum += need;
      if (need > largest) largest = need;
      const shortfall = sum - largest - (stop.to - a);
      if (shortfall > worst) worst = shortfall;
    }
  }
  return worst;
}
