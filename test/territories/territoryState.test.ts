import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestNeighbours, symmetricNeighbourGraph } from '../../src/domain/territories/neighbourGraph.js';
import { TerritoryState, type TerritoryProblem } from '../../src/domain/territories/territoryState.js';

/** Outlets at the given points (km), each joined to its two nearest; `k` equal reps at the origin. */
function lineProblem(points: ReadonlyArray<readonly [number, number]>, k: number): TerritoryProblem {
  const n = points.length;
  const xs = Float64Array.from(points, (p) => p[0]);
  const ys = Float64Array.from(points, (p) => p[1]);
  return {
    n,
    k,
    xs,
    ys,
    load: new Float64Array(n).fill(10),
    homeX: new Float64Array(k),
    homeY: new Float64Array(k),
    capacity: new Float64Array(k).fill(1),
    workingDays: new Float64Array(k).fill(20),
    visits: new Float64Array(n).fill(4),
    maxVisits: 4,
    dayMinutes: new Float64Array(k).fill(480),
    travel: { speedKmh: 1e7, circuity: 1 },
    homeWeight: 0,
    locked: new Int32Array(n).fill(-1),
    previous: new Int32Array(n).fill(-1),
    graph: symmetricNeighbourGraph(n, nearestNeighbours(xs, ys, 2)),
    previousBonus: 0,
  };
}

/** touchingReps from the k x k edge counts: the reference the kept lists must match. */
function touchingFromMatrix(state: TerritoryState, a: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < state.problem.k; b++) if (state.touches(a, b)) out.push(b);
  return out;
}

describe('TerritoryState.touchingReps', () => {
  it('lists the touching territories in rep order and follows moves (hand-checked)', () => {
    // Six outlets on a line: territories 0 | 1 | 2 in pairs.
    const points = [0, 1, 2, 3, 4, 5].map((x) => [x, 0] as const);
    const state = new TerritoryState(lineProblem(points, 3), Int32Array.from([0, 0, 1, 1, 2, 2]));
    expect(state.touchingReps(0)).toEqual([1]);
    expect(state.touchingReps(1)).toEqual([0, 2]);
    expect(state.touchingReps(2)).toEqual([1]);
    // Rep 1's outlets go to rep 2: territories 0 and 2 now touch, 1 is empty and touches nothing.
    state.move(2, 2);
    state.move(3, 2);
    expect(state.touchingReps(0)).toEqual([2]);
    expect(state.touchingReps(1)).toEqual([]);
    expect(state.touchingReps(2)).toEqual([0]);
  });

  it('always equals the territories the edge counts say touch, after any moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })), {
          minLength: 3,
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
        (raw, k, moves) => {
          const points = raw.map(([x, y]) => [x / 10, y / 10] as const);
          const initial = Int32Array.from(points, (_, i) => i % k);
          const state = new TerritoryState(lineProblem(points, k), initial);
          for (const [i, r] of moves) {
            state.move(i % points.length, r % k);
            for (let a = 0; a < k; a++) expect(state.touchingReps(a)).toEqual(touchingFromMatrix(state, a));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
