import { describe, expect, it } from 'vitest';
import { summarizeRepDays } from '../../src/domain/cycle/summarizeRepDays.js';
import { visitStartWindow } from '../../src/domain/cycle/visitWindow.js';
import { windowLoad } from '../../src/domain/cycle/windowOverload.js';
import type { DayRoute } from '../../src/domain/plan/planTypes.js';

describe('visitStartWindow', () => {
  it('intersects the policy window with opening hours (visit must end by closing)', () => {
    // Restaurant 10:00-22:00, night-venue policy 14:00-22:00, 15 min visits.
    expect(visitStartWindow({ from: 840, to: 1320 }, 600, 1320, 15)).toEqual({
      window: { from: 840, to: 1305 },
      conflict: false,
    });
  });

  it('unfolds opening hours past midnight', () => {
    // Bar 17:00-02:00: can start from 17:00 until 01:45 (= 25:45).
    expect(visitStartWindow(null, 1020, 120, 15)).toEqual({
      window: { from: 1020, to: 1545 },
      conflict: false,
    });
    expect(visitStartWindow({ from: 840, to: 1320 }, 1020, 120, 15).window).toEqual({ from: 1020, to: 1320 });
  });

  it('lets opening hours win over a policy window they miss, and flags the conflict', () => {
    expect(visitStartWindow({ from: 840, to: 1320 }, 420, 720, 10)).toEqual({
      window: { from: 420, to: 710 },
      conflict: true,
    });
    expect(visitStartWindow(null, null, null, 10)).toEqual({ window: null, conflict: false });
  });
});

describe('windowLoad', () => {
  it('finds the shortfall when too many stops share a short window', () => {
    // Four 20-minute stops that must all start between 19:00 and 20:00 (5 min travel each):
    // starts need 3 x 25 = 75 min but the window is 60 wide: 15 min short.
    const stops = Array.from({ length: 4 }, () => ({ from: 1140, to: 1200, serviceMinutes: 20 }));
    const load = windowLoad(stops, 810, 5);
    expect(load.overloadMinutes).toBe(15);
    // Nothing can start before 19:00: elapsed >= (19:00 - 13:30) + 4 x 25 + 5 back.
    expect(load.elapsedMinutes).toBe(330 + 100 + 5);
  });

  it('lets a floating departure remove the wait until the first opening, but not the work after it', () => {
    const stops = Array.from({ length: 4 }, () => ({ from: 1140, to: 1200, serviceMinutes: 20 }));
    // Leaving up to 60 min later: the wait until 19:00 shrinks from 330 to 270 min.
    expect(windowLoad(stops, 810, 5, 60).elapsedMinutes).toBe(270 + 100 + 5);
    // A float longer than the wait leaves only the work: 4 x 25 + 5 back.
    expect(windowLoad(stops, 810, 5, 600).elapsedMinutes).toBe(100 + 5);
    expect(windowLoad(stops, 810, 5, 600).overloadMinutes).toBe(15);
  });

  it('is zero for windows that fit and counts lateness for windows closed before the day starts', () => {
    expect(windowLoad([{ from: 840, to: 1320, serviceMinutes: 15 }], 810, 5).overloadMinutes).toBe(0);
    expect(windowLoad([{ from: 420, to: 720, serviceMinutes: 10 }], 810, 5).overloadMinutes).toBe(90);
    expect(windowLoad([], 810, 5)).toEqual({ overloadMinutes: 0, elapsedMinutes: 0 });
  });
});

describe('summarizeRepDays', () => {
  const day = (stops: number, km: number, minutes: number, over: number, late: number[]): DayRoute => ({
    week: 1,
    weekday: 'Mon',
    start: '08:30',
    end: '16:00',
    stops: Array.from({ length: stops }, (_, i) => ({
      outletId: `O${i}`,
      seq: i + 1,
      arrival: '09:00',
      departure: '09:10',
      travelKm: 1,
      ...(late[i] ? { windowViolationMinutes: late[i] } : {}),
    })),
    travelKm: km,
    travelMinutes: 0,
    serviceMinutes: 0,
    totalMinutes: minutes,
    overBudgetMinutes: over,
  });

  it('computes min/avg/max, balance over busy days, over-budget days and window violations', () => {
    const summary = summarizeRepDays([
      day(10, 12, 400, 0, []),
      day(20, 18, 500, 20, [0, 7, 3]),
      day(0, 0, 0, 0, []),
    ]);
    expect(summary.visits).toBe(30);
    expect(summary.visitsPerDay).toEqual({ min: 0, avg: 10, max: 20 });
    expect(summary.kmPerDay).toEqual({ min: 0, avg: 10, max: 18 });
    expect(summary.minutesPerDay).toEqual({ min: 0, avg: 300, max: 500 });
    expect(summary.workingDays).toBe(2);
    expect(summary.dayBalance).toBeCloseTo(500 / 450, 3);
    expect(summary.overBudgetDays).toBe(1);
    expect(summary.overBudgetMinutes).toBe(20);
    expect(summary.windowViolations).toBe(2);
    expect(summary.windowViolationMinutes).toBe(10);
    expect(summary.totalKm).toBe(30);
  });
});
