import { checkEscortInvariants } from '../escorts/checkEscortInvariants.js';
import type { Policy, VisitFrequency } from '../policy/policySchema.js';
import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import { FREQUENCY_RULES } from '../policy/visitFrequencies.js';
import { visitStandardsProblems } from './checkVisitStandards.js';
import type { Plan, PlanOutlet, PlanRep, VisitPattern } from './planTypes.js';

/** At most this many messages per invariant, so a badly broken plan gives a readable report. */
const MAX_MESSAGES_PER_CHECK = 20;

class Findings {
  private readonly byCheck = new Map<string, { count: number; messages: string[] }>();

  add(check: string, message: string): void {
    const entry = this.byCheck.get(check) ?? { count: 0, messages: [] };
    entry.count += 1;
    if (entry.count <= MAX_MESSAGES_PER_CHECK) entry.messages.push(message);
    this.byCheck.set(check, entry);
  }

  /** Messages grouped by check; a capped check starts with a line giving its real total. */
  finish(): string[] {
    const out: string[] = [];
    for (const [check, entry] of this.byCheck) {
      if (entry.count > MAX_MESSAGES_PER_CHECK) {
        out.push(
          `${check}: ${entry.count} problems of this kind, the first ${MAX_MESSAGES_PER_CHECK} follow`,
        );
      }
      out.push(...entry.messages);
    }
    return out;
  }
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

/** The visits a pattern makes in a cycle of `weeks` weeks. */
function visitsOfPattern(pattern: VisitPattern, weeks: number): Array<{ week: number; weekday: string }> {
  const visits: Array<{ week: number; weekday: string }> = [];
  for (let week = pattern.firstWeek; week <= weeks; week += Math.max(1, pattern.everyWeeks)) {
    for (const weekday of pattern.weekdays) visits.push({ week, weekday });
  }
  return visits;
}

const dayKey = (week: number, weekday: string): string => `${week}/${weekday}`;

function checkIds(plan: Plan, findings: Findings): void {
  for (const id of duplicates(plan.outlets.map((o) => o.id)))
    findings.add('ids', `outlet id ${id} appears more than once`);
  for (const id of duplicates(plan.reps.map((r) => r.id)))
    findings.add('ids', `rep id ${id} appears more than once`);
  for (const id of duplicates(plan.pools.map((p) => p.id)))
    findings.add('ids', `pool id ${id} appears more than once`);
}

function checkPools(plan: Plan, findings: Findings): void {
  const repsById = new Map(plan.reps.map((r) => [r.id, r]));
  for (const pool of plan.pools) {
    for (const repId of pool.repIds) {
      const rep = repsById.get(repId);
      if (!rep) findings.add('pools', `pool ${pool.id} lists unknown rep ${repId}`);
      else if (rep.pool !== pool.id)
        findings.add('pools', `pool ${pool.id} lists rep ${repId} whose pool is ${rep.pool}`);
    }
    const served = plan.outlets.filter((o) => o.pool === pool.id).length;
    if (served !== pool.outletCount) {
      findings.add(
        'pools',
        `pool ${pool.id} says ${pool.outletCount} outlets but ${served} outlets are in it`,
      );
    }
  }
  const poolIds = new Set(plan.pools.map((p) => p.id));
  for (const rep of plan.reps) {
    if (rep.pool !== null && !poolIds.has(rep.pool))
      findings.add('pools', `rep ${rep.id} is in unknown pool ${rep.pool}`);
  }
}

function checkAssignments(plan: Plan, findings: Findings): void {
  const repsById = new Map(plan.reps.map((r) => [r.id, r]));
  const poolsById = new Map(plan.pools.map((p) => [p.id, p]));
  for (const outlet of plan.outlets) {
    if (outlet.pool === null) {
      if (outlet.repId !== null)
        findings.add('assignment', `outlet ${outlet.id} has no pool but is assigned to ${outlet.repId}`);
      continue;
    }
    const pool = poolsById.get(outlet.pool);
    if (!pool) {
      findings.add('assignment', `outlet ${outlet.id} is in unknown pool ${outlet.pool}`);
      continue;
    }
    if (!pool.outletTiers.includes(outlet.tier)) {
      findings.add(
        'assignment',
        `outlet ${outlet.id} (tier ${outlet.tier}) is in pool ${pool.id} which serves ${pool.outletTiers.join('/')}`,
      );
    }
    if (outlet.repId === null) {
      if (pool.repIds.length > 0)
        findings.add('assignment', `outlet ${outlet.id} (pool ${pool.id}) has no rep`);
      continue;
    }
    const rep = repsById.get(outlet.repId);
    if (!rep) findings.add('assignment', `outlet ${outlet.id} is assigned to unknown rep ${outlet.repId}`);
    else if (rep.pool !== outlet.pool) {
      findings.add(
        'assignment',
        `outlet ${outlet.id} (pool ${outlet.pool}) is assigned to rep ${rep.id} of pool ${rep.pool}`,
      );
    }
  }
}

/**
 * The pattern shape a frequency requires for a rep, with the cycle stage's two documented
 * relaxations: the interval is clipped to the cycle length (every 4 weeks in a 2-week cycle is
 * every 2 weeks), and a rep with a single working day visits twice-weekly outlets weekly.
 */
function expectedShape(
  frequency: VisitFrequency,
  weeks: number,
  rep: PlanRep | undefined,
): { weekdays: number; everyWeeks: number } {
  const nominal = FREQUENCY_RULES[frequency];
  const workingDays = rep ? rep.workingDays.length : nominal.weekdays;
  return {
    weekdays: Math.min(nominal.weekdays, Math.max(1, workingDays)),
    everyWeeks: Math.min(nominal.everyWeeks, weeks),
  };
}

function checkVisits(outlet: PlanOutlet, policy: Policy, rep: PlanRep | undefined, findings: Findings): void {
  const visits = outlet.visits;
  if (!visits) return;
  const weeks = policy.cycle.weeks;
  const frequency = outletVisitPolicy(outlet, policy).frequency;
  const shape = expectedShape(frequency, weeks, rep);
  for (const key of duplicates(visits.map((v) => dayKey(v.week, v.weekday)))) {
    findings.add('visits', `outlet ${outlet.id} is visited twice on week/day ${key}`);
  }
  for (const v of visits) {
    if (!Number.isInteger(v.week) || v.week < 1 || v.week > weeks) {
      findings.add(
        'visits',
        `outlet ${outlet.id} has a visit in week ${v.week}, outside the ${weeks}-week cycle`,
      );
    }
    if (rep && !rep.workingDays.includes(v.weekday)) {
      findings.add(
        'visits',
        `outlet ${outlet.id} has a visit on ${v.weekday}, not a working day of rep ${rep.id}`,
      );
    }
  }
  const pattern = outlet.pattern;
  if (pattern) {
    if (new Set(pattern.weekdays).size !== shape.weekdays || pattern.everyWeeks !== shape.everyWeeks) {
      findings.add(
        'visits',
        `outlet ${outlet.id} (${outlet.tier}, ${frequency}) has pattern ${pattern.weekdays.join('+')} every ${pattern.everyWeeks} week(s); expected ${shape.weekdays} weekday(s) every ${shape.everyWeeks} week(s)`,
      );
    }
    if (pattern.firstWeek < 1 || pattern.firstWeek > Math.min(pattern.everyWeeks, weeks)) {
      findings.add(
        'visits',
        `outlet ${outlet.id} has pattern first week ${pattern.firstWeek}, outside 1..${Math.min(pattern.everyWeeks, weeks)}`,
      );
    }
    const expected = visitsOfPattern(pattern, weeks).map((v) => dayKey(v.week, v.weekday));
    const actual = new Set(visits.map((v) => dayKey(v.week, v.weekday)));
    if (expected.length !== visits.length || expected.some((key) => !actual.has(key))) {
      findings.add(
        'visits',
        `outlet ${outlet.id} has ${visits.length} visits that do not follow its pattern (${expected.length} expected: ${expected.join(' ')})`,
      );
    }
  }
  // Every outlet of a frequency gets the same visits per cycle (the policy refuses cycles that are
  // not a whole number of intervals), pattern or not.
  const expectedCount = (shape.weekdays * weeks) / shape.everyWeeks;
  if (visits.length !== expectedCount) {
    findings.add(
      'visits',
      `outlet ${outlet.id} (${outlet.tier}, ${frequency}) has ${visits.length} visits per cycle; every ${frequency} outlet needs ${expectedCount}`,
    );
  }
}

function checkRoutes(
  rep: PlanRep,
  outletsOfRep: readonly PlanOutlet[],
  policy: Policy,
  findings: Findings,
): void {
  const days = rep.days;
  if (!days) return;
  const outletsById = new Map(outletsOfRep.map((o) => [o.id, o]));
  const stopCount = new Map<string, number>();
  for (const key of duplicates(days.map((d) => dayKey(d.week, d.weekday)))) {
    findings.add('routes', `rep ${rep.id} has more than one route on week/day ${key}`);
  }
  for (const day of days) {
    if (!rep.workingDays.includes(day.weekday)) {
      findings.add(
        'routes',
        `rep ${rep.id} has a route on ${day.weekday}, not one of the rep's working days`,
      );
    }
    if (day.week < 1 || day.week > policy.cycle.weeks) {
      findings.add(
        'routes',
        `rep ${rep.id} has a route in week ${day.week}, outside the ${policy.cycle.weeks}-week cycle`,
      );
    }
    day.stops.forEach((stop, index) => {
      if (stop.seq !== index + 1) {
        findings.add(
          'routes',
          `rep ${rep.id} week ${day.week} ${day.weekday}: stop ${index + 1} has seq ${stop.seq}`,
        );
      }
      const outlet = outletsById.get(stop.outletId);
      if (!outlet) {
        findings.add(
          'routes',
          `rep ${rep.id} week ${day.week} ${day.weekday} visits outlet ${stop.outletId}, which is not assigned to the rep`,
        );
        return;
      }
      const key = `${stop.outletId}@${dayKey(day.week, day.weekday)}`;
      stopCount.set(key, (stopCount.get(key) ?? 0) + 1);
      if (outlet.visits && !outlet.visits.some((v) => v.week === day.week && v.weekday === day.weekday)) {
        findings.add(
          'routes',
          `rep ${rep.id} week ${day.week} ${day.weekday} visits outlet ${stop.outletId}, which has no visit that day`,
        );
      }
    });
  }
  for (const [key, count] of stopCount) {
    if (count > 1)
      findings.add('routes', `rep ${rep.id}: outlet visit ${key} appears ${count} times in the routes`);
  }
  // Vice versa: every planned visit of the rep's outlets is a stop (nothing lost).
  for (const outlet of outletsOfRep) {
    if (!outlet.visits) {
      findings.add('routes', `rep ${rep.id} has routes but assigned outlet ${outlet.id} has no visits`);
      continue;
    }
    for (const visit of outlet.visits) {
      if (!stopCount.has(`${outlet.id}@${dayKey(visit.week, visit.weekday)}`)) {
        findings.add(
          'routes',
          `outlet ${outlet.id} has a visit on week ${visit.week} ${visit.weekday} that is on no route of rep ${rep.id}`,
        );
      }
    }
  }
}

/**
 * Checks the invariants a plan must satisfy before it is published: unique ids, consistent pools,
 * every pooled outlet assigned to one rep of its pool (when the pool has reps), visit counts and
 * patterns matching the tier's frequency, and day routes that hold exactly the assigned outlets'
 * visits of that week and weekday (no lost or duplicate stop), 2Q figures and flags that
 * agree with the day routes (checkVisitStandards.ts), and escorted visits on real rep
 * stops with one rep per supervisor per day (checkEscortInvariants). Stage fields that are absent are
 * not checked, so early-stage plans pass. Returns readable messages; an empty list means the plan
 * is good. Schema validity of the rendered files is checked in the io layer.
 */
export function checkPlanInvariants(plan: Plan, policy: Policy): string[] {
  const findings = new Findings();
  checkIds(plan, findings);
  checkPools(plan, findings);
  checkAssignments(plan, findings);
  const repsById = new Map(plan.reps.map((r) => [r.id, r]));
  const outletsByRep = new Map<string, PlanOutlet[]>();
  for (const outlet of plan.outlets) {
    checkVisits(outlet, policy, outlet.repId === null ? undefined : repsById.get(outlet.repId), findings);
    if (outlet.repId === null) continue;
    const list = outletsByRep.get(outlet.repId) ?? [];
    list.push(outlet);
    outletsByRep.set(outlet.repId, list);
  }
  for (const rep of plan.reps) checkRoutes(rep, outletsByRep.get(rep.id) ?? [], policy, findings);
  for (const problem of visitStandardsProblems(plan)) findings.add('standards', problem);
  return [...findings.finish(), ...checkEscortInvariants(plan, policy)];
}
