import type { Plan } from '../../domain/plan/planTypes.js';
import { supervisorKpis } from '../../io/artifacts/supervisorKpis.js';
import { renderTable } from './table.js';

/**
 * The supervisor table printed after `territory plan` for a region with supervisors.csv: per
 * supervisor the role, joint visits and field days in the cycle, reps joined, key accounts
 * covered at their cadence, the longest field day and over-budget days; null without supervisors.
 */
export function renderSupervisorTable(plan: Plan): string | null {
  if (!plan.supervisors) return null;
  const weeks = Math.max(1, ...plan.reps.flatMap((r) => (r.days ?? []).map((d) => d.week)));
  const escortChanges = plan.escortChanges?.length ?? 0;
  return `${renderTable(
    [
      'supervisor',
      'role',
      'joint visits',
      'field days',
      'reps joined',
      'key accounts',
      'covered %',
      'max field min',
      'over-budget days',
    ],
    supervisorKpis(plan, weeks).map((k) => [
      k.supervisorId,
      k.role,
      k.jointVisits,
      `${k.fieldDays}/${k.workingDays}`,
      k.repsJoined,
      `${k.keyAccountsCovered}/${k.keyAccounts}`,
      k.coverage * 100,
      k.maxDayFieldMinutes,
      k.overBudgetDays,
    ]),
  )}\n\nEscort changes against the previous plan: ${escortChanges}`;
}
