import type { Plan } from '../../domain/plan/planTypes.js';
import { supervisorKpis } from '../../io/artifacts/supervisorKpis.js';
import type { Translate } from '../../i18n/catalog.js';
import { renderTable } from './table.js';

const SUPERVISOR_COLUMNS = [
  'supervisor',
  'role',
  'jointVisits',
  'fieldDays',
  'repsJoined',
  'keyAccounts',
  'covered',
  'maxFieldMinutes',
  'overBudgetDays',
] as const;

/**
 * The supervisor table printed after `territory plan` for a region with supervisors.csv: per
 * supervisor the role, joint visits and field days in the cycle, reps joined, key accounts
 * covered at their cadence, the longest field day and over-budget days, labelled from the
 * catalogue of `t`; null without supervisors.
 */
export function renderSupervisorTable(plan: Plan, t: Translate): string | null {
  if (!plan.supervisors) return null;
  const escortChanges = plan.escortChanges?.length ?? 0;
  return `${renderTable(
    SUPERVISOR_COLUMNS.map((c) => t(`cli.supervisors.${c}`)),
    supervisorKpis(plan).map((k) => [
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
  )}\n\n${t('cli.supervisors.escortChanges', { count: escortChanges })}`;
}
