import { describe, expect, it } from 'vitest';
import { planRepCycles } from '../../src/domain/cycle/planRepCycles.js';
import type { Plan, PlanOutlet, PlanRep } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';

function outlet(
  id: string,
  tier: PlanOutlet['tier'],
  repId: string | null,
  lon: number,
  extra: Partial<PlanOutlet> = {},
): PlanOutlet {
  return {
    id,
    name: id,
    lon,
    lat: 36.7,
    businessType: 'x',
    monthlyVolume: 10,
    tier,
    rule: 'r',
    reason: 'r',
    pool: 'P',
    repId,
    lockedRepId: null,
    openFrom: null,
    openTo: null,
    district: null,
    ...extra,
  };
}

function rep(id: string, tier: PlanRep['tier'], dayStart: string): PlanRep {
  return {
    id,
    name: id,
    tier,
    pool: 'P',
    capacity: 1,
    home: [119.1, 36.7],
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    dayStart,
    dailyMinutes: 480,
  };
}

describe('planRepCycles', () => {
  const reps = [rep('R1', 'B', '13:30'), rep('R2', 'C', '08:30')];
  const outlets = [
    outlet('BAR', 'night-venue', 'R1', 119.101, { openFrom: '17:00', openTo: '02:00' }),
    outlet('LUNCH', 'night-venue', 'R1', 119.102, { openFrom: '07:00', openTo: '12:00' }),
    outlet('SHOP1', 'medium', 'R2', 119.103),
    outlet('SHOP2', 'medium', 'R2', 119.104),
    outlet('ORPHAN', 'small', null, 119.105),
  ];

  it('sets visits and patterns from the tier policy, windows from policy and opening hours, and skips unassigned outlets', () => {
    const result = planRepCycles({
      outlets,
      reps,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      seed: 1,
    });
    const byId = new Map(result.outlets.map((o) => [o.id, o]));
    expect(byId.get('SHOP1')?.visits).toHaveLength(4);
    expect(byId.get('SHOP1')?.pattern?.everyWeeks).toBe(1);
    expect(byId.get('ORPHAN')?.visits).toBeUndefined();
    // The bar may only be visited from 17:00 (its opening), inside the 14:00-22:00 tier window.
    const barStops = result.reps[0]?.days?.flatMap((d) => d.stops.filter((s) => s.outletId === 'BAR')) ?? [];
    expect(barStops).toHaveLength(4);
    for (const stop of barStops) expect(stop.arrival >= '17:00' || (stop.waitMinutes ?? 0) > 0).toBe(true);
    // The lunch-only restaurant cannot meet the night-venue window: warned, visited in its hours (late for a 13:30 start).
    expect(result.warnings.join('\n')).toMatch(
      /LUNCH: opening hours 07:00-12:00 miss the night-venue visit window 14:00-22:00/,
    );
    expect(result.reps[0]?.flags?.join(' ')).toMatch(/miss their time window/);
    expect(result.reps.map((r) => r.days?.length)).toEqual([20, 20]);
    expect(result.reps[1]?.overBudgetMinutes).toBe(0);
  });

  it('keeps previous patterns in a rebuild and reports moves between reps as rep-changed', () => {
    const previous = {
      outlets: [
        {
          ...outlet('SHOP1', 'medium', 'R2', 119.103),
          pattern: { weekdays: ['Wed'], everyWeeks: 1, firstWeek: 1 },
        },
        {
          ...outlet('SHOP2', 'medium', 'R1', 119.104),
          pattern: { weekdays: ['Sat'], everyWeeks: 1, firstWeek: 1 },
        },
      ],
    } as unknown as Plan;
    const result = planRepCycles({
      outlets,
      reps,
      policy: DEFAULT_POLICY,
      previous,
      mode: 'rebuild',
      seed: 1,
    });
    expect(result.outlets.find((o) => o.id === 'SHOP1')?.pattern?.weekdays).toEqual(['Wed']);
    expect(result.dayChanges).toEqual([
      {
        outletId: 'SHOP2',
        from: ['Sat'],
        to: result.outlets.find((o) => o.id === 'SHOP2')?.pattern?.weekdays,
        reason: 'rep-changed',
      },
    ]);
    // A fresh plan decides as if there were no previous plan, and only reports against it.
    const fresh = planRepCycles({ outlets, reps, policy: DEFAULT_POLICY, previous, mode: 'fresh', seed: 1 });
    const first = planRepCycles({
      outlets,
      reps,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      seed: 1,
    });
    expect(fresh.outlets).toEqual(first.outlets);
    expect(first.dayChanges).toEqual([]);
    expect(fresh.dayChanges.map((c) => c.outletId)).toContain('SHOP2');
  });
});
