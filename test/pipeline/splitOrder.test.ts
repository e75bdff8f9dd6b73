import { describe, expect, it } from 'vitest';
import type { PoolTerritories } from '../../src/domain/pipeline/planPool.js';
import type { PreparedPlan } from '../../src/domain/pipeline/preparePlan.js';
import { estimateUnits, longestFirst, withPoolRates } from '../../src/domain/pipeline/splitOrder.js';
import { splitUnits } from '../../src/domain/pipeline/splitUnits.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';

// Default policy, 4-week cycle: large twice weekly = 8 visits, medium weekly = 4, small every 2 weeks = 2.
const prepared = {
  outlets: [
    { id: 'o1', tier: 'large', pool: 'P' },
    { id: 'o2', tier: 'medium', pool: 'P' },
    { id: 'o3', tier: 'small', pool: 'P' },
    // An own visit_frequency overrides the tier's: weekly, 4 visits.
    { id: 'o4', tier: 'small', pool: 'P', visitFrequency: 'weekly' },
    { id: 'o5', tier: 'medium', pool: 'Q' },
  ],
  reps: [
    { id: 'r1', pool: 'P' },
    { id: 'r2', pool: 'P' },
    { id: 'r3', pool: 'Q' },
  ],
} as unknown as PreparedPlan;

function territories(poolId: string, repOf: Array<[string, string]>): PoolTerritories {
  return { poolId, repOf, territories: [], repChanges: [], warnings: [] };
}

describe('estimateUnits, withPoolRates and longestFirst', () => {
  it('counts the visits per cycle of each unit’s outlets, by rep group', () => {
    const drawn = new Map([
      [
        'P',
        territories('P', [
          ['o1', 'r1'],
          ['o2', 'r2'],
          ['o3', 'r2'],
          ['o4', 'r2'],
        ]),
      ],
      ['Q', territories('Q', [['o5', 'r3']])],
    ]);
    const units = estimateUnits(prepared, drawn, splitUnits(['P', 'Q', 'R'], 2), DEFAULT_POLICY);
    // P group 0 = r1 (8), P group 1 = r2 (4 + 2 + 4), Q group 0 has no rep, group 1 = r3 (4), R has no territories.
    expect(units.map((u) => [u.pool, u.group.index, u.outletVisits])).toEqual([
      ['P', 0, 8],
      ['P', 1, 10],
      ['Q', 0, 0],
      ['Q', 1, 4],
      ['R', 0, 0],
      ['R', 1, 0],
    ]);
    expect(longestFirst(units).map((u) => [u.pool, u.group.index])).toEqual([
      ['P', 1],
      ['P', 0],
      ['Q', 1],
      ['Q', 0],
      ['R', 0],
      ['R', 1],
    ]);
  });

  it('weighs outlet-visits by each pool’s previous ms per visit, the median rate for a pool without one', () => {
    const units = [
      { pool: 'P', group: { index: 0, count: 1 }, outletVisits: 100, estimatedMs: null },
      { pool: 'N', group: { index: 0, count: 1 }, outletVisits: 30, estimatedMs: null },
      { pool: 'Q', group: { index: 0, count: 1 }, outletVisits: 50, estimatedMs: null },
    ];
    // Night venues (N) cost 10 ms a visit, P 1 ms, R 2 ms; Q has no previous time: median of 1, 2, 10 = 2.
    const rated = withPoolRates(
      units,
      new Map([
        ['P', 1],
        ['N', 10],
        ['R', 2],
      ]),
    );
    expect(rated.map((u) => u.estimatedMs)).toEqual([100, 300, 100]);
    expect(longestFirst(rated).map((u) => u.pool)).toEqual(['N', 'P', 'Q']);
    // Without previous times the order is by outlet-visits alone.
    expect(longestFirst(withPoolRates(units, new Map())).map((u) => u.pool)).toEqual(['P', 'Q', 'N']);
  });
});
