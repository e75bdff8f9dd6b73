import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { assemblePlan } from '../../src/domain/pipeline/assemblePlan.js';
import { mergePoolPlans, planPool, repsOfGroup } from '../../src/domain/pipeline/planPool.js';
import {
  PLAN_STAGES,
  planRegion,
  preparePlan,
  type PlanStage,
} from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { RegionInput } from '../../src/domain/types.js';

const generated = generateRegion({ outlets: 300, reps: 8, seed: 7 });
const region: RegionInput = {
  name: 'pipeline-test',
  outlets: generated.outlets,
  reps: generated.reps,
  quarantine: [],
  policyOverrides: null,
  inputHash: 'test',
};

function plan(
  previous: Plan | null,
  mode: Plan['mode'],
  seed = 1,
  onProgress?: (s: PlanStage, p: number) => void,
): Plan {
  return planRegion({ region, policy: DEFAULT_POLICY, previous, mode, now: new Date(0), seed, onProgress });
}

/** The plan without the fields that compare it with a previous plan. */
function decisions(p: Plan): unknown {
  return { outlets: p.outlets, reps: p.reps, pools: p.pools, tiers: p.segmentation.tierCounts };
}

describe('planRegion', () => {
  const first = plan(null, 'fresh');

  it('runs every stage in order and yields a plan that passes the invariants', () => {
    const seen: PlanStage[] = [];
    const percents: number[] = [];
    plan(null, 'fresh', 1, (stage, percent) => {
      if (seen.at(-1) !== stage) seen.push(stage);
      percents.push(percent);
    });
    expect(seen).toEqual([...PLAN_STAGES]);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(checkPlanInvariants(first, DEFAULT_POLICY)).toEqual([]);
    expect(first.outlets.every((o) => o.repId !== null && (o.visits?.length ?? 0) > 0)).toBe(true);
  });

  it('reports every outlet of a first plan as new, and a rebuild on unchanged data changes nothing', () => {
    expect(first.repChanges.every((c) => c.reason === 'new' && c.from === null)).toBe(true);
    const rebuilt = plan(first, 'rebuild');
    expect(rebuilt.repChanges).toEqual([]);
    expect(rebuilt.dayChanges).toEqual([]);
    expect(rebuilt.outlets.map((o) => [o.id, o.repId])).toEqual(first.outlets.map((o) => [o.id, o.repId]));
  });

  it('in fresh mode decides exactly as without a previous plan, but reports changes against it', () => {
    const other = plan(null, 'fresh', 99);
    const freshOverOther = plan(other, 'fresh');
    expect(decisions(freshOverOther)).toEqual(decisions(first));
    const moved = first.outlets.filter(
      (o) => other.outlets.find((x) => x.id === o.id)?.repId !== o.repId,
    ).length;
    expect(freshOverOther.repChanges).toHaveLength(moved);
    expect(freshOverOther.repChanges.every((c) => c.from !== null && c.reason !== 'new')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(plan(null, 'fresh')).toEqual(first);
  });

  it('assembles pools planned one by one, in any order and through JSON, into exactly the same plan', () => {
    const context = { region, policy: DEFAULT_POLICY, previous: first, mode: 'resegment' as const, seed: 3 };
    const whole = planRegion({ ...context, now: new Date(0) });
    const prepared = preparePlan(context);
    const pools = prepared.pools.map((p) => p.id).reverse();
    const parts = pools.map(
      (id) => JSON.parse(JSON.stringify(planPool(prepared, id, context))) as ReturnType<typeof planPool>,
    );
    expect(assemblePlan(prepared, parts, { ...context, now: new Date(0) })).toEqual(whole);
  });

  it('splits a pool into rep groups that merge back into the same plan', () => {
    const context = { region, policy: DEFAULT_POLICY, previous: first, mode: 'rebuild' as const, seed: 5 };
    const whole = planRegion({ ...context, now: new Date(0) });
    const prepared = preparePlan(context);
    const count = 3;
    const pools = prepared.pools.map((p) =>
      mergePoolPlans(
        Array.from({ length: count }, (_, index) =>
          planPool(prepared, p.id, context, undefined, { index, count }),
        ),
      ),
    );
    expect(assemblePlan(prepared, pools, { ...context, now: new Date(0) })).toEqual(whole);
  });

  it('groups reps into even contiguous runs, empty when there are more groups than reps', () => {
    const reps = ['a', 'b', 'c', 'd', 'e'];
    expect([0, 1, 2].map((index) => repsOfGroup(reps, { index, count: 3 }))).toEqual([
      ['a'],
      ['b', 'c'],
      ['d', 'e'],
    ]);
    expect(repsOfGroup(['a'], { index: 0, count: 2 })).toEqual([]);
    expect(repsOfGroup(['a'], { index: 1, count: 2 })).toEqual(['a']);
  });

  it('refuses to assemble a missing, repeated or unknown pool', () => {
    const context = { region, policy: DEFAULT_POLICY, previous: null, mode: 'fresh' as const, seed: 1 };
    const prepared = preparePlan(context);
    const parts = prepared.pools.map((p) => planPool(prepared, p.id, context));
    const at = { ...context, now: new Date(0) };
    expect(() => assemblePlan(prepared, parts.slice(1), at)).toThrow(/no plan for pool\(s\) A/);
    expect(() => assemblePlan(prepared, [...parts, parts[0]!], at)).toThrow(/pool A was planned twice/);
    expect(() => assemblePlan(prepared, [...parts, { ...parts[0]!, poolId: 'Z' }], at)).toThrow(
      /no such pool/,
    );
    expect(() => planPool(prepared, 'Z', context)).toThrow(/pool Z is not a pool of this plan/);
  });
});
