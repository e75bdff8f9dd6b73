import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import {
  cheapestStart,
  poolPlanCost,
  poolStartCount,
  poolStartSeeds,
} from '../../src/domain/pipeline/multiStartPool.js';
import {
  choosePoolTerritories,
  mergePoolPlans,
  planPool,
  planPoolCycle,
  poolStarts,
  type PoolPlan,
} from '../../src/domain/pipeline/planPool.js';
import { planRegion, preparePlan, type PlanContext } from '../../src/domain/pipeline/planRegion.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import type { RegionInput } from '../../src/domain/types.js';

describe('poolStartCount', () => {
  it('fits starts x outlets into the budget; one start for one rep, an empty pool or no budget', () => {
    expect(poolStartCount(100, 3, 8, 1500)).toBe(8);
    expect(poolStartCount(483, 4, 8, 1500)).toBe(3);
    expect(poolStartCount(720, 6, 8, 1500)).toBe(2);
    expect(poolStartCount(25_000, 200, 8, 1500)).toBe(1);
    expect(poolStartCount(50, 1, 8, 1500)).toBe(1);
    expect(poolStartCount(0, 3, 8, 1500)).toBe(1);
    expect(poolStartCount(50, 3, 8, 0)).toBe(1);
  });
});

describe('poolStartSeeds', () => {
  it('starts with the plan seed, then draws distinct seeds deterministically', () => {
    const seeds = poolStartSeeds(7, 5);
    expect(seeds).toHaveLength(5);
    expect(seeds[0]).toBe(7);
    expect(new Set(seeds).size).toBe(5);
    expect(poolStartSeeds(7, 5)).toEqual(seeds);
    expect(poolStartSeeds(7, 1)).toEqual([7]);
    expect(poolStartSeeds(8, 3)).not.toEqual(poolStartSeeds(7, 3));
  });
});

describe('cheapestStart', () => {
  it('keeps the cheapest result and, on a tie, the earlier start', () => {
    const costOf = new Map([
      [1, 5],
      [2, 3],
      [3, 3],
      [4, 9],
    ]);
    const runs: number[] = [];
    const result = cheapestStart(
      [1, 2, 3, 4],
      (seed) => {
        runs.push(seed);
        return { seed };
      },
      (r) => costOf.get(r.seed) ?? Infinity,
    );
    expect(runs).toEqual([1, 2, 3, 4]);
    expect(result.best).toEqual({ seed: 2 });
    expect(result.index).toBe(1);
    expect(result.costs).toEqual([5, 3, 3, 9]);
    expect(
      cheapestStart(
        [4, 1],
        (seed) => seed,
        (seed) => costOf.get(seed) ?? 0,
      ).index,
    ).toBe(1);
    expect(() =>
      cheapestStart(
        [],
        (s) => s,
        () => 0,
      ),
    ).toThrow(/no seeds/);
  });
});

describe('poolPlanCost', () => {
  const pool = (
    totals: { travelMinutes: number; overBudgetMinutes: number; windowViolationMinutes: number },
    repIds: Array<string | null>,
  ): PoolPlan =>
    ({
      poolId: 'P',
      reps: [],
      outlets: repIds.map((repId) => ({ repId })),
      cycleTotals: totals,
    }) as unknown as PoolPlan;

  it('is travel minutes plus 10x over-budget and late minutes, on the unrounded totals', () => {
    const plan = pool({ travelMinutes: 160.4, overBudgetMinutes: 2.5, windowViolationMinutes: 0.25 }, [
      'R1',
      'R2',
    ]);
    expect(poolPlanCost(plan)).toBeCloseTo(160.4 + 10 * 2.75, 9);
  });

  it('makes an outlet without a rep cost more than any driving', () => {
    const assigned = pool({ travelMinutes: 5000, overBudgetMinutes: 0, windowViolationMinutes: 0 }, ['R1']);
    const unassigned = pool({ travelMinutes: 0, overBudgetMinutes: 0, windowViolationMinutes: 0 }, [null]);
    expect(poolPlanCost(unassigned)).toBeGreaterThan(poolPlanCost(assigned));
  });

  it('refuses a pool plan without totals (only freshly planned pools are compared)', () => {
    const plan = { poolId: 'P', reps: [], outlets: [] } as unknown as PoolPlan;
    expect(() => poolPlanCost(plan)).toThrow(/pool P was planned without cycle totals/);
  });
});

describe('pool multi-start in the pipeline', () => {
  const generated = generateRegion({ outlets: 200, reps: 9, seed: 7 });
  const region: RegionInput = {
    name: 'multi-start-test',
    outlets: generated.outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    inputHash: 'test',
  };
  const withStarts = (starts: number, startsEvaluation: 'estimate' | 'plan' = 'plan'): Policy => ({
    ...DEFAULT_POLICY,
    territories: { ...DEFAULT_POLICY.territories, starts, startsEvaluation },
  });
  // Four starts keep the test quick; the default (8) only draws more of the same. `plan`
  // evaluation compares the planned cost itself, so the guarantees below are exact.
  const MULTI = withStarts(4);
  const ESTIMATED = withStarts(4, 'estimate');
  const context = (policy: Policy, seed = 1): PlanContext => ({
    region,
    policy,
    previous: null,
    mode: 'fresh',
    seed,
  });

  it('never plans a pool worse than its first start, and finds cheaper pools', () => {
    let improved = 0;
    let multiPools = 0;
    for (const seed of [1, 2]) {
      const single = context(withStarts(1), seed);
      const multi = context(MULTI, seed);
      const prepared = preparePlan(single);
      for (const pool of prepared.pools) {
        const one = choosePoolTerritories(prepared, pool.id, single);
        expect(one.plan).toBeNull();
        const first = poolPlanCost(planPoolCycle(prepared, one.territories, single));
        const chosen = choosePoolTerritories(prepared, pool.id, multi);
        if (poolStarts(prepared, pool.id, multi) < 2) continue;
        multiPools++;
        const cost = poolPlanCost(chosen.plan as PoolPlan);
        expect(cost).toBeLessThanOrEqual(first + 1e-9);
        if (cost < first - 1e-6) improved++;
      }
    }
    expect(multiPools).toBeGreaterThanOrEqual(2);
    // Fails when the extra starts are ignored (then no pool improves).
    expect(improved).toBeGreaterThanOrEqual(1);
  });

  it('by estimate: keeps a draw other than the first where the estimate prefers it, plans none, and the chosen plans cost no more in total', () => {
    let other = 0;
    let firstTotal = 0;
    let chosenTotal = 0;
    for (const seed of [1, 2]) {
      const single = context(withStarts(1), seed);
      const estimated = context(ESTIMATED, seed);
      const prepared = preparePlan(single);
      for (const pool of prepared.pools) {
        if (poolStarts(prepared, pool.id, estimated) < 2) continue;
        const one = choosePoolTerritories(prepared, pool.id, single).territories;
        const chosen = choosePoolTerritories(prepared, pool.id, estimated);
        expect(chosen.plan).toBeNull();
        expect(choosePoolTerritories(prepared, pool.id, estimated)).toEqual(chosen);
        if (JSON.stringify(chosen.territories.repOf) !== JSON.stringify(one.repOf)) other++;
        firstTotal += poolPlanCost(planPoolCycle(prepared, one, single));
        chosenTotal += poolPlanCost(planPoolCycle(prepared, chosen.territories, single));
      }
    }
    // Fails when the extra starts are ignored (then the first draw is always kept).
    expect(other).toBeGreaterThanOrEqual(1);
    expect(chosenTotal).toBeLessThanOrEqual(firstTotal);
  });

  it('returns the plan of the chosen draw, the same as planning its territories again', () => {
    const multi = context(MULTI);
    const prepared = preparePlan(multi);
    const pool = prepared.pools.find((p) => poolStarts(prepared, p.id, multi) > 1);
    expect(pool).toBeDefined();
    const draw = choosePoolTerritories(prepared, pool!.id, multi);
    expect(planPoolCycle(prepared, draw.territories, multi)).toEqual(draw.plan);
  });

  it('gives every rep group of a pool the same territories, merging into the in-process plan', () => {
    for (const policy of [MULTI, ESTIMATED]) {
      const multi = context(policy, 2);
      const whole = planRegion({ ...multi, now: new Date(0) });
      const prepared = preparePlan(multi);
      for (const pool of prepared.pools) {
        const merged = mergePoolPlans(
          [0, 1].map((index) => planPool(prepared, pool.id, multi, undefined, { index, count: 2 })),
        );
        const repIds = new Set(merged.reps.map((r) => r.id));
        expect(whole.reps.filter((r) => repIds.has(r.id))).toEqual(merged.reps);
      }
    }
  });

  it('draws once when a previous plan is kept (rebuild, re-segmentation)', () => {
    const first = planRegion({ ...context(MULTI), now: new Date(0) });
    for (const mode of ['rebuild', 'resegment'] as const) {
      const rebuild: PlanContext = { ...context(MULTI), previous: first, mode };
      const prepared = preparePlan(rebuild);
      for (const pool of prepared.pools) expect(poolStarts(prepared, pool.id, rebuild)).toBe(1);
    }
    const fresh: PlanContext = { ...context(MULTI), previous: first, mode: 'fresh' };
    const prepared = preparePlan(fresh);
    expect(prepared.pools.some((p) => poolStarts(prepared, p.id, fresh) > 1)).toBe(true);
  });
});
