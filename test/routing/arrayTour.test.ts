import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayTour } from '../../src/domain/routing/arrayTour.js';
import { buildNeighbourLists } from '../../src/domain/routing/neighbourLists.js';
import { tourLength } from '../../src/domain/routing/solveTsp.js';
import { TspLocalSearch } from '../../src/domain/routing/tspLocalSearch.js';

/** Undirected edges of a closed tour as sorted "a-b" keys. */
function edges(tour: readonly number[]): string[] {
  return tour
    .map((a, p) => {
      const b = tour[(p + 1) % tour.length] as number;
      return a < b ? `${a}-${b}` : `${b}-${a}`;
    })
    .sort();
}

const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

describe('ArrayTour', () => {
  it('reverses the shorter side and keeps positions consistent', () => {
    const tour = new ArrayTour([0, 1, 2, 3, 4, 5, 6, 7]);
    tour.twoOptMove(0, 1, 5, 6); // edges 0-1, 5-6 -> 0-5, 1-6
    expect(edges(tour.toArray())).toEqual(edges([0, 5, 4, 3, 2, 1, 6, 7]));
    for (let p = 0; p < 8; p++) expect(tour.pos[tour.order[p] as number]).toBe(p);
  });

  it('orMove relinks exactly the expected edges in both directions and every placement', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        (n, length, startSeed, insertSeed, forward, linkCToFirst) => {
          const tour = new ArrayTour(Array.from({ length: n }, (_, i) => i));
          // Scramble a little so the array is not the identity.
          tour.twoOptMove(0, 1, Math.floor(n / 2), Math.floor(n / 2) + 1);
          const s1 = tour.order[startSeed % n] as number;
          let s2 = s1;
          for (let t = 1; t < length; t++) s2 = tour.step(s2, forward);
          const p = tour.step(s1, !forward);
          const nx = tour.step(s2, forward);
          const segment = new Set<number>();
          for (let c = s1, t = 0; t < length; t++, c = tour.step(c, forward)) segment.add(c);
          const candidates = tour
            .toArray()
            .filter((c) => !segment.has(c) && !segment.has(tour.step(c, forward)));
          const c = candidates[insertSeed % candidates.length] as number;
          const e = tour.step(c, forward);
          if (c === p && e === s1) return;
          const before = new Set(edges(tour.toArray()));
          tour.orMove(s1, s2, p, nx, c, e, linkCToFirst);
          const after = tour.toArray();
          expect([...after].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          const expected = new Set(before);
          for (const removed of [key(p, s1), key(s2, nx), key(c, e)]) expected.delete(removed);
          const added =
            linkCToFirst && s1 !== s2
              ? [key(p, nx), key(c, s1), key(s2, e)]
              : [key(p, nx), key(c, s2), key(s1, e)];
          for (const edge of added) expected.add(edge);
          expect(edges(after)).toEqual([...expected].sort());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('undoJournal restores the tour exactly', () => {
    const tour = new ArrayTour([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    tour.startJournal();
    tour.twoOptMove(0, 1, 5, 6);
    tour.orMove(7, 8, 6, 9, 2, 3, true);
    tour.undoJournal();
    expect(tour.toArray(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('TspLocalSearch', () => {
  it('reports exactly the length change it made and keeps a valid tour', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })), {
          minLength: 8,
          maxLength: 80,
        }),
        (points) => {
          const n = points.length;
          const d = (i: number, j: number): number => {
            const [x1, y1] = points[i] as [number, number];
            const [x2, y2] = points[j] as [number, number];
            return Math.hypot(x1 - x2, y1 - y2);
          };
          const tour = new ArrayTour(Array.from({ length: n }, (_, i) => i));
          const before = tourLength(tour.toArray(), d);
          const search = new TspLocalSearch(tour, d, buildNeighbourLists(n, d, 8), 1e-9);
          search.pushAll();
          const delta = search.improve();
          const after = tour.toArray();
          expect([...after].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          expect(tourLength(after, d)).toBeCloseTo(before + delta, 6);
          expect(delta).toBeLessThanOrEqual(0);
          // Don't-look bits make one run approximate; a second full run stays consistent too.
          search.pushAll();
          const again = search.improve();
          expect(tourLength(tour.toArray(), d)).toBeCloseTo(before + delta + again, 6);
        },
      ),
      { numRuns: 100 },
    );
  });
});
