import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { outletVisitPolicy } from '../../src/domain/policy/outletVisitPolicy.js';
import { PolicyError, resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';
import {
  cycleEveryWeeks,
  frequencyFitsCycle,
  visitsPerCycle,
} from '../../src/domain/policy/visitFrequencies.js';
import type { RegionInput } from '../../src/domain/types.js';

describe('frequency rules', () => {
  it('clip the interval to the cycle and say which cycles give equal visit counts', () => {
    expect(cycleEveryWeeks('every-4-weeks', 2)).toBe(2);
    expect(visitsPerCycle('every-4-weeks', 2)).toBe(1);
    expect(visitsPerCycle('twice-weekly', 3)).toBe(6);
    expect(frequencyFitsCycle('every-2-weeks', 4)).toBe(true);
    expect(frequencyFitsCycle('every-2-weeks', 3)).toBe(false);
    expect(frequencyFitsCycle('every-4-weeks', 6)).toBe(false);
    expect(frequencyFitsCycle('every-4-weeks', 3)).toBe(true); // clipped: once in 3 weeks
    expect(frequencyFitsCycle('weekly', 5)).toBe(true);
  });

  it('refuse a cycle that is not a whole number of a tier’s intervals, naming both keys', () => {
    const attempt = (): unknown => resolvePolicy([{ source: 'p.json', overrides: { cycle: { weeks: 3 } } }]);
    expect(attempt).toThrow(PolicyError);
    // The default small tier is every 2 weeks.
    expect(attempt).toThrow(
      /visits\.small\.frequency = every-2-weeks does not fit cycle\.weeks = 3: .* 1 or 2 times/,
    );
  });
});

describe('per-outlet visit overrides', () => {
  it('take the outlet’s frequency and minutes over its tier’s, keeping the rest of the tier policy', () => {
    const tier = DEFAULT_POLICY.visits.small;
    expect(outletVisitPolicy({ tier: 'small' }, DEFAULT_POLICY)).toBe(tier);
    expect(
      outletVisitPolicy({ tier: 'small', visitFrequency: null, serviceMinutes: null }, DEFAULT_POLICY),
    ).toBe(tier);
    expect(
      outletVisitPolicy({ tier: 'small', visitFrequency: 'weekly', serviceMinutes: 45 }, DEFAULT_POLICY),
    ).toEqual({
      ...tier,
      frequency: 'weekly',
      serviceMinutes: 45,
    });
  });

  it('are planned: the outlet gets its own visit count and the gate checks it', () => {
    const generated = generateRegion({ outlets: 200, reps: 6, seed: 3 });
    const outlets = generated.outlets.map((o, i) =>
      i === 0 ? { ...o, visitFrequency: 'twice-weekly' as const, serviceMinutes: 40 } : o,
    );
    const region: RegionInput = {
      name: 'overrides',
      outlets,
      reps: generated.reps,
      quarantine: [],
      policyOverrides: null,
      inputHash: 'overrides',
    };
    const plan = planRegion({
      region,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      now: new Date(0),
      seed: 1,
    });
    const target = plan.outlets.find((o) => o.id === outlets[0]?.id);
    expect(target?.visitFrequency).toBe('twice-weekly');
    expect(target?.serviceMinutes).toBe(40);
    expect(target?.visits).toHaveLength(2 * DEFAULT_POLICY.cycle.weeks);
    expect(new Set(target?.pattern?.weekdays).size).toBe(2);
    // Every stop of the outlet stays 40 minutes: departure - arrival (no waiting at this tier).
    const stops = plan.reps
      .flatMap((r) => r.days ?? [])
      .flatMap((d) => d.stops.filter((s) => s.outletId === target?.id));
    const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
    expect(stops).toHaveLength(8);
    for (const stop of stops)
      expect(minutes(stop.departure) - minutes(stop.arrival) - (stop.waitMinutes ?? 0)).toBe(40);
    expect(checkPlanInvariants(plan, DEFAULT_POLICY)).toEqual([]);

    // The gate judges the outlet by its own frequency: dropping visits is caught.
    const broken = {
      ...plan,
      outlets: plan.outlets.map((o) => (o.id === target?.id ? { ...o, visits: o.visits?.slice(0, 4) } : o)),
    };
    expect(checkPlanInvariants(broken, DEFAULT_POLICY).join('\n')).toMatch(
      /twice-weekly\) has 4 visits per cycle; every twice-weekly outlet needs 8/,
    );
  });

  it('that do not fit the cycle are named in a warning and the tier frequency is planned', () => {
    const generated = generateRegion({ outlets: 120, reps: 6, seed: 4 });
    const policy = resolvePolicy([{ source: 't', overrides: { cycle: { weeks: 2 } } }]);
    const outlets = generated.outlets.map((o, i) =>
      i === 0 ? { ...o, visitFrequency: 'every-4-weeks' as const } : o,
    );
    const ok = planRegion({
      region: {
        name: 'o',
        outlets,
        reps: generated.reps,
        quarantine: [],
        policyOverrides: null,
        inputHash: 'o',
      },
      policy,
      previous: null,
      mode: 'fresh',
      now: new Date(0),
      seed: 1,
    });
    // Every 4 weeks in a 2-week cycle is clipped to once per cycle: it fits.
    expect(ok.outlets.find((o) => o.id === outlets[0]?.id)?.visits).toHaveLength(1);
    const three = resolvePolicy([
      {
        source: 't',
        overrides: {
          cycle: { weeks: 3 },
          visits: { small: { ...DEFAULT_POLICY.visits.small, frequency: 'weekly' } },
        },
      },
    ]);
    const odd = generated.outlets.map((o, i) =>
      i === 0 ? { ...o, visitFrequency: 'every-2-weeks' as const } : o,
    );
    const plan = planRegion({
      region: {
        name: 'o',
        outlets: odd,
        reps: generated.reps,
        quarantine: [],
        policyOverrides: null,
        inputHash: 'o',
      },
      policy: three,
      previous: null,
      mode: 'fresh',
      now: new Date(0),
      seed: 1,
    });
    expect(plan.warnings.join('\n')).toContain(
      `outlet ${odd[0]?.id} (outlets.csv line ${odd[0]?.line}): visit_frequency every-2-weeks does not fit the 3-week cycle`,
    );
    expect(plan.outlets.find((o) => o.id === odd[0]?.id)?.visitFrequency).toBeUndefined();
    expect(checkPlanInvariants(plan, three)).toEqual([]);
  });
});
