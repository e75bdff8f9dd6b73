import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateFinder } from '../../src/domain/territories/balancedAssignment.js';
import type { TerritoryProblem } from '../../src/domain/territories/territoryState.js';

const coordinate = fc.integer({ min: -1500, max: 1500 }).map((v) => v / 100);

/** The fields of a problem the candidate search reads. */
function problemOf(
  outlets: Array<[number, number, number]>,
  homes: Array<[number, number]>,
  homeWeight: number,
  previousBonus: number,
): TerritoryProblem {
  const k = homes.length;
  return {
    n: outlets.length,
    k,
    xs: Float64Array.from(outlets.map(([x]) => x)),
    ys: Float64Array.from(outlets.map(([, y]) => y)),
    homeX: Float64Array.from(homes.map(([x]) => x)),
    homeY: Float64Array.from(homes.map(([, y]) => y)),
    homeWeight,
    previousBonus,
    previous: Int32Array.from(outlets.map(([, , r]) => (r < k ? r : -1))),
  } as unknown as TerritoryProblem;
}

describe('candidateFinder', () => {
  it('lists the cheapest reps by unit cost, ties to the lower index (hand-checked)', () => {
    // Three reps on a line at x = 0, 2, 4 (centres = homes); outlet at x = 1 ties reps 0 and 1.
    const problem = problemOf(
      [[1, 0, 9]],
      [
        [0, 0],
        [2, 0],
        [4, 0],
      ],
      0,
      0,
    );
    const cx = Float64Array.from([0, 2, 4]);
    const cy = new Float64Array(3);
    for (const scanBelow of [Infinity, 0]) {
      const list = candidateFinder(problem, cx, cy, 2, scanBelow)(0);
      expect(Array.from(list.index)).toEqual([0, 1]);
      expect(Array.from(list.cost)).toEqual([1, 1]);
    }
  });

  it('lists a far previous rep whose stability bonus makes it the cheapest', () => {
    // 40 reps at x = 0..39; the outlet at the origin was rep 10's: 100 km^2 - 400 bonus < 0.
    const k = 40;
    const problem = problemOf(
      [[0, 0, 10]],
      Array.from({ length: k }, () => [0, 0] as [number, number]),
      0,
      400,
    );
    const cx = Float64Array.from({ length: k }, (_, r) => r);
    const cy = Float64Array.from({ length: k }, (_, r) => (r * 7) % 5);
    for (const scanBelow of [Infinity, 0]) {
      const list = candidateFinder(problem, cx, cy, 2, scanBelow)(0);
      expect(Array.from(list.index)).toEqual([10, 0]);
      expect(list.cost[0]).toBe(-300);
    }
  });

  it('the grid search returns exactly the candidates of a scan of every rep', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate, fc.nat(60)), { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(coordinate, coordinate, coordinate, coordinate), { minLength: 1, maxLength: 80 }),
        fc.constantFrom(0, 0.3, 1),
        fc.constantFrom(0, 0.5, 20, 400),
        fc.integer({ min: 1, max: 10 }),
        (outlets, reps, homeWeight, bonus, c) => {
          const problem = problemOf(
            outlets,
            reps.map(([, , hx, hy]) => [hx, hy]),
            homeWeight,
            bonus,
          );
          const cx = Float64Array.from(reps.map(([x]) => x));
          const cy = Float64Array.from(reps.map(([, y]) => y));
          const width = Math.min(c, reps.length);
          const scan = candidateFinder(problem, cx, cy, width, Infinity);
          const grid = candidateFinder(problem, cx, cy, width, 0);
          for (let i = 0; i < outlets.length; i++) {
            const a = scan(i);
            const expected = [Array.from(a.index), Array.from(a.cost)];
            const b = grid(i);
            expect([Array.from(b.index), Array.from(b.cost)]).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
