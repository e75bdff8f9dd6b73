import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm, median } from '../../../src/domain/geo/distance.js';
import { percentile } from '../../../src/domain/segmentation/percentile.js';
import { findOutliers } from '../../../src/io/region/findOutliers.js';

const grid = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    lon: 116.4 + (i % 10) * 0.01,
    lat: 39.9 + Math.floor(i / 10) * 0.01,
  }));

describe('findOutliers', () => {
  it('flags a point in another city and nothing in a compact region', () => {
    const points = [...grid(50), { lon: 121.47, lat: 31.23 }];
    const check = findOutliers(points, { minKm: 50, factor: 4 });
    expect(check.outliers).toEqual([50]);
    expect(check.center).toEqual({ lon: 116.45, lat: 39.92 }); // 26th of 51 sorted values
    expect(check.limitKm).toBe(50); // the grid's p95 (~7 km) x 4 is below the 50 km floor
    expect(findOutliers(grid(50), { minKm: 50, factor: 4 }).outliers).toEqual([]);
  });

  it('uses factor x p95 when the region is wide', () => {
    // A 1-degree-wide spread: p95 is tens of km, so the limit is above the floor.
    const wide = Array.from({ length: 100 }, (_, i) => ({
      lon: 116 + (i % 10) * 0.1,
      lat: 39 + Math.floor(i / 10) * 0.1,
    }));
    const check = findOutliers([...wide, { lon: 116.5, lat: 42 }], { minKm: 10, factor: 2 });
    expect(check.limitKm).toBeCloseTo(2 * check.p95Km, 6);
    expect(check.outliers).toEqual([100]);
  });

  it('handles empty and single-point input', () => {
    expect(findOutliers([], { minKm: 50, factor: 4 }).outliers).toEqual([]);
    expect(findOutliers([{ lon: 1, lat: 1 }], { minKm: 50, factor: 4 }).outliers).toEqual([]);
  });

  it('flags exactly the points beyond the limit (property)', () => {
    const point = fc.record({
      lon: fc.double({ min: 100, max: 120, noNaN: true }),
      lat: fc.double({ min: 20, max: 45, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 60 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (points, minKm) => {
          const check = findOutliers(points, { minKm, factor: 3 });
          expect(check.limitKm).toBeGreaterThanOrEqual(minKm);
          // Same statistics as the domain helpers.
          expect(check.center.lon).toBe(median(points.map((p) => p.lon)));
          expect(check.center.lat).toBe(median(points.map((p) => p.lat)));
          expect(check.p95Km).toBeCloseTo(percentile(check.distancesKm, 95), 9);
          // At least 95% of points are within p95, hence within the limit.
          expect(check.outliers.length).toBeLessThanOrEqual(Math.floor(points.length * 0.05) + 1);
          points.forEach((p, i) => {
            const d = haversineKm(check.center.lon, check.center.lat, p.lon, p.lat);
            expect(check.outliers.includes(i)).toBe(d > check.limitKm);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
