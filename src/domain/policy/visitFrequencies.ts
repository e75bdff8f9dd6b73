import type { VisitFrequency } from './policySchema.js';

/** The one table of frequency rules: weekdays visited in a visited week, and weeks between visited weeks. */
export const FREQUENCY_RULES: Readonly<Record<VisitFrequency, { weekdays: number; everyWeeks: number }>> = {
  'twice-weekly': { weekdays: 2, everyWeeks: 1 },
  weekly: { weekdays: 1, everyWeeks: 1 },
  'every-2-weeks': { weekdays: 1, everyWeeks: 2 },
  'every-4-weeks': { weekdays: 1, everyWeeks: 4 },
};

/** Visits per week a frequency asks for (0.25 for every 4 weeks). */
export function visitsPerWeek(frequency: VisitFrequency): number {
  const rule = FREQUENCY_RULES[frequency];
  return rule.weekdays / rule.everyWeeks;
}

/**
 * Weeks between visits for a frequency in a cycle of `weeks` weeks: the nominal interval, clipped
 * to the cycle length so that every outlet is visited at least once per cycle (every 4 weeks in a
 * 2-week cycle is every 2 weeks).
 */
export function cycleEveryWeeks(frequency: VisitFrequency, weeks: number): number {
  return Math.max(1, Math.min(FREQUENCY_RULES[frequency].everyWeeks, weeks));
}

/**
 * Whether every pattern of the frequency visits equally often in a cycle of `weeks` weeks: the
 * cycle is a whole number of intervals, or no longer than one (then clipped, see cycleEveryWeeks).
 * A 3-week cycle with `every-2-weeks` is not: first week 1 gives two visits, first week 2 one.
 */
export function frequencyFitsCycle(frequency: VisitFrequency, weeks: number): boolean {
  return weeks % cycleEveryWeeks(frequency, weeks) === 0;
}

/**
 * Visits per cycle of a frequency over a cycle of `weeks` weeks, as the cycle stage plans them
 * (clipped interval). Fractional only for a cycle the frequency does not fit, which the policy
 * refuses.
 */
export function visitsPerCycle(frequency: VisitFrequency, weeks: number): number {
  return (FREQUENCY_RULES[frequency].weekdays * weeks) / cycleEveryWeeks(frequency, weeks);
}
