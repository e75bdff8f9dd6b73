import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { WEEKDAYS, type Outlet, type Rep, type RegionInput, type Weekday } from '../../src/domain/types.js';

/**
 * The whole pipeline on random small regions with the awkward cases real data has: pools left
 * without reps (fallbacks), part-time and zero-capacity reps, reps working one to six days, short
 * days, closed and locked outlets, opening hours, and rebuilds on top of a previous plan. Every
 * plan must pass the publish gate's invariants (each active outlet once with a compatible rep, the
 * tier's visit count on a valid pattern, stops matching assignments, times consistent).
 */
const regionArbitrary = fc.record({
  outlets: fc.integer({ min: 8, max: 90 }),
  reps: fc.integer({ min: 4, max: 9 }),
  seed: fc.nat(10_000),
  dropTiers: fc.subarray(['A', 'B', 'C', 'D'] as const, { maxLength: 2 }),
  repTweaks: fc.array(
    fc.record({
      capacity: fc.constantFrom(1, 1, 0.5, 0),
      days: fc.integer({ min: 1, max: 6 }),
      dailyMinutes: fc.constantFrom(null, 480, 240, 120),
    }),
    { maxLength: 9 },
  ),
  closed: fc.array(fc.nat(89), { maxLength: 8 }),
  locks: fc.array(fc.tuple(fc.nat(89), fc.nat(8)), { maxLength: 4 }),
  hours: fc.array(fc.tuple(fc.nat(89), fc.constantFrom([600, 1320], [1080, 120], [540, 600])), {
    maxLength: 6,
  }),
  planSeed: fc.nat(1_000),
  rebuild: fc.boolean(),
});

type RegionSpec = typeof regionArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildRegion(spec: RegionSpec): RegionInput {
  const generated = generateRegion({ outlets: spec.outlets, reps: spec.reps, seed: spec.seed });
  const dropped = new Set<string>(spec.dropTiers);
  // Keep at least one rep so the region is plannable; dropped tiers exercise pool fallbacks.
  const kept = generated.reps.filter((r) => !dropped.has(r.tier));
  const reps: Rep[] = (kept.length > 0 ? kept : generated.reps.slice(0, 1)).map((rep, i) => {
    const tweak = spec.repTweaks[i];
    if (!tweak) return rep;
    const workingDays: Weekday[] = WEEKDAYS.slice(0, tweak.days);
    return { ...rep, capacity: tweak.capacity, workingDays, dailyMinutes: tweak.dailyMinutes };
  });
  const outlets: Outlet[] = generated.outlets.map((o) => ({ ...o }));
  for (const index of spec.closed) {
    const outlet = outlets[index % outlets.length];
    if (outlet) outlet.status = 'closed';
  }
  for (const [index, rep] of spec.locks) {
    const outlet = outlets[index % outlets.length];
    const target = reps[rep % reps.length];
    if (outlet && target) outlet.lockedRepId = target.id;
  }
  for (const [index, [from, to]] of spec.hours) {
    const outlet = outlets[index % outlets.length];
    if (outlet) [outlet.openFrom, outlet.openTo] = [from, to];
  }
  return { name: 'prop', outlets, reps, quarantine: [], policyOverrides: null, inputHash: `p${spec.seed}` };
}

describe('planRegion on random regions', () => {
  it('always yields a plan that passes the publish gate, also when rebuilt on a previous plan', () => {
    fc.assert(
      fc.property(regionArbitrary, (spec) => {
        const region = buildRegion(spec);
        let previous: Plan | null = null;
        if (spec.rebuild) {
          const first = planRegion({
            region,
            policy: DEFAULT_POLICY,
            previous: null,
            mode: 'fresh',
            now: new Date(0),
            seed: spec.planSeed,
          });
          expect(checkPlanInvariants(first, DEFAULT_POLICY)).toEqual([]);
          previous = first;
          // Churn: close a fifth of the active outlets before the rebuild.
          region.outlets.forEach((o, i) => {
            if (i % 5 === 0) o.status = 'closed';
          });
        }
        const plan = planRegion({
          region,
          policy: DEFAULT_POLICY,
          previous,
          mode: spec.rebuild ? 'rebuild' : 'fresh',
          now: new Date(0),
          seed: spec.planSeed,
        });
        expect(checkPlanInvariants(plan, DEFAULT_POLICY)).toEqual([]);
        const active = region.outlets.filter((o) => o.status === 'active');
        expect(plan.outlets.map((o) => o.id).sort()).toEqual(active.map((o) => o.id).sort());
        // An outlet is unassigned only when no rep can serve its tier, and the plan says why.
        for (const outlet of plan.outlets) {
          if (outlet.repId !== null) continue;
          const servers = plan.reps.filter((r) => outlet.pool !== null && r.pool === outlet.pool);
          expect(servers.every((r) => r.capacity === 0)).toBe(true);
          expect(plan.warnings.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
