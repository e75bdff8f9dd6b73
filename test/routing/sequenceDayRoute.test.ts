import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDaySchedule, type DayStop } from '../../src/domain/routing/daySchedule.js';
import { createRandom } from '../../src/domain/random.js';
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

function costOf(route: SequencedDayRoute, startMinutes: number): number {
  return (
    LATENESS_WEIGHT * route.windowViolationMinutes + (route.endMinutes - startMinutes - route.serviceMinutes)
  );
}

/** Timetable identities every route must satisfy. */
function expectConsistentTimetable(
  route: SequencedDayRoute,
  matrix: TravelMatrix,
  stops: DayStop[],
  start: number,
): void {
  const n = stops.length;
  expect([...route.order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  let departure = start;
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

/** Exhaustive optimum of the lexicographic objective (violation, then duration). */
function bruteForce(
  matrix: TravelMatrix,
  stops: DayStop[],
  start: number,
): { cost: number; violation: number; duration: number } {
  const n = stops.length;
  let best = { cost: Infinity, violation: Infinity, duration: Infinity };
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const recurse = (): void => {
    if (order.length === n) {
      const schedule = evaluateDaySchedule(matrix, stops, order, start);
      const cost = costOf(schedule, start);
      if (cost < best.cost) {
        best = {
          cost,
          violation: schedule.windowViolationMinutes,
          duration: schedule.endMinutes - start - schedule.serviceMinutes,
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
  it('returns a consistent timetable for any day', () => {
    fc.assert(
      fc.property(dayArbitrary(0, 30), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const route = sequenceDayRoute({ matrix, stops, startMinutes: 510, seed, effort: 0.3 });
        expectConsistentTimetable(route, matrix, stops, 510);
      }),
      { numRuns: 40 },
    );
  });

  it('is optimal for up to 9 stops (exact dynamic programme)', () => {
    fc.assert(
      fc.property(dayArbitrary(2, 9), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed });
        expect(costOf(route, 480)).toBeCloseTo(bruteForce(matrix, stops, 480).cost, 6);
      }),
      { numRuns: 12 },
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
      fc.property(dayArbitrary(11, 12), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const route = sequenceDayRoute({ matrix, stops, startMinutes: 480, seed });
        const exact = new ExactDayRouteSearch(matrix, stops, 480, identity(stops.length));
        const optimum = evaluateDaySchedule(matrix, stops, windowedHeldKarpOrder(exact), 480);
        expect(route.windowViolationMinutes).toBeCloseTo(optimum.windowViolationMinutes, 6);
        expect(costOf(route, 480)).toBeCloseTo(costOf(optimum, 480), 6);
      }),
      { numRuns: 10, seed: 20261204 },
    );
  });

  it('prices orders in DayRouteSearch exactly like the real timetable when no window is missed', () => {
    fc.assert(
      fc.property(dayArbitrary(1, 20), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const order = createRandom(seed).shuffle(stops.map((_, i) => i));
        const schedule = evaluateDaySchedule(matrix, stops, order, 480);
        const search = new DayRouteSearch(matrix, stops, 480, order);
        if (schedule.windowViolationMinutes === 0)
          expect(search.cost).toBeCloseTo(schedule.endMinutes - 480, 6);
        else expect(search.cost).toBeGreaterThan(LATENESS_WEIGHT * 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps DayRouteSearch segment summaries equal to a full rebuild after its partial rebuilds', () => {
    type Tables = Record<
      'forward' | 'reversed',
      Record<'duration' | 'warp' | 'earliest' | 'latest', Float64Array>
    >;
    const tablesOf = (search: DayRouteSearch): Tables => search as unknown as Tables;
    fc.assert(
      fc.property(dayArbitrary(4, 30), fc.integer({ min: 0, max: 1000 }), ({ matrix, stops }, seed) => {
        const order = createRandom(seed).shuffle(stops.map((_, i) => i));
        const search = new DayRouteSearch(matrix, stops, 510, order);
        search.iterate(20, createRandom(seed + 1));
        const fresh = new DayRouteSearch(matrix, stops, 510, search.order());
        expect(search.cost).toBe(fresh.cost);
        const a = tablesOf(search);
        const b = tablesOf(fresh);
        for (const table of ['forward', 'reversed'] as const)
          for (const field of ['duration', 'warp', 'earliest', 'latest'] as const)
            expect(Array.from(a[table][field])).toEqual(Array.from(b[table][field]));
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
