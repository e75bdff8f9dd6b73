import { describe, expect, it } from 'vitest';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

function outlet(plan: Plan, id: string) {
  const found = plan.outlets.find((o) => o.id === id);
  if (!found) throw new Error(`fixture has no outlet ${id}`);
  return found;
}

function rep(plan: Plan, id: string) {
  const found = plan.reps.find((r) => r.id === id);
  if (!found) throw new Error(`fixture has no rep ${id}`);
  return found;
}

describe('checkPlanInvariants', () => {
  it('accepts the fixture plan', () => {
    expect(checkPlanInvariants(buildFixturePlan(), DEFAULT_POLICY)).toEqual([]);
  });

  it('accepts a plan without the cycle stage fields', () => {
    const plan = buildFixturePlan();
    for (const o of plan.outlets) {
      delete o.visits;
      delete o.pattern;
    }
    for (const r of plan.reps) delete r.days;
    expect(checkPlanInvariants(plan, DEFAULT_POLICY)).toEqual([]);
  });

  it('reports duplicate ids', () => {
    const plan = buildFixturePlan();
    plan.reps.push({ ...rep(plan, 'D1'), days: [] });
    expect(checkPlanInvariants(plan, DEFAULT_POLICY)).toContain('rep id D1 appears more than once');
  });

  it('reports an unassigned outlet of a staffed pool and an outlet with an incompatible rep', () => {
    const plan = buildFixturePlan();
    outlet(plan, 'M1').repId = null;
    outlet(plan, 'S1').repId = 'C1';
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems).toContain('outlet M1 (pool C) has no rep');
    expect(problems).toContain('outlet S1 (pool D) is assigned to rep C1 of pool C');
  });

  it('reports visit counts that do not match the frequency', () => {
    const plan = buildFixturePlan();
    // Large outlets are visited twice a week: 8 visits in 4 weeks; drop one.
    outlet(plan, 'L1').visits?.pop();
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems.some((p) => p.startsWith('outlet L1 has 7 visits that do not follow its pattern'))).toBe(
      true,
    );
  });

  it('reports a pattern whose shape does not match the tier frequency', () => {
    const plan = buildFixturePlan();
    const s1 = outlet(plan, 'S1');
    s1.pattern = { weekdays: ['Mon'], everyWeeks: 1, firstWeek: 1 };
    s1.visits = [1, 2, 3, 4].map((week) => ({ week, weekday: 'Mon' as const }));
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(
      problems.some((p) => p.includes('outlet S1 (small, every-2-weeks) has pattern Mon every 1 week(s)')),
    ).toBe(true);
  });

  it('accepts the cycle stage relaxations: interval clipped to the cycle, twice-weekly on a one-day rep', () => {
    const policy = { ...DEFAULT_POLICY, cycle: { ...DEFAULT_POLICY.cycle, weeks: 2 } };
    policy.visits = {
      ...DEFAULT_POLICY.visits,
      small: { ...DEFAULT_POLICY.visits.small, frequency: 'every-4-weeks' },
    };
    const plan = buildFixturePlan();
    const keep = (o: Plan['outlets'][number]) => (o.visits = o.visits?.filter((v) => v.week <= 2));
    for (const o of plan.outlets) keep(o);
    for (const r of plan.reps) r.days = r.days?.filter((d) => d.week <= 2);
    // Every 4 weeks in a 2-week cycle is every 2 weeks: the fixture's small outlets already are.
    expect(checkPlanInvariants(plan, policy)).toEqual([]);

    // A rep working Mondays only visits its large outlets once a week.
    const a1 = rep(plan, 'A1');
    a1.workingDays = ['Mon'];
    for (const o of plan.outlets.filter((x) => x.repId === 'A1')) {
      o.pattern = { weekdays: ['Mon'], everyWeeks: 1, firstWeek: 1 };
      o.visits = [1, 2].map((week) => ({ week, weekday: 'Mon' as const }));
    }
    a1.days = (a1.days ?? []).filter((d) => d.weekday === 'Mon');
    for (const day of a1.days) {
      day.stops = plan.outlets
        .filter((x) => x.repId === 'A1')
        .map((o, i) => ({ outletId: o.id, seq: i + 1, arrival: '09:00', departure: '09:12', travelKm: 1 }));
    }
    expect(checkPlanInvariants(plan, policy)).toEqual([]);
  });

  it('reports visits on a day the rep does not work', () => {
    const plan = buildFixturePlan();
    rep(plan, 'C1').workingDays = ['Tue', 'Wed', 'Thu', 'Fri'];
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems).toContain('outlet M1 has a visit on Mon, not a working day of rep C1');
    expect(problems).toContain("rep C1 has a route on Mon, not one of the rep's working days");
  });

  it('checks visit counts without a pattern against the frequency', () => {
    const plan = buildFixturePlan();
    const m1 = outlet(plan, 'M1');
    delete m1.pattern;
    m1.visits = m1.visits?.slice(0, 3);
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems).toContain(
      'outlet M1 (medium, weekly) has 3 visits per cycle; every weekly outlet needs 4',
    );
  });

  it('reports a lost stop and a duplicated stop', () => {
    const plan = buildFixturePlan();
    const days = rep(plan, 'C1').days ?? [];
    const monday = days.find((d) => d.week === 1 && d.weekday === 'Mon');
    if (!monday) throw new Error('fixture: C1 has no route on week 1 Mon');
    const lost = monday.stops.pop();
    const first = monday.stops[0];
    if (!lost || !first) throw new Error('fixture: C1 week 1 Mon needs two stops');
    monday.stops.push({ ...first, seq: 2 });
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems).toContain(
      `outlet ${lost.outletId} has a visit on week 1 Mon that is on no route of rep C1`,
    );
    expect(problems).toContain(`rep C1: outlet visit ${first.outletId}@1/Mon appears 2 times in the routes`);
  });

  it('reports a stop of an outlet assigned to another rep or on a day without a visit', () => {
    const plan = buildFixturePlan();
    const day = (rep(plan, 'C1').days ?? [])[0];
    if (!day) throw new Error('fixture: C1 has no routes');
    day.stops.push({
      outletId: 'M4',
      seq: day.stops.length + 1,
      arrival: '12:00',
      departure: '12:12',
      travelKm: 1,
    });
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems).toContain(
      `rep C1 week ${day.week} ${day.weekday} visits outlet M4, which is not assigned to the rep`,
    );
  });

  it('caps the messages of one kind and says how many there are', () => {
    const plan = buildFixturePlan();
    for (let i = 0; i < 30; i++)
      plan.outlets.push({ ...outlet(plan, 'M1'), id: `Z${i}`, repId: 'nobody', visits: [] });
    const problems = checkPlanInvariants(plan, DEFAULT_POLICY);
    expect(problems.filter((p) => p.includes('unknown rep nobody'))).toHaveLength(20);
    expect(problems).toContain('assignment: 30 problems of this kind, the first 20 follow');
  });
});
