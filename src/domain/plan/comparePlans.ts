import { warningText } from '../../i18n/warningText.js';
import { planDifference, type PlanDifference } from './planDifference.js';
import { planFigures, type PlanFigures } from './planFigures.js';
import type { Plan } from './planTypes.js';

/** One plan of a comparison: its figures, and how it differs from the baseline. */
export interface ComparedPlan {
  figures: PlanFigures;
  /** Against the baseline (the first plan); null for the baseline itself. */
  againstBaseline: PlanDifference | null;
}

/** A side-by-side comparison of plans; the first is the baseline. */
export interface PlanComparison {
  plans: ComparedPlan[];
  /** Every pool of any plan, in order of first appearance (the rows of the per-pool figures). */
  poolIds: string[];
  /** Things that make the comparison less meaningful, e.g. plans of different regions. */
  warnings: string[];
}

/**
 * Sets plans side by side for a manager choosing between them (current against scenarios or
 * candidates): every plan's figures (planFigures: staffing per pool, quantity, quality, travel,
 * balance, commute, over-budget days, late stops) and, for each plan after the first, the
 * outlets that change rep or weekday against the first (planDifference; outlets only one of
 * the two has are listed apart). Throws when given no plan. Pure.
 */
export function comparePlans(
  plans: ReadonlyArray<Pick<Plan, 'region' | 'outlets' | 'reps' | 'pools'>>,
): PlanComparison {
  const baseline = plans[0];
  if (!baseline) throw new Error('comparePlans: no plans to compare');
  const poolIds: string[] = [];
  for (const plan of plans)
    for (const pool of plan.pools) if (!poolIds.includes(pool.id)) poolIds.push(pool.id);
  const regions = [...new Set(plans.map((p) => p.region))];
  const warnings =
    regions.length > 1 ? [warningText('warning.compareRegions', { regions: regions.join(', ') })] : [];
  return {
    plans: plans.map((plan, i) => ({
      figures: planFigures(plan),
      againstBaseline: i === 0 ? null : planDifference(baseline, plan),
    })),
    poolIds,
    warnings,
  };
}
