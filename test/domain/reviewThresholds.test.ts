import { describe, expect, it } from 'vitest';
import type { Plan, PlanOutlet } from '../../src/domain/plan/planTypes.js';
import { reviewBreaches } from '../../src/domain/plan/reviewThresholds.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';
import { rep } from './planFixtures.js';

/** A plan of 100 outlets of which `moved` changed rep, `days` changed weekday; one rep working `minutes`. */
function plan(
  moved: number,
  days: number,
  minutes = 400,
): Pick<Plan, 'outlets' | 'repChanges' | 'dayChanges' | 'pools' | 'reps'> {
  const outlets = Array.from({ length: 100 }, (_, i) => ({ id: `o${i}` }) as PlanOutlet);
  return {
    outlets,
    repChanges: [
      ...Array.from({ length: moved }, (_, i) => ({
        outletId: `o${i}`,
        from: 'R2',
        to: 'R1',
        reason: 'rebalanced' as const,
      })),
      // New outlets placed for the first time do not count as changing rep.
      ...Array.from({ length: 20 }, (_, i) => ({
        outletId: `n${i}`,
        from: null,
        to: 'R1',
        reason: 'new' as const,
      })),
    ],
    dayChanges: Array.from({ length: days }, (_, i) => ({
      outletId: `o${i}`,
      from: ['Mon' as const],
      to: ['Tue' as const],
      reason: 'x',
    })),
    pools: [
      { id: 'C', repTiers: ['C'], outletTiers: ['medium'], repIds: ['R1'], outletCount: 100, absorbed: [] },
    ],
    reps: [rep('R1', 'C', 480, [minutes])],
  };
}

describe('review thresholds', () => {
  it('has documented defaults that a policy file may omit', () => {
    expect(DEFAULT_POLICY.review).toEqual({
      maxRepChangeShare: 0.03,
      maxWeekdayChangeShare: 0.1,
      maxPoolWorkingTime: 1.05,
    });
    expect(
      resolvePolicy([{ source: 'p.json', overrides: { review: { maxRepChangeShare: 0.5 } } }]).review,
    ).toEqual({
      maxRepChangeShare: 0.5,
      maxWeekdayChangeShare: 0.1,
      maxPoolWorkingTime: 1.05,
    });
  });

  it('refuses an invalid threshold naming the key and value', () => {
    expect(() =>
      resolvePolicy([{ source: 'p.json', overrides: { review: { maxRepChangeShare: 2 } } }]),
    ).toThrow(/review\.maxRepChangeShare = 2/);
    expect(() => resolvePolicy([{ source: 'p.json', overrides: { review: { maxChange: 1 } } }])).toThrow(
      /review/,
    );
  });

  it('passes a plan at the thresholds and names each one exceeded with its measured value', () => {
    expect(reviewBreaches(plan(3, 10, 504), DEFAULT_POLICY.review)).toEqual([]);
    const breaches = reviewBreaches(plan(4, 11, 505), DEFAULT_POLICY.review);
    expect(breaches.map((b) => [b.threshold, b.measured, b.limit])).toEqual([
      ['review.maxRepChangeShare', 0.04, 0.03],
      ['review.maxWeekdayChangeShare', 0.11, 0.1],
      ['review.maxPoolWorkingTime', 1.0521, 1.05],
    ]);
    expect(breaches[0]?.message).toBe(
      '4% of outlets change rep (4 of 100), above review.maxRepChangeShare 3%',
    );
    expect(breaches[2]?.pool).toBe('C');
  });
});
