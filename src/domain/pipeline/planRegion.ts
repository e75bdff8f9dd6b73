import { planRepCycles } from '../cycle/planRepCycles.js';
import { buildPools } from '../pools/buildPools.js';
import { clockToMinutes, hashPolicy, minutesToClock } from '../policy/resolvePolicy.js';
import type { Policy } from '../policy/policySchema.js';
import { segmentOutlets } from '../segmentation/segmentOutlets.js';
import { assignPoolTerritories } from '../territories/assignPoolTerritories.js';
import { repAvailabilityWarnings } from '../territories/repAvailabilityWarnings.js';
import { OUTLET_TIERS, type OutletTier, type RegionInput, type Rep, type Weekday } from '../types.js';
import type { Plan, PlanMode, PlanOutlet, PlanPool, PlanRep } from '../plan/planTypes.js';

/** Pipeline stages in order; progress is reported per stage. */
export const PLAN_STAGES = ['segment', 'pool', 'territories', 'cycle', 'summary'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

export interface PlanRegionInput {
  region: RegionInput;
  policy: Policy;
  /**
   * The previous plan of this region, or null for a first plan. In `fresh` mode it decides nothing
   * and is only compared against, so the plan still reports what changed for reps and shops.
   */
  previous: Plan | null;
  mode: PlanMode;
  /** The planning time, stamped into the plan (the domain never reads the clock). */
  now: Date;
  seed: number;
  /** Called when a stage starts and ends; used for job progress. */
  onProgress?: (stage: PlanStage, percent: number) => void;
}

function repView(rep: Rep, policy: Policy, pool: string | null): PlanRep {
  const override = policy.day.byRepTier[rep.tier];
  const workingDays: Weekday[] = rep.workingDays ?? [...policy.cycle.weekdays];
  return {
    id: rep.id,
    name: rep.name,
    tier: rep.tier,
    pool,
    capacity: rep.capacity,
    home: [rep.homeLon, rep.homeLat],
    workingDays,
    dayStart: override?.startTime ?? policy.day.startTime,
    dailyMinutes: rep.dailyMinutes ?? override?.budgetMinutes ?? policy.day.budgetMinutes,
  };
}

/**
 * Runs the planning pipeline in memory: segment -> pool -> territories -> cycle -> summary.
 * Pure and deterministic for a given region, policy, previous plan, `now` and seed, so the CLI
 * and the BullMQ worker produce the same plan from the same data.
 */
export function planRegion(input: PlanRegionInput): Plan {
  const { region, policy, previous, mode, now, seed } = input;
  const progress = input.onProgress ?? (() => undefined);
  const active = region.outlets.filter((o) => o.status === 'active');

  progress('segment', 0);
  const previousById = new Map((previous?.outlets ?? []).map((o) => [o.id, o]));
  const previousTiers = new Map(
    mode === 'fresh'
      ? []
      : [...previousById.values()].map((o) => [o.id, { tier: o.tier, rule: o.rule }] as const),
  );
  const segmentation = segmentOutlets({
    outlets: active,
    policy: policy.segmentation,
    previous: previousTiers,
    mode: mode === 'resegment' ? 'resegment' : 'keep',
  });
  const tierCounts = Object.fromEntries(OUTLET_TIERS.map((t) => [t, 0])) as Record<OutletTier, number>;
  for (const s of segmentation.segments.values()) tierCounts[s.tier] += 1;

  progress('pool', 20);
  const pooling = buildPools(policy.pools, region.reps);
  const outlets: PlanOutlet[] = active.map((o) => {
    const segment = segmentation.segments.get(o.id);
    if (!segment) throw new Error(`internal: outlet ${o.id} was not segmented`);
    return {
      id: o.id,
      name: o.name,
      lon: o.lon,
      lat: o.lat,
      businessType: o.businessType,
      monthlyVolume: o.monthlyVolume,
      tier: segment.tier,
      rule: segment.rule,
      reason: segment.reason,
      pool: pooling.poolOfTier[segment.tier],
      repId: null,
      lockedRepId: o.lockedRepId,
      openFrom: o.openFrom === null ? null : minutesToClock(o.openFrom),
      openTo: o.openTo === null ? null : minutesToClock(o.openTo),
      district: o.district,
    };
  });
  const pools: PlanPool[] = pooling.pools.map((p) => ({
    id: p.id,
    repTiers: p.repTiers,
    outletTiers: p.outletTiers,
    repIds: p.repIds,
    outletCount: outlets.filter((o) => o.pool === p.id).length,
    absorbed: p.absorbed,
  }));
  const reps = region.reps.map((r) => repView(r, policy, pooling.poolOfRep.get(r.id) ?? null));
  const warnings = [...pooling.warnings, ...repAvailabilityWarnings(reps, policy)];
  for (const pool of pools) {
    if (pool.repIds.length > pool.outletCount) {
      warnings.push(
        `pool ${pool.id} has more reps (${pool.repIds.length}) than outlets (${pool.outletCount}): some reps get no outlets`,
      );
    }
  }

  const activeIds = new Set(active.map((o) => o.id));
  const closedIds = new Set(region.outlets.filter((o) => o.status === 'closed').map((o) => o.id));
  const quarantinedIds = new Set(
    region.quarantine.map((q) => q.id).filter((id): id is string => id !== null),
  );
  const removedOutlets: Plan['removedOutlets'] = [];
  for (const id of previousById.keys()) {
    if (activeIds.has(id)) continue;
    const reason = closedIds.has(id) ? 'closed' : quarantinedIds.has(id) ? 'quarantined' : 'missing';
    removedOutlets.push({ id, reason });
  }

  progress('territories', 30);
  const territories = assignPoolTerritories({ outlets, reps, pools, policy, previous, mode, seed });
  for (const outlet of outlets) outlet.repId = territories.repOf.get(outlet.id) ?? null;
  for (const rep of reps) {
    const territory = territories.territories.get(rep.id);
    if (territory) rep.territory = territory;
  }
  warnings.push(...territories.warnings);

  progress('cycle', 60);
  // The cycle is the longest stage; report it as reps finish so job progress moves on large
  // regions, but only when the percent changes (400 reps must not mean 400 progress writes).
  let cyclePercent = 60;
  const cycle = planRepCycles({
    outlets,
    reps,
    policy,
    previous,
    mode,
    seed,
    onRep: (done, total) => {
      const percent = 60 + Math.floor((35 * done) / Math.max(total, 1));
      if (percent > cyclePercent) progress('cycle', (cyclePercent = percent));
    },
  });
  warnings.push(...cycle.warnings);

  progress('summary', 95);
  const plan: Plan = {
    schemaVersion: 1,
    region: region.name,
    generatedAt: now.toISOString(),
    inputHash: region.inputHash,
    policyHash: hashPolicy(policy),
    mode,
    seed,
    outlets: cycle.outlets,
    reps: cycle.reps,
    pools,
    quarantine: region.quarantine,
    segmentation: { tierCounts, thresholds: segmentation.thresholds, changes: segmentation.changes },
    removedOutlets,
    repChanges: territories.repChanges,
    dayChanges: cycle.dayChanges,
    warnings,
  };
  progress('summary', 100);
  return plan;
}

/** Minutes after midnight of a rep's day start. */
export function dayStartMinutes(rep: PlanRep): number {
  return clockToMinutes(rep.dayStart);
}
