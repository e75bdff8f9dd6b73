import { describe, expect, it } from 'vitest';
import { createCycleSlots } from '../../../src/domain/cycle/cycleSlots.js';
import { annealDayAssignment } from '../../../src/domain/cycle/days/annealDayAssignment.js';
import { DayAssignmentObjective } from '../../../src/domain/cycle/days/dayAssignmentObjective.js';
import {
  DayAssignmentState,
  type DayAssignmentOutlet,
} from '../../../src/domain/cycle/days/dayAssignmentState.js';
import { descendDayAssignment } from '../../../src/domain/cycle/days/descendDayAssignment.js';
import { relocationDelta, tryRelocate } from '../../../src/domain/cycle/days/relocatePattern.js';
import { swapDelta, swapPartner, trySwap } from '../../../src/domain/cycle/days/swapPatterns.js';
import { enumeratePatterns } from '../../../src/domain/cycle/visitPatterns.js';
import { SlotRoutes } from '../../../src/domain/cycle/slotRoutes.js';
import { windowLoad } from '../../../src/domain/cycle/windowOverload.js';
import { createRandom } from '../../../src/domain/random.js';
import { DenseTravelMatrix } from '../../../src/domain/routing/travelModel.js';

/** A night-venue-like rep: most outlets have start windows (several openings, some ties). */
function windowedProblem(seed: number, count: number) {
  const random = createRandom(seed);
  const slots = createCycleSlots(2, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
  const { options } = enumeratePatterns('weekly', slots);
  const points: Array<[number, number]> = [[0, 0]];
  const outlets: DayAssignmentOutlet[] = [];
  for (let i = 0; i < count; i++) {
    const x = random.range(-8, 8);
    const y = random.range(-8, 8);
    points.push([x, y]);
    const from = [840, 960, 1020, 1080][random.int(4)] as number;
    outlets.push({
      x,
      y,
      serviceMinutes: [10, 15, 25][random.int(3)] as number,
      window: random.next() < 0.8 ? { from, to: Math.min(1305, from + 60 + 30 * random.int(6)) } : null,
      options,
      keepOption: null,
      changeCost: null,
    });
  }
  const n = points.length;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      values[i * n + j] = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
  return { slots, matrix: new DenseTravelMatrix(n, values, values), outlets, dayStartMinutes: 810 };
}

/** The slot's window bounds computed from scratch from its current stops. */
function fromScratch(state: DayAssignmentState, s: number) {
  const stops = state.routes.routes[s]!.map((node) => state.outlet(node - 1))
    .filter((o) => o.window)
    .map((o) => ({ from: o.window!.from, to: o.window!.to, serviceMinutes: o.serviceMinutes }))
    .sort((a, b) => a.to - b.to);
  return windowLoad(stops, 810, state.travelPerStop);
}

describe('day assignment bookkeeping', () => {
  it('prices each day’s windows with the rep’s floating departure', () => {
    // Fails when the state does not pass departureFloatMinutes on to windowLoad.
    const p = { ...windowedProblem(3, 60), departureFloatMinutes: 45 };
    const state = new DayAssignmentState(p);
    p.outlets.forEach((outlet, o) => state.place(o, o % outlet.options.length));
    let shorter = 0;
    for (let s = 0; s < state.slotCount; s++) {
      const stops = state.routes.routes[s]!.map((node) => state.outlet(node - 1))
        .filter((o) => o.window)
        .map((o) => ({ from: o.window!.from, to: o.window!.to, serviceMinutes: o.serviceMinutes }))
        .sort((a, b) => a.to - b.to);
      const floated = windowLoad(stops, 810, state.travelPerStop, 45).elapsedMinutes;
      expect(state.elapsedOf(s)).toBeCloseTo(floated, 9);
      if (floated < windowLoad(stops, 810, state.travelPerStop).elapsedMinutes - 1e-9) shorter++;
    }
    expect(shorter).toBeGreaterThan(0);
  });

  it('keeps every slot’s window bounds equal to a from-scratch windowLoad through moves and undos', () => {
    const p = windowedProblem(3, 60);
    const state = new DayAssignmentState(p);
    p.outlets.forEach((outlet, o) => state.place(o, o % outlet.options.length));
    const objective = new DayAssignmentObjective(state, 480);
    const random = createRandom(11);
    let overloaded = 0;
    const check = (): void => {
      for (let s = 0; s < state.slotCount; s++) {
        const expected = fromScratch(state, s);
        expect(state.overloadOf(s)).toBeCloseTo(expected.overloadMinutes, 9);
        expect(state.elapsedOf(s)).toBeCloseTo(expected.elapsedMinutes, 9);
        if (expected.overloadMinutes > 0) overloaded++;
      }
    };
    check();
    for (let step = 0; step < 200; step++) {
      const o = random.int(p.outlets.length);
      const k = p.outlets[o]!.options.length;
      const option = (state.choice[o]! + 1 + random.int(k - 1)) % k;
      const before = objective.total();
      let move;
      const partner = step % 2 === 0 ? -1 : swapPartner(state, o, option);
      if (partner < 0) {
        const priced = relocationDelta(state, objective, o, option);
        move = tryRelocate(state, objective, o, option);
        expect(priced).toBeCloseTo(move.delta, 6);
      } else {
        const priced = swapDelta(state, objective, o, partner);
        move = trySwap(state, objective, o, partner);
        expect(priced).toBeCloseTo(move.delta, 6);
      }
      expect(objective.total() - before).toBeCloseTo(move.delta, 6);
      check();
      if (random.next() < 0.5) {
        state.restore(move.undo);
        expect(objective.total()).toBeCloseTo(before, 6);
        check();
      }
      if (step % 50 === 49) {
        objective.recentre();
        check();
      }
    }
    // The case is not trivial: windows overload some days along the way.
    expect(overloaded).toBeGreaterThan(0);
  });

  it('skips polishing only tours a polish would leave unchanged', () => {
    const p = windowedProblem(5, 80);
    const state = new DayAssignmentState(p);
    p.outlets.forEach((outlet, o) => state.place(o, (o * 3) % outlet.options.length));
    const objective = new DayAssignmentObjective(state, 480);
    const random = createRandom(2);
    let skipped = 0;
    for (let round = 0; round < 6; round++) {
      for (let step = 0; step < 15; step++) {
        const o = random.int(p.outlets.length);
        const k = p.outlets[o]!.options.length;
        const move = tryRelocate(state, objective, o, (state.choice[o]! + 1 + random.int(k - 1)) % k);
        if (random.next() < 0.6) state.restore(move.undo);
      }
      const settled = Array.from(state.routes.settled);
      state.polishAll();
      for (let s = 0; s < state.slotCount; s++) {
        if (settled[s]) skipped++;
        // A polish from scratch of the same tour finds nothing more to do.
        const fresh = new SlotRoutes(p.matrix, 1);
        fresh.routes[0]!.push(...state.routes.routes[s]!);
        fresh.polish(0);
        expect(fresh.routes[0]).toEqual(state.routes.routes[s]);
        expect(fresh.travel[0]).toBeCloseTo(state.routes.travel[s]!, 9);
      }
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('annealing windowed outlets too beats leaving them to the descent', () => {
    let better = 0;
    for (const seed of [1, 2, 3]) {
      const p = windowedProblem(seed, 70);
      const run = (moveWindowed: boolean): number => {
        const state = new DayAssignmentState(p);
        p.outlets.forEach((outlet, o) => state.place(o, (o * 7) % outlet.options.length));
        state.polishAll();
        const objective = new DayAssignmentObjective(state, 480);
        annealDayAssignment(state, objective, createRandom(seed), { movesPerOutlet: 30, moveWindowed });
        descendDayAssignment(state, objective, createRandom(seed), 40);
        objective.recentre();
        return objective.total();
      };
      if (run(true) < run(false) - 1e-6) better++;
    }
    expect(better).toBeGreaterThanOrEqual(2);
  });
});
