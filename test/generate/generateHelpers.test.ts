import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from '../../src/domain/generate/apportion.js';
import { createDistrictGrid } from '../../src/domain/generate/districtGrid.js';
import { enforceHighValueSplit, type VolumeRole } from '../../src/domain/generate/highValueSplit.js';
import { hilbertGroupCentroids } from '../../src/domain/generate/hilbertGroups.js';
import { staffReps } from '../../src/domain/generate/repStaffing.js';
import { createRandom } from '../../src/domain/random.js';
import { percentile } from '../../src/domain/segmentation/percentile.js';

describe('apportion', () => {
  it('splits by largest remainder, earlier weights winning ties', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [50, 30, 20])).toEqual([4, 2, 1]);
    expect(apportion(1399, [76, 120, 720, 483])).toEqual([76, 120, 720, 483]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });

  it('always sums to the total and stays within one of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = apportion(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p - ((weights[i] ?? 0) / sum) * total)).toBeLessThan(1));
        },
      ),
    );
  });

  it('rejects negative weights and all-zero weights', () => {
    expect(() => apportion(3, [1, -1])).toThrow(/weights/);
    expect(() => apportion(3, [0, 0])).toThrow(/all-zero/);
  });
});

describe('staffReps', () => {
  const reference = { large: 76, 'night-venue': 120, medium: 720, small: 483 };

  it('gives the reference staffing A 1, B 1, C 6, D 4 for 12 reps', () => {
    expect(staffReps(12, reference)).toEqual({ A: 1, B: 1, C: 6, D: 4 });
  });

  it('gives at least one rep per tier and sums to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 5000 }), (total) => {
        const s = staffReps(total, reference);
        expect(s.A + s.B + s.C + s.D).toBe(total);
        expect(Math.min(s.A, s.B, s.C, s.D)).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(staffReps(4, reference)).toEqual({ A: 1, B: 1, C: 1, D: 1 });
    expect(staffReps(24, reference)).toEqual({ A: 2, B: 2, C: 12, D: 8 });
  });

  it('needs at least 4 reps', () => {
    expect(() => staffReps(3, reference)).toThrow(/at least 4/);
  });
});

describe('enforceHighValueSplit', () => {
  it('swaps a misplaced small-format volume with a volume-neutral outlet, keeping the threshold', () => {
    // 10 volumes; p90 lies between the 9th and 10th largest. The high-value grocery (index 0)
    // starts low and a supermarket (index 9) holds the top volume: they must trade.
    const volumes = [20, 10, 11, 12, 13, 14, 15, 16, 17, 500];
    const roles: VolumeRole[] = [
      'small-high',
      'small-low',
      'small-low',
      'small-low',
      'small-low',
      'small-low',
      'small-low',
      'small-low',
      'small-low',
      'swappable',
    ];
    const before = percentile(volumes, 90);
    const threshold = enforceHighValueSplit(volumes, roles, 90, createRandom(1));
    expect(threshold).toBe(before);
    expect(volumes[0]).toBe(500);
    expect(volumes[9]).toBe(20);
    expect([...volumes].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 20, 500]);
  });

  it('leaves a correct split untouched', () => {
    const volumes = [900, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const roles: VolumeRole[] = ['small-high', ...new Array<VolumeRole>(9).fill('small-low')];
    enforceHighValueSplit(volumes, roles, 90, createRandom(1));
    expect(volumes).toEqual([900, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('moves a volume across the threshold when no partner exists', () => {
    const volumes = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const roles: VolumeRole[] = ['small-high', ...new Array<VolumeRole>(9).fill('fixed')];
    const threshold = enforceHighValueSplit(volumes, roles, 90, createRandom(1));
    expect(volumes[0] as number).toBeGreaterThanOrEqual(threshold);
  });
});

describe('hilbertGroupCentroids', () => {
  it('splits two far-apart clusters into one group each', () => {
    const west = Array.from({ length: 10 }, (_, i) => [0 + i * 0.01, 0] as [number, number]);
    const east = Array.from({ length: 10 }, (_, i) => [100 + i * 0.01, 0] as [number, number]);
    const centroids = hilbertGroupCentroids([...east, ...west], 2).sort((a, b) => a[0] - b[0]);
    expect(centroids[0]?.[0]).toBeCloseTo(0.045, 9);
    expect(centroids[1]?.[0]).toBeCloseTo(100.045, 9);
  });

  it('returns one centroid per group, even with more groups than points', () => {
    expect(hilbertGroupCentroids([[1, 2]], 3)).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(hilbertGroupCentroids([], 3)).toEqual([]);
  });
});

describe('createDistrictGrid', () => {
  it('numbers a 4 x 3 grid row by row from the north-west', () => {
    const grid = createDistrictGrid(15, 12);
    expect([grid.cols, grid.rows]).toEqual([4, 3]);
    expect(grid.labelAt(-7, 5.9)).toBe('D01');
    expect(grid.labelAt(7, 5.9)).toBe('D04');
    expect(grid.labelAt(-7, -5.9)).toBe('D09');
    expect(grid.labelAt(7.5, -6)).toBe('D12');
  });

  it('scales the grid with the region and pads labels to sort naturally', () => {
    const grid = createDistrictGrid(150, 120);
    expect([grid.cols, grid.rows]).toEqual([40, 30]);
    expect(grid.labelAt(-75, 60)).toBe('D0001');
  });
});
