import { warningText } from '../../i18n/warningText.js';
import type { Plan, PlanOutlet, PlanRep } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import { clockToMinutes, minutesToClock } from '../policy/resolvePolicy.js';
import { greatCircleTravelModel, type TravelModel } from '../routing/travelModel.js';
import type { Supervisor } from '../types.js';
import { assignEscorts, dayKey, type RepDayIndex, type SupervisorSlotView } from './assignEscorts.js';
import { escortDemands } from './escortDemands.js';
import { escortChanges, previousEscorts } from './escortStability.js';
import type { OutletEscort, PlanSupervisor, SupervisorDay } from './escortTypes.js';
import { retimeEscortedDay } from './retimeEscortedDay.js';
import { supervisorDayFigures, supervisorDayRoute } from './supervisorDay.js';

/** A supervisor row resolved against the plan and policy (working days, day start, budget, reps). */
function planSupervisor(s: Supervisor, plan: Plan, policy: Policy): PlanSupervisor {
  const reps =
    s.reps.length === 0
      ? plan.reps.map((r) => r.id)
      : plan.reps
          .filter((r) => s.reps.includes(r.id) || (r.pool !== null && s.reps.includes(r.pool)))
          .map((r) => r.id);
  return {
    id: s.id,
    name: s.name,
    role: s.role,
    home: [s.homeLon, s.homeLat],
    workingDays: s.workingDays ?? [...policy.cycle.weekdays],
    dayStart: s.dayStart === null ? policy.day.startTime : minutesToClock(s.dayStart),
    dailyMinutes: s.dailyMinutes ?? policy.day.budgetMinutes,
    reps,
    days: [],
  };
}

/**
 * The escort stage (issue 12), after the reps' cycles: each role's cadence of each key account
 * is placed on a sub-pattern of the rep's visits to it (escortDemands, assignEscorts), reps' days
 * with escorted stops that take extra minutes are re-timed (retimeEscortedDay), and each
 * supervisor's days are timed from the rep's final stop times (supervisorDay.ts). Returns the
 * plan with `supervisors`, `outlets[].escorts`, `stops[].escortedBy`, `escortChanges` against the
 * previous plan and a warning per role naming unmet outlets. A plan without supervisors is
 * returned as it is, so regions without supervisors.csv plan exactly as before. Deterministic.
 */
export function planEscorts(input: {
  plan: Plan;
  supervisors: readonly Supervisor[] | undefined;
  policy: Policy;
  previous: Plan | null;
  travel?: TravelModel;
}): Plan {
  const { plan, policy } = input;
  if (!input.supervisors) return plan;
  const supervisors = input.supervisors.map((s) => planSupervisor(s, plan, policy));
  const { demands, unmet } = escortDemands({
    outlets: plan.outlets,
    supervisors,
    policy,
    previous: previousEscorts(input.previous),
    mode: plan.mode,
  });
  const reps = new Map<string, RepDayIndex>(
    plan.reps.map((r) => [
      r.id,
      {
        days: new Map((r.days ?? []).map((d) => [dayKey(d.week, d.weekday), d])),
        dailyMinutes: r.dailyMinutes,
      },
    ]),
  );
  const views: SupervisorSlotView[] = supervisors.map((s) => ({
    id: s.id,
    home: s.home,
    workingDays: s.workingDays,
    dayStartMinutes: clockToMinutes(s.dayStart),
    dailyMinutes: s.dailyMinutes,
    maxJointVisits: policy.escortRoles?.[s.role]?.maxJointVisitsPerDay ?? Infinity,
    cycleDays: policy.cycle.weeks * s.workingDays.length,
  }));
  const travelSettings = { speedKmh: policy.travel.speedKmh, circuity: policy.travel.circuity };
  const assigned = assignEscorts({ demands, supervisors: views, reps, travel: travelSettings });

  const escortsOf = new Map<string, OutletEscort[]>();
  const add = (outletId: string, escort: OutletEscort): void => {
    escortsOf.set(outletId, [...(escortsOf.get(outletId) ?? []), escort]);
  };
  for (const { outlet, escort } of unmet) add(outlet.id, escort);
  demands.forEach((demand, i) => {
    const outcome = assigned.outcomes[i];
    const base = {
      role: demand.cadence.role,
      frequency: demand.cadence.frequency,
      extraMinutes: demand.cadence.extraMinutes,
    };
    if (!outcome || outcome.option === null)
      add(demand.outlet.id, {
        ...base,
        supervisorId: null,
        pattern: null,
        visits: [],
        unmet: outcome?.unmet ?? warningText('warning.escortReason.notPlaced'),
      });
    else
      add(demand.outlet.id, {
        ...base,
        supervisorId: outcome.option.supervisorId,
        pattern: outcome.option.pattern,
        visits: outcome.option.visits,
      });
  });
  const roleOrder = (tier: PlanOutlet['tier'], role: string): number =>
    (policy.visits[tier].escorts ?? []).findIndex((e) => e.role === role);
  const outlets = plan.outlets.map((o) => {
    const escorts = escortsOf.get(o.id);
    return escorts
      ? { ...o, escorts: escorts.sort((a, b) => roleOrder(o.tier, a.role) - roleOrder(o.tier, b.role)) }
      : o;
  });

  const planReps = escortedRepDays(
    plan,
    outlets,
    assigned.days,
    policy,
    input.travel ?? greatCircleTravelModel(policy.travel),
  );
  const repDayOf = new Map(
    planReps.flatMap((r) => (r.days ?? []).map((d) => [`${r.id}|${dayKey(d.week, d.weekday)}`, d] as const)),
  );
  const outletById = new Map(outlets.map((o) => [o.id, o]));
  for (const s of supervisors) {
    const days: SupervisorDay[] = [];
    for (const day of assigned.days.get(s.id)?.values() ?? []) {
      const repDay = repDayOf.get(`${day.repId}|${dayKey(day.week, day.weekday)}`);
      const stops = day.stops.map((joint) => {
        const stop = repDay?.stops.find((x) => x.outletId === joint.outletId);
        if (!stop) throw new Error(`internal: escort of ${joint.outletId} lost its rep stop`);
        const outlet = outletById.get(joint.outletId) as PlanOutlet;
        return {
          ...joint,
          point: [outlet.lon, outlet.lat] as [number, number],
          repSeq: stop.seq,
          arrivalMinutes: clockToMinutes(stop.arrival),
          departureMinutes: clockToMinutes(stop.departure),
        };
      });
      days.push(supervisorDayRoute(day, supervisorDayFigures(s.home, stops, travelSettings), s.dailyMinutes));
    }
    s.days = days.sort(
      (a, b) =>
        a.week - b.week ||
        policy.cycle.weekdays.indexOf(a.weekday) - policy.cycle.weekdays.indexOf(b.weekday) ||
        (a.weekday < b.weekday ? -1 : 1),
    );
  }
  return {
    ...plan,
    outlets,
    reps: planReps,
    supervisors,
    escortChanges: escortChanges(input.previous, outlets),
    warnings: [...plan.warnings, ...unmetWarnings(outlets)],
  };
}

/** Reps with escorted stops marked (`escortedBy`) and days with extra minutes re-timed. */
function escortedRepDays(
  plan: Plan,
  outlets: readonly PlanOutlet[],
  days: ReturnType<typeof assignEscorts>['days'],
  policy: Policy,
  travel: TravelModel,
): PlanRep[] {
  const joined = new Map<string, Map<string, string[]>>();
  const extra = new Map<string, Map<string, number>>();
  const outletById = new Map(outlets.map((o) => [o.id, o]));
  for (const [supervisorId, byKey] of days) {
    for (const day of byKey.values()) {
      const key = `${day.repId}|${dayKey(day.week, day.weekday)}`;
      const who = joined.get(key) ?? new Map<string, string[]>();
      const minutes = extra.get(key) ?? new Map<string, number>();
      for (const stop of day.stops) {
        who.set(stop.outletId, [...(who.get(stop.outletId) ?? []), supervisorId].sort());
        const escort = outletById.get(stop.outletId)?.escorts?.find((e) => e.supervisorId === supervisorId);
        minutes.set(stop.outletId, (minutes.get(stop.outletId) ?? 0) + (escort?.extraMinutes ?? 0));
      }
      joined.set(key, who);
      extra.set(key, minutes);
    }
  }
  return plan.reps.map((rep) => {
    if (!rep.days?.some((d) => joined.has(`${rep.id}|${dayKey(d.week, d.weekday)}`))) return rep;
    const repDays = rep.days.map((d) => {
      const key = `${rep.id}|${dayKey(d.week, d.weekday)}`;
      const who = joined.get(key);
      if (!who) return d;
      const timed = retimeEscortedDay({
        day: d,
        rep,
        outlets: outletById,
        extraMinutes: extra.get(key) ?? new Map(),
        policy,
        travel,
      });
      return {
        ...timed,
        stops: timed.stops.map((s) => (who.has(s.outletId) ? { ...s, escortedBy: who.get(s.outletId) } : s)),
      };
    });
    return { ...rep, days: repDays };
  });
}

/** One warning per role with unmet escorts: how many outlets, the first few and why. */
function unmetWarnings(outlets: readonly PlanOutlet[]): string[] {
  const byRole = new Map<string, Array<{ id: string; reason: string }>>();
  for (const o of outlets) {
    for (const e of o.escorts ?? []) {
      if (e.unmet === undefined) continue;
      byRole.set(e.role, [...(byRole.get(e.role) ?? []), { id: o.id, reason: e.unmet }]);
    }
  }
  return [...byRole].map(([role, list]) => {
    const unmet = list
      .slice(0, 5)
      .map((u) => warningText('warning.label.escortUnmetItem', { outlet: u.id, reason: u.reason }))
      .join(warningText('warning.label.itemSeparator'));
    const params = { role, count: list.length, unmet };
    return list.length > 5
      ? warningText('warning.escortsUnmetMore', params)
      : warningText('warning.escortsUnmet', params);
  });
}
