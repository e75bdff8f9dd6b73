import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Plan, PlanOutlet, PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import { buildPools } from '../../src/domain/pools/buildPools.js';
import { segmentOutlets } from '../../src/domain/segmentation/segmentOutlets.js';
import { assignPoolTerritories } from '../../src/domain/territories/assignPoolTerritories.js';

/**
 * A generated region segmented, pooled and given fresh territories, shaped as the plan the
 * territory renderer reads (outlets with rep ids, reps with pools and summaries); the cycle stage
 * is skipped, it does not change territories.
 */
export function territoryPlan(outletCount: number, repCount: number, seed: number): Plan {
  const generated = generateRegion({ outlets: outletCount, reps: repCount, seed });
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
  const result = assignPoolTerritories({
    outlets,
    reps,
    pools,
    policy: DEFAULT_POLICY,
    seed,
    previous: null,
    mode: 'fresh',
  });
  for (const o of outlets) o.repId = result.repOf.get(o.id) ?? null;
  for (const r of reps) r.territory = result.territories.get(r.id);
  return { outlets, reps, pools } as unknown as Plan;
}
