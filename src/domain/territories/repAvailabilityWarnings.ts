import type { PlanRep } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import { warningText } from '../../i18n/warningText.js';

/** Slack before a capacity counts as larger than the rep's working time (rounding of days). */
const CAPACITY_SLACK = 0.05;

/**
 * Warns about reps whose `capacity` promises more time than their working days and daily minutes
 * give. Territory targets are shared in proportion to `capacity` alone (so a planner can express
 * any arrangement), which means a rep who works 3 of 5 weekdays with capacity 1 is given a
 * full-time territory that the cycle stage then cannot fit. Rather than guess which of the two
 * figures is wrong, the plan names the rep and the capacity its time would justify.
 */
export function repAvailabilityWarnings(reps: readonly PlanRep[], policy: Policy): string[] {
  const cycleDays = policy.cycle.weekdays.length;
  const warnings: string[] = [];
  for (const rep of reps) {
    if (rep.pool === null || rep.capacity <= 0 || cycleDays === 0) continue;
    const fullDay = policy.day.byRepTier[rep.tier]?.budgetMinutes ?? policy.day.budgetMinutes;
    const workingDays = rep.workingDays.filter((d) => policy.cycle.weekdays.includes(d)).length;
    const share = (workingDays / cycleDays) * (rep.dailyMinutes / fullDay);
    if (rep.capacity > share + CAPACITY_SLACK) {
      warnings.push(
        warningText('warning.repCapacity', {
          rep: rep.id,
          capacity: rep.capacity,
          workingDays,
          cycleDays,
          dailyMinutes: rep.dailyMinutes,
          fullDay,
          percent: Math.round(share * 100),
          repTier: rep.tier,
          share: share.toFixed(2),
        }),
      );
    }
  }
  return warnings;
}
