import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';

const policy = resolvePolicy([
  {
    source: 'test',
    overrides: {
      visits: {
        large: { escorts: [{ role: 'market-manager', frequency: 'every-2-weeks' }] },
        medium: { escorts: [{ role: 'market-manager', frequency: 'every-4-weeks' }] },
      },
    },
  },
]);

function plannedRegion(): Plan {
  const generated = generateRegion({ outlets: 150, reps: 6, seed: 7 });
  const home = generated.reps[0]!;
  return planRegion({
    region: {
      name: 'gate',
      outlets: generated.outlets,
      reps: generated.reps,
      supervisors: [
        {
          id: 'M1',
          name: 'M1',
          role: 'market-manager',
          homeLon: home.homeLon,
          homeLat: home.homeLat,
          workingDays: null,
          dailyMinutes: null,
          dayStart: 420,
          reps: [],
          line: 2,
        },
      ],
      quarantine: [],
      policyOverrides: null,
      inputHash: 'gate',
    },
    policy,
    previous: null,
    mode: 'fresh',
    now: new Date(0),
    seed: 1,
  });
}

const base = plannedRegion();
const copy = (): Plan => structuredClone(base);

describe('the publish gate on escorted visits', () => {
  it('accepts the planned escorts, which join more than one rep', () => {
    expect(checkPlanInvariants(base, policy)).toEqual([]);
    const supervisor = base.supervisors![0]!;
    expect(supervisor.days.length).toBeGreaterThan(0);
    expect(new Set(supervisor.days.map((d) => d.repId)).size).toBeGreaterThan(1);
  });

  it('rejects an escort visit that is not on a rep stop of that day', () => {
    const plan = copy();
    const outlet = plan.outlets.find((o) => o.escorts?.some((e) => e.supervisorId))!;
    const day = plan.supervisors![0]!.days.find((d) => d.stops.some((s) => s.outletId === outlet.id))!;
    const other = plan.outlets.find((o) => o.repId !== day.repId)!;
    day.stops[0] = { ...day.stops[0]!, outletId: other.id };
    expect(checkPlanInvariants(plan, policy).join('\n')).toMatch(/is not a stop of rep/);
  });

  it('rejects a supervisor with two reps on one day', () => {
    const plan = copy();
    const supervisor = plan.supervisors![0]!;
    const day = supervisor.days[0]!;
    supervisor.days.push({ ...day, repId: plan.reps.find((r) => r.id !== day.repId)!.id });
    expect(checkPlanInvariants(plan, policy).join('\n')).toMatch(/two days on/);
  });

  it('rejects an irregular cadence', () => {
    const plan = copy();
    const escort = plan.outlets
      .flatMap((o) => o.escorts ?? [])
      .find((e) => e.supervisorId && e.visits.length === 2)!;
    escort.pattern = { ...escort.pattern!, everyWeeks: 3 };
    expect(checkPlanInvariants(plan, policy).join('\n')).toMatch(/not a regular every-2-weeks sub-pattern/);
  });

  it('rejects a rep stop that no longer names the supervisor who joins there', () => {
    const plan = copy();
    const stop = plan.reps
      .flatMap((r) => r.days ?? [])
      .flatMap((d) => d.stops)
      .find((s) => s.escortedBy)!;
    delete stop.escortedBy;
    expect(checkPlanInvariants(plan, policy).join('\n')).toMatch(/does not name M1/);
  });
});
