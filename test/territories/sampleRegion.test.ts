import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { localProjection } from '../../src/domain/geo/distance.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Plan, PlanOutlet, PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import { buildPools } from '../../src/domain/pools/buildPools.js';
import { segmentOutlets } from '../../src/domain/segmentation/segmentOutlets.js';
import {
  assignPoolTerritories,
  poolTerritoryInput,
} from '../../src/domain/territories/assignPoolTerritories.js';
import { poolOutletGeometry } from '../../src/domain/territories/outletLoads.js';
import { contiguityBreaks } from '../../src/domain/territories/territoryMetrics.js';

/** The reference district (1,399 outlets, 12 reps, seed 42), shaped as the pipeline shapes it. */
function sampleRegion(): { outlets: PlanOutlet[]; reps: PlanRep[]; pools: PlanPool[] } {
  const generated = generateRegion({ outlets: 1399, reps: 12, seed: 42 });
  const segmentation = segmentOutlets({
    outlets: generated.outlets,
    policy: DEFAULT_POLICY.segmentation,
    previous: new Map(),
    mode: 'keep',
  });
  const pooling = buildPools(DEFAULT_POLICY.pools, generated.reps);
  const outlets: PlanOutlet[] = generated.outlets.map((o) => {
    const segment = segmentation.segments.get(o.id);
    if (!segment) throw new Error(`unsegmented ${o.id}`);
    return {
      ...o,
      tier: segment.tier,
      rule: segment.rule,
      reason: segment.reason,
      pool: pooling.poolOfTier[segment.tier],
      repId: null,
      openFrom: null,
      openTo: null,
    };
  });
  const reps: PlanRep[] = generated.reps.map((r) => ({
    id: r.id,
    name: r.name,
    tier: r.tier,
    pool: pooling.poolOfRep.get(r.id) ?? null,
    capacity: r.capacity,
    home: [r.homeLon, r.homeLat],
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    dayStart: '08:30',
    dailyMinutes: 480,
  }));
  const pools: PlanPool[] = pooling.pools.map((p) => ({
    ...p,
    outletCount: outlets.filter((o) => o.pool === p.id).length,
  }));
  return { outlets, reps, pools };
}

describe('territories of the reference district', () => {
  const { outlets, reps, pools } = sampleRegion();
  const base = { outlets, reps, pools, policy: DEFAULT_POLICY, seed: 42 };
  const fresh = assignPoolTerritories({ ...base, previous: null, mode: 'fresh' });

  it('serves every outlet by a rep of its pool, every rep within ±3% of target', () => {
    const poolOfRep = new Map(reps.map((r) => [r.id, r.pool]));
    for (const o of outlets) expect(poolOfRep.get(fresh.repOf.get(o.id) ?? '')).toBe(o.pool);
    for (const r of reps) {
      const t = fresh.territories.get(r.id);
      expect(t).toBeDefined();
      expect(Math.abs((t?.loadMinutes ?? 0) / (t?.targetMinutes ?? 1) - 1)).toBeLessThanOrEqual(0.03);
    }
    expect(fresh.warnings).toEqual([]);
  });

  it('draws contiguous territories: at most 2% of outlets sit among another rep’s outlets', () => {
    let breaks = 0;
    for (const pool of pools) {
      const input = poolTerritoryInput({ ...base, previous: null, mode: 'fresh' }, pool);
      const geometry = poolOutletGeometry(input.outlets, localProjection(119.13, 36.71), input.travel, 5);
      const repIds = input.reps.map((r) => r.id);
      const labels = Int32Array.from(input.outlets.map((o) => repIds.indexOf(fresh.repOf.get(o.id) ?? '')));
      breaks += contiguityBreaks(geometry.xs, geometry.ys, labels, 5);
    }
    expect(breaks / outlets.length).toBeLessThanOrEqual(0.02);
  });

  it('rebuilds an unchanged district without a single rep change', () => {
    const previous = {
      outlets: outlets.map((o) => ({ ...o, repId: fresh.repOf.get(o.id) ?? null })),
    } as unknown as Plan;
    const rebuilt = assignPoolTerritories({ ...base, previous, mode: 'rebuild' });
    expect(rebuilt.repChanges).toEqual([]);
    expect(rebuilt.repOf).toEqual(fresh.repOf);
  });
});
