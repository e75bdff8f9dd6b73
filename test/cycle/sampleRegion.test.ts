import { describe, expect, it } from 'vitest';
import { summarizeRepDays } from '../../src/domain/cycle/summarizeRepDays.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import type { Plan, PlanMode } from '../../src/domain/plan/planTypes.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { createRandom } from '../../src/domain/random.js';
import type { Outlet, RegionInput } from '../../src/domain/types.js';

/** The sample region (generator seed 42, as data/regions/kuiwen-sample) under the default policy. */
const POLICY: Policy = DEFAULT_POLICY;

function plan(region: RegionInput, previous: Plan | null, mode: PlanMode): Plan {
  return planRegion({ region, policy: POLICY, previous, mode, now: new Date(0), seed: 1 });
}

const generated = generateRegion({ outlets: 1399, reps: 12, seed: 42 });
const region: RegionInput = {
  name: 'kuiwen-sample',
  outlets: generated.outlets,
  reps: generated.reps,
  quarantine: [],
  policyOverrides: null,
  inputHash: 'test',
};

describe('sample region visit cycle', () => {
  const fresh = plan(region, null, 'fresh');

  it('has no over-budget day, no window violation and day balance <= 1.10 for every rep', () => {
    for (const rep of fresh.reps) {
      const summary = summarizeRepDays(rep.days ?? []);
      expect({ rep: rep.id, over: summary.overBudgetDays }).toEqual({ rep: rep.id, over: 0 });
      expect({ rep: rep.id, late: summary.windowViolations }).toEqual({ rep: rep.id, late: 0 });
      expect(summary.dayBalance).toBeLessThanOrEqual(1.1);
      expect(rep.flags).toEqual([]);
    }
    for (const outlet of fresh.outlets) expect(outlet.visits?.length ?? 0).toBeGreaterThan(0);
  });

  it('lets the night-venue rep leave later instead of waiting for venues to open (day.departureFloatMinutes)', () => {
    const clock = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    const nightRep = fresh.reps.find((r) => r.tier === 'B');
    const days = nightRep?.days ?? [];
    expect(days.length).toBeGreaterThan(0);
    const floated = days.filter((d) => d.departure !== undefined && clock(d.departure) > clock(d.start));
    // Fails when the cycle stage does not pass the rep's float to the sequencer.
    expect(floated.length).toBeGreaterThan(days.length / 2);
    for (const day of days) {
      const departure = clock(day.departure ?? day.start);
      expect(departure - clock(day.start)).toBeLessThanOrEqual(POLICY.day.departureFloatMinutes);
      expect(day.totalMinutes).toBeCloseTo(clock(day.end) - departure, -0.5);
    }
  });

  it('changes the weekday of at most 5% of unchanged outlets after 2% churn', () => {
    const random = createRandom(5);
    const count = Math.round(region.outlets.length * 0.01);
    const closing = new Set(random.shuffle(region.outlets.map((o) => o.id)).slice(0, count));
    const outlets: Outlet[] = region.outlets.map((o) => (closing.has(o.id) ? { ...o, status: 'closed' } : o));
    for (let i = 0; i < count; i++) {
      const template = region.outlets[random.int(region.outlets.length)] as Outlet;
      outlets.push({ ...template, id: `NEW${i}`, lon: template.lon + random.normal() * 0.003 });
    }
    const rebuild = plan({ ...region, outlets }, fresh, 'rebuild');
    const before = new Map(fresh.outlets.map((o) => [o.id, o.pattern?.weekdays.join('/')]));
    const kept = rebuild.outlets.filter((o) => before.has(o.id));
    const changed = kept.filter((o) => before.get(o.id) !== o.pattern?.weekdays.join('/'));
    expect(kept.length).toBe(region.outlets.length - count);
    expect(changed.length / kept.length).toBeLessThanOrEqual(0.05);
    // Every change is reported with a reason.
    const reported = new Set(rebuild.dayChanges.map((c) => c.outletId));
    for (const outlet of changed) expect(reported.has(outlet.id)).toBe(true);
  });
});
