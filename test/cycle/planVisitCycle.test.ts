import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCycleSlots } from '../../src/domain/cycle/cycleSlots.js';
import {
  planVisitCycle,
  type CycleOutlet,
  type PlanVisitCycleInput,
} from '../../src/domain/cycle/planVisitCycle.js';
import { isValidPattern, visitsOfPattern } from '../../src/domain/cycle/visitPatterns.js';
import type { VisitFrequency } from '../../src/domain/policy/policySchema.js';
import { clockToMinutes } from '../../src/domain/policy/resolvePolicy.js';
import { createRandom } from '../../src/domain/random.js';
import { greatCircleTravelModel } from '../../src/domain/routing/travelModel.js';
import type { LonLat, Weekday } from '../../src/domain/types.js';

const travel = greatCircleTravelModel({ speedKmh: 25, circuity: 1.35 });
const FREQUENCIES: VisitFrequency[] = ['twice-weekly', 'weekly', 'every-2-weeks', 'every-4-weeks'];

/** A rep with `count` outlets in a few clusters around a city centre; a share of them windowed. */
function randomInput(
  seed: number,
  count: number,
  workingDays: Weekday[],
  weeks: number,
): PlanVisitCycleInput {
  const random = createRandom(seed);
  const centres = Array.from({ length: 3 }, () => [
    119.1 + random.range(-0.03, 0.03),
    36.7 + random.range(-0.03, 0.03),
  ]);
  const outlets: CycleOutlet[] = Array.from({ length: count }, (_, i) => {
    const [clon, clat] = centres[random.int(centres.length)] as number[];
    const windowed = random.next() < 0.2;
    return {
      id: `O${String(i).padStart(3, '0')}`,
      lon: (clon as number) + random.normal() * 0.008,
      lat: (clat as number) + random.normal() * 0.008,
      frequency: FREQUENCIES[random.int(FREQUENCIES.length)] as VisitFrequency,
      serviceMinutes: 8 + random.int(8),
      window: windowed ? { from: 600 + random.int(300), to: 1000 + random.int(300) } : null,
      previousPattern: null,
    };
  });
  const home: LonLat = [119.1 + random.range(-0.02, 0.02), 36.7 + random.range(-0.02, 0.02)];
  return {
    rep: { id: 'R1', home, workingDays, dayStartMinutes: 510, dailyMinutes: 480 },
    outlets,
    weeks,
    travel,
    seed,
    keepPreviousPatterns: false,
    effort: 0.3,
  };
}

const dayChoices: Weekday[][] = [
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ['Mon', 'Wed', 'Fri'],
  ['Tue', 'Thu'],
];

describe('planVisitCycle (property)', () => {
  it('visits every outlet exactly at its frequency on a valid pattern, with consistent routes from and to the base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 70 }),
        fc.constantFrom(...dayChoices),
        fc.constantFrom(2, 4),
        (seed, count, workingDays, weeks) => {
          const input = randomInput(seed, count, workingDays, weeks);
          const result = planVisitCycle(input);
          const slots = createCycleSlots(weeks, workingDays);
          const matrix = travel.matrix([input.rep.home, ...input.outlets.map((o): LonLat => [o.lon, o.lat])]);
          const indexOf = new Map(input.outlets.map((o, i) => [o.id, i + 1]));
          expect(result.days).toHaveLength(slots.count);

          // Patterns and visits.
          for (const outlet of input.outlets) {
            const pattern = result.patterns.get(outlet.id);
            expect(pattern).toBeDefined();
            if (!pattern) continue;
            const expectedVisits =
              outlet.frequency === 'twice-weekly' && workingDays.length >= 2
                ? 2 * weeks
                : outlet.frequency === 'twice-weekly' || outlet.frequency === 'weekly'
                  ? weeks
                  : outlet.frequency === 'every-2-weeks'
                    ? weeks / 2
                    : 1;
            const relaxedOk = workingDays.length === 2 && outlet.frequency === 'twice-weekly';
            expect(isValidPattern(pattern, outlet.frequency, slots)).toBe(true);
            if (!relaxedOk && workingDays.length > 2) {
              expect(result.visits.get(outlet.id)).toHaveLength(expectedVisits);
            }
            expect(result.visits.get(outlet.id)).toEqual(visitsOfPattern(pattern, weeks));
          }

          // Every visit appears exactly once on its day, nothing else appears.
          const expected = new Map<string, number>();
          for (const [id, visits] of result.visits) {
            for (const v of visits) {
              const key = `${v.week}/${v.weekday}/${id}`;
              expected.set(key, (expected.get(key) ?? 0) + 1);
            }
          }
          const seen = new Map<string, number>();
          for (const day of result.days) {
            for (const stop of day.stops) {
              const key = `${day.week}/${day.weekday}/${stop.outletId}`;
              seen.set(key, (seen.get(key) ?? 0) + 1);
            }
          }
          expect(seen).toEqual(expected);

          // Times: arrival = previous departure + travel; departure = arrival + wait + service;
          // the day starts and ends at the base. Clock strings are rounded, hence the 1-2 min slack.
          for (const day of result.days) {
            let previous = 0;
            let clock = clockToMinutes(day.start);
            expect(day.start).toBe('08:30');
            for (const [k, stop] of day.stops.entries()) {
              expect(stop.seq).toBe(k + 1);
              const node = indexOf.get(stop.outletId) as number;
              const outlet = input.outlets[node - 1] as CycleOutlet;
              const arrival = clockToMinutes(stop.arrival);
              expect(Math.abs(arrival - (clock + matrix.minutes(previous, node)))).toBeLessThanOrEqual(1);
              const departure = clockToMinutes(stop.departure);
              const wait = stop.waitMinutes ?? 0;
              expect(Math.abs(departure - (arrival + wait + outlet.serviceMinutes))).toBeLessThanOrEqual(2);
              expect(Math.abs(stop.travelKm - matrix.km(previous, node))).toBeLessThanOrEqual(0.051);
              if (outlet.window && !stop.windowViolationMinutes) {
                expect(arrival + wait).toBeGreaterThanOrEqual(outlet.window.from - 1);
                expect(arrival + wait).toBeLessThanOrEqual(outlet.window.to + 1);
              }
              clock = departure;
              previous = node;
            }
            const end = clockToMinutes(day.end);
            expect(Math.abs(end - (clock + matrix.minutes(previous, 0)))).toBeLessThanOrEqual(1);
            expect(Math.abs(day.totalMinutes - (end - clockToMinutes(day.start)))).toBeLessThanOrEqual(1);
            expect(day.overBudgetMinutes).toBe(Math.max(0, day.totalMinutes - 480));
          }
          const over = result.days.reduce((s, d) => s + d.overBudgetMinutes, 0);
          expect(result.overBudgetMinutes).toBe(over);
          if (over > 0) expect(result.flags.some((f) => f.includes('over the 480-minute budget'))).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('is deterministic for a seed', () => {
    const input = randomInput(7, 60, dayChoices[0] as Weekday[], 4);
    expect(planVisitCycle(input)).toEqual(planVisitCycle(randomInput(7, 60, dayChoices[0] as Weekday[], 4)));
  });
});

describe('planVisitCycle (hand-checked)', () => {
  it('plans an overloaded rep anyway and flags the excess instead of dropping visits', () => {
    const input = randomInput(3, 10, ['Mon'], 1);
    for (const o of input.outlets) {
      o.frequency = 'weekly';
      o.serviceMinutes = 60;
      o.window = null;
    }
    const result = planVisitCycle(input);
    expect(result.days).toHaveLength(1);
    expect(result.days[0]?.stops).toHaveLength(10);
    expect(result.overBudgetMinutes).toBeGreaterThan(600 - 480);
    expect(result.flags.join(' ')).toMatch(/1 day\(s\) over the 480-minute budget/);
    expect(result.flags.join(' ')).toMatch(/exceeds the cycle budget/);
  });

  it('puts a weekly rep with two far-apart clusters on separate days rather than mixing them', () => {
    const west: CycleOutlet[] = Array.from({ length: 10 }, (_, i) => ({
      id: `W${i}`,
      lon: 119.0 + i * 0.001,
      lat: 36.7,
      frequency: 'weekly',
      serviceMinutes: 20,
      window: null,
      previousPattern: null,
    }));
    const east = west.map((o, i) => ({ ...o, id: `E${i}`, lon: 119.2 + i * 0.001 }));
    const result = planVisitCycle({
      rep: {
        id: 'R',
        home: [119.1, 36.7],
        workingDays: ['Mon', 'Tue'],
        dayStartMinutes: 510,
        dailyMinutes: 480,
      },
      outlets: [...west, ...east],
      weeks: 1,
      travel,
      seed: 1,
      keepPreviousPatterns: false,
    });
    const dayOf = (id: string): string => result.patterns.get(id)?.weekdays.join() ?? '';
    expect(new Set(west.map((o) => dayOf(o.id))).size).toBe(1);
    expect(new Set(east.map((o) => dayOf(o.id))).size).toBe(1);
    expect(dayOf('W0')).not.toBe(dayOf('E0'));
  });

  it('keeps previous patterns in a rebuild and reports why a day had to change', () => {
    const input = randomInput(11, 40, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], 4);
    const first = planVisitCycle(input);
    const rebuild: PlanVisitCycleInput = {
      ...input,
      rep: { ...input.rep, workingDays: ['Mon', 'Tue', 'Wed', 'Thu'] },
      outlets: input.outlets.map((o) => ({ ...o, previousPattern: first.patterns.get(o.id) ?? null })),
      keepPreviousPatterns: true,
    };
    const second = planVisitCycle(rebuild);
    const onFriday = input.outlets.filter((o) => first.patterns.get(o.id)?.weekdays.includes('Fri'));
    expect(onFriday.length).toBeGreaterThan(0);
    for (const o of onFriday) {
      const change = second.dayChanges.find((c) => c.outletId === o.id);
      expect(change?.reason).toBe('working-days-changed');
      expect(change?.to).not.toContain('Fri');
    }
    const unchanged = planVisitCycle({
      ...input,
      outlets: input.outlets.map((o) => ({ ...o, previousPattern: first.patterns.get(o.id) ?? null })),
      keepPreviousPatterns: true,
    });
    expect(unchanged.dayChanges).toEqual([]);
  });
});
