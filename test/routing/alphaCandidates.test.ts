import { describe, expect, it } from 'vitest';
import { buildAlphaCandidates } from '../../src/domain/routing/alphaCandidates.js';
import { buildNeighbourLists } from '../../src/domain/routing/neighbourLists.js';

type Point = readonly [number, number];

function euclidean(points: readonly Point[]): (i: number, j: number) => number {
  return (i, j) => {
    const [x1, y1] = points[i] as Point;
    const [x2, y2] = points[j] as Point;
    return Math.hypot(x1 - x2, y1 - y2);
  };
}

function listOf(candidates: { k: number; lists: Int32Array }, city: number): number[] {
  return Array.from(candidates.lists.subarray(city * candidates.k, city * candidates.k + candidates.k));
}

// Two tight clusters of five cities, 100 apart; cities 4 and 5 face each other across the gap.
const points: Point[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 0.5],
  [102, 0.5],
  [103, 0],
  [103, 1],
  [104, 0],
  [104, 1],
];

describe('buildAlphaCandidates', () => {
  it('keeps the bridge between two clusters that 3-nearest lists drop', () => {
    const d = euclidean(points);
    const nearest = buildNeighbourLists(10, d, 3);
    expect(listOf(nearest, 4)).not.toContain(5);
    const alpha = buildAlphaCandidates(10, d, 3);
    // The bridge 4-5 is a spanning-tree edge (alpha 0), so both ends keep it.
    expect(listOf(alpha, 4)).toContain(5);
    expect(listOf(alpha, 5)).toContain(4);
  });

  it('sorts each list by distance, excludes the city itself and caps k at n - 1', () => {
    const d = euclidean(points);
    const alpha = buildAlphaCandidates(10, d, 3);
    expect(alpha.k).toBe(3);
    for (let city = 0; city < 10; city++) {
      const list = listOf(alpha, city);
      expect(new Set(list).size).toBe(3);
      expect(list).not.toContain(city);
      for (let t = 1; t < 3; t++) {
        expect(d(city, list[t] as number)).toBeGreaterThanOrEqual(d(city, list[t - 1] as number));
      }
    }
    expect(buildAlphaCandidates(4, d, 10).k).toBe(3);
    expect(buildAlphaCandidates(1, d, 10)).toEqual({ k: 0, lists: new Int32Array(0) });
  });

  it('ranks by alpha: on a line every city keeps its two tree neighbours', () => {
    const line: Point[] = [0, 1, 3, 6, 10].map((x) => [x, 0] as const);
    const d = euclidean(line);
    const alpha = buildAlphaCandidates(5, d, 2);
    expect(listOf(alpha, 2)).toEqual([1, 3]);
    expect(listOf(alpha, 3)).toEqual([2, 4]);
    // City 0: tree neighbour 1 (alpha 0) then 2 (alpha 3 - 2 = 1) before 3 (alpha 6 - 3 = 3).
    expect(listOf(alpha, 0)).toEqual([1, 2]);
  });
});
