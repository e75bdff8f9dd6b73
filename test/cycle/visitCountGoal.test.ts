import { describe, expect, it } from 'vitest';
import { visitCountPenalty, VISIT_COUNT_WEIGHT } from '../../src/domain/cycle/days/visitCountPenalty.js';
import { planVisitCycle, type CycleOutlet } from '../../src/domain/cycle/planVisitCycle.js';
import type { VisitCountGoal } from '../../src/domain/cycle/days/visitCountPenalty.js';
import { greatCircleTravelModel } from '../../src/domain/routing/travelModel.js';

const travel = greatCircleTravelModel({ speedKmh: 25, circuity: 1.35 });
const home: [number, number] = [119.1, 36.7];

/**
 * Nine 30-minute shops `offset` degrees east of the base and three 90-minute outlets as far west,
 * all weekly, over a one-week cycle of Monday and Tuesday: the most compact balanced plan puts
 * the nine shops on one day (270 min) and the three long visits on the other (270 min, 3 visits).
 * Two long visits and three shops per day, or one long and six shops, is as balanced with at
 * least 5 visits every day.
 */
function outlets(offset: number): CycleOutlet[] {
  const list: CycleOutlet[] = [];
  for (let i = 0; i < 9; i++)
    list.push({
      id: `S${i}`,
      lon: home[0] + offset + 0.0008 * (i % 3),
      lat: home[1] + 0.0008 * Math.floor(i / 3),
      frequency: 'weekly',
      serviceMinutes: 30,
      window: null,
      previousPattern: null,
    });
  for (let i = 0; i < 3; i++)
    list.push({
      id: `L${i}`,
      lon: home[0] - offset - 0.0008 * i,
      lat: home[1],
      frequency: 'weekly',
      serviceMinutes: 90,
      window: null,
      previousPattern: null,
    });
  return list;
}

function visitsPerDay(offset: number, seed: number, visitGoal: VisitCountGoal | null): number[] {
  const result = planVisitCycle({
    rep: { id: 'R', home, workingDays: ['Mon', 'Tue'], dayStartMinutes: 510, dailyMinutes: 480 },
    outlets: outlets(offset),
    weeks: 1,
    travel,
    seed,
    keepPreviousPatterns: false,
    daySearch: { visitGoal },
  });
  expect(result.overBudgetMinutes).toBe(0);
  return result.days.map((d) => d.stops.length).sort((a, b) => a - b);
}

describe('visitCountPenalty', () => {
  it('charges each visit under the minimum or over the maximum, nothing within or without a goal', () => {
    const goal = { minVisitsPerDay: 5, maxVisitsPerDay: 8 };
    expect(visitCountPenalty(3, goal)).toBe(2 * VISIT_COUNT_WEIGHT);
    expect(visitCountPenalty(5, goal)).toBe(0);
    expect(visitCountPenalty(8, goal)).toBe(0);
    expect(visitCountPenalty(10, goal)).toBe(2 * VISIT_COUNT_WEIGHT);
    expect(visitCountPenalty(0, { maxVisitsPerDay: 8 })).toBe(0);
    expect(visitCountPenalty(0, null)).toBe(0);
  });
});

describe('the day assignment with a quantity minimum', () => {
  for (const offset of [0.01, 0.02]) {
    it(`rearranges the same visits so no day is under the minimum (outlets ${offset} deg from the base)`, () => {
      for (const seed of [1, 2, 3]) {
        // Without the standard the plan has a 3-visit day...
        expect(visitsPerDay(offset, seed, null)).toEqual([3, 9]);
        // ...with a minimum of 5 the same twelve visits are split so that both days meet it.
        const days = visitsPerDay(offset, seed, { minVisitsPerDay: 5 });
        expect(days.reduce((a, b) => a + b, 0)).toBe(12);
        expect(Math.min(...days)).toBeGreaterThanOrEqual(5);
      }
    });
  }

  it('keeps the plan where the visits cannot meet the minimum on every day (a soft goal, never a lost visit)', () => {
    const days = visitsPerDay(0.01, 1, { minVisitsPerDay: 7 });
    expect(days.reduce((a, b) => a + b, 0)).toBe(12);
  });
});
