import { WEEKDAYS, type Weekday } from '../types.js';
import type { PlanOutlet } from './planTypes.js';

/**
 * The weekdays an outlet is visited on, in ISO order: its regular pattern's weekdays, else the
 * distinct weekdays of its visits, else null when the plan has no cycle stage for it. This is
 * what "the outlet changes weekday" means between two plans (changes.json, compare), so a
 * fortnightly outlet that only moves to the other week keeps its weekday.
 */
export function outletWeekdays(outlet: Pick<PlanOutlet, 'pattern' | 'visits'>): Weekday[] | null {
  if (outlet.pattern)
    return [...outlet.pattern.weekdays].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  if (!outlet.visits) return null;
  return WEEKDAYS.filter((d) => outlet.visits?.some((v) => v.weekday === d));
}

/** True when two weekday lists in ISO order (as outletWeekdays returns them) are the same days. */
export function sameWeekdays(a: readonly Weekday[], b: readonly Weekday[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
