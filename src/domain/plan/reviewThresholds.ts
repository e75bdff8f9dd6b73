import type { ReviewPolicy } from '../policy/policySchema.js';
import type { Plan } from './planTypes.js';
import { poolUtilisation } from './poolUtilisation.js';
import { warningText } from '../../i18n/warningText.js';

/** One review threshold a plan exceeds, with the measured value. */
export interface ReviewBreach {
  /** The policy key, e.g. `review.maxRepChangeShare`. */
  threshold: 'review.maxRepChangeShare' | 'review.maxWeekdayChangeShare' | 'review.maxPoolWorkingTime';
  /** The policy's limit. */
  limit: number;
  /** What the plan measures (a share, 0-1 or above for working time). */
  measured: number;
  /** The pool measured, for `review.maxPoolWorkingTime`. */
  pool?: string;
  /** The breach in words, e.g. "5.2% of outlets change rep (72 of 1,399), above review.maxRepChangeShare 3%". */
  message: string;
}

const percent = (share: number): string => `${(Math.round(share * 1000) / 10).toString()}%`;

/**
 * The review thresholds a rebuild exceeds against its previous plan: the share of outlets that
 * change rep (new outlets excluded), the share whose weekday pattern changes, and every pool whose
 * planned route time is above `maxPoolWorkingTime` of its reps' working time. Empty when the plan
 * may publish directly. Pure; needs a plan with the territory and cycle stages.
 */
export function reviewBreaches(
  plan: Pick<Plan, 'outlets' | 'repChanges' | 'dayChanges' | 'pools' | 'reps'>,
  review: ReviewPolicy,
): ReviewBreach[] {
  const breaches: ReviewBreach[] = [];
  const outlets = plan.outlets.length;
  if (outlets > 0) {
    const moved = plan.repChanges.filter((c) => c.from !== null).length;
    const repShare = moved / outlets;
    if (repShare > review.maxRepChangeShare)
      breaches.push({
        threshold: 'review.maxRepChangeShare',
        limit: review.maxRepChangeShare,
        measured: round(repShare),
        message: warningText('warning.review.repShare', {
          share: percent(repShare),
          moved,
          outlets,
          limit: percent(review.maxRepChangeShare),
        }),
      });
    const dayShare = plan.dayChanges.length / outlets;
    if (dayShare > review.maxWeekdayChangeShare)
      breaches.push({
        threshold: 'review.maxWeekdayChangeShare',
        limit: review.maxWeekdayChangeShare,
        measured: round(dayShare),
        message: warningText('warning.review.dayShare', {
          share: percent(dayShare),
          changed: plan.dayChanges.length,
          outlets,
          limit: percent(review.maxWeekdayChangeShare),
        }),
      });
  }
  for (const pool of poolUtilisation(plan)) {
    if (pool.utilisation === null || pool.utilisation <= review.maxPoolWorkingTime) continue;
    breaches.push({
      threshold: 'review.maxPoolWorkingTime',
      limit: review.maxPoolWorkingTime,
      measured: pool.utilisation,
      pool: pool.poolId,
      message: warningText('warning.review.poolTime', {
        pool: pool.poolId,
        share: percent(pool.utilisation),
        planned: pool.plannedMinutes,
        available: pool.availableMinutes,
        limit: percent(review.maxPoolWorkingTime),
      }),
    });
  }
  return breaches;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
