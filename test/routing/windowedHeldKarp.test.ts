import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDaySchedule, type DayStop } from '../../src/domain/routing/daySchedule.js';
import { dayRouteCost, DRIVE_WEIGHT } from '../../src/domain/routing/dayObjective.js';
import { ExactDayRouteSearch, LATENESS_WEIGHT } from '../../src/domain/routing/exactDayRouteSearch.js';
import {
  WINDOWED_HELD_KARP_MAX_STOPS,
  windowedHeldKarpOrder,
} from '../../src/domain/routing/windowedHeldKarp.js';
import { DenseTravelMatrix, type TravelMatrix } from '../../src/domain/routing/travelModel.js';

/** Points on a line (index 0 = home) in km, 1 minute per km. */
function lineMatrix(xs: readonly number[]): TravelMatrix {
  const n = xs.length;
  const km = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) km[i * n + j] = Math.abs(xs[i]! - xs[j]!);
  return new DenseTravelMatrix(n, km, km.slice());
}

function planarMatrix(points: ReadonlyArray<readonly [number, number]>): TravelMatrix {
  const n = points.length;
  const km = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      km[i * n + j] = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
  return new DenseTravelMatrix(
    n,
    km,
    km.map((d) => 2 * d),
  );
}

/** The day objective (dayObjective.ts) of an order on the real timetable. */
const costOf = (
  matrix: TravelMatrix,
  stops: DayStop[],
  order: number[],
  start: number,
  float = 0,
): number => {
  const day = evaluateDaySchedule(matrix, stops, order, start, float);
  return dayRouteCost(day.windowViolationMinutes, day.endMinutes - day.departureMinutes, day.travelMinutes);
};

function bruteForceCost(matrix: TravelMatrix, stops: DayStop[], start: number, float = 0): number {
  let best = Infinity;
  const order: number[] = [];
  const used = new Array<boolean>(stops.length).fill(false);
  const recurse = (): void => {
    if (order.length === stops.length) best = Math.min(best, costOf(matrix, stops, order, start, float));
    for (let i = 0; i < stops.length; i++) {
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

const solve = (matrix: TravelMatrix, stops: DayStop[], start: number, float = 0): number[] =>
  windowedHeldKarpOrder(
    new ExactDayRouteSearch(
      matrix,
      stops,
      start,
      stops.map((_, i) => i),
      float,
    ),
  );

describe('windowedHeldKarpOrder', () => {
  it('visits a line of stops out and back when no window binds', () => {
    const stops: DayStop[] = [1, 2, 3].map((k) => ({ id: `s${k}`, serviceMinutes: 5, window: null }));
    const order = solve(lineMatrix([0, 10, 20, 30]), stops, 480);
    // 60 minutes of driving + 15 of service, plus the driving weight.
    expect(costOf(lineMatrix([0, 10, 20, 30]), stops, order, 480)).toBe(60 + 15 + DRIVE_WEIGHT * 60);
  });

  it('goes to the far stop first when its window closes early (hand-checked)', () => {
    // Home 0, near stop at 1 km, far stop at 10 km that must be started by 490. Near first
    // reaches the far stop at 480 + 1 + 5 + 9 = 495: 5 minutes late. Far first: on time at 490,
    // back via the near stop at 490 + 5 + 9 + 5 + 1 = 510, no lateness.
    const stops: DayStop[] = [
      { id: 'near', serviceMinutes: 5, window: null },
      { id: 'far', serviceMinutes: 5, window: { from: 480, to: 495 } },
    ];
    const matrix = lineMatrix([0, 1, 10]);
    const order = solve(matrix, stops, 480);
    expect(order).toEqual([1, 0]);
    expect(costOf(matrix, stops, order, 480)).toBe(30 + DRIVE_WEIGHT * 20);
  });

  it('keeps an earlier but later-running label beside a less late one (Pareto front, hand-checked)', () => {
    // Stops on a line at -5, 2, -4, 7 km, 1 minute per km, no service, latest starts 507, 488,
    // 487, 499; leave at 480. Having visited {2, -4, 7} and standing at 7 there are two labels:
    // via -4, 2, 7 at 495 with 2 minutes late, and via 2, -4, 7 at 499 with 1 minute late. One
    // number per state keeps the second (cheaper so far), which then reaches -5 at 511, 4
    // minutes late: 5 late in all. The front keeps both; the first reaches -5 at 507 on time
    // and gets home at 512: 2 minutes late, 32 minutes, all of them driving.
    const stops: DayStop[] = [507, 488, 487, 499].map((to, i) => ({
      id: `s${i}`,
      serviceMinutes: 0,
      window: { from: 0, to },
    }));
    const matrix = lineMatrix([0, -5, 2, -4, 7]);
    const order = solve(matrix, stops, 480);
    expect(order).toEqual([2, 1, 3, 0]);
    expect(costOf(matrix, stops, order, 480)).toBe(2 * LATENESS_WEIGHT + 32 + DRIVE_WEIGHT * 32);
  });

  it('keeps a label that leaves more room for a late departure (float cap, hand-checked)', () => {
    // Home 0; P at 1 km opens 08:28 (508), latest start 08:45 (525), 10 min service; Q at the same
    // place, no window, 3 min; R at -4 km, window 09:57-10:02 (597-602), 7 min; 1 minute per km,
    // day start 08:00, the departure may float 47 min. P, Q, R and Q, P, R reach R before it opens
    // (at 526 and 523), wait, leave R at 604 and are home at 608 after 10 minutes of driving: the
    // same time, lateness and travel once at R. Only the float tells them apart. Via P first, the
    // rep waits 27 min at P and P has 17 min of slack, so the rep may leave 44 min late (08:44)
    // and works 84 minutes; via Q first only 24 + 17 = 41 min (87 minutes of work). Q, P, R is
    // generated first, so the front must keep P, Q, R for its larger cap.
    const stops: DayStop[] = [
      { id: 'P', serviceMinutes: 10, window: { from: 508, to: 525 } },
      { id: 'R', serviceMinutes: 7, window: { from: 597, to: 602 } },
      { id: 'Q', serviceMinutes: 3, window: null },
    ];
    const matrix = lineMatrix([0, 1, -4, 1]);
    const order = solve(matrix, stops, 480, 47);
    expect(order).toEqual([0, 2, 1]);
    const day = evaluateDaySchedule(matrix, stops, order, 480, 47);
    expect(day.departureMinutes).toBe(524);
    expect(day.endMinutes).toBe(608);
    expect(costOf(matrix, stops, order, 480, 47)).toBe(84 + DRIVE_WEIGHT * 10);
    expect(costOf(matrix, stops, [2, 0, 1], 480, 47)).toBe(87 + DRIVE_WEIGHT * 10);
  });

  it('equals brute force on any day of up to 8 stops, fixed or floating departure', () => {
    const day = fc
      .array(
        fc.record({
          x: fc.integer({ min: -20, max: 20 }),
          y: fc.integer({ min: -20, max: 20 }),
          service: fc.integer({ min: 0, max: 20 }),
          window: fc.option(
            fc
              .tuple(fc.integer({ min: 480, max: 700 }), fc.integer({ min: 0, max: 120 }))
              .map(([from, width]) => ({ from, to: from + width })),
            { freq: 2 },
          ),
        }),
        { minLength: 1, maxLength: 8 },
      )
      .map((rows) => ({
        matrix: planarMatrix([[0, 0], ...rows.map((r) => [r.x, r.y] as const)]),
        stops: rows.map((r, i): DayStop => ({ id: `s${i}`, serviceMinutes: r.service, window: r.window })),
      }));
    fc.assert(
      fc.property(day, fc.constantFrom(0, 15, 45, 600), ({ matrix, stops }, float) => {
        const order = solve(matrix, stops, 480, float);
        expect([...order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i));
        expect(costOf(matrix, stops, order, 480, float)).toBeCloseTo(
          bruteForceCost(matrix, stops, 480, float),
          6,
        );
      }),
      { numRuns: 80 },
    );
  });

  it('refuses days beyond its limit', () => {
    const n = WINDOWED_HELD_KARP_MAX_STOPS + 1;
    const stops: DayStop[] = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      serviceMinutes: 1,
      window: null,
    }));
    const matrix = lineMatrix(Array.from({ length: n + 1 }, (_, i) => i));
    expect(() => solve(matrix, stops, 480)).toThrow(/15 stops is too many for the exact method \(max 14\)/);
  });
});
