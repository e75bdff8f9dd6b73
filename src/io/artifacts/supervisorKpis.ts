import { maxOf } from '../../domain/extremes.js';
import type { Plan } from '../../domain/plan/planTypes.js';

/** summary.json `supervisors[]`: one supervisor's escorted-visit figures over the cycle. */
export interface SupervisorKpis {
  supervisorId: string;
  name: string;
  role: string;
  /** Joint visits in the cycle (stops with a rep). */
  jointVisits: number;
  /** Days in the field (days with at least one joint visit) and the supervisor's working days in the cycle. */
  fieldDays: number;
  workingDays: number;
  /** Reps joined at least once. */
  repsJoined: number;
  /** Outlets whose escort cadence names the supervisor's role and one of their reps. */
  keyAccounts: number;
  /** Of those, the ones this supervisor escorts at the cadence. */
  keyAccountsCovered: number;
  /** keyAccountsCovered / keyAccounts (1 when there are none). */
  coverage: number;
  fieldMinutes: number;
  maxDayFieldMinutes: number;
  overBudgetDays: number;
}

/**
 * Per supervisor: joint visits, field days, reps joined, and coverage of their key accounts (the
 * outlets of their reps whose tier has an escort cadence for their role; an unmet escort of such
 * an outlet counts against every supervisor of the role who supervises its rep). Working days
 * are counted over the plan's cycle: the largest week any day route names (the plan does not
 * store the policy). Empty without supervisors.
 */
export function supervisorKpis(plan: Plan): SupervisorKpis[] {
  const cycleWeeks = Math.max(1, maxOf(plan.reps.flatMap((r) => (r.days ?? []).map((d) => d.week))));
  return (plan.supervisors ?? []).map((s) => {
    let keyAccounts = 0;
    let covered = 0;
    for (const outlet of plan.outlets) {
      if (outlet.repId === null || !s.reps.includes(outlet.repId)) continue;
      const escort = outlet.escorts?.find((e) => e.role === s.role);
      if (!escort) continue;
      if (escort.supervisorId === s.id) {
        keyAccounts++;
        covered++;
      } else if (escort.supervisorId === null) keyAccounts++;
    }
    const field = s.days.map((d) => d.fieldMinutes);
    return {
      supervisorId: s.id,
      name: s.name,
      role: s.role,
      jointVisits: s.days.reduce((n, d) => n + d.stops.length, 0),
      fieldDays: s.days.length,
      workingDays: s.workingDays.length * cycleWeeks,
      repsJoined: new Set(s.days.map((d) => d.repId)).size,
      keyAccounts,
      keyAccountsCovered: covered,
      coverage: keyAccounts === 0 ? 1 : Math.round((covered / keyAccounts) * 1000) / 1000,
      fieldMinutes: field.reduce((a, b) => a + b, 0),
      maxDayFieldMinutes: field.length === 0 ? 0 : maxOf(field),
      overBudgetDays: s.days.filter((d) => d.overBudgetMinutes > 0).length,
    };
  });
}
