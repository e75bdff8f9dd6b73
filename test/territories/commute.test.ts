import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { policySchema } from '../../src/domain/policy/policySchema.js';
import { assignTerritories } from '../../src/domain/territories/assignTerritories.js';
import { commuteWarnings } from '../../src/domain/territories/commuteWarnings.js';
import { baseInput, grid, repAt } from './fixtures.js';

describe('territory summary: commuteKm', () => {
  it('is the straight-line km from the rep’s home to the territory centroid', () => {
    // A 5 x 5 grid spaced 0.2 km has its centroid at (0.4, 0.4); the home is 3 km east, 4 km north.
    const result = assignTerritories(baseInput(grid('G', 5, 0.2), [repAt('r1', 3.4, 4.4)]));
    expect(result.territories.get('r1')?.commuteKm).toBeCloseTo(5, 2);
  });

  it('is 0 for an empty territory (its centroid is the home)', () => {
    const result = assignTerritories(baseInput([], [repAt('r1', 7, 7)]));
    expect(result.territories.get('r1')?.commuteKm).toBe(0);
  });
});

describe('commuteWarnings', () => {
  const territories = new Map([
    ['B1', { commuteKm: 9.5, outletCount: 40 }],
    ['B2', { commuteKm: 27.14, outletCount: 26 }],
    ['B3', { commuteKm: 15, outletCount: 31 }],
    ['B4', { commuteKm: 18.2, outletCount: 12 }],
    ['B5', { commuteKm: 40, outletCount: 0 }],
  ]);

  it('names every rep above the threshold with km and threshold, longest first', () => {
    expect(commuteWarnings(territories, 15, 'pool B')).toEqual([
      "pool B: rep B2 lives 27.1 km (straight line) from the centre of their territory of 26 outlets, above territories.maxCommuteKm = 15 km; check the rep's home or the pool's staffing",
      "pool B: rep B4 lives 18.2 km (straight line) from the centre of their territory of 12 outlets, above territories.maxCommuteKm = 15 km; check the rep's home or the pool's staffing",
    ]);
  });

  it('says nothing at or below the threshold, or for empty territories', () => {
    expect(commuteWarnings(territories, 30)).toEqual([]);
    expect(commuteWarnings(new Map(), 1)).toEqual([]);
  });

  it('orders equal commutes by rep id and works without a label', () => {
    const tied = new Map([
      ['b', { commuteKm: 20, outletCount: 1 }],
      ['a', { commuteKm: 20, outletCount: 1 }],
    ]);
    expect(commuteWarnings(tied, 10).map((w) => w.slice(0, 6))).toEqual(['rep a ', 'rep b ']);
  });
});

describe('policy: territories.homeMatching and maxCommuteKm', () => {
  it('defaults to total matching and 15 km, and fills them in when a policy omits them', () => {
    expect(DEFAULT_POLICY.territories).toMatchObject({ homeMatching: 'total', maxCommuteKm: 15 });
    const parsed = policySchema.parse({
      ...DEFAULT_POLICY,
      territories: { balanceTolerance: 0.03, homeWeight: 0 },
    });
    expect(parsed.territories).toEqual({
      balanceTolerance: 0.03,
      homeWeight: 0,
      homeMatching: 'total',
      maxCommuteKm: 15,
      movedOutletKm: 0.5, // issue 9 item 8: the moved-outlet distance has a default too
      starts: 8, // issue 9 item 5: the pool multi-start has defaults too
      startsOutletBudget: 1500,
      startsEvaluation: 'estimate',
      routeAware: true,
    });
  });

  it('accepts min-max and rejects unknown objectives and non-positive thresholds', () => {
    const withTerritories = (territories: object): unknown => ({
      ...DEFAULT_POLICY,
      territories: { ...DEFAULT_POLICY.territories, ...territories },
    });
    expect(policySchema.parse(withTerritories({ homeMatching: 'min-max' })).territories.homeMatching).toBe(
      'min-max',
    );
    expect(policySchema.safeParse(withTerritories({ homeMatching: 'greedy' })).success).toBe(false);
    expect(policySchema.safeParse(withTerritories({ maxCommuteKm: 0 })).success).toBe(false);
  });
});
