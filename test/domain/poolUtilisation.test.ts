import { describe, expect, it } from 'vitest';
import type { PlanPool } from '../../src/domain/plan/planTypes.js';
import { poolUtilisation, poolUtilisationWarnings } from '../../src/domain/plan/poolUtilisation.js';
import { rep } from './planFixtures.js';

const pool = (id: string): PlanPool => ({
  id,
  repTiers: ['C'],
  outletTiers: ['medium'],
  repIds: [],
  outletCount: 0,
  absorbed: [],
});

describe('poolUtilisation', () => {
  it('adds working time and route minutes per pool (hand-checked)', () => {
    // Pool C: 2 reps x 2 days x 480 = 1,920 available; 400 + 500 + 300 + 0 = 1,200 planned.
    // Pool D: 1 rep x 2 days x 300 = 600 available; 350 + 400 = 750 planned (125%).
    const reps = [
      rep('C1', 'C', 480, [400, 500]),
      rep('C2', 'C', 480, [300, 0]),
      rep('D1', 'D', 300, [350, 400]),
    ];
    const result = poolUtilisation({ pools: [pool('C'), pool('D'), pool('E')], reps });
    expect(result).toEqual([
      {
        poolId: 'C',
        reps: 2,
        availableMinutes: 1920,
        plannedMinutes: 1200,
        utilisation: 0.625,
        repsForLoad: 2,
      },
      { poolId: 'D', reps: 1, availableMinutes: 600, plannedMinutes: 750, utilisation: 1.25, repsForLoad: 2 },
      { poolId: 'E', reps: 0, availableMinutes: 0, plannedMinutes: 0, utilisation: null, repsForLoad: null },
    ]);
    const warnings = poolUtilisationWarnings({ pools: [pool('C'), pool('D')], reps });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^pool D needs 750 minutes .* 1 reps have 600 \(125%\): about 2 reps/);
  });

  it('needs exactly one rep for a load of exactly one rep', () => {
    const [only] = poolUtilisation({ pools: [pool('C')], reps: [rep('C1', 'C', 480, [480])] });
    expect(only).toMatchObject({ utilisation: 1, repsForLoad: 1 });
  });
});
