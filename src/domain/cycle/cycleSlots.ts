import type { Weekday } from '../types.js';
import { WEEKDAYS } from '../types.js';

/**
 * The working days of one rep's visit cycle, numbered 0..count-1 week by week
 * (slot = week index x working days + weekday index). Every planning structure of the cycle
 * stage is indexed by these slots.
 */
export interface CycleSlots {
  readonly weeks: number;
  /** The rep's working weekdays in ISO order (Monday first), without duplicates. */
  readonly weekdays: readonly Weekday[];
  readonly count: number;
  /** Slot of a 0-based week and an index into `weekdays`. */
  slotOf(weekIndex: number, weekdayIndex: number): number;
  /** 0-based week of a slot. */
  weekOf(slot: number): number;
  /** Weekday of a slot. */
  weekdayOf(slot: number): Weekday;
}

/**
 * Builds the slot numbering for a cycle of `weeks` weeks over the given working days. Weekdays
 * are de-duplicated and put in ISO order so that the same working days always give the same slots.
 */
export function createCycleSlots(weeks: number, workingDays: readonly Weekday[]): CycleSlots {
  if (!Number.isInteger(weeks) || weeks < 1)
    throw new Error(`cycle weeks must be a positive integer, got ${weeks}`);
  const weekdays = WEEKDAYS.filter((d) => workingDays.includes(d));
  if (weekdays.length === 0) throw new Error('a rep needs at least one working day to plan a visit cycle');
  const perWeek = weekdays.length;
  return {
    weeks,
    weekdays,
    count: weeks * perWeek,
    slotOf: (weekIndex, weekdayIndex) => weekIndex * perWeek + weekdayIndex,
    weekOf: (slot) => Math.floor(slot / perWeek),
    weekdayOf: (slot) => weekdays[slot % perWeek] as Weekday,
  };
}
