import { describe, expect, it } from 'vitest';
import {
  bottleneckAssignment,
  matchHomes,
  minTotalAssignment,
  type MatchResult,
} from '../../src/domain/territories/matchHomes.js';

const X = Infinity;

function pairs(result: MatchResult | null): number[] {
  expect(result).not.toBeNull();
  return [...(result as MatchResult).colOfRow];
}

describe('minTotalAssignment: hand-checked matrices', () => {
  it('beats the greedy pairing: taking the cheapest pair first forces the expensive one', () => {
    // Greedy takes (0,0)=1 and is left with (1,1)=100: 101. Optimal: (0,1)+(1,0) = 2+2 = 4.
    const result = minTotalAssignment([
      [1, 2],
      [2, 100],
    ]);
    expect(pairs(result)).toEqual([1, 0]);
    expect(result?.rowOfCol).toEqual(Int32Array.from([1, 0]));
    expect(result?.total).toBe(4);
    expect(result?.max).toBe(2);
  });

  it('solves the textbook 3 x 3 and 4 x 4 cases', () => {
    // Rows 0..2 to columns 1, 0, 2: 2 + 3 + 2 = 7, the only assignment of cost 7.
    expect(
      pairs(
        minTotalAssignment([
          [4, 2, 8],
          [3, 5, 7],
          [9, 6, 2],
        ]),
      ),
    ).toEqual([1, 0, 2]);
    // Unique optimum 13 over all 24 permutations: 0->1 (2), 1->0 (6), 2->2 (1), 3->3 (4); next best 14.
    const four = minTotalAssignment([
      [9, 2, 7, 8],
      [6, 4, 3, 7],
      [5, 8, 1, 8],
      [7, 6, 9, 4],
    ]);
    expect(four?.total).toBe(13);
    expect(pairs(four)).toEqual([1, 0, 2, 3]);
  });

  it('accepts a row-major Float64Array, square or with a column count', () => {
    const square = Float64Array.from([1, 2, 2, 100]);
    expect(pairs(minTotalAssignment(square))).toEqual([1, 0]);
    // 2 rows x 3 columns.
    const wide = Float64Array.from([5, 1, 9, 1, 7, 9]);
    const result = minTotalAssignment(wide, 3);
    expect(pairs(result)).toEqual([1, 0]);
    expect(result?.rowOfCol).toEqual(Int32Array.from([1, 0, -1]));
    expect(() => minTotalAssignment(Float64Array.from([1, 2, 3]))).toThrow(RangeError);
  });

  it('avoids forbidden pairs and returns null when they leave no complete assignment', () => {
    const result = minTotalAssignment([
      [1, X, 3],
      [X, 1, X],
      [2, 5, X],
    ]);
    expect(pairs(result)).toEqual([2, 1, 0]);
    expect(result?.total).toBe(6);
    expect(
      minTotalAssignment([
        [1, X],
        [2, X],
      ]),
    ).toBeNull();
    expect(() => minTotalAssignment([[Number.NaN]])).toThrow(RangeError);
  });

  it('leaves the extra rows unmatched when there are more rows than columns', () => {
    // 3 reps, 2 centres: rep 1 is nearest to both, but 0->0 and 1->1 (1+2=3) beats 1->0 and 2->1 (1+4).
    const result = minTotalAssignment([
      [2, 9],
      [1, 1],
      [9, 4],
    ]);
    expect(pairs(result)).toEqual([0, 1, -1]);
    expect(result?.rowOfCol).toEqual(Int32Array.from([0, 1]));
    expect(result?.total).toBe(3);
  });

  it('handles empty and negative-cost matrices', () => {
    expect(minTotalAssignment([])).toMatchObject({ total: 0, max: 0 });
    expect(
      pairs(
        minTotalAssignment([
          [-3, -1],
          [-2, -5],
        ]),
      ),
    ).toEqual([0, 1]);
  });
});

describe('bottleneckAssignment: hand-checked matrices', () => {
  it('minimises the largest cost, not the sum', () => {
    // Total: 0->0, 1->1 = 1 + 10 = 11 (max 10). Min-max: 0->1, 1->0 = 6 + 6 = 12 (max 6).
    const m = [
      [1, 6],
      [6, 10],
    ];
    expect(minTotalAssignment(m)?.max).toBe(10);
    const result = bottleneckAssignment(m);
    expect(pairs(result)).toEqual([1, 0]);
    expect(result?.max).toBe(6);
    expect(result?.total).toBe(12);
    expect(pairs(matchHomes(m, 'min-max'))).toEqual([1, 0]);
    expect(pairs(matchHomes(m, 'total'))).toEqual([0, 1]);
  });

  it('breaks ties between bottleneck-optimal assignments by the smallest total', () => {
    // Row 2 must use its 5 to avoid a 9, so the bottleneck is 5; of the two assignments with max 5,
    // 0->0, 1->1, 2->2 = 1+1+5 = 7 beats 0->1, 1->0, 2->2 = 5+5+5 = 15.
    const result = bottleneckAssignment([
      [1, 5, 9],
      [5, 1, 9],
      [9, 9, 5],
    ]);
    expect(result?.max).toBe(5);
    expect(result?.total).toBe(7);
    expect(pairs(result)).toEqual([0, 1, 2]);
  });

  it('respects forbidden pairs, handles rectangles, and returns null when infeasible', () => {
    const result = bottleneckAssignment([
      [X, 3, 8],
      [2, X, 7],
    ]);
    expect(pairs(result)).toEqual([1, 0]);
    expect(result?.max).toBe(3);
    expect(bottleneckAssignment([[X, X]])).toBeNull();
    expect(bottleneckAssignment([[4], [2], [7]])?.colOfRow).toEqual(Int32Array.from([-1, 0, -1]));
  });
});
