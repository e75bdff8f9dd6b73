import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanarIndex } from '../../src/domain/geo/planarIndex.js';

describe('PlanarIndex', () => {
  it('finds the nearest accepted member, the lower index on ties, as brute force does (property)', () => {
    const coord = fc.integer({ min: -20, max: 20 }).map((v) => v / 4); // coarse: many ties and duplicates
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 120 }),
        fc.tuple(coord, coord),
        fc.integer({ min: 1, max: 4 }),
        (points, [qx, qy], modulus) => {
          const xs = Float64Array.from(points.map((p) => p[0]));
          const ys = Float64Array.from(points.map((p) => p[1]));
          const members = points.map((_, i) => i).filter((i) => i % 2 === 0 || modulus > 2);
          const index = new PlanarIndex(xs, ys, members);
          const accept = (j: number): boolean => j % modulus !== 1;
          let best = -1;
          let bestD = Infinity;
          for (const j of members) {
            if (!accept(j)) continue;
            const d = Math.hypot((xs[j] as number) - qx, (ys[j] as number) - qy);
            if (d < bestD) {
              bestD = d;
              best = j;
            }
          }
          const found = index.nearest(qx, qy, accept);
          expect(found.index).toBe(best);
          expect(found.distance).toBeCloseTo(bestD, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns -1 and Infinity when nothing is accepted or there are no members', () => {
    const xs = Float64Array.from([0, 1]);
    const ys = Float64Array.from([0, 1]);
    expect(new PlanarIndex(xs, ys, []).nearest(0, 0)).toEqual({ index: -1, distance: Infinity });
    expect(new PlanarIndex(xs, ys, [0, 1]).nearest(0, 0, () => false)).toEqual({
      index: -1,
      distance: Infinity,
    });
  });
});
