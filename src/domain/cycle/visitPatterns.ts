import type { Visit, VisitPattern } from '../plan/planTypes.js';
import type { VisitFrequency } from '../policy/policySchema.js';
import { FREQUENCY_RULES, cycleEveryWeeks } from '../policy/visitFrequencies.js';
import { WEEKDAYS, type Weekday } from '../types.js';
import type { CycleSlots } from './cycleSlots.js';

/** A pattern an outlet may follow, with the cycle slots it visits. */
export interface PatternOption {
  pattern: VisitPattern;
  /** Slots (see cycleSlots.ts) of the visits, ascending. */
  slots: number[];
}

/** The valid patterns of one frequency for one rep, and why the rules had to be relaxed (if so). */
export interface PatternOptions {
  options: PatternOption[];
  /** Null when the frequency is met as specified; otherwise what was relaxed and why. */
  relaxed: string | null;
}

/** Minimum calendar days between the two weekdays of a twice-weekly pattern (either way round the week). */
export const TWICE_WEEKLY_MIN_GAP_DAYS = 2;

function calendarGap(a: Weekday, b: Weekday): number {
  const gap = Math.abs(WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  return Math.min(gap, 7 - gap);
}

/**
 * The slots a pattern visits in this rep's cycle, or null when the pattern does not fit it (a
 * weekday the rep does not work, or a first week outside the cycle).
 */
export function patternSlots(pattern: VisitPattern, slots: CycleSlots): number[] | null {
  const dayIndexes = pattern.weekdays.map((d) => slots.weekdays.indexOf(d));
  if (dayIndexes.some((i) => i < 0)) return null;
  if (pattern.everyWeeks < 1 || pattern.firstWeek < 1 || pattern.firstWeek > pattern.everyWeeks) return null;
  if (pattern.firstWeek > slots.weeks) return null;
  const result: number[] = [];
  for (let week = pattern.firstWeek - 1; week < slots.weeks; week += pattern.everyWeeks) {
    for (const dayIndex of dayIndexes) result.push(slots.slotOf(week, dayIndex));
  }
  return result.sort((a, b) => a - b);
}

/** The dated visits (1-based week, weekday) of a pattern over a cycle of `weeks` weeks, in time order. */
export function visitsOfPattern(pattern: VisitPattern, weeks: number): Visit[] {
  const days = [...pattern.weekdays].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const visits: Visit[] = [];
  for (let week = pattern.firstWeek; week <= weeks; week += pattern.everyWeeks) {
    for (const weekday of days) visits.push({ week, weekday });
  }
  return visits;
}

/**
 * Enumerates every regular pattern a frequency allows on a rep's working days: twice a week, the
 * same two weekdays at least two calendar days apart every week; weekly, one weekday every week;
 * every 2 (4) weeks, one weekday in alternate weeks (once per 4 weeks) with each possible first
 * week. When the rep's working days cannot hold a twice-weekly pair, the gap rule is relaxed
 * (and with a single working day the outlet is visited weekly); `relaxed` says so.
 */
export function enumeratePatterns(frequency: VisitFrequency, slots: CycleSlots): PatternOptions {
  const withSlots = (patterns: VisitPattern[]): PatternOption[] =>
    patterns.map((pattern) => ({ pattern, slots: patternSlots(pattern, slots) ?? [] }));
  const days = slots.weekdays;
  if (frequency === 'twice-weekly') {
    const pairs: VisitPattern[] = [];
    const closePairs: VisitPattern[] = [];
    for (let i = 0; i < days.length; i++) {
      for (let j = i + 1; j < days.length; j++) {
        const pair = { weekdays: [days[i] as Weekday, days[j] as Weekday], everyWeeks: 1, firstWeek: 1 };
        (calendarGap(pair.weekdays[0] as Weekday, pair.weekdays[1] as Weekday) >= TWICE_WEEKLY_MIN_GAP_DAYS
          ? pairs
          : closePairs
        ).push(pair);
      }
    }
    if (pairs.length > 0) return { options: withSlots(pairs), relaxed: null };
    if (closePairs.length > 0) {
      return {
        options: withSlots(closePairs),
        relaxed: `working days ${days.join(',')} hold no two days ${TWICE_WEEKLY_MIN_GAP_DAYS}+ days apart: twice-weekly visits on adjacent days`,
      };
    }
    return {
      options: withSlots(days.map((d) => ({ weekdays: [d], everyWeeks: 1, firstWeek: 1 }))),
      relaxed: `a single working day (${days.join(',')}) cannot hold twice-weekly visits: visited weekly`,
    };
  }
  const everyWeeks = cycleEveryWeeks(frequency, slots.weeks);
  const patterns: VisitPattern[] = [];
  for (let firstWeek = 1; firstWeek <= everyWeeks; firstWeek++) {
    for (const d of days) patterns.push({ weekdays: [d], everyWeeks, firstWeek });
  }
  const relaxed =
    everyWeeks < FREQUENCY_RULES[frequency].everyWeeks
      ? `a ${slots.weeks}-week cycle is shorter than the ${frequency} interval: visited every ${everyWeeks} week(s)`
      : null;
  return { options: withSlots(patterns), relaxed };
}

/** True when `pattern` is one of the patterns `enumeratePatterns` allows for this frequency and rep. */
export function isValidPattern(pattern: VisitPattern, frequency: VisitFrequency, slots: CycleSlots): boolean {
  return enumeratePatterns(frequency, slots).options.some((o) => samePattern(o.pattern, pattern));
}

/** Structural equality of two patterns (weekday order ignored). */
export function samePattern(a: VisitPattern, b: VisitPattern): boolean {
  if (a.everyWeeks !== b.everyWeeks || a.firstWeek !== b.firstWeek || a.weekdays.length !== b.weekdays.length)
    return false;
  return a.weekdays.every((d) => b.weekdays.includes(d));
}
