import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDaySchedule, type DayStop } from '../../src/domain/routing/daySchedule.js';
import { createRandom } from '../../src/domain/random.js';
import { dayRouteCost, DRIVE_WEIGHT } from '../../src/domain/routing/dayObjective.js';
import { DayRouteSearch } from '../../src/domain/routing/dayRouteSearch.js';
import { ExactDayRouteSearch, LATENESS_WEIGHT } from '../../src/domain/routing/exactDayRouteSearch.js';
import { sequenceDayRoute, type SequencedDayRoute } from '../../src/domain/routing/sequenceDayRoute.js';
import { windowedHeldKarpOrder } from '../../src/domain/routing/windowedHeldKarp.js';
import { DenseTravelMatrix, type TravelMatrix } from '../../src/domain/routing/travelModel.js';

/** Matrix over planar points (index 0 = home) in km, driven at `minutesPerKm`. */
function planarMatrix(points: ReadonlyArray<readonly [number, number]>, minutesPerKm = 2): TravelMatrix {
  const n = points.length;
  const km = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [x1, y1] = points[i] as readonly [number, number];
      const [x2, y2] = points[j] as readonly [number, number];
      const distance = Math.hypot(x1 - x2, y1 - y2);
      km[i * n + j] = distance;
      minutes[i * n + j] = distance * minutesPerKm;
    }
  }
  return new DenseTravelMatrix(n, km, minutes);
}

const stop = (id: string, window: DayStop['window'] = null, serviceMinutes = 10): DayStop => ({
  id,
  serviceMinutes,
  window,
});

/** The objective of a finished timetable (dayObjective.ts), working minutes from its departure. */
function costOf(route: SequencedDayRoute): number {
  return dayRouteCost(
    route.windowViolationMinutes,
    route.endMinutes - route.departureMinutes,
    route.travelMinutes,
  );
}

/** Timetable identities every route must satisfy (leaving within [start, start + float]). */
function expectConsistentTimetable(
  route: SequencedDayRoute,
  matrix: TravelMatrix,
  stops: DayStop[],
  start: number,
  float = 0,
): void {
  const n = stops.length;
  expect([...route.order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  expect(route.departureMinutes).toBeGreaterThanOrEqual(start);
  expect(route.departureMinutes).toBeLessThanOrEqual(start + float + 1e-9);
  let departure = route.departureMinutes;
  let at = 0;
  let travel = 0;
  for (let k = 0; k < n; k++) {
    const node = (route.order[k] as number) + 1;
    const s = stops[node - 1] as DayStop;
    travel += matrix.minutes(at, node);
    expect(route.arrivals[k]).toBeCloseTo(departure + matrix.minutes(at, node), 9);
    expect(route.departures[k]).toBeCloseTo(
      (route.arrivals[k] as number) + (route.waits[k] as number) + s.serviceMinutes,
      9,
    );
    expect(route.waits[k]).toBeGreaterThanOrEqual(0);
    expect(route.windowViolations[k]).toBeGreaterThanOrEqual(0);
    if ((route.waits[k] as number) > 0) expect(route.arrivals[k]).toBeLessThan(s.window?.from ?? -Infinity);
    departure = route.departures[k] as number;
    at = node;
  }
  if (n > 0) travel += matrix.minutes(at, 0);
  expect(route.travelMinutes).toBeCloseTo(travel, 9);
  expect(route.endMinutes).toBeCloseTo(n > 0 ? departure + matrix.minutes(at, 0) : start, 9);
  // Floating the departure only removes waiting: same lateness, same return as leaving at the start.
  if (float > 0) {
    const fixed = evaluateDaySchedule(matrix, stops, route.order, start);
    expect(route.windowViolationMinutes).toBeCloseTo(fixed.windowViolationMinutes, 9);
    expect(route.endMinutes).toBeCloseTo(fixed.endMinutes, 9);
  }
  expect(route.windowViolationMinutes).toBeCloseTo(
    route.windowViolations.reduce((sum, v) => sum + v, 0),
    9,
  );
}

describe('sequenceDayRoute small cases', () => {
  it('returns an empty day for n = 0', () => {
    const route = sequenceDayRoute({ matrix: planarMatrix([[0, 0]]), stops: [], startMinutes: 510, seed: 1 });
    expect(route).toMatchObject({
      order: [],
      arrivals: [],
      travelKm: 0,
      travelMinutes: 0,
      endMinutes: 510,
      windowViolationMinutes: 0,
    });
  });

  it('goes there and back for n = 1', () => {
    const matrix = planarMatrix([
      [0, 0],
      [3, 4],
    ]);
    const route = sequenceDayRoute({ matrix, stops: [stop('a')], startMinutes: 480, seed: 1 });
    expect(route.order).toEqual([0]);
    expect(route.arrivals).toEqual([490]);
    expect(route.departures).toEqual([500]);
    expect(route.travelKm).toBe(10);
    expect(route.endMinutes).toBe(510);
  });

  it('visits two and three stops along the shortest loop', () => {
    const matrix = planarMatrix([
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
    ]);
    const stops = [stop('a'), stop('b'), stop('c')];
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 1 });
    expect(route.travelKm).toBeCloseTo(4, 9);
    expect([route.order, [...route.order].reverse()]).toContainEqual([0, 1, 2]);
    expectConsistentTimetable(route, matrix, stops, 480);
    const two = sequenceDayRoute({
      matrix: planarMatrix([
        [0, 0],
        [0, 1],
        [0, 2],
      ]),
      stops: stops.slice(0, 2),
      startMinutes: 480,
      seed: 1,
    });
    expect(two.travelKm).toBeCloseTo(4, 9);
  });

  it('puts last a stop whose window forces it there and records the wait', () => {
    // Home at 0 on a line; a at 1 km, b at 2 km, c at 3 km; 2 min per km, 10 min service.
    // a opens at 09:00 (540): the best days are c, b, a or b, c, a: arrive a at 510, wait 30, home at 552.
    const matrix = planarMatrix([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    const stops = [stop('a', { from: 540, to: 1000 }), stop('b'), stop('c')];
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 1 });
    // b, c, a ties with c, b, a (both reach a at 510); any other order ends later.
    expect([
      [2, 1, 0],
      [1, 2, 0],
    ]).toContainEqual(route.order);
    expect(route.arrivals[2]).toBe(510);
    expect(route.waits).toEqual([0, 0, 30]);
    expect(route.departures[2]).toBe(550);
    expect(route.endMinutes).toBe(552);
    expect(route.windowViolationMinutes).toBe(0);
  });

  it('reports an impossible window as violation minutes and serves that stop first', () => {
    // The window closes at 07:30 (450) but the rep leaves at 08:00: best possible is first, 2 min late... 32 min.
    for (const n of [3, 12]) {
      const points: Array<[number, number]> = [[0, 0]];
      for (let i = 0; i < n; i++) points.push([1 + (i % 4), Math.floor(i / 4)]);
      const matrix = planarMatrix(points);
      const stops = Array.from({ length: n }, (_, i) =>
        stop(`s${i}`, i === n - 1 ? { from: 420, to: 450 } : null),
      );
      const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 2 });
      expect(route.order[0]).toBe(n - 1);
      const arrival = 480 + matrix.minutes(0, n);
      expect(route.windowViolations[0]).toBeCloseTo(arrival - 450, 9);
      expect(route.windowViolationMinutes).toBeCloseTo(arrival - 450, 9);
      expectConsistentTimetable(route, matrix, stops, 480);
    }
  });

  it('meets evening windows when they are feasible (night-venue day)', () => {
    const points: Array<[number, number]> = [[0, 0]];
    for (let i = 0; i < 24; i++)
      points.push([Math.cos(i) * (2 + (i % 5)), Math.sin(i * 1.3) * (2 + (i % 3))]);
    const matrix = planarMatrix(points);
    const stops = Array.from({ length: 24 }, (_, i) =>
      stop(`v${i}`, i % 2 === 0 ? { from: 840, to: 1320 } : null, 15),
    );
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 510, seed: 5 });
    expect(route.windowViolationMinutes).toBe(0);
    expectConsistentTimetable(route, matrix, stops, 510);
    route.order.forEach((index, k) => {
      if (index % 2 === 0) expect((route.departures[k] as number) - 15).toBeGreaterThanOrEqual(840);
    });
  });

  it('rejects a matrix of the wrong size with context', () => {
    expect(() =>
      sequenceDayRoute({ matrix: planarMatrix([[0, 0]]), stops: [stop('x')], startMinutes: 0, seed: 1 }),
    ).toThrow(/matrix has 1 points but needs 2/);
  });
});

/** Exhaustive optimum of the day objective (dayObjective.ts) over all orders. */
function bruteForce(
  matrix: TravelMatrix,
  stops: DayStop[],
  start: number,
  float = 0,
): { cost: number; violation: number; duration: number } {
  const n = stops.length;
  let best = { cost: Infinity, violation: Infinity, duration: Infinity };
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const recurse = (): void => {
    if (order.length === n) {
      const schedule = evaluateDaySchedule(matrix, stops, order, start, float);
      const cost = costOf(schedule);
      if (cost < best.cost) {
        best = {
          cost,
          violation: schedule.windowViolationMinutes,
          duration: schedule.endMinutes - schedule.departureMinutes - schedule.serviceMinutes,
        };
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      order.push(i);
      recurse();
      order.pop();
      used[i] = false;
    }
  };
  recurse();
  return best;
}

/** Departure floats: fixed, shorter than the typical first wait, longer than any wait. */
const floatArbitrary = fc.constantFrom(0, 20, 60, 600);

const dayArbitrary = (minStops: number, maxStops: number) =>
  fc
    .array(
      fc.record({
        x: fc.integer({ min: -20, max: 20 }),
        y: fc.integer({ min: -20, max: 20 }),
        service: fc.integer({ min: 5, max: 20 }),
        window: fc.option(
          fc
            .tuple(fc.integer({ min: 480, max: 900 }), fc.integer({ min: 0, max: 300 }))
            .map(([from, width]) => ({ from, to: from + width })),
          { freq: 2 },
        ),
      }),
      { minLength: minStops, maxLength: maxStops },
    )
    .map((rows) => ({
      matrix: planarMatrix([[0, 0], ...rows.map((r) => [r.x, r.y] as [number, number])]),
      stops: rows.map((r, i) => stop(`s${i}`, r.window, r.service)),
    }));

describe('sequenceDayRoute properties', () => {
  it('returns a consistent timetable for any day, fixed or floating departure', () => {
    fc.assert(
      fc.property(
        dayArbitrary(0, 30),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const route = sequenceDayRoute({
            matrix,
            stops,
            startMinutes: 510,
            departureFloatMinutes: float,
            seed,
            effort: 0.3,
          });
          expectConsistentTimetable(route, matrix, stops, 510, float);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is optimal for up to 9 stops (exact dynamic programme), fixed or floating departure', () => {
    fc.assert(
      fc.property(
        dayArbitrary(2, 9),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const route = sequenceDayRoute({
            matrix,
            stops,
            startMinutes: 480,
            departureFloatMinutes: float,
            seed,
          });
          expect(costOf(route)).toBeCloseTo(bruteForce(matrix, stops, 480, float).cost, 6);
        },
      ),
      { numRuns: 16 },
    );
  });

  it('solves the 9-stop day with a zero-width window that the heuristic search missed by 9.8%', () => {
    // CI run of 2026-12-03 (fast-check seed -633927677, path 7): the iterated local search ended
    // at 357.8 minutes of driving and waiting against an optimum of 326.0.
    const matrix = planarMatrix([
      [0, 0],
      [-13, -2],
      [10, 17],
      [16, 13],
      [-7, -19],
      [4, -4],
      [17, -2],
      [-12, -1],
      [4, 16],
      [-20, 18],
    ]);
    const stops: DayStop[] = [
      stop('s0', null, 10),
      stop('s1', { from: 488, to: 678 }, 5),
      stop('s2', { from: 686, to: 686 }, 20),
      stop('s3', null, 20),
      stop('s4', { from: 897, to: 1194 }, 5),
      stop('s5', { from: 480, to: 734 }, 17),
      stop('s6', null, 5),
      stop('s7', null, 16),
      stop('s8', null, 18),
    ];
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 9 });
    expect(route.windowViolationMinutes).toBe(0);
    expect(route.endMinutes - 480 - route.serviceMinutes).toBeCloseTo(325.9840290856396, 6);
    expect(bruteForce(matrix, stops, 480).duration).toBeCloseTo(325.9840290856396, 6);
  });

  it('matches the exact optimum on 11-12 stops with the heuristic search (fixed cases)', () => {
    // The heuristic has no optimality guarantee, so this runs a fixed set of cases (fast-check
    // seed pinned) rather than new random ones each run: a quality regression check, not a
    // property. 300 random 11-stop days of this shape (2026-12-04) missed the optimum 0 times.
    fc.assert(
      fc.property(
        dayArbitrary(11, 12),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const route = sequenceDayRoute({
            matrix,
            stops,
            startMinutes: 480,
            departureFloatMinutes: float,
            seed,
          });
          const exact = new ExactDayRouteSearch(matrix, stops, 480, identity(stops.length), float);
          const optimum = evaluateDaySchedule(matrix, stops, windowedHeldKarpOrder(exact), 480, float);
          expect(route.windowViolationMinutes).toBeCloseTo(optimum.windowViolationMinutes, 6);
          expect(costOf(route)).toBeCloseTo(costOf(optimum), 6);
        },
      ),
      { numRuns: 10, seed: 20261204 },
    );
  });

  it('prices orders in DayRouteSearch and ExactDayRouteSearch exactly like the real timetable', () => {
    fc.assert(
      fc.property(
        dayArbitrary(1, 20),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const order = createRandom(seed).shuffle(stops.map((_, i) => i));
          const schedule = evaluateDaySchedule(matrix, stops, order, 480, float);
          const exact = new ExactDayRouteSearch(matrix, stops, 480, order, float);
          expect(exact.cost).toBeCloseTo(costOf(schedule), 6);
          // Time warp equals lateness only while nothing is late.
          const search = new DayRouteSearch(matrix, stops, 480, order, float);
          if (schedule.windowViolationMinutes === 0) expect(search.cost).toBeCloseTo(costOf(schedule), 6);
          else expect(search.cost).toBeGreaterThan(LATENESS_WEIGHT * 1e-9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps DayRouteSearch segment summaries equal to a full rebuild after its partial rebuilds', () => {
    // Each table holds every segment's (duration, warp, earliest, latest, travel) side by side.
    type Tables = Record<'forward' | 'reversed', Float64Array>;
    const tablesOf = (search: DayRouteSearch): Tables => search as unknown as Tables;
    fc.assert(
      fc.property(dayArbitrary(4, 30), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const order = createRandom(seed).shuffle(stops.map((_, i) => i));
        const search = new DayRouteSearch(matrix, stops, 510, order, 30);
        search.iterate(20, createRandom(seed + 1));
        const fresh = new DayRouteSearch(matrix, stops, 510, search.order(), 30);
        expect(search.cost).toBe(fresh.cost);
        const a = tablesOf(search);
        const b = tablesOf(fresh);
        for (const table of ['forward', 'reversed'] as const) {
          expect(a[table].length).toBe((stops.length + 2) ** 2 * 5);
          expect(Array.from(a[table])).toEqual(Array.from(b[table]));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic for a seed', () => {
    const day = fc.sample(dayArbitrary(30, 30), { seed: 99, numRuns: 1 })[0];
    if (!day) throw new Error('no sample');
    const input = { matrix: day.matrix, stops: day.stops, startMinutes: 510, seed: 17 };
    expect(sequenceDayRoute(input)).toEqual(sequenceDayRoute(input));
  });
});

/**
 * A road-like asymmetric matrix: the planar one with some directions made longer (one-way
 * streets, turn restrictions), km and minutes alike, by a factor per ordered pair.
 */
function oneWayMatrix(base: TravelMatrix, detours: readonly number[]): TravelMatrix {
  const n = base.size;
  const km = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const factor = i === j ? 1 : 1 + (detours[(i * n + j) % detours.length] as number);
      km[i * n + j] = base.km(i, j) * factor;
      minutes[i * n + j] = base.minutes(i, j) * factor;
    }
  return new DenseTravelMatrix(n, km, minutes);
}

/** Days on asymmetric matrices: each ordered pair is 0-150% longer than the straight line. */
const asymmetricDayArbitrary = (minStops: number, maxStops: number) =>
  fc
    .tuple(
      dayArbitrary(minStops, maxStops),
      fc.array(fc.constantFrom(0, 0, 0.2, 0.5, 1.5), { minLength: 7, maxLength: 29 }),
    )
    .map(([day, detours]) => ({ ...day, matrix: oneWayMatrix(day.matrix, detours) }));

describe('sequenceDayRoute on asymmetric road matrices (one-way streets)', () => {
  it('drives a one-way ring in its own direction (hand-checked)', () => {
    // Four stops on a square around home; the ring is cheap clockwise (0->1->2->3->0 km 1 each)
    // and ten times longer against it, and home sits on the ring between 3 and 0.
    const n = 5;
    const km = new Float64Array(n * n).fill(10);
    const ring = [0, 1, 2, 3, 4];
    for (let k = 0; k < n; k++) km[(ring[k] as number) * n + (ring[(k + 1) % n] as number)] = 1;
    for (let i = 0; i < n; i++) km[i * n + i] = 0;
    const matrix = new DenseTravelMatrix(
      n,
      km,
      km.map((d) => 2 * d),
    );
    const stops = [stop('a'), stop('b'), stop('c'), stop('d')];
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 1 });
    expect(route.order).toEqual([0, 1, 2, 3]);
    expect(route.travelKm).toBe(5);
    // Against the ring: 0->4->3->2->1->0 at 10 km a leg.
    const against = evaluateDaySchedule(matrix, stops, [3, 2, 1, 0], 480);
    expect(against.travelKm).toBe(50);
  });

  it('drives a 12-stop one-way ring in its direction too (the heuristic path, past the exact size)', () => {
    // Home and 12 stops on a ring, 1 km a leg along it and 10 km against it or across.
    const n = 13;
    const km = new Float64Array(n * n).fill(10);
    for (let i = 0; i < n; i++) {
      km[i * n + i] = 0;
      km[i * n + ((i + 1) % n)] = 1;
    }
    const matrix = new DenseTravelMatrix(
      n,
      km,
      km.map((d) => 2 * d),
    );
    const stops = Array.from({ length: 12 }, (_, k) => stop(`s${k}`));
    for (const seed of [1, 2, 3, 4]) {
      const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed });
      expect(route.order).toEqual(Array.from({ length: 12 }, (_, k) => k));
      expect(route.travelKm).toBe(13);
    }
  });

  it('is optimal for up to 9 stops, fixed or floating departure (brute force)', () => {
    fc.assert(
      fc.property(
        asymmetricDayArbitrary(2, 9),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const route = sequenceDayRoute({
            matrix,
            stops,
            startMinutes: 480,
            departureFloatMinutes: float,
            seed,
          });
          expectConsistentTimetable(route, matrix, stops, 480, float);
          expect(costOf(route)).toBeCloseTo(bruteForce(matrix, stops, 480, float).cost, 6);
        },
      ),
      { numRuns: 16 },
    );
  });

  it('matches the exact optimum on 11-12 stops with the heuristic search (fixed cases)', () => {
    // A quality regression check on a pinned set of cases (the heuristic has no guarantee).
    fc.assert(
      fc.property(
        asymmetricDayArbitrary(11, 12),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const route = sequenceDayRoute({
            matrix,
            stops,
            startMinutes: 480,
            departureFloatMinutes: float,
            seed,
          });
          const exact = new ExactDayRouteSearch(matrix, stops, 480, identity(stops.length), float);
          const optimum = evaluateDaySchedule(matrix, stops, windowedHeldKarpOrder(exact), 480, float);
          expect(route.windowViolationMinutes).toBeCloseTo(optimum.windowViolationMinutes, 6);
          expect(costOf(route)).toBeCloseTo(costOf(optimum), 6);
        },
      ),
      { numRuns: 10, seed: 20261207 },
    );
  });
});

describe('day objective: driving counts when windows fix the day', () => {
  // Home (0,0); a (0,5), b (5,5) with no window; L (1,0) opens at 10:00 (600); 1 min per km,
  // 10 min service, leave at 08:00. Every order that ends at L waits there until 10:00 and is home
  // at 600 + 10 + 1 = 611: 131 working minutes either way. a, b, L drives 5 + 5 + sqrt(41) + 1 =
  // 17.40 min, b, a, L drives sqrt(50) + 5 + sqrt(26) + 1 = 18.17 min. Any order with L earlier
  // serves a or b after 10:00 and comes home later. b, a, L is found first by the dynamic
  // programme (a is stop 0), so without travel in its objective and labels it would be kept.
  const matrix = planarMatrix(
    [
      [0, 0],
      [0, 5],
      [5, 5],
      [1, 0],
    ],
    1,
  );
  const stops = [stop('a'), stop('b'), stop('L', { from: 600, to: 700 })];
  const shortDrive = [0, 1, 2];
  const longDrive = [1, 0, 2];
  const driveA = 5 + 5 + Math.sqrt(41) + 1;
  const driveB = Math.sqrt(50) + 5 + Math.sqrt(26) + 1;

  it('ties the two orders on working time (hand-checked)', () => {
    const short = evaluateDaySchedule(matrix, stops, shortDrive, 480);
    const long = evaluateDaySchedule(matrix, stops, longDrive, 480);
    expect(short.endMinutes).toBeCloseTo(611, 9);
    expect(long.endMinutes).toBeCloseTo(611, 9);
    expect(short.travelMinutes).toBeCloseTo(driveA, 9);
    expect(long.travelMinutes).toBeCloseTo(driveB, 9);
  });

  it('picks the shorter drive (fails with travel removed from the objective and the DP labels)', () => {
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed: 1 });
    expect(route.order).toEqual(shortDrive);
    expect(route.travelMinutes).toBeCloseTo(driveA, 9);
    expect(route.endMinutes).toBeCloseTo(611, 9);
  });

  it('prices the longer drive higher by DRIVE_WEIGHT x the extra minutes (fails with DRIVE_WEIGHT 0)', () => {
    const extra = DRIVE_WEIGHT * (driveB - driveA);
    expect(extra).toBeGreaterThan(0.1);
    const exact = new ExactDayRouteSearch(matrix, stops, 480, shortDrive);
    expect(exact.costOf(longDrive.map((i) => i + 1)) - exact.cost).toBeCloseTo(extra, 9);
    const search = new DayRouteSearch(matrix, stops, 480, shortDrive);
    expect(search.setOrder(longDrive) - new DayRouteSearch(matrix, stops, 480, shortDrive).cost).toBeCloseTo(
      extra,
      9,
    );
  });
});

describe('floating departure', () => {
  // Home at 0 on a line, 1 min per km, 10 min service, the day starts at 08:00 (480).
  const line = (xs: number[]) =>
    planarMatrix(
      xs.map((x): [number, number] => [x, 0]),
      1,
    );

  it('leaves later to remove the wait for the first window (hand-checked)', () => {
    // A at 10 km opens at 09:00 (540): leaving at 08:00 waits 50 min; leaving at 08:50 does not.
    const matrix = line([0, 10]);
    const stops = [stop('A', { from: 540, to: 600 })];
    const fixed = evaluateDaySchedule(matrix, stops, [0], 480);
    expect(fixed).toMatchObject({ departureMinutes: 480, arrivals: [490], waits: [50], endMinutes: 560 });
    const floated = evaluateDaySchedule(matrix, stops, [0], 480, 60);
    expect(floated).toMatchObject({ departureMinutes: 530, arrivals: [540], waits: [0], endMinutes: 560 });
    // A float shorter than the wait removes what it can.
    const short = evaluateDaySchedule(matrix, stops, [0], 480, 30);
    expect(short).toMatchObject({ departureMinutes: 510, arrivals: [520], waits: [20], endMinutes: 560 });
    const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, departureFloatMinutes: 60, seed: 1 });
    expect(route.departureMinutes).toBe(530);
    expect(route.endMinutes - route.departureMinutes).toBe(30);
  });

  it('never makes a stop late: a tight window before the wait limits the delay (hand-checked)', () => {
    // B at 5 km must start by 08:20 (500), A at 10 km opens at 10:00 (600). Leaving at 08:00: B at
    // 485 (15 min slack), A at 500, 100 min wait. The delay stops at B's slack: leave at 08:15,
    // B at 08:20 exactly, A at 515, 85 min wait; the return stays at 620.
    const matrix = line([0, 5, 10]);
    const stops = [stop('B', { from: 480, to: 500 }), stop('A', { from: 600, to: 700 })];
    const floated = evaluateDaySchedule(matrix, stops, [0, 1], 480, 60);
    expect(floated).toMatchObject({
      departureMinutes: 495,
      arrivals: [500, 515],
      waits: [0, 85],
      windowViolations: [0, 0],
      endMinutes: 620,
    });
    // A stop that is already late allows no delay before it.
    const late = evaluateDaySchedule(
      matrix,
      [stop('B', { from: 470, to: 482 }), stops[1] as DayStop],
      [0, 1],
      480,
      60,
    );
    expect(late.departureMinutes).toBe(480);
    expect(late.windowViolations).toEqual([3, 0]);
  });

  it('departs at the best time that adds no lateness (any day; brute force over departures)', () => {
    fc.assert(
      fc.property(
        dayArbitrary(1, 8),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 120 }),
        ({ matrix, stops }, seed, float) => {
          const order = createRandom(seed).shuffle(stops.map((_, i) => i));
          const fixed = evaluateDaySchedule(matrix, stops, order, 480);
          const floated = evaluateDaySchedule(matrix, stops, order, 480, float);
          expect(floated.windowViolationMinutes).toBeCloseTo(fixed.windowViolationMinutes, 9);
          expect(floated.endMinutes).toBeCloseTo(fixed.endMinutes, 9);
          expect(floated.departureMinutes).toBeGreaterThanOrEqual(480);
          expect(floated.departureMinutes).toBeLessThanOrEqual(480 + float);
          floated.windowViolations.forEach((late, k) =>
            expect(late).toBeCloseTo(fixed.windowViolations[k] as number, 9),
          );
          const working = floated.endMinutes - floated.departureMinutes;
          for (let delay = 0; delay <= float; delay += 0.25) {
            const other = evaluateDaySchedule(matrix, stops, order, 480 + delay);
            if (other.windowViolationMinutes > fixed.windowViolationMinutes + 1e-9) continue;
            expect(other.endMinutes - other.departureMinutes).toBeGreaterThanOrEqual(working - 1e-9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('local search ends at the brute-force optimum on small windowed days (fixed cases)', () => {
    // The heuristic path of sequenceDayRoute (time-warp search, then the exact polish) on days
    // the exact method would normally take: a regression check on fixed cases, not a property.
    fc.assert(
      fc.property(
        dayArbitrary(5, 8),
        fc.integer({ min: 0, max: 1000 }),
        floatArbitrary,
        ({ matrix, stops }, seed, float) => {
          const search = new DayRouteSearch(matrix, stops, 480, identity(stops.length), float);
          search.iterate(200, createRandom(seed));
          const exact = new ExactDayRouteSearch(matrix, stops, 480, search.order(), float);
          exact.iterate(50, createRandom(seed + 1));
          const found = evaluateDaySchedule(matrix, stops, exact.order(), 480, float);
          expect(costOf(found)).toBeCloseTo(bruteForce(matrix, stops, 480, float).cost, 6);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('sequenceDayRoute regressions', () => {
  it('terminates on a day that must miss windows (costs ~1e7 once used to scan forever on rounding noise)', async () => {
    const { readFile } = await import('node:fs/promises');
    const day = JSON.parse(
      await readFile(new URL('./fixtures/scan-loop-day.json', import.meta.url), 'utf8'),
    ) as {
      startMinutes: number;
      points: Array<[number, number]>;
      stops: DayStop[];
    };
    const { greatCircleTravelModel } = await import('../../src/domain/routing/travelModel.js');
    const matrix = greatCircleTravelModel({ speedKmh: 25, circuity: 1.35 }).matrix(day.points);
    for (const effort of [0.3, 1]) {
      const route = sequenceDayRoute({
        matrix,
        stops: day.stops,
        startMinutes: day.startMinutes,
        seed: 1,
        effort,
      });
      expectConsistentTimetable(route, matrix, day.stops, day.startMinutes);
      expect(route.windowViolationMinutes).toBeGreaterThan(0);
    }
  });
});

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
