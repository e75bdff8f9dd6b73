import { visitsOfPattern } from '../cycle/visitPatterns.js';
import type { Plan, PlanOutlet } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import { dayKey } from './assignEscorts.js';
import { isEscortSubPattern } from './escortPatterns.js';

const MAX_MESSAGES = 20;

function checkOutletEscorts(outlet: PlanOutlet, plan: Plan, policy: Policy, add: (m: string) => void): void {
  const supervisors = new Map((plan.supervisors ?? []).map((s) => [s.id, s]));
  const rep = plan.reps.find((r) => r.id === outlet.repId);
  for (const escort of outlet.escorts ?? []) {
    const what = `outlet ${outlet.id} escort ${escort.role}`;
    if (escort.supervisorId === null) {
      if (!escort.unmet) add(`${what}: no supervisor and no reason it is unmet`);
      continue;
    }
    const supervisor = supervisors.get(escort.supervisorId);
    if (!supervisor || supervisor.role !== escort.role) {
      add(`${what}: supervisor ${escort.supervisorId} is not a ${escort.role} of the plan`);
      continue;
    }
    if (
      !escort.pattern ||
      !outlet.pattern ||
      !isEscortSubPattern(escort.pattern, outlet.pattern, escort.frequency, policy.cycle.weeks)
    ) {
      add(`${what}: pattern is not a regular ${escort.frequency} sub-pattern of the rep's visits`);
      continue;
    }
    const expected = visitsOfPattern(escort.pattern, policy.cycle.weeks).map((v) =>
      dayKey(v.week, v.weekday),
    );
    const actual = escort.visits.map((v) => dayKey(v.week, v.weekday));
    if (expected.join() !== actual.join())
      add(`${what}: visits ${actual.join(' ')} do not follow its pattern`);
    for (const key of actual) {
      const day = supervisor.days.find((d) => dayKey(d.week, d.weekday) === key);
      if (!day || day.repId !== outlet.repId || !day.stops.some((s) => s.outletId === outlet.id))
        add(`${what}: ${supervisor.id}'s day ${key} does not join rep ${outlet.repId ?? '-'} at the outlet`);
      const stop = rep?.days
        ?.find((d) => dayKey(d.week, d.weekday) === key)
        ?.stops.find((s) => s.outletId === outlet.id);
      if (!stop?.escortedBy?.includes(supervisor.id))
        add(`${what}: the rep's stop on ${key} does not name ${supervisor.id} among who joins`);
    }
  }
}

function checkSupervisorDays(plan: Plan, add: (m: string) => void): void {
  const outlets = new Map(plan.outlets.map((o) => [o.id, o]));
  const reps = new Map(plan.reps.map((r) => [r.id, r]));
  for (const supervisor of plan.supervisors ?? []) {
    const seen = new Set<string>();
    for (const day of supervisor.days) {
      const key = dayKey(day.week, day.weekday);
      if (seen.has(key)) add(`supervisor ${supervisor.id} has two days on ${key} (at most one rep per day)`);
      seen.add(key);
      if (!supervisor.reps.includes(day.repId))
        add(`supervisor ${supervisor.id} rides with rep ${day.repId}, not one of theirs`);
      if (day.overBudgetMinutes > 0)
        add(`supervisor ${supervisor.id}'s day ${key} is ${day.overBudgetMinutes} minutes over budget`);
      const repDay = reps.get(day.repId)?.days?.find((d) => dayKey(d.week, d.weekday) === key);
      for (const stop of day.stops) {
        const repStop = repDay?.stops.find((s) => s.outletId === stop.outletId);
        if (!repStop || repStop.seq !== stop.repSeq || repStop.arrival !== stop.arrival)
          add(
            `supervisor ${supervisor.id}'s joint stop ${stop.outletId} on ${key} is not a stop of rep ${day.repId} that day`,
          );
        const escort = outlets.get(stop.outletId)?.escorts?.find((e) => e.supervisorId === supervisor.id);
        if (!escort?.visits.some((v) => dayKey(v.week, v.weekday) === key))
          add(
            `supervisor ${supervisor.id}'s joint stop ${stop.outletId} on ${key} is no escort visit of the outlet`,
          );
      }
    }
  }
}

/**
 * The publish gate's escort checks (issue 12): every escort visit is on a real stop of the rep's
 * route that day, the rep's stop names the supervisor, and the supervisor's day holds it; every
 * escort follows a regular sub-pattern of the rep's visits at its frequency; an unmet escort says
 * why; a supervisor has at most one day (so one rep) per week and weekday, rides only with reps
 * they supervise, and is not over budget. Returns readable messages (capped at 20 plus a count);
 * empty for a good plan or one without supervisors.
 */
export function checkEscortInvariants(plan: Plan, policy: Policy): string[] {
  if (!plan.supervisors) return [];
  const messages: string[] = [];
  let count = 0;
  const add = (message: string): void => {
    count++;
    if (messages.length < MAX_MESSAGES) messages.push(message);
  };
  for (const outlet of plan.outlets) checkOutletEscorts(outlet, plan, policy, add);
  checkSupervisorDays(plan, add);
  return count > MAX_MESSAGES
    ? [`escorts: ${count} problems, the first ${MAX_MESSAGES} follow`, ...messages]
    : messages;
}
