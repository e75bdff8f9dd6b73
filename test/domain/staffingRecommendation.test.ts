import { describe, expect, it } from 'vitest';
import type { PoolUtilisation } from '../../src/domain/plan/poolUtilisation.js';
import {
  describeStaffingStep,
  staffingRecommendation,
  staffingRecommendationWarnings,
} from '../../src/domain/plan/staffingRecommendation.js';

/** A pool's utilisation with only what the recommendation reads. */
const pool = (poolId: string, reps: number, repsForLoad: number | null): PoolUtilisation => ({
  poolId,
  reps,
  repsForLoad,
  availableMinutes: 0,
  plannedMinutes: 0,
  utilisation: null,
});

describe('staffingRecommendation (hand-checked)', () => {
  it('moves a spare rep from the pool with most to spare to the short pool', () => {
    // A needs 2 reps and has 1; C could spare 1 (6 for a load of 5), D 2 (4 for 2).
    const pools = [pool('A', 1, 2), pool('B', 1, 1), pool('C', 6, 5), pool('D', 4, 2)];
    expect(staffingRecommendation(pools)).toEqual([{ kind: 'move', reps: 1, fromPool: 'D', toPool: 'A' }]);
    expect(staffingRecommendationWarnings(pools)).toEqual([
      "staffing: move 1 rep from D to A would bring every pool under 100% of its working time (estimate from each pool's reps for load)",
    ]);
  });

  it('serves the largest shortfall first and hires what no pool can spare', () => {
    // A is 3 short, B 2 short; D can spare 2 and C 1: A takes all three, B must hire 2.
    const pools = [pool('A', 1, 4), pool('B', 1, 3), pool('C', 6, 5), pool('D', 4, 2)];
    const steps = staffingRecommendation(pools);
    expect(steps).toEqual([
      { kind: 'move', reps: 2, fromPool: 'D', toPool: 'A' },
      { kind: 'move', reps: 1, fromPool: 'C', toPool: 'A' },
      { kind: 'add', reps: 2, toPool: 'B' },
    ]);
    expect(steps.map(describeStaffingStep)).toEqual([
      'move 2 reps from D to A',
      'move 1 rep from C to A',
      'add 2 B reps',
    ]);
  });

  it('recommends nothing when every pool fits, and ignores pools without working time', () => {
    const pools = [pool('A', 1, 1), pool('C', 6, 5), pool('X', 0, null)];
    expect(staffingRecommendation(pools)).toEqual([]);
    expect(staffingRecommendationWarnings(pools)).toEqual([]);
  });
});
