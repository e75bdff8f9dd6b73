import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bottleneckAssignment,
  minTotalAssignment,
  type MatchResult,
} from '../../src/domain/territories/matchHomes.js';

/** Best assignment by enumerating every injection of the shorter side into the longer one. */
function bruteForce(
  m: number[][],
): { total: number; max: number; minMax: number; minMaxTotal: number } | null {
  const rows = m.length;
  const cols = rows > 0 ? (m[0] as number[]).length : 0;
  const cost = (r: number, c: number): number => (rows <= cols ? m[r]?.[c] : m[c]?.[r]) as number;
  const short = Math.min(rows, cols);
  const long = Math.max(rows, cols);
  let best: { total: number; max: number } | null = null;
  let bestMinMax: { max: number; total: number } | null = null;
  const used = new Array<boolean>(long).fill(false);
  const walk = (i: number, total: number, max: number): void => {
    if (total === Infinity) return;
    if (i === short) {
      if (best === null || total < best.total) best = { total, max };
      if (bestMinMax === null || max < bestMinMax.max || (max === bestMinMax.max && total < bestMinMax.total))
        bestMinMax = { max, total };
      return;
    }
    for (let j = 0; j < long; j++) {
      if (used[j]) continue;
      used[j] = true;
      const c = cost(i, j);
      walk(i + 1, total + c, i === 0 ? c : Math.max(max, c));
      used[j] = false;
    }
  };
  walk(0, 0, 0);
  if (best === null || bestMinMax === null) return null;
  const b = best as { total: number; max: number };
  const mm = bestMinMax as { max: number; total: number };
  return { total: b.total, max: b.max, minMax: mm.max, minMaxTotal: mm.total };
}

/** The result is a valid assignment of min(rows, cols) allowed pairs, with its total and max right. */
function checkValid(m: number[][], result: MatchResult): void {
  const rows = m.length;
  const cols = rows > 0 ? (m[0] as number[]).length : 0;
  expect(result.colOfRow).toHaveLength(rows);
  expect(result.rowOfCol).toHaveLength(cols);
  let matched = 0;
  let total = 0;
  let max = 0;
  result.colOfRow.forEach((c, r) => {
    if (c < 0) return;
    expect(result.rowOfCol[c]).toBe(r);
    const cost = m[r]?.[c] as number;
    expect(cost).toBeLessThan(Infinity);
    total += cost;
    max = matched === 0 ? cost : Math.max(max, cost);
    matched++;
  });
  expect(matched).toBe(Math.min(rows, cols));
  expect(result.rowOfCol.filter((r) => r >= 0)).toHaveLength(matched);
  expect(result.total).toBeCloseTo(total, 9);
  expect(result.max).toBe(max);
}

/** Entries 0..30 in steps of 1/4 (sums stay exact), about a fifth of them forbidden when `holes`. */
const entry = (holes: boolean): fc.Arbitrary<number> =>
  holes
    ? fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 120 }).map((v) => v / 4) },
        { weight: 1, arbitrary: fc.constant(Infinity) },
      )
    : fc.integer({ min: 0, max: 120 }).map((v) => v / 4);

const matrix = (square: boolean, holes: boolean): fc.Arbitrary<number[][]> =>
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })).chain(([rows, cols]) =>
    fc.array(fc.array(entry(holes), { minLength: square ? rows : cols, maxLength: square ? rows : cols }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

/** Few distinct values: many ties, where a wrong tie-break of min-max would show. */
const tiedMatrix: fc.Arbitrary<number[][]> = fc.integer({ min: 1, max: 7 }).chain((k) =>
  fc.array(fc.array(fc.constantFrom(1, 2, 3, Infinity), { minLength: k, maxLength: k }), {
    minLength: k,
    maxLength: k,
  }),
);

function agreesWithBruteForce(m: number[][]): void {
  const expected = bruteForce(m);
  const total = minTotalAssignment(m);
  const minMax = bottleneckAssignment(m);
  if (expected === null) {
    expect(total).toBeNull();
    expect(minMax).toBeNull();
    return;
  }
  expect(total).not.toBeNull();
  expect(minMax).not.toBeNull();
  checkValid(m, total as MatchResult);
  checkValid(m, minMax as MatchResult);
  expect((total as MatchResult).total).toBe(expected.total);
  expect((minMax as MatchResult).max).toBe(expected.minMax);
  expect((minMax as MatchResult).total).toBe(expected.minMaxTotal);
}

describe('matchHomes against brute force over all assignments (k <= 7)', () => {
  it('square matrices without forbidden pairs', () => {
    fc.assert(fc.property(matrix(true, false), agreesWithBruteForce), { numRuns: 150, seed: 1 });
  });

  it('square matrices with Infinity entries (including infeasible ones)', () => {
    fc.assert(fc.property(matrix(true, true), agreesWithBruteForce), { numRuns: 200, seed: 2 });
  });

  it('rectangular matrices, both orientations, with Infinity entries', () => {
    fc.assert(fc.property(matrix(false, true), agreesWithBruteForce), { numRuns: 200, seed: 3 });
  });

  it('matrices with many ties', () => {
    fc.assert(fc.property(tiedMatrix, agreesWithBruteForce), { numRuns: 200, seed: 4 });
  });

  it('is deterministic and ignores how the matrix is passed (rows or row-major Float64Array)', () => {
    fc.assert(
      fc.property(matrix(true, true), (m) => {
        const flat = Float64Array.from(m.flat());
        for (const solve of [minTotalAssignment, bottleneckAssignment]) {
          const a = solve(m);
          const b = solve(flat);
          expect(b?.colOfRow).toEqual(a?.colOfRow);
          expect(solve(m)?.colOfRow).toEqual(a?.colOfRow);
        }
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});
