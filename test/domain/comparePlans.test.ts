import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/domain/plan/comparePlans.js';
import { planDifference } from '../../src/domain/plan/planDifference.js';
import { planFigures } from '../../src/domain/plan/planFigures.js';
import type { Plan, PlanOutlet, PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import type { OutletTier, Weekday } from '../../src/domain/types.js';
import { day, rep } from './planFixtures.js';

type Tiny = Pick<Plan, 'region' | 'outlets' | 'reps' | 'pools'>;

/** An outlet of pool C (medium) or D (small) with one weekly weekday (or none: no cycle stage). */
function outlet(id: string, tier: OutletTier, repId: string | null, weekday: Weekday | null): PlanOutlet {
  return {
    id,
    name: id,
    lon: 0,
    lat: 0,
    businessType: tier === 'small' ? 'kiosk' : 'supermarket',
    monthlyVolume: 10,
    tier,
    rule: 'r',
    reason: 'r',
    pool: tier === 'small' ? 'D' : 'C',
    repId,
    lockedRepId: null,
    openFrom: null,
    openTo: null,
    district: null,
    ...(weekday
      ? { pattern: { weekdays: [weekday], everyWeeks: 1, firstWeek: 1 }, visits: [{ week: 1, weekday }] }
      : {}),
  };
}

/** A day route of `weekday` visiting `stops` ([outlet, minutes late]), with its km and minutes. */
function route(
  weekday: Weekday,
  stops: Array<[string, number]>,
  km: number,
  minutes: number,
  overBudgetMinutes = 0,
) {
  return {
    ...day(minutes),
    weekday,
    travelKm: km,
    overBudgetMinutes,
    stops: stops.map(([outletId, late], i) => ({
      outletId,
      seq: i + 1,
      arrival: '09:00',
      departure: '09:10',
      travelKm: km,
      ...(late > 0 ? { windowViolationMinutes: late } : {}),
    })),
  };
}

/** A rep of `pool` with the given day routes and territory (load, target, commute km). */
function staffed(
  id: string,
  pool: string,
  dailyMinutes: number,
  days: ReturnType<typeof route>[],
  territory: [load: number, target: number, commuteKm: number] | null,
): PlanRep {
  return {
    ...rep(id, pool, dailyMinutes, []),
    tier: pool === 'D' ? 'D' : 'C',
    days,
    ...(territory
      ? {
          territory: {
            outletCount: days.length,
            loadMinutes: territory[0],
            targetMinutes: territory[1],
            centroid: [0, 0],
            areaKm2: 1,
            commuteKm: territory[2],
          },
        }
      : {}),
  };
}

function pools(plan: Pick<Plan, 'outlets' | 'reps'>, ids = ['C', 'D']): PlanPool[] {
  return ids.map((id) => ({
    id,
    repTiers: id === 'D' ? ['D'] : ['C'],
    outletTiers: id === 'D' ? ['small'] : ['medium'],
    repIds: plan.reps.filter((r) => r.pool === id).map((r) => r.id),
    outletCount: plan.outlets.filter((o) => o.pool === id).length,
    absorbed: [],
  }));
}

function tinyPlan(outlets: PlanOutlet[], reps: PlanRep[], region = 'tiny'): Tiny {
  return { region, outlets, reps, pools: pools({ outlets, reps }) };
}

/**
 * Baseline: C1 serves a (Mon) and b (Tue, 5 minutes late), C2 serves c (Mon, 20 minutes over
 * budget), D1 serves d (Wed) and gone (Thu).
 */
const baseline = tinyPlan(
  [
    outlet('a', 'medium', 'C1', 'Mon'),
    outlet('b', 'medium', 'C1', 'Tue'),
    outlet('c', 'medium', 'C2', 'Mon'),
    outlet('d', 'small', 'D1', 'Wed'),
    outlet('gone', 'small', 'D1', 'Thu'),
  ],
  [
    staffed(
      'C1',
      'C',
      480,
      [route('Mon', [['a', 0]], 10, 300), route('Tue', [['b', 5]], 5, 200)],
      [500, 500, 2],
    ),
    staffed('C2', 'C', 480, [route('Mon', [['c', 0]], 8, 500, 20)], [450, 500, 3.5]),
    staffed(
      'D1',
      'D',
      300,
      [route('Wed', [['d', 0]], 3, 100), route('Thu', [['gone', 0]], 4, 100)],
      [200, 250, 1],
    ),
  ],
);

/**
 * Scenario: a moves to C2 and to Tuesday, b to Thursday, d to Friday; gone is gone and new is
 * new; C's routes need 1,800 of its 1,440 minutes while D has a second rep without routes.
 */
const scenario = tinyPlan(
  [
    outlet('a', 'medium', 'C2', 'Tue'),
    outlet('b', 'medium', 'C1', 'Thu'),
    outlet('c', 'medium', 'C2', 'Mon'),
    outlet('d', 'small', 'D1', 'Fri'),
    outlet('new', 'small', 'D1', 'Thu'),
  ],
  [
    staffed('C1', 'C', 480, [route('Thu', [['b', 0]], 6, 700, 220)], [480, 500, 2]),
    staffed(
      'C2',
      'C',
      480,
      [route('Mon', [['c', 0]], 8, 500, 20), route('Tue', [['a', 0]], 7, 600, 120)],
      [550, 500, 3.5],
    ),
    staffed(
      'D1',
      'D',
      300,
      [route('Fri', [['d', 0]], 3, 100), route('Thu', [['new', 0]], 4, 100)],
      [200, 250, 1],
    ),
    staffed('D2', 'D', 300, [], null),
  ],
);

describe('planFigures (hand-checked on a five-outlet plan)', () => {
  it('counts quantity, quality, travel, balance, commute, over-budget days and late stops', () => {
    const f = planFigures(baseline);
    expect(f).toMatchObject({
      outlets: 5,
      unassigned: 0,
      reps: 3,
      visits: 5,
      repDays: 5,
      visitsPerRepDay: 1,
      visitsByTier: { large: 0, 'night-venue': 0, medium: 3, small: 2 },
      visitShareByTier: { large: 0, 'night-venue': 0, medium: 0.6, small: 0.4 },
      km: 30, // 10 + 5 + 8 + 3 + 4
      minutes: 1200, // 300 + 200 + 500 + 100 + 100
      balance: { min: 0.8, max: 1, spread: 0.2 }, // D1 200 / 250, C1 500 / 500
      commuteKm: { total: 6.5, max: 3.5 },
      overBudgetDays: 1,
      lateStops: 1,
      staffing: [],
      staffingText: [],
    });
    // C: 3 rep-days x 480 = 1,440 available, 1,000 planned; 720 per rep -> 2 reps. D: 200 of 600.
    expect(f.pools).toEqual([
      {
        poolId: 'C',
        reps: 2,
        repsForLoad: 2,
        outlets: 3,
        availableMinutes: 1440,
        plannedMinutes: 1000,
        utilisation: 0.6944,
        balance: { min: 0.9, max: 1, spread: 0.1 },
        staffing: { change: 0, steps: [] },
      },
      {
        poolId: 'D',
        reps: 1,
        repsForLoad: 1,
        outlets: 2,
        availableMinutes: 600,
        plannedMinutes: 200,
        utilisation: 0.3333,
        balance: { min: 0.8, max: 0.8, spread: 0 },
        staffing: { change: 0, steps: [] },
      },
    ]);
  });

  it("names the staffing each pool would need: D's spare rep moves to the overloaded C", () => {
    const f = planFigures(scenario);
    // C: 1,800 of 1,440 minutes, 720 per rep -> 3 reps for 2; D: 200 minutes, 300 per rep -> 1 for 2.
    expect(f.pools.map((p) => [p.poolId, p.reps, p.repsForLoad, p.utilisation])).toEqual([
      ['C', 2, 3, 1.25],
      ['D', 2, 1, 0.3333],
    ]);
    expect(f.staffing).toEqual([{ kind: 'move', reps: 1, fromPool: 'D', toPool: 'C' }]);
    expect(f.staffingText).toEqual(['move 1 rep from D to C']);
    expect(f.pools.map((p) => p.staffing)).toEqual([
      { change: 1, steps: ['move 1 rep from D to C'] },
      { change: -1, steps: ['move 1 rep from D to C'] },
    ]);
    // D2 has no territory: the balance is over C1, C2 and D1 only; its commute counts 0.
    expect(f.balance).toEqual({ min: 0.8, max: 1.1, spread: 0.3 });
    expect(f.pools[0]?.balance).toEqual({ min: 0.96, max: 1.1, spread: 0.14 });
    expect(f).toMatchObject({ km: 28, minutes: 2000, overBudgetDays: 3, lateStops: 0, reps: 4 });
    expect(f.commuteKm).toEqual({ total: 6.5, max: 3.5 });
  });
});

describe('planDifference (hand-checked)', () => {
  it('counts rep and weekday changes among common outlets; new and gone outlets apart', () => {
    const d = planDifference(baseline, scenario);
    expect(d).toMatchObject({
      commonOutlets: 4,
      repChanged: 1,
      repChangedShare: 0.25,
      weekdayChanged: 3,
      weekdayChangedShare: 0.75,
      changed: 3, // a changes both and counts once
      changedShare: 0.75,
      onlyInPlan: ['new'],
      onlyInBaseline: ['gone'],
    });
    expect(d.outlets).toEqual([
      {
        outletId: 'a',
        fromRep: 'C1',
        toRep: 'C2',
        fromWeekdays: ['Mon'],
        toWeekdays: ['Tue'],
        repChanged: true,
        weekdayChanged: true,
      },
      {
        outletId: 'b',
        fromRep: 'C1',
        toRep: 'C1',
        fromWeekdays: ['Tue'],
        toWeekdays: ['Thu'],
        repChanged: false,
        weekdayChanged: true,
      },
      {
        outletId: 'd',
        fromRep: 'D1',
        toRep: 'D1',
        fromWeekdays: ['Wed'],
        toWeekdays: ['Fri'],
        repChanged: false,
        weekdayChanged: true,
      },
    ]);
  });

  it('a plan against itself changes nothing', () => {
    expect(planDifference(baseline, baseline)).toMatchObject({
      commonOutlets: 5,
      changed: 0,
      changedShare: 0,
      onlyInPlan: [],
      onlyInBaseline: [],
      outlets: [],
    });
  });

  it('compares weekdays only where both plans have a cycle; unassigned to a rep is a rep change', () => {
    const before = { outlets: [outlet('x', 'medium', null, null), outlet('y', 'medium', 'C1', 'Mon')] };
    const after = { outlets: [outlet('x', 'medium', 'C1', 'Tue'), outlet('y', 'medium', 'C1', null)] };
    const d = planDifference(before, after);
    expect(d).toMatchObject({ repChanged: 1, weekdayChanged: 0, changed: 1 });
    expect(d.outlets).toEqual([
      expect.objectContaining({
        outletId: 'x',
        fromRep: null,
        toRep: 'C1',
        fromWeekdays: null,
        toWeekdays: ['Tue'],
      }),
    ]);
  });

  it('weekdays are the pattern days, in ISO order: another week or another order is no change', () => {
    const a = outlet('x', 'medium', 'C1', 'Mon');
    const b = {
      ...a,
      pattern: { weekdays: ['Thu', 'Mon'] as Weekday[], everyWeeks: 2, firstWeek: 2 },
    };
    const c = { ...a, pattern: { weekdays: ['Mon', 'Thu'] as Weekday[], everyWeeks: 2, firstWeek: 1 } };
    expect(planDifference({ outlets: [b] }, { outlets: [c] }).changed).toBe(0);
    expect(planDifference({ outlets: [a] }, { outlets: [c] }).weekdayChanged).toBe(1);
  });
});

describe('comparePlans', () => {
  it('gives every plan its figures and each later plan its difference from the first', () => {
    const third = { ...tinyPlan(baseline.outlets, baseline.reps), pools: pools(baseline, ['C', 'D', 'E']) };
    const result = comparePlans([baseline, scenario, third]);
    expect(result.plans).toHaveLength(3);
    expect(result.plans[0]?.againstBaseline).toBeNull();
    expect(result.plans[1]?.againstBaseline?.changed).toBe(3);
    expect(result.plans[2]?.againstBaseline?.changed).toBe(0);
    expect(result.plans[1]?.figures).toEqual(planFigures(scenario));
    expect(result.poolIds).toEqual(['C', 'D', 'E']);
    expect(result.warnings).toEqual([]);
  });

  it('warns about plans of different regions and refuses an empty list', () => {
    const other = tinyPlan(baseline.outlets, baseline.reps, 'elsewhere');
    expect(comparePlans([baseline, other]).warnings).toEqual([
      'the plans are of different regions (tiny, elsewhere): outlets are matched by id',
    ]);
    expect(() => comparePlans([])).toThrow(/no plans/);
  });
});
