import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { PlanOutlet, PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import { visitsPerCycle } from '../../src/domain/policy/visitFrequencies.js';
import {
  assignPoolTerritories,
  poolTerritoryInput,
} from '../../src/domain/territories/assignPoolTerritories.js';
import { nearestNeighbours, symmetricNeighbourGraph } from '../../src/domain/territories/neighbourGraph.js';
import { contiguityBreaks, partitionDispersion } from '../../src/domain/territories/territoryMetrics.js';
import { convexHullAreaKm2 } from '../../src/domain/territories/territorySummary.js';
import { weightedKMeans } from '../../src/domain/territories/weightedKMeans.js';
import {
  BHH_CONSTANT,
  outAndBackMinutes,
  outletLoadMinutes,
  travelMinutesPerVisit,
} from '../../src/domain/territories/workload.js';
import { CITY } from './fixtures.js';

describe('workload model', () => {
  const travel = { speedKmh: 30, circuity: 1.5 }; // 3 road minutes per straight km

  it('estimates travel per visit from local spacing with the BHH constant', () => {
    // 5 neighbours within 1 km: pi/5 km^2 per stop, tour share 0.7124 * sqrt(pi/5) km.
    expect(travelMinutesPerVisit(1, 5, travel)).toBeCloseTo(BHH_CONSTANT * Math.sqrt(Math.PI / 5) * 3, 10);
    expect(travelMinutesPerVisit(Infinity, 5, travel)).toBe(0);
    expect(travelMinutesPerVisit(2, 5, travel)).toBeCloseTo(2 * travelMinutesPerVisit(1, 5, travel), 10);
  });

  it('adds visits x (service + travel) and a daily round trip', () => {
    expect(outletLoadMinutes(4, 12, 3)).toBe(60);
    expect(outAndBackMinutes(2, 20, travel)).toBe(2 * 2 * 20 * 3);
  });

  it('maps visit frequencies to visits per cycle', () => {
    expect(visitsPerCycle('twice-weekly', 4)).toBe(8);
    expect(visitsPerCycle('weekly', 4)).toBe(4);
    expect(visitsPerCycle('every-2-weeks', 4)).toBe(2);
    expect(visitsPerCycle('every-4-weeks', 4)).toBe(1);
  });
});

describe('nearest neighbours', () => {
  it('matches brute force, including ties and duplicates', () => {
    const coordinate = fc.integer({ min: 0, max: 40 }).map((v) => v / 4);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 7 }),
        (points, k) => {
          const xs = Float64Array.from(points.map((p) => p[0]));
          const ys = Float64Array.from(points.map((p) => p[1]));
          const knn = nearestNeighbours(xs, ys, k);
          for (let i = 0; i < points.length; i++) {
            const expected = points
              .map((p, j) => ({ j, d: Math.hypot(p[0] - (xs[i] as number), p[1] - (ys[i] as number)) }))
              .filter((c) => c.j !== i)
              .sort((a, b) => a.d - b.d || a.j - b.j)
              .slice(0, k);
            const got = Array.from(knn.indices.subarray(i * k, i * k + k)).filter((j) => j >= 0);
            expect(got).toEqual(expected.map((e) => e.j));
          }
        },
      ),
      { numRuns: 60, seed: 99 },
    );
  });

  it('builds a symmetric graph', () => {
    const xs = Float64Array.from([0, 1, 2, 10]);
    const ys = Float64Array.from([0, 0, 0, 0]);
    const graph = symmetricNeighbourGraph(4, nearestNeighbours(xs, ys, 1));
    const row = (i: number): number[] =>
      Array.from(graph.targets.subarray(graph.offsets[i], graph.offsets[i + 1]));
    // 0->1, 1->0 (tie 0/2 broken by index), 2->1, 3->2: union is 0-1, 1-2, 2-3.
    expect(row(0)).toEqual([1]);
    expect(row(1)).toEqual([0, 2]);
    expect(row(2)).toEqual([1, 3]);
    expect(row(3)).toEqual([2]);
  });
});

describe('territory measures', () => {
  it('computes convex hull areas', () => {
    expect(
      convexHullAreaKm2([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0.5, 0.5],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      convexHullAreaKm2([
        [0, 0],
        [2, 0],
        [0, 3],
      ]),
    ).toBeCloseTo(3, 12);
    expect(
      convexHullAreaKm2([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toBe(0);
    expect(
      convexHullAreaKm2([
        [0, 0],
        [1, 1],
      ]),
    ).toBe(0);
  });

  it('measures dispersion around load-weighted centroids', () => {
    const xs = Float64Array.from([0, 2, 10, 10]);
    const ys = Float64Array.from([0, 0, 0, 4]);
    const ws = Float64Array.from([1, 1, 1, 3]);
    const d = partitionDispersion(xs, ys, ws, Int32Array.from([0, 0, 1, 1]), 2);
    // Group 0 centre (1, 0): distances 1, 1. Group 1 centre (10, 3): distances 3 and 1 (weight 3).
    expect(d.sse).toBeCloseTo(1 + 1 + 9 + 3, 12);
    expect(d.meanKm).toBeCloseTo((1 + 1 + 3 + 3) / 6, 12);
  });

  it('counts outlets whose nearest neighbours mostly belong to another rep', () => {
    const xs = Float64Array.from([0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105]);
    const ys = new Float64Array(12);
    const clean = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(contiguityBreaks(xs, ys, clean, 5)).toBe(0);
    const island = Int32Array.from([0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(contiguityBreaks(xs, ys, island, 5)).toBe(1);
  });

  it('runs weighted k-means to the obvious centres', () => {
    const xs = Float64Array.from([0, 0.1, 0.2, 10, 10.1, 10.2]);
    const ys = new Float64Array(6);
    const km = weightedKMeans(xs, ys, new Float64Array(6).fill(1), 2, { seed: 3 });
    const centres = [...km.centresX].sort((a, b) => a - b);
    expect(centres[0]).toBeCloseTo(0.1, 12);
    expect(centres[1]).toBeCloseTo(10.1, 12);
  });
});

describe('assignPoolTerritories (pipeline adapter)', () => {
  const outletAtKm = (
    id: string,
    x: number,
    y: number,
    tier: PlanOutlet['tier'],
    pool: string,
  ): PlanOutlet => {
    const [lon, lat] = CITY.toLonLat(x, y);
    return {
      id,
      name: id,
      lon,
      lat,
      businessType: 'grocery',
      monthlyVolume: 10,
      tier,
      rule: 'r',
      reason: 'r',
      pool,
      repId: null,
      lockedRepId: null,
      openFrom: null,
      openTo: null,
      district: null,
    };
  };
  const rep = (id: string, tier: PlanRep['tier'], pool: string, x: number): PlanRep => ({
    id,
    name: id,
    tier,
    pool,
    capacity: 1,
    home: CITY.toLonLat(x, 0),
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    dayStart: '08:30',
    dailyMinutes: 480,
  });
  const outlets = [
    ...Array.from({ length: 30 }, (_, i) =>
      outletAtKm(`S${i}`, (i % 6) * 0.3, Math.floor(i / 6) * 0.3, 'small', 'D'),
    ),
    ...Array.from({ length: 10 }, (_, i) => outletAtKm(`L${i}`, i * 0.2, 1, 'large', 'A')),
  ];
  const reps = [rep('D1', 'D', 'D', 0), rep('D2', 'D', 'D', 1.5), rep('A1', 'A', 'A', 1)];
  const pools: PlanPool[] = [
    { id: 'A', repTiers: ['A'], outletTiers: ['large'], repIds: ['A1'], outletCount: 10, absorbed: [] },
    { id: 'D', repTiers: ['D'], outletTiers: ['small'], repIds: ['D1', 'D2'], outletCount: 30, absorbed: [] },
  ];

  it('derives loads from the policy and keeps pools apart', () => {
    const input = {
      outlets,
      reps,
      pools,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh' as const,
      seed: 1,
    };
    const poolD = poolTerritoryInput(input, pools[1] as PlanPool);
    expect(poolD.outlets).toHaveLength(30);
    expect(poolD.outlets[0]).toMatchObject({ visitsPerCycle: 2, serviceMinutes: 10 });
    expect(poolD.cycleDays).toBe(20);
    const result = assignPoolTerritories(input);
    expect(result.repOf.size).toBe(40);
    for (let i = 0; i < 10; i++) expect(result.repOf.get(`L${i}`)).toBe('A1');
    for (let i = 0; i < 30; i++) expect(['D1', 'D2']).toContain(result.repOf.get(`S${i}`));
    expect([...result.territories.keys()].sort()).toEqual(['A1', 'D1', 'D2']);
  });

  it('reads the previous plan in a rebuild and reports changed tiers', () => {
    const first = assignPoolTerritories({
      outlets,
      reps,
      pools,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      seed: 1,
    });
    const previousOutlets = outlets.map((o) => ({
      ...o,
      repId: first.repOf.get(o.id) ?? null,
      tier: o.id === 'L0' ? ('small' as const) : o.tier,
    }));
    const previous = { outlets: previousOutlets } as unknown as Parameters<
      typeof assignPoolTerritories
    >[0]['previous'];
    const rebuilt = assignPoolTerritories({
      outlets,
      reps,
      pools,
      policy: DEFAULT_POLICY,
      previous,
      mode: 'rebuild',
      seed: 1,
    });
    expect(rebuilt.repOf).toEqual(first.repOf);
    expect(rebuilt.repChanges).toEqual([]);
    // L0 was small (served by a D rep) before: now large, its change is a tier change.
    const moved = outlets.map((o) => ({
      ...o,
      repId: o.id === 'L0' ? 'D1' : (first.repOf.get(o.id) ?? null),
    }));
    const withTier = moved.map((o) => (o.id === 'L0' ? { ...o, tier: 'small' as const } : o));
    const rebuiltAgain = assignPoolTerritories({
      outlets,
      reps,
      pools,
      policy: DEFAULT_POLICY,
      previous: { outlets: withTier } as unknown as Parameters<typeof assignPoolTerritories>[0]['previous'],
      mode: 'rebuild',
      seed: 1,
    });
    expect(rebuiltAgain.repChanges).toEqual([
      { outletId: 'L0', from: 'D1', to: 'A1', reason: 'tier-changed' },
    ]);
  });
});
