import { describe, expect, it } from 'vitest';
import { planRepCycles } from '../../src/domain/cycle/planRepCycles.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { validateArtifacts } from '../../src/io/publish/validateArtifacts.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

/** The fixture's assignment with the visit cycle planned by the real cycle stage. */
function planWithCycleStage(policy: Policy, edit?: (plan: Plan) => void): Plan {
  const plan = buildFixturePlan();
  edit?.(plan);
  for (const o of plan.outlets) {
    delete o.visits;
    delete o.pattern;
  }
  const cycle = planRepCycles({
    outlets: plan.outlets,
    reps: plan.reps,
    policy,
    previous: null,
    mode: 'fresh',
    seed: 1,
  });
  return { ...plan, outlets: cycle.outlets, reps: cycle.reps, dayChanges: cycle.dayChanges };
}

describe('the publish gate and the cycle stage agree', () => {
  it('accepts a cycle planned with the default policy, files included', () => {
    const plan = planWithCycleStage(DEFAULT_POLICY);
    expect(checkPlanInvariants(plan, DEFAULT_POLICY)).toEqual([]);
    expect(validateArtifacts(plan, buildArtifacts(plan, null, { programVersion: 'test' }))).toEqual([]);
  });

  it('accepts the relaxations: a 2-week cycle with every-4-weeks outlets and a rep working one day', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      cycle: { ...DEFAULT_POLICY.cycle, weeks: 2 },
      visits: {
        ...DEFAULT_POLICY.visits,
        small: { ...DEFAULT_POLICY.visits.small, frequency: 'every-4-weeks' },
      },
    };
    const plan = planWithCycleStage(policy, (p) => {
      const a1 = p.reps.find((r) => r.id === 'A1');
      if (a1) a1.workingDays = ['Wed'];
    });
    expect(checkPlanInvariants(plan, policy)).toEqual([]);
  });
});
