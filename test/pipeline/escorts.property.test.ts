import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visitsOfPattern } from '../../src/domain/cycle/visitPatterns.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';
import { visitsPerCycle } from '../../src/domain/policy/visitFrequencies.js';
import type { RegionInput, Supervisor } from '../../src/domain/types.js';

/**
 * Escorted visits on random regions with random supervisors: every escort visit sits on a stop of
 * the rep's route that day, a supervisor is with at most one rep per day, each met cadence is a
 * regular pattern with the frequency's visit count, no supervisor day is over budget, unmet
 * cadences say why, and the whole plan (re-timed rep days included) passes the publish gate.
 */
const policy = resolvePolicy([
  {
    source: 'test',
    overrides: {
      visits: {
        large: {
          escorts: [
            { role: 'market-manager', frequency: 'every-2-weeks', extraMinutes: 5 },
            { role: 'department-head', frequency: 'every-4-weeks' },
          ],
        },
        medium: { escorts: [{ role: 'market-manager', frequency: 'every-4-weeks' }] },
        small: { escorts: [{ role: 'department-head', frequency: 'weekly' }] },
      },
      escortRoles: { 'market-manager': { maxJointVisitsPerDay: 6 } },
    },
  },
]);

const spec = fc.record({
  outlets: fc.integer({ min: 20, max: 80 }),
  reps: fc.integer({ min: 4, max: 8 }),
  seed: fc.nat(10_000),
  planSeed: fc.nat(1000),
  supervisors: fc.array(
    fc.record({
      role: fc.constantFrom('market-manager', 'department-head'),
      reps: fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { maxLength: 3 }),
      dailyMinutes: fc.constantFrom(null, 120, 300),
      days: fc.constantFrom(null, ['Mon', 'Wed', 'Fri'] as const),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  rebuild: fc.boolean(),
});

function region(s: typeof spec extends fc.Arbitrary<infer T> ? T : never): RegionInput {
  const generated = generateRegion({ outlets: s.outlets, reps: s.reps, seed: s.seed });
  const supervisors: Supervisor[] = s.supervisors.map((sup, i) => {
    const home = generated.reps[i % generated.reps.length];
    return {
      id: `S${i + 1}`,
      name: `S${i + 1}`,
      role: sup.role,
      homeLon: (home?.homeLon ?? 0) + 0.01,
      homeLat: home?.homeLat ?? 0,
      workingDays: sup.days ? [...sup.days] : null,
      dailyMinutes: sup.dailyMinutes,
      dayStart: 480,
      reps: sup.reps.map((r) => generated.reps[r % generated.reps.length]?.id ?? '').filter((r) => r !== ''),
      line: i + 2,
    };
  });
  return {
    name: 'escorts',
    outlets: generated.outlets,
    reps: generated.reps,
    supervisors,
    quarantine: [],
    policyOverrides: null,
    inputHash: `e${s.seed}`,
  };
}

const key = (week: number, weekday: string): string => `${week}-${weekday}`;

function expectEscortInvariants(plan: Plan): void {
  expect(checkPlanInvariants(plan, policy)).toEqual([]);
  const reps = new Map(plan.reps.map((r) => [r.id, r]));
  for (const outlet of plan.outlets) {
    for (const escort of outlet.escorts ?? []) {
      if (escort.supervisorId === null) {
        expect(escort.unmet).toBeTruthy();
        expect(plan.warnings.some((w) => w.includes(escort.role) && w.includes('unmet'))).toBe(true);
        continue;
      }
      expect(escort.pattern).not.toBeNull();
      expect(escort.visits).toEqual(visitsOfPattern(escort.pattern!, policy.cycle.weeks));
      expect(escort.visits.length).toBe(visitsPerCycle(escort.frequency, policy.cycle.weeks));
      const rep = reps.get(outlet.repId!);
      for (const visit of escort.visits) {
        const day = rep?.days?.find((d) => key(d.week, d.weekday) === key(visit.week, visit.weekday));
        const stop = day?.stops.find((s) => s.outletId === outlet.id);
        expect(stop?.escortedBy).toContain(escort.supervisorId);
      }
    }
  }
  for (const supervisor of plan.supervisors ?? []) {
    const days = supervisor.days.map((d) => key(d.week, d.weekday));
    expect(new Set(days).size).toBe(days.length);
    for (const day of supervisor.days) {
      expect(day.fieldMinutes).toBeLessThanOrEqual(supervisor.dailyMinutes);
      const repDay = reps
        .get(day.repId)
        ?.days?.find((d) => key(d.week, d.weekday) === key(day.week, day.weekday));
      for (const stop of day.stops)
        expect(repDay?.stops.some((s) => s.outletId === stop.outletId)).toBe(true);
    }
  }
}

describe('escorted visits on random regions', () => {
  it('sit on rep stops of the day, one rep per supervisor per day, at regular cadences, within budget', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const input = region(s);
        const first = planRegion({
          region: input,
          policy,
          previous: null,
          mode: 'fresh',
          now: new Date(0),
          seed: s.planSeed,
        });
        expectEscortInvariants(first);
        if (!s.rebuild) return;
        const again = planRegion({
          region: input,
          policy,
          previous: first,
          mode: 'rebuild',
          now: new Date(0),
          seed: s.planSeed,
        });
        expectEscortInvariants(again);
        // Same data rebuilt: every met escort is kept, so nothing changes.
        expect(again.escortChanges).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});
