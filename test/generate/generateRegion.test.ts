import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOutletTiers, countRepTiers } from '../../src/domain/generate/countTiers.js';
import {
  generateRegion,
  referenceTierCounts,
  regionBounds,
} from '../../src/domain/generate/generateRegion.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { segmentOutlets } from '../../src/domain/segmentation/segmentOutlets.js';
import type { Outlet, Rep } from '../../src/domain/types.js';

const SAMPLE = { outlets: 1399, reps: 12, seed: 42 };
const sample = generateRegion(SAMPLE);

function insideBounds(points: Array<[number, number]>, options: Parameters<typeof regionBounds>[0]): boolean {
  const b = regionBounds(options);
  return points.every(
    ([lon, lat]) => lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat,
  );
}

const outletPoints = (outlets: readonly Outlet[]): Array<[number, number]> =>
  outlets.map((o) => [o.lon, o.lat]);
const homePoints = (reps: readonly Rep[]): Array<[number, number]> => reps.map((r) => [r.homeLon, r.homeLat]);

describe('generateRegion: the reference sample (1,399 outlets, 12 reps, seed 42)', () => {
  it('segments into exactly 76 large, 120 night-venue, 720 medium and 483 small under the default policy', () => {
    const { segments } = segmentOutlets({
      outlets: sample.outlets.filter((o) => o.status === 'active'),
      policy: DEFAULT_POLICY.segmentation,
      previous: new Map(),
      mode: 'resegment',
    });
    const counts = { large: 0, 'night-venue': 0, medium: 0, small: 0 };
    for (const s of segments.values()) counts[s.tier]++;
    expect(counts).toEqual({ large: 76, 'night-venue': 120, medium: 720, small: 483 });
  });

  it('lifts some small formats to medium through the percentile rule, and none of the rest', () => {
    const { segments } = segmentOutlets({
      outlets: sample.outlets,
      policy: DEFAULT_POLICY.segmentation,
      previous: new Map(),
      mode: 'resegment',
    });
    const byRule = new Map<string, number>();
    for (const s of segments.values()) byRule.set(s.rule, (byRule.get(s.rule) ?? 0) + 1);
    expect(byRule.get('small-high-value')).toBe(36);
    expect(byRule.get('large-tobacco-liquor')).toBe(20);
    expect(byRule.get('default')).toBeUndefined();
  });

  it('staffs A 1, B 1, C 6, D 4 with ids R01..R12, policy defaults and full-time capacity', () => {
    expect(countRepTiers(sample.reps)).toEqual({ A: 1, B: 1, C: 6, D: 4 });
    expect(sample.reps.map((r) => r.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`),
    );
    for (const rep of sample.reps) {
      expect(rep).toMatchObject({ dailyMinutes: null, workingDays: null, capacity: 1 });
    }
    expect(new Set(sample.reps.map((r) => r.name)).size).toBe(12);
  });

  it('puts every outlet and rep home inside the 15 x 12 km district', () => {
    const bounds = regionBounds(SAMPLE);
    expect(bounds.widthKm).toBe(15);
    expect(bounds.heightKm).toBe(12);
    expect(insideBounds(outletPoints(sample.outlets), SAMPLE)).toBe(true);
    expect(insideBounds(homePoints(sample.reps), SAMPLE)).toBe(true);
  });

  it('numbers outlets KW00001.. with their CSV line, unique names, active status and 6-decimal coordinates', () => {
    sample.outlets.forEach((o, i) => {
      expect(o.id).toBe(`KW${String(i + 1).padStart(5, '0')}`);
      expect(o.line).toBe(i + 2);
      expect(o.status).toBe('active');
      expect(o.lockedRepId).toBeNull();
      expect(o.businessType).toBe(o.businessType.toLowerCase());
      expect(Number.isInteger(o.monthlyVolume) && o.monthlyVolume >= 0).toBe(true);
      expect(Math.round(o.lon * 1e6) / 1e6).toBe(o.lon);
    });
    expect(new Set(sample.outlets.map((o) => o.name)).size).toBe(1399);
  });

  it('gives night venues evening hours (overnight windows end past 1440) and hotels no hours', () => {
    const hours = new Map<string, Set<string>>();
    for (const o of sample.outlets) {
      const set = hours.get(o.businessType) ?? new Set<string>();
      set.add(`${o.openFrom}-${o.openTo}`);
      hours.set(o.businessType, set);
    }
    expect([...(hours.get('ktv') ?? [])]).toEqual(['1020-1560']);
    expect([...(hours.get('bar') ?? [])]).toEqual(['1020-1560']);
    expect([...(hours.get('club') ?? [])]).toEqual(['1140-1620']);
    expect([...(hours.get('restaurant') ?? [])]).toEqual(['600-1320']);
    expect([...(hours.get('hotel') ?? [])]).toEqual(['null-null']);
  });

  it('has the reference night-venue mix: 45 restaurants, 15 hotels, 25 KTV, 25 bars, 10 clubs', () => {
    const count = (type: string): number => sample.outlets.filter((o) => o.businessType === type).length;
    expect(['restaurant', 'hotel', 'ktv', 'bar', 'club'].map(count)).toEqual([45, 15, 25, 25, 10]);
  });

  it('labels outlets with the 4 x 3 administrative grid D01..D12, every district used', () => {
    const labels = new Set(sample.outlets.map((o) => o.district));
    expect([...labels].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('clusters like a city: the busiest district holds several times the outlets of the emptiest', () => {
    const perDistrict = new Map<string, number>();
    for (const o of sample.outlets)
      perDistrict.set(o.district ?? '', (perDistrict.get(o.district ?? '') ?? 0) + 1);
    const counts = [...perDistrict.values()];
    expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThan(3);
  });
});

describe('generateRegion: determinism', () => {
  it('gives the same region for the same options', () => {
    expect(generateRegion(SAMPLE)).toEqual(sample);
  });

  it('gives a different region for a different seed', () => {
    const other = generateRegion({ ...SAMPLE, seed: 43 });
    expect(other.outlets.map((o) => [o.lon, o.lat])).not.toEqual(sample.outlets.map((o) => [o.lon, o.lat]));
    expect(countOutletTiers(other.outlets)).toEqual(countOutletTiers(sample.outlets));
  });
});

describe('generateRegion: other sizes', () => {
  it('keeps the reference proportions exactly for any size (rounded, summing to N)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2500 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (outlets, seed) => {
          const region = generateRegion({ outlets, reps: 4, seed });
          const expected = referenceTierCounts(outlets);
          expect(expected.large + expected['night-venue'] + expected.medium + expected.small).toBe(outlets);
          expect(countOutletTiers(region.outlets)).toEqual(expected);
          expect(insideBounds(outletPoints(region.outlets), { outlets, reps: 4, seed })).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('generates 50,000 outlets with exact tier counts, a scaled city and proportional staffing', () => {
    const options = { outlets: 50_000, reps: 429, seed: 7 };
    const region = generateRegion(options);
    expect(region.outlets).toHaveLength(50_000);
    expect(countOutletTiers(region.outlets)).toEqual(referenceTierCounts(50_000));
    expect(referenceTierCounts(50_000)).toEqual({
      large: 2716,
      'night-venue': 4289,
      medium: 25733,
      small: 17262,
    });
    const bounds = regionBounds(options);
    expect(bounds.widthKm).toBeCloseTo(15 * Math.sqrt(50_000 / 1399), 6);
    expect(insideBounds(outletPoints(region.outlets), options)).toBe(true);
    expect(insideBounds(homePoints(region.reps), options)).toBe(true);
    const staffing = countRepTiers(region.reps);
    expect(staffing.A + staffing.B + staffing.C + staffing.D).toBe(429);
    expect(staffing.A).toBe(36);
    expect(staffing.B).toBe(36);
    // C and D split the rest by medium : small outlets, about 120 outlets each.
    expect(Math.abs(25733 / staffing.C - 17262 / staffing.D)).toBeLessThan(2);
    expect(new Set(region.outlets.map((o) => o.id)).size).toBe(50_000);
    expect(region.outlets[0]?.id).toBe('KW00001');
  });

  it('honours name, centre and size options', () => {
    const options = {
      outlets: 300,
      reps: 5,
      seed: 1,
      name: 'springfield',
      center: [10, 50] as [number, number],
      widthKm: 4,
    };
    const region = generateRegion(options);
    expect(region.outlets[0]?.id).toBe('SN00001');
    expect(regionBounds(options).heightKm).toBeCloseTo(3.2, 9);
    expect(insideBounds(outletPoints(region.outlets), options)).toBe(true);
    expect(countRepTiers(region.reps)).toEqual({ A: 1, B: 1, C: 2, D: 1 });
  });

  it('rejects impossible options with a message naming the option', () => {
    expect(() => generateRegion({ outlets: 0, reps: 12, seed: 1 })).toThrow(/outlets must be/);
    expect(() => generateRegion({ outlets: 100, reps: 3, seed: 1 })).toThrow(/reps must be .*>= 4/);
    expect(() => generateRegion({ outlets: 100, reps: 4, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateRegion({ outlets: 100, reps: 4, seed: 1, widthKm: -1 })).toThrow(/widthKm/);
  });
});
