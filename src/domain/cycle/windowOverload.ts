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
   * rest of the day cannot fill the time until then, less what a floating departure (leaving up
   * to `departureFloatMinutes` later) removes of that wait.
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
  departureFloatMinutes = 0,
): WindowLoad {
  const n = stops.length;
  const start = new Float64Array(n);
  const to = new Float64Array(n);
  const service = new Float64Array(n);
  const members = new Int32Array(n);
  stops.forEach((stop, i) => {
    start[i] = Math.max(stop.from, dayStartMinutes);
    to[i] = stop.to;
    service[i] = stop.serviceMinutes;
    members[i] = i;
  });
  return windowLoadOfMembers(
    members,
    n,
    { start, to, service },
    dayStartMinutes,
    travelPerStop,
    new Float64Array(n),
    departureFloatMinutes,
  );
}

/** Window data of stops by stop index; `start` is the window opening clipped to the day start. */
export interface WindowTable {
  start: ArrayLike<number>;
  to: ArrayLike<number>;
  service: ArrayLike<number>;
}

/**
 * windowLoad over the first `count` stop indexes of `members` (sorted by `to` ascending) of a
 * table, without allocating per stop: what the day assignment calls on every change of a day.
 * `scratch` needs room for `count` numbers. The candidate interval starts are the distinct window
 * openings, collected without sorting: the result is a maximum over them, the same in any order,
 * and a day's windows usually open at a handful of times, so this is linear in the stops then.
 */
export function windowLoadOfMembers(
  members: ArrayLike<number>,
  count: number,
  table: WindowTable,
  dayStartMinutes: number,
  travelPerStop: number,
  scratch: Float64Array,
  departureFloatMinutes = 0,
): WindowLoad {
  if (count === 0) return { overloadMinutes: 0, elapsedMinutes: 0 };
  const { start, to, service } = table;
  let distinct = 0;
  for (let k = 0; k < count; k++) {
    const a = start[members[k] as number] as number;
    let seen = 0;
    while (seen < distinct && scratch[seen] !== a) seen++;
    if (seen === distinct) scratch[distinct++] = a;
  }
  let overload = 0;
  let elapsed = 0;
  for (let k = 0; k < distinct; k++) {
    const a = scratch[k] as number;
    let sum = 0;
    let largest = 0;
    for (let i = 0; i < count; i++) {
      const m = members[i] as number;
      if ((start[m] as number) < a) continue;
      const need = (service[m] as number) + travelPerStop;
      sum += need;
      if (need > largest) largest = need;
      const shortfall = sum - largest - ((to[m] as number) - a);
      if (shortfall > overload) overload = shortfall;
    }
    // Leaving up to the float later shortens the wait until a, never the work after it.
    const after = Math.max(0, a - dayStartMinutes - departureFloatMinutes) + sum + travelPerStop;
    if (after > elapsed) elapsed = after;
  }
  return { overloadMinutes: overload, elapsedMinutes: elapsed };
}
