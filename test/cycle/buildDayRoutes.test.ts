import { describe, expect, it } from 'vitest';
import {
  buildDayRoutes,
  dayRouteInOrder,
  type DayRouteOutlet,
} from '../../src/domain/cycle/buildDayRoutes.js';
import { createCycleSlots } from '../../src/domain/cycle/cycleSlots.js';
import { DenseTravelMatrix } from '../../src/domain/routing/travelModel.js';

/** Points on a line (index 0 = the base) in km, 1 minute per km. */
function lineMatrix(xs: readonly number[]): DenseTravelMatrix {
  const n = xs.length;
  const km = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) km[i * n + j] = Math.abs(xs[i]! - xs[j]!);
  return new DenseTravelMatrix(n, km, km.slice());
}

describe('buildDayRoutes', () => {
  // A night-venue rep: the day starts at 13:30 (810), 40-minute budget so that waiting shows up
  // as over-budget time. Monday: V at 10 km, visits start 14:00-22:00 (840-1320). Tuesday: U at
  // 10 km, from 14:30 (870). 15 minutes of service. Leaving at 13:30 the rep is at V at 13:40 and
  // waits 20 minutes (at U: 50).
  const slots = createCycleSlots(1, ['Mon', 'Tue']);
  const matrix = lineMatrix([0, 10, -10]);
  const outlets: DayRouteOutlet[] = [
    { id: 'V', serviceMinutes: 15, window: { from: 840, to: 1320 } },
    { id: 'U', serviceMinutes: 15, window: { from: 870, to: 1320 } },
  ];
  const build = (departureFloatMinutes?: number) =>
    buildDayRoutes({
      slots,
      matrix,
      outlets,
      slotOutlets: [[0], [1]],
      dayStartMinutes: 810,
      departureFloatMinutes,
      dailyMinutes: 40,
      seed: 1,
    });

  it('reports the day start and the later departure, and counts working minutes from it (hand-checked)', () => {
    const [monday, tuesday] = build(60);
    // Monday: leave 13:50, at V 14:00 sharp, leave V 14:15, home 14:25: 35 working minutes.
    expect(monday?.route).toMatchObject({
      start: '13:30',
      departure: '13:50',
      end: '14:25',
      totalMinutes: 35,
      overBudgetMinutes: 0,
      stops: [{ outletId: 'V', arrival: '14:00', departure: '14:15', travelKm: 10 }],
    });
    expect(monday?.route.stops[0]?.waitMinutes).toBeUndefined();
    expect(monday?.totalMinutes).toBe(35);
    // Tuesday: the whole 50-minute wait fits in the 60-minute float: leave 14:20.
    expect(tuesday?.route).toMatchObject({
      start: '13:30',
      departure: '14:20',
      end: '14:55',
      totalMinutes: 35,
    });
  });

  it('leaves at the day start with a fixed departure and counts the wait against the budget', () => {
    const [monday, tuesday] = build(0);
    expect(monday?.route).toMatchObject({
      start: '13:30',
      departure: '13:30',
      end: '14:25',
      totalMinutes: 55,
      overBudgetMinutes: 15,
      stops: [{ outletId: 'V', arrival: '13:40', departure: '14:15', waitMinutes: 20 }],
    });
    expect(monday?.overBudgetMinutes).toBe(15);
    expect(tuesday?.route).toMatchObject({ departure: '13:30', totalMinutes: 85, overBudgetMinutes: 45 });
    // The default is a fixed departure.
    expect(build().map((d) => d.route)).toEqual(build(0).map((d) => d.route));
  });

  it('floats no further than allowed', () => {
    const [, tuesday] = build(30);
    // 30 of the 50 minutes of waiting at U are removed: leave 14:00, arrive 14:10, wait 20.
    expect(tuesday?.route).toMatchObject({ departure: '14:00', end: '14:55', totalMinutes: 55 });
    expect(tuesday?.route.stops[0]).toMatchObject({ arrival: '14:10', waitMinutes: 20 });
  });
});

describe('dayRouteInOrder', () => {
  // Base at 0, stops A at 2 and B at 5 km (1 minute per km), no windows, 10 minutes of service.
  const input = {
    slots: createCycleSlots(1, ['Mon']),
    matrix: lineMatrix([0, 2, 5]),
    outlets: [
      { id: 'A', serviceMinutes: 10, window: null },
      { id: 'B', serviceMinutes: 10, window: null },
    ] satisfies DayRouteOutlet[],
    slotOutlets: [[0, 1]],
    dayStartMinutes: 480,
    dailyMinutes: 480,
    seed: 1,
  };

  it('re-times a sequenced order to the figures and route the sequencer gave (hand-checked: 10 min driving)', () => {
    const [day] = buildDayRoutes(input);
    if (!day) throw new Error('no day');
    const again = dayRouteInOrder(input, 0, day.order, null);
    expect(again).toEqual(day);
    expect(again.travelMinutes).toBe(10);
    expect(again.totalMinutes).toBe(30);
  });

  it('returns a kept route object as it stands', () => {
    const [day] = buildDayRoutes(input);
    if (!day) throw new Error('no day');
    const kept = { ...day.route };
    expect(dayRouteInOrder(input, 0, day.order, kept).route).toBe(kept);
  });
});
