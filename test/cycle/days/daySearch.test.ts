import { describe, expect, it } from 'vitest';
import { assignVisitDays } from '../../../src/domain/cycle/assignVisitDays.js';
import { createCycleSlots } from '../../../src/domain/cycle/cycleSlots.js';
import { annealDayAssignment } from '../../../src/domain/cycle/days/annealDayAssignment.js';
import { DayAssignmentObjective } from '../../../src/domain/cycle/days/dayAssignmentObjective.js';
import {
  DayAssignmentState,
  type DayAssignmentOutlet,
} from '../../../src/domain/cycle/days/dayAssignmentState.js';
import { descendDayAssignment } from '../../../src/domain/cycle/days/descendDayAssignment.js';
import { relocationDelta, tryRelocate } from '../../../src/domain/cycle/days/relocatePattern.js';
import { nearestOutlets, tryRuinAndRecreate } from '../../../src/domain/cycle/days/ruinAndRecreate.js';
import { swapDelta, swapPartner, trySwap } from '../../../src/domain/cycle/days/swapPatterns.js';
import { enumeratePatterns } from '../../../src/domain/cycle/visitPatterns.js';
import { createRandom } from '../../../src/domain/random.js';
import { DenseTravelMatrix } from '../../../src/domain/routing/travelModel.js';
import type { VisitFrequency } from '../../../src/domain/policy/policySchema.js';

/** Points in the plane (index 0 = base), 1 km = 1 minute, symmetric Euclidean matrix. */
function euclidean(points: Array<[number, number]>): DenseTravelMatrix {
  const n = points.length;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const [xi, yi] = points[i] as [number, number];
      const [xj, yj] = points[j] as [number, number];
      values[i * n + j] = Math.hypot(xi - xj, yi - yj);
    }
  return new DenseTravelMatrix(n, values, values);
}

function problem(points: Array<[number, number]>, frequency: VisitFrequency, weeks: number, days: number) {
  const slots = createCycleSlots(weeks, (['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const).slice(0, days));
  const { options } = enumeratePatterns(frequency, slots);
  const outlets: DayAssignmentOutlet[] = points.map(([x, y]) => ({
    x,
    y,
    serviceMinutes: 10,
    window: null,
    options,
    keepOption: null,
    changeCost: null,
  }));
  return { slots, matrix: euclidean([[0, 0], ...points]), outlets, dayStartMinutes: 480 };
}

/** Two compact clusters on opposite sides of the base. */
function twoClusters(): Array<[number, number]> {
  return [
    [10, 0],
    [11, 0],
    [10, 1],
    [11, 1],
    [-10, 0],
    [-11, 0],
    [-10, 1],
    [-11, 1],
  ];
}

/** A random city: clusters of outlets around the base. */
function city(seed: number, count: number): Array<[number, number]> {
  const random = createRandom(seed);
  const centres = Array.from({ length: 5 }, () => [random.range(-15, 15), random.range(-15, 15)]);
  return Array.from({ length: count }, () => {
    const [cx, cy] = centres[random.int(centres.length)] as number[];
    return [(cx as number) + random.normal() * 1.5, (cy as number) + random.normal() * 1.5];
  });
}

describe('day assignment objective', () => {
  it('charges travel plus the balance penalty against the mean day (hand-checked)', () => {
    // Two slots (one week, Mon/Tue), weekly outlets at 10 km east and 10 km west.
    const p = problem(
      [
        [10, 0],
        [-10, 0],
      ],
      'weekly',
      1,
      2,
    );
    const state = new DayAssignmentState(p);
    state.place(0, 0); // Mon
    state.place(1, 0); // Mon
    const objective = new DayAssignmentObjective(state, 480);
    // Mon: 0 -> 10 -> -10 -> 0 = 40 km + 20 service = 60 min; Tue empty. Mean 30, dev +-30.
    // quadratic = 1 / (0.08 x 30); over-balance: 4 x (60 - 1.05 x 30) = 114.
    const quadratic = 1 / (0.08 * 30);
    expect(objective.slotCost(0)).toBeCloseTo(40 + quadratic * 900 + 4 * (60 - 31.5), 6);
    expect(objective.slotCost(1)).toBeCloseTo(quadratic * 900, 6);
    // Splitting the days costs 40 km too but balances them: strictly better.
    const before = objective.total();
    const move = tryRelocate(state, objective, 1, 1);
    expect(move.delta).toBeLessThan(0);
    expect(objective.total() - before).toBeCloseTo(move.delta, 6);
  });

  it('balance weight 0 keeps only travel and the hard budget', () => {
    const p = problem(twoClusters(), 'weekly', 1, 2);
    const state = new DayAssignmentState(p);
    for (let o = 0; o < 8; o++) state.place(o, 0);
    const objective = new DayAssignmentObjective(state, 480, 0);
    expect(objective.total()).toBeCloseTo(state.totalTravel(), 6);
  });
});

/** Checks the cached insertion price of every node into every slot against a scan of the tour as it stands. */
function expectFreshInsertions(state: DayAssignmentState): void {
  const matrix = state.problem.matrix;
  for (let s = 0; s < state.slotCount; s++) {
    const tour = [0, ...state.routes.routes[s]!, 0];
    for (let node = 1; node <= state.choice.length; node++) {
      if (tour.includes(node)) continue;
      let best = Infinity;
      for (let i = 0; i + 1 < tour.length; i++) {
        const [a, b] = [tour[i]!, tour[i + 1]!];
        best = Math.min(best, matrix.minutes(a, node) + matrix.minutes(node, b) - matrix.minutes(a, b));
      }
      expect(state.routes.insertionCost(s, node)).toBeCloseTo(best, 9);
    }
  }
}

describe('day assignment moves', () => {
  const p = problem(city(3, 40), 'every-2-weeks', 2, 5);
  const fresh = (): { state: DayAssignmentState; objective: DayAssignmentObjective } => {
    const state = new DayAssignmentState(p);
    p.outlets.forEach((_, o) => state.place(o, o % p.outlets[0]!.options.length));
    return { state, objective: new DayAssignmentObjective(state, 480) };
  };

  it('relocate, swap and ruin-and-recreate report their exact objective change and undo exactly', () => {
    const { state, objective } = fresh();
    const random = createRandom(5);
    const neighbours = nearestOutlets(state, 10);
    for (let step = 0; step < 30; step++) {
      const o = random.int(p.outlets.length);
      const before = objective.total();
      const choices = Array.from(state.choice);
      const routes = state.routes.routes.map((r) => [...r]);
      let move;
      if (step % 3 === 0) {
        const option = (state.choice[o]! + 1 + random.int(9)) % 10;
        const priced = relocationDelta(state, objective, o, option);
        move = tryRelocate(state, objective, o, option);
        expect(priced).toBeCloseTo(move.delta, 6);
      } else if (step % 3 === 1) {
        const partner = swapPartner(state, o, (state.choice[o]! + 1) % 10);
        if (partner < 0) continue;
        const priced = swapDelta(state, objective, o, partner);
        move = trySwap(state, objective, o, partner);
        expect(priced).toBeCloseTo(move.delta, 6);
      } else move = tryRuinAndRecreate(state, objective, random, o, neighbours[o]!, 5);
      expect(objective.total() - before).toBeCloseTo(move.delta, 6);
      expectFreshInsertions(state);
      state.restore(move.undo);
      expect(Array.from(state.choice)).toEqual(choices);
      expect(state.routes.routes).toEqual(routes);
      expect(objective.total()).toBeCloseTo(before, 6);
      // Cached insertion prices stay those of the tour as it stands, after undos and polishes too.
      expectFreshInsertions(state);
      if (step % 5 === 4) state.polishAll();
    }
  });

  it('prices relocations and swaps of overlapping twice-weekly patterns exactly, keeping shared days in place', () => {
    const twice = problem(city(3, 30), 'twice-weekly', 1, 5);
    const state = new DayAssignmentState(twice);
    twice.outlets.forEach((outlet, o) => state.place(o, o % outlet.options.length));
    // Polished tours put stops where a fresh cheapest insertion would not.
    state.polishAll();
    const objective = new DayAssignmentObjective(state, 480);
    const random = createRandom(3);
    let shared = 0;
    for (let step = 0; step < 60; step++) {
      const o = random.int(twice.outlets.length);
      const k = twice.outlets[o]!.options.length;
      const option = (state.choice[o]! + 1 + random.int(k - 1)) % k;
      const common = state.optionOf(o).slots.filter((s) => state.optionOf(o, option).slots.includes(s));
      const positions = common.map((s) => state.routes.routes[s]!.indexOf(o + 1));
      const before = objective.total();
      if (step % 2 === 0) {
        const priced = relocationDelta(state, objective, o, option);
        state.move(o, option);
        expect(objective.total() - before).toBeCloseTo(priced, 6);
        // On a day both patterns share the outlet keeps its place in the tour.
        common.forEach((s, i) => expect(state.routes.routes[s]!.indexOf(o + 1)).toBe(positions[i]));
        shared += common.length;
      } else {
        const partner = swapPartner(state, o, option);
        if (partner < 0) continue;
        const priced = swapDelta(state, objective, o, partner);
        const [a, b] = [state.choice[o]!, state.choice[partner]!];
        state.swap(o, partner);
        expect(objective.total() - before).toBeCloseTo(priced, 6);
        expect([state.choice[o], state.choice[partner]]).toEqual([b, a]);
      }
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('cached insertion prices follow every change of a tour: insertions, removals, polishes and undos', () => {
    const big = problem(city(4, 120), 'weekly', 1, 2);
    const state = new DayAssignmentState(big);
    big.outlets.forEach((_, o) => state.place(o, o % 2));
    const objective = new DayAssignmentObjective(state, 480);
    const random = createRandom(9);
    expectFreshInsertions(state);
    const before = state.routes.routes.map((r) => [...r]);
    state.polishAll();
    // Insertion-built tours of 60 stops are not 2-opt optimal: the polish reorders them.
    expect(state.routes.routes).not.toEqual(before);
    expectFreshInsertions(state);
    for (let step = 0; step < 10; step++) {
      const o = random.int(big.outlets.length);
      const move = tryRelocate(state, objective, o, 1 - state.choice[o]!);
      expectFreshInsertions(state);
      state.restore(move.undo);
      expectFreshInsertions(state);
    }
  });

  it('nearestOutlets lists each outlet’s nearest others as a full sort by (minutes both ways, index) would', () => {
    for (const points of [city(3, 40), twoClusters()]) {
      const state = new DayAssignmentState(problem(points, 'weekly', 1, 2));
      const matrix = state.problem.matrix;
      const n = points.length;
      for (const count of [1, 5, n + 3]) {
        const lists = nearestOutlets(state, count);
        lists.forEach((list, o) => {
          const both = (j: number): number => matrix.minutes(o + 1, j + 1) + matrix.minutes(j + 1, o + 1);
          const expected = Array.from({ length: n }, (_, j) => j)
            .filter((j) => j !== o)
            .sort((a, b) => both(a) - both(b) || a - b)
            .slice(0, count);
          expect(Array.from(list)).toEqual(expected);
        });
      }
    }
  });

  it('a swap trades the two patterns', () => {
    const { state, objective } = fresh();
    const a = 0;
    const target = (state.choice[a]! + 1) % 10;
    const b = swapPartner(state, a, target);
    expect(b).toBeGreaterThanOrEqual(0);
    const [pa, pb] = [state.choice[a], state.choice[b]];
    trySwap(state, objective, a, b);
    expect([state.choice[a], state.choice[b]]).toEqual([pb, pa]);
  });

  it('ruin-and-recreate moves a whole cluster to the other day when balance asks for it', () => {
    // Both clusters on Mon, Tue empty. One relocation alone moves a single outlet across; the
    // recreate step places the ruined cluster outlet by outlet, each seeing the others already back.
    const q = problem(twoClusters(), 'weekly', 1, 2);
    const state = new DayAssignmentState(q);
    for (let o = 0; o < 8; o++) state.place(o, 0);
    state.polishAll();
    const objective = new DayAssignmentObjective(state, 480);
    const move = tryRuinAndRecreate(state, objective, createRandom(1), 0, nearestOutlets(state, 7)[0]!, 4);
    expect(move.delta).toBeLessThan(0);
    expect(Array.from(state.choice.slice(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(state.choice.slice(4))).toEqual([0, 0, 0, 0]);
  });
});

describe('day assignment search', () => {
  const objectiveOf = (
    p: ReturnType<typeof problem>,
    search: (state: DayAssignmentState, objective: DayAssignmentObjective) => void,
  ): number => {
    const state = new DayAssignmentState(p);
    p.outlets.forEach((_, o) => state.place(o, (o * 7) % p.outlets[0]!.options.length));
    state.polishAll();
    const objective = new DayAssignmentObjective(state, 480);
    search(state, objective);
    objective.recentre();
    return objective.total();
  };

  it('annealing reaches a better assignment than pure descent from the same start', () => {
    let better = 0;
    for (const seed of [1, 2, 3]) {
      const p = problem(city(seed, 60), 'every-2-weeks', 2, 5);
      const descent = objectiveOf(p, (s, o) => descendDayAssignment(s, o, createRandom(seed), 40));
      const annealed = objectiveOf(p, (s, o) => {
        annealDayAssignment(s, o, createRandom(seed), { movesPerOutlet: 150 });
        descendDayAssignment(s, o, createRandom(seed), 40);
      });
      if (annealed < descent - 1e-6) better++;
    }
    expect(better).toBeGreaterThanOrEqual(2);
  });

  it('ruin-and-recreate moves make the annealing better than without them', () => {
    let total = 0;
    let totalWithout = 0;
    for (const seed of [4, 5, 6]) {
      const p = problem(city(seed, 60), 'every-2-weeks', 2, 5);
      total += objectiveOf(p, (s, o) =>
        annealDayAssignment(s, o, createRandom(seed), { movesPerOutlet: 150, ruinShare: 0.15 }),
      );
      totalWithout += objectiveOf(p, (s, o) =>
        annealDayAssignment(s, o, createRandom(seed), { movesPerOutlet: 150, ruinShare: 0 }),
      );
    }
    expect(total).toBeLessThan(totalWithout);
  });

  it('granular relocations alone (no swaps, no ruins) improve the start on every city', () => {
    // Every-4-weeks outlets over 4 weeks x 5 days: 20 patterns each, proposals only onto days of
    // the 8 nearest outlets. With the proposal switched off nothing would move.
    for (const seed of [4, 5, 6]) {
      const p = problem(city(seed, 80), 'every-4-weeks', 4, 5);
      const start = objectiveOf(p, () => undefined);
      const granular = objectiveOf(p, (s, o) =>
        annealDayAssignment(s, o, createRandom(seed), { movesPerOutlet: 40, swapShare: 0, ruinShare: 0 }),
      );
      expect(granular).toBeLessThan(start * 0.9);
    }
  });

  it('is deterministic for a seed and respects every pattern', () => {
    const p = problem(city(9, 50), 'twice-weekly', 1, 5);
    const run = () =>
      assignVisitDays({ ...p, outlets: [...p.outlets], baseX: 0, baseY: 0, dailyMinutes: 480, seed: 7 });
    const a = run();
    expect(run()).toEqual(a);
    expect(a.choice.every((c) => c >= 0 && c < p.outlets[0]!.options.length)).toBe(true);
  });
});
