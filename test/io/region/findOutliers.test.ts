import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm, localProjection } from '../../../src/domain/geo/distance.js';
import { createRandom } from '../../../src/domain/random.js';
import { percentile } from '../../../src/domain/segmentation/percentile.js';
import { findOutliers } from '../../../src/io/region/findOutliers.js';

const DEFAULTS = { minKm: 50, factor: 4 };

const grid = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    lon: 116.4 + (i % 10) * 0.01,
    lat: 39.9 + Math.floor(i / 10) * 0.01,
  }));

/** Test positions in km around a city centre. */
const CITY = localProjection(119.13, 36.71);
const at = (x: number, y: number) => {
  const [lon, lat] = CITY.toLonLat(x, y);
  return { lon, lat };
};

/** `n` points of a town: uniform in a disc of `radiusKm` around (x, y) km, seeded. */
function town(n: number, x: number, y: number, radiusKm: number, seed: number) {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const r = radiusKm * Math.sqrt(random.next());
    const a = 2 * Math.PI * random.next();
    return at(x + r * Math.cos(a), y + r * Math.sin(a));
  });
}

/** Brute-force great-circle distance to the k-th nearest other point. */
function bruteKth(points: ReadonlyArray<{ lon: number; lat: number }>, i: number, k: number): number {
  const p = points[i] as { lon: number; lat: number };
  const d = points
    .filter((_, j) => j !== i)
    .map((q) => haversineKm(p.lon, p.lat, q.lon, q.lat))
    .sort((a, b) => a - b);
  return d[k - 1] ?? Infinity;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('findOutliers', () => {
  it('flags a point in another city and nothing in a compact region', () => {
    const points = [...grid(50), { lon: 121.47, lat: 31.23 }];
    const check = findOutliers(points, DEFAULTS);
    expect(check.outliers).toEqual([50]);
    // The Shanghai point's 5 nearest are the grid, about 1,070 km away.
    expect(check.neighbourKm[50]).toBeGreaterThan(1000);
    expect(check.limitKm).toBe(50); // the grid's 5th-nearest p95 (~2 km) x 4 is below the 50 km floor
    expect(findOutliers(grid(50), DEFAULTS).outliers).toEqual([]);
  });

  it('uses factor x p95 of the k-th-nearest distance when the region is sparse', () => {
    // A grid at 0.1 degree (~9-11 km): every 5th-nearest distance is ~15-20 km, limit ~2 x that.
    const wide = Array.from({ length: 100 }, (_, i) => ({
      lon: 116 + (i % 10) * 0.1,
      lat: 39 + Math.floor(i / 10) * 0.1,
    }));
    const check = findOutliers([...wide, { lon: 116.5, lat: 42 }], { minKm: 10, factor: 2 });
    expect(check.limitKm).toBeCloseTo(2 * check.p95Km, 6);
    expect(check.limitKm).toBeGreaterThan(10);
    expect(check.outliers).toEqual([100]);
  });

  it('handles empty, single-point and tiny input', () => {
    expect(findOutliers([], DEFAULTS).outliers).toEqual([]);
    expect(findOutliers([{ lon: 1, lat: 1 }], DEFAULTS).outliers).toEqual([]);
    // With 5 points the 2nd-nearest is used (k never exceeds half the others), so the close
    // four do not count the far one among their neighbours and only the far one is flagged.
    const five = [...grid(4), { lon: 121.47, lat: 31.23 }];
    const check = findOutliers(five, { minKm: 10, factor: 1 });
    expect(check.k).toBe(2);
    expect(check.outliers).toEqual([4]);
    expect(findOutliers(grid(2), DEFAULTS).k).toBe(0);
  });

  // Fails with the median-point rule: the town 40 km away (3% of the outlets) is farther than
  // max(20 km, 4 x p95 ~ 10 km) from the median point, so all its 30 outlets were quarantined.
  it('does not flag the smaller of two towns 40 km apart', () => {
    const points = [...town(1000, 0, 0, 5, 1), ...town(30, 40, 0, 2, 2)];
    expect(findOutliers(points, { minKm: 20, factor: 4 }).outliers).toEqual([]);
    // With the default 50 km floor, a town 60 km out with 3% of the outlets was lost too.
    const farther = [...town(1000, 0, 0, 5, 1), ...town(30, 60, 0, 2, 2)];
    expect(findOutliers(farther, DEFAULTS).outliers).toEqual([]);
  });

  it('still flags a lone point 50 km from everything, also in a two-town region', () => {
    const towns = [...town(1000, 0, 0, 5, 1), ...town(200, 40, 0, 3, 2)];
    const lone = at(0, 56); // 50 km beyond the big town's edge, farther from the small town
    const check = findOutliers([...towns, lone], DEFAULTS);
    expect(check.outliers).toEqual([towns.length]);
    expect(check.neighbourKm[towns.length]).toBeGreaterThan(50);
    // ...and a shop 50 km past the small town, which the median-point rule measured from the big one.
    const pastSmall = at(93.5, 0);
    expect(findOutliers([...towns, pastSmall], DEFAULTS).outliers).toEqual([towns.length]);
  });

  it('flags nothing in a dense city of 50,000 outlets, in well under a second', () => {
    // A dense core and a thin fringe out to 25 km: the fringe is sparse but not isolated.
    const points = [...town(40_000, 0, 0, 8, 3), ...town(10_000, 0, 0, 25, 4)];
    const started = performance.now();
    const check = findOutliers(points, DEFAULTS);
    const ms = performance.now() - started;
    expect(check.outliers).toEqual([]);
    expect(check.p95Km).toBeLessThan(1);
    // Measured 85-150 ms on the (loaded, 2-core) dev container; the bound only catches a quadratic search.
    expect(ms).toBeLessThan(3000);
  });

  // Fails with the median-point rule whenever the cluster is under 5% of the points.
  it('never flags a far-away cluster of at least k + 1 outlets (property)', () => {
    const point = fc.record({
      x: fc.double({ min: -20, max: 20, noNaN: true }),
      y: fc.double({ min: -20, max: 20, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 150, maxLength: 300 }),
        fc.integer({ min: 6, max: 15 }),
        fc.double({ min: 60, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (base, size, distanceKm, bearing, radiusKm, seed) => {
          const points = base.map((p) => at(p.x, p.y));
          const cluster = town(
            size,
            distanceKm * Math.cos(bearing),
            distanceKm * Math.sin(bearing),
            radiusKm,
            seed,
          );
          const check = findOutliers([...points, ...cluster], DEFAULTS);
          for (const index of check.outliers) expect(index).toBeLessThan(points.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('flags exactly the points whose k-th-nearest distance exceeds the limit (property)', () => {
    const point = fc.record({
      lon: fc.double({ min: 100, max: 120, noNaN: true }),
      lat: fc.double({ min: 20, max: 45, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 60 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (points, minKm, neighbours) => {
          const check = findOutliers(points, { minKm, factor: 3, neighbours });
          expect(check.k).toBe(Math.min(neighbours, Math.floor((points.length - 1) / 2)));
          expect(check.limitKm).toBeGreaterThanOrEqual(minKm);
          if (check.k === 0) {
            expect(check.outliers).toEqual([]);
            return;
          }
          points.forEach((_, i) => {
            expect(check.neighbourKm[i]).toBeCloseTo(bruteKth(points, i, check.k), 6);
          });
          expect(check.p95Km).toBeCloseTo(percentile([...check.neighbourKm], 95), 6);
          // At least 95% of points are within p95, hence within the limit.
          expect(check.outliers.length).toBeLessThanOrEqual(Math.floor(points.length * 0.05) + 1);
          expect(check.outliers).toEqual(
            range(0, points.length).filter((i) => (check.neighbourKm[i] as number) > check.limitKm),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
