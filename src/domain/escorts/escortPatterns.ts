import { warningText } from '../../i18n/warningText.js';
import { samePattern } from '../cycle/visitPatterns.js';
import type { VisitPattern } from '../plan/planTypes.js';
import type { VisitFrequency } from '../policy/policySchema.js';
import { FREQUENCY_RULES, cycleEveryWeeks } from '../policy/visitFrequencies.js';
import { WEEKDAYS, type Weekday } from '../types.js';

/** The escort patterns a cadence allows on one outlet, or why it allows none. */
export type EscortPatternOptions =
  { patterns: VisitPattern[]; unmet: null } | { patterns: []; unmet: string };

function subsets(days: readonly Weekday[], size: number): Weekday[][] {
  if (size === 0) return [[]];
  const result: Weekday[][] = [];
  days.forEach((day, i) => {
    for (const rest of subsets(days.slice(i + 1), size - 1)) result.push([day, ...rest]);
  });
  return result;
}

/**
 * The regular patterns at which a supervisor can join the rep's visits to an outlet at
 * `frequency`, over a cycle of `weeks` weeks: the sub-patterns of the rep's pattern with the
 * frequency's weekdays per visited week (a subset of the rep's weekdays) and its interval (a
 * multiple of the rep's, clipped to the cycle as visitFrequencies.ts clips the rep's), starting
 * in a week the rep visits. Weekly rep visits and an every-2-weeks escort give the rep's weekday
 * in week 1 or in week 2; a twice-weekly rep and a weekly escort either of the rep's two days.
 * When the rep visits less often than the cadence asks, there is none, and `unmet` says why.
 * Ordered by first week, then weekday, so the choice among equals is deterministic.
 */
export function escortPatternOptions(
  repPattern: VisitPattern,
  frequency: VisitFrequency,
  weeks: number,
): EscortPatternOptions {
  const perWeek = FREQUENCY_RULES[frequency].weekdays;
  const everyWeeks = cycleEveryWeeks(frequency, weeks);
  const repDays = WEEKDAYS.filter((d) => repPattern.weekdays.includes(d));
  if (perWeek > repDays.length || everyWeeks % repPattern.everyWeeks !== 0) {
    return {
      patterns: [],
      unmet: warningText('warning.escortReason.rareVisits', {
        days: repDays.length,
        weeks: repPattern.everyWeeks,
        frequency,
      }),
    };
  }
  const patterns: VisitPattern[] = [];
  for (let firstWeek = 1; firstWeek <= everyWeeks; firstWeek++) {
    if ((firstWeek - repPattern.firstWeek) % repPattern.everyWeeks !== 0) continue;
    for (const days of subsets(repDays, perWeek)) patterns.push({ weekdays: days, everyWeeks, firstWeek });
  }
  return { patterns, unmet: null };
}

/**
 * Whether `escort` is a sub-pattern of `rep` for `frequency` in a cycle of `weeks` weeks (one
 * of escortPatternOptions' patterns): what the publish gate checks of every escort.
 */
export function isEscortSubPattern(
  escort: VisitPattern,
  rep: VisitPattern,
  frequency: VisitFrequency,
  weeks: number,
): boolean {
  const { patterns } = escortPatternOptions(rep, frequency, weeks);
  return patterns.some((p) => samePattern(p, escort));
}
