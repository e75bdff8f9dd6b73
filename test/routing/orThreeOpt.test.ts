import { describe, expect, it } from 'vitest';
import { ArrayTour } from '../../src/domain/routing/arrayTour.js';
import { buildNeighbourLists } from '../../src/domain/routing/neighbourLists.js';
import { tryOrThreeOpt } from '../../src/domain/routing/orThreeOpt.js';
import { TspLocalSearch } from '../../src/domain/routing/tspLocalSearch.js';
import { createRandom } from '../../src/domain/random.js';

type Point = readonly [number, number];

function euclidean(points: readonly Point[]): (i: number, j: number) => number {
  return (i, j) => {
    const [x1, y1] = points[i] as Point;
    const [x2, y2] = points[j] as Point;
    return Math.hypot(x1 - x2, y1 - y2);
  };
}

function length(tour: ArrayTour, d: (i: number, j: number) => number): number {
  let total = 0;
  for (let p = 0; p < tour.n; p++)
    total += d(tour.order[p] as number, tour.order[(p + 1) % tour.n] as number);
  return total;
}

describe('or-3opt segment exchange', () => {
  it('moves the path 1..2 of a line walk back between 3 and 4 (hand-checked)', () => {
    // Cities on a line at x = 0..5, tour 0 3 1 2 4 5: the path 1 2 belongs between 0 and 3.
    const points: Point[] = [0, 1, 2, 3, 4, 5].map((x) => [x, 0] as const);
    const d = euclidean(points);
    const tour = new ArrayTour([0, 3, 1, 2, 4, 5]);
    const touched: number[] = [];
    const before = length(tour, d);
    const neighbours = buildNeighbourLists(6, d, 5);
    let delta = 0;
    for (let city = 0; city < 6 && delta === 0; city++) {
      for (const forward of [true, false]) {
        delta = tryOrThreeOpt(tour, d, neighbours, 1e-9, city, forward, (c) => touched.push(c));
        if (delta < 0) break;
      }
    }
    expect(delta).toBeLessThan(0);
    expect(length(tour, d)).toBeCloseTo(before + delta, 9);
    expect(touched).toHaveLength(6);
  });

  it('reports exactly the length change it makes, on random tours', () => {
    const random = createRandom(5);
    let moves = 0;
    for (let trial = 0; trial < 60; trial++) {
      const n = 8 + random.int(30);
      const points = Array.from({ length: n }, () => [random.range(0, 100), random.range(0, 100)] as const);
      const d = euclidean(points);
      const neighbours = buildNeighbourLists(n, d, 8);
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = random.int(i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const tour = new ArrayTour(order);
      for (let step = 0; step < 30; step++) {
        const before = length(tour, d);
        const delta = tryOrThreeOpt(tour, d, neighbours, 1e-9, random.int(n), random.next() < 0.5, () => {});
        if (delta < 0) moves++;
        expect(length(tour, d)).toBeCloseTo(before + delta, 6);
        expect(new Set(tour.toArray()).size).toBe(n);
      }
    }
    expect(moves).toBeGreaterThan(100);
  });

  it('improves a 2-opt + Or-opt local optimum (fails when the move is disabled)', () => {
    // Found by search: this tour is a local optimum of 2-opt and Or-opt (paths of 1-3 cities)
    // over 5-nearest lists, but moving a longer path shortens it by about 1.58.
    const points: Point[] = [
      [19, 18],
      [11, 15],
      [3, 8],
      [5, 6],
      [8, 17],
      [11, 13],
      [0, 3],
      [15, 3],
      [7, 9],
      [8, 7],
      [8, 6],
      [5, 4],
    ];
    const stuck = [0, 5, 1, 4, 2, 6, 11, 3, 8, 9, 10, 7];
    const d = euclidean(points);
    const neighbours = buildNeighbourLists(points.length, d, 5);
    const without = new ArrayTour(stuck);
    const searchWithout = new TspLocalSearch(without, d, neighbours, 1e-9, false);
    searchWithout.pushAll();
    expect(searchWithout.improve()).toBe(0);
    const withMove = new ArrayTour(stuck);
    const search = new TspLocalSearch(withMove, d, neighbours, 1e-9, true);
    search.pushAll();
    const delta = search.improve();
    expect(delta).toBeLessThan(-1.5);
    expect(length(withMove, d)).toBeCloseTo(length(without, d) + delta, 9);
  });
});
