import { describe, expect, it } from 'vitest';
import type { PlanRep } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { repAvailabilityWarnings } from '../../src/domain/territories/repAvailabilityWarnings.js';

function rep(overrides: Partial<PlanRep>): PlanRep {
  return {
    id: 'C1',
    name: 'Chen',
    tier: 'C',
    pool: 'C',
    capacity: 1,
    home: [119.1, 36.7],
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    dayStart: '08:30',
    dailyMinutes: 480,
    ...overrides,
  };
}

describe('repAvailabilityWarnings', () => {
  it('says nothing for full-time reps, the A rep’s longer day, or a capacity that matches the time', () => {
    expect(
      repAvailabilityWarnings(
        [
          rep({}),
          rep({ id: 'A1', tier: 'A', pool: 'A', dailyMinutes: 510 }),
          rep({ id: 'C2', capacity: 0.6, workingDays: ['Mon', 'Tue', 'Wed'] }),
          rep({ id: 'C3', capacity: 0.5, dailyMinutes: 240 }),
        ],
        DEFAULT_POLICY,
      ),
    ).toEqual([]);
  });

  it('names a rep whose working days or day length give less time than its capacity', () => {
    const warnings = repAvailabilityWarnings(
      [rep({ id: 'C4', workingDays: ['Mon', 'Tue', 'Wed'] }), rep({ id: 'C5', dailyMinutes: 360 })],
      DEFAULT_POLICY,
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/rep C4 has capacity 1 but works 3 of 5 cycle weekdays .*set capacity 0\.60/);
    expect(warnings[1]).toMatch(/rep C5 .*360 of 480 minutes \(75%.*set capacity 0\.75/);
  });

  it('ignores reps outside any pool and working days outside the cycle', () => {
    expect(repAvailabilityWarnings([rep({ pool: null, workingDays: ['Mon'] })], DEFAULT_POLICY)).toEqual([]);
    expect(
      repAvailabilityWarnings(
        [rep({ workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] })],
        DEFAULT_POLICY,
      ),
    ).toEqual([]);
  });
});
