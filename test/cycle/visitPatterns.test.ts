import { describe, expect, it } from 'vitest';
import { createCycleSlots } from '../../src/domain/cycle/cycleSlots.js';
import { sectorDayOrder } from '../../src/domain/cycle/sectorOrder.js';
import {
  enumeratePatterns,
  isValidPattern,
  patternSlots,
  visitsOfPattern,
} from '../../src/domain/cycle/visitPatterns.js';
import type { Weekday } from '../../src/domain/types.js';

const WEEKDAYS_5: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

describe('enumeratePatterns', () => {
  const slots = createCycleSlots(4, WEEKDAYS_5);

  it('twice-weekly: the six Mon-Fri pairs at least two days apart, every week', () => {
    const { options, relaxed } = enumeratePatterns('twice-weekly', slots);
    expect(relaxed).toBeNull();
    expect(options.map((o) => o.pattern.weekdays.join('/'))).toEqual([
      'Mon/Wed',
      'Mon/Thu',
      'Mon/Fri',
      'Tue/Thu',
      'Tue/Fri',
      'Wed/Fri',
    ]);
    for (const o of options) expect(o.slots).toHaveLength(8);
  });

  it('weekly: one weekday every week; every 2 and 4 weeks: weekday x first week', () => {
    expect(enumeratePatterns('weekly', slots).options).toHaveLength(5);
    const biweekly = enumeratePatterns('every-2-weeks', slots).options;
    expect(biweekly).toHaveLength(10);
    expect(biweekly.every((o) => o.slots.length === 2 && o.pattern.everyWeeks === 2)).toBe(true);
    const monthly = enumeratePatterns('every-4-weeks', slots).options;
    expect(monthly).toHaveLength(20);
    expect(monthly.every((o) => o.slots.length === 1)).toBe(true);
  });

  it('with Mon-Sat, Sat/Mon is a valid pair (two days apart across the weekend) and Fri/Sat is not', () => {
    const six = createCycleSlots(4, [...WEEKDAYS_5, 'Sat']);
    const pairs = enumeratePatterns('twice-weekly', six).options.map((o) => o.pattern.weekdays.join('/'));
    expect(pairs).toContain('Mon/Sat');
    expect(pairs).not.toContain('Fri/Sat');
  });

  it('relaxes and says so when the working days cannot hold the rule', () => {
    const twoAdjacent = createCycleSlots(4, ['Tue', 'Wed']);
    const result = enumeratePatterns('twice-weekly', twoAdjacent);
    expect(result.relaxed).toMatch(/adjacent/);
    expect(result.options.map((o) => o.pattern.weekdays)).toEqual([['Tue', 'Wed']]);
    const single = enumeratePatterns('twice-weekly', createCycleSlots(4, ['Thu']));
    expect(single.relaxed).toMatch(/weekly/);
    const short = enumeratePatterns('every-4-weeks', createCycleSlots(2, WEEKDAYS_5));
    expect(short.relaxed).toMatch(/every 2 week/);
  });
});

describe('pattern slots and visits', () => {
  const slots = createCycleSlots(4, WEEKDAYS_5);

  it('maps a pattern to its slots (week x 5 + weekday) and dated visits', () => {
    const pattern = { weekdays: ['Wed'] as Weekday[], everyWeeks: 2, firstWeek: 2 };
    expect(patternSlots(pattern, slots)).toEqual([7, 17]);
    expect(visitsOfPattern(pattern, 4)).toEqual([
      { week: 2, weekday: 'Wed' },
      { week: 4, weekday: 'Wed' },
    ]);
    expect(visitsOfPattern({ weekdays: ['Thu', 'Mon'], everyWeeks: 1, firstWeek: 1 }, 2)).toEqual([
      { week: 1, weekday: 'Mon' },
      { week: 1, weekday: 'Thu' },
      { week: 2, weekday: 'Mon' },
      { week: 2, weekday: 'Thu' },
    ]);
  });

  it('rejects patterns on days the rep does not work or outside the cycle', () => {
    expect(patternSlots({ weekdays: ['Sat'], everyWeeks: 1, firstWeek: 1 }, slots)).toBeNull();
    expect(patternSlots({ weekdays: ['Mon'], everyWeeks: 2, firstWeek: 3 }, slots)).toBeNull();
    expect(
      isValidPattern({ weekdays: ['Mon', 'Tue'], everyWeeks: 1, firstWeek: 1 }, 'twice-weekly', slots),
    ).toBe(false);
    expect(
      isValidPattern({ weekdays: ['Fri', 'Mon'], everyWeeks: 1, firstWeek: 1 }, 'twice-weekly', slots),
    ).toBe(true);
  });
});

describe('sectorDayOrder', () => {
  it('puts days that can pair for twice-weekly visits next to each other', () => {
    const order = sectorDayOrder(WEEKDAYS_5).map((i) => WEEKDAYS_5[i]);
    expect(order).toEqual(['Mon', 'Wed', 'Fri', 'Tue', 'Thu']);
  });
});
