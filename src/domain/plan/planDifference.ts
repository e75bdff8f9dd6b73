import type { Weekday } from '../types.js';
import { outletWeekdays, sameWeekdays } from './outletWeekdays.js';
import type { Plan } from './planTypes.js';

/** An outlet of both plans whose rep or weekdays differ, with both sides (for lists and the map). */
export interface ChangedOutlet {
  outletId: string;
  /** Rep in the baseline and in the plan (null: unassigned). */
  fromRep: string | null;
  toRep: string | null;
  /** Weekdays in the baseline and in the plan (null: no cycle stage). */
  fromWeekdays: Weekday[] | null;
  toWeekdays: Weekday[] | null;
  repChanged: boolean;
  weekdayChanged: boolean;
}

/** How a plan differs from the baseline, outlet by outlet. */
export interface PlanDifference {
  /** Outlets in both plans: the shares below are of these. */
  commonOutlets: number;
  repChanged: number;
  repChangedShare: number;
  weekdayChanged: number;
  weekdayChangedShare: number;
  /** Outlets that change rep, weekday or both. */
  changed: number;
  changedShare: number;
  /** Outlets of this plan that the baseline does not have (e.g. new ones), by id; not in the shares. */
  onlyInPlan: string[];
  /** Outlets of the baseline this plan does not have (e.g. closed ones), by id; not in the shares. */
  onlyInBaseline: string[];
  /** Every changed outlet, by id. */
  outlets: ChangedOutlet[];
}

const share = (count: number, of: number): number => (of > 0 ? Math.round((count / of) * 1e4) / 1e4 : 0);
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares a plan with a baseline outlet by outlet: among the outlets both plans have, which
 * change rep and which change weekdays (outletWeekdays: the pattern's days, so a fortnightly
 * outlet moved to the other week keeps its weekday; an outlet without a cycle stage on either
 * side is not compared on weekdays), with counts and shares of the common outlets. Outlets only
 * one plan has (new, closed, quarantined) are listed apart and never counted as changes. Pure;
 * lists are ordered by outlet id.
 */
export function planDifference(baseline: Pick<Plan, 'outlets'>, plan: Pick<Plan, 'outlets'>): PlanDifference {
  const before = new Map(baseline.outlets.map((o) => [o.id, o]));
  const here = new Set(plan.outlets.map((o) => o.id));
  const outlets: ChangedOutlet[] = [];
  const onlyInPlan: string[] = [];
  let common = 0;
  let repChanged = 0;
  let weekdayChanged = 0;
  for (const outlet of plan.outlets) {
    const old = before.get(outlet.id);
    if (!old) {
      onlyInPlan.push(outlet.id);
      continue;
    }
    common += 1;
    const fromWeekdays = outletWeekdays(old);
    const toWeekdays = outletWeekdays(outlet);
    const rep = old.repId !== outlet.repId;
    const days = fromWeekdays !== null && toWeekdays !== null && !sameWeekdays(fromWeekdays, toWeekdays);
    if (rep) repChanged += 1;
    if (days) weekdayChanged += 1;
    if (rep || days)
      outlets.push({
        outletId: outlet.id,
        fromRep: old.repId,
        toRep: outlet.repId,
        fromWeekdays,
        toWeekdays,
        repChanged: rep,
        weekdayChanged: days,
      });
  }
  const onlyInBaseline = baseline.outlets.filter((o) => !here.has(o.id)).map((o) => o.id);
  outlets.sort((a, b) => byId(a.outletId, b.outletId));
  return {
    commonOutlets: common,
    repChanged,
    repChangedShare: share(repChanged, common),
    weekdayChanged,
    weekdayChangedShare: share(weekdayChanged, common),
    changed: outlets.length,
    changedShare: share(outlets.length, common),
    onlyInPlan: onlyInPlan.sort(byId),
    onlyInBaseline: onlyInBaseline.sort(byId),
    outlets,
  };
}
