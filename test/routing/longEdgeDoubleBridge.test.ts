import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArrayTour } from '../../src/domain/routing/arrayTour.js';
import { longEdgeCuts, longEdgeDoubleBridge } from '../../src/domain/routing/longEdgeDoubleBridge.js';
import { solveTsp, tourLength } from '../../src/domain/routing/solveTsp.js';
import { createRandom } from '../../src/domain/random.js';

function length(tour: ArrayTour, d: (i: number, j: number) => number): number {
  return tourLength(tour.toArray(), d);
}

describe('longEdgeDoubleBridge', () => {
  it('cuts three of the longest edges and reports the length change it makes', () => {
    // 12 cities on a line, visited left to right, so the closing edge 51 -> 0 is the longest.
    const xs = [0, 1, 2, 10, 11, 12, 13, 30, 31, 32, 50, 51];
    const d = (i: number, j: number): number => Math.abs((xs[i] as number) - (xs[j] as number));
    const random = createRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const tour = new ArrayTour(Array.from({ length: 12 }, (_, i) => i));
      // Edge lengths by position: 1 1 8 1 1 1 17 1 1 18 1 51; the 3 longest follow 6, 9 and 11.
      expect(longEdgeCuts(tour, d, random, 4)).toEqual([6, 9, 11]);
      const before = length(tour, d);
      const touched: number[] = [];
      const delta = longEdgeDoubleBridge(tour, d, random, 4, (c) => touched.push(c));
      expect(length(tour, d)).toBeCloseTo(before + delta, 9);
      expect(new Set(tour.toArray()).size).toBe(12);
      expect(touched).toHaveLength(6);
    }
  });

  it('draws distinct sorted cuts from a wider pool', () => {
    const random = createRandom(9);
    const tour = new ArrayTour(Array.from({ length: 40 }, (_, i) => i));
    const d = (i: number, j: number): number => Math.abs(i - j);
    for (let trial = 0; trial < 50; trial++) {
      const [a, b, c] = longEdgeCuts(tour, d, random, 20);
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      expect(c).toBeLessThan(40);
    }
  });
});

// shared/ sits beside the repository (../shared), in a session and in CI alike.
const P654 = fileURLToPath(new URL('../../../shared/data/tsplib/instances/p654.tsp', import.meta.url));
const P654_OPTIMUM = 34643;

describe.skipIf(!existsSync(P654))('solveTsp on TSPLIB p654 (clustered)', () => {
  it('ends within 1% of the optimum at the sequencer effort (fails without long-edge kicks)', () => {
    const lines = readFileSync(P654, 'utf8').split(/\r?\n/);
    const start = lines.findIndex((line) => line.trim().startsWith('NODE_COORD_SECTION'));
    const coordinates = lines
      .slice(start + 1)
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter((parts) => parts.length === 3 && parts.every(Number.isFinite));
    expect(coordinates).toHaveLength(654);
    const distance = (i: number, j: number): number => {
      const [, x1 = 0, y1 = 0] = coordinates[i] ?? [];
      const [, x2 = 0, y2 = 0] = coordinates[j] ?? [];
      return Math.round(Math.hypot(x1 - x2, y1 - y2));
    };
    for (const seed of [1, 2]) {
      const { length } = solveTsp(654, distance, { seed, effort: 0.3 });
      expect(length).toBeGreaterThanOrEqual(P654_OPTIMUM);
      expect((length - P654_OPTIMUM) / P654_OPTIMUM).toBeLessThanOrEqual(0.01);
    }
  });
});
