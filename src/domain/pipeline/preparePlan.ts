import type { CycleReuse } from '../cycle/cycleReuse.js';
import { buildPools } from '../pools/buildPools.js';
import type { PlanTravel } from './planTravel.js';
import type { Policy } from '../policy/policySchema.js';
import { minutesToClock } from '../policy/resolvePolicy.js';
import { frequencyFitsCycle } from '../policy/visitFrequencies.js';
import type { Plan, PlanMode, PlanOutlet, PlanPool, PlanRep } from '../plan/planTypes.js';
import { segmentOutlets, unmatchedTypesWarning } from '../segmentation/segmentOutlets.js';
import { repAvailabilityWarnings } from '../territories/repAvailabilityWarnings.js';
import {
  OUTLET_TIERS,
  type Outlet,
  type OutletTier,
  type RegionInput,
  type Rep,
  type Weekday,
} from '../types.js';
import { warningText } from '../../i18n/warningText.js';

/** What every planning run starts from: the region, its policy, the previous plan, mode and seed. */
export interface PlanContext {
  region: RegionInput;
  policy: Policy;
  /**
   * The previous plan of this region, or null for a first plan. In `fresh` mode it decides nothing
   * and is only compared against, so the plan still reports what changed for reps and shops.
   */
  previous: Plan | null;
  mode: PlanMode;
  seed: number;
  /** Road travel fetched by the app layer; absent (the default): the policy's great-circle model. */
  travel?: PlanTravel;
  /**
   * Key every rep's cycle and reuse the previous plan's cycles whose inputs are unchanged (see
   * cycleReuse.ts); absent: every cycle is planned and nothing is keyed. The plan is the same
   * either way.
   */
  cycleReuse?: CycleReuse;
}

/** The plan after the segment and pool stages: the part every pool's planning shares. */
export interface PreparedPlan {
  /** Active outlets in input order, with tier, rule, reason and pool; `repId` still null. */
  outlets: PlanOutlet[];
  /** Reps in input order with their pool and effective day settings. */
  reps: PlanRep[];
  pools: PlanPool[];
  segmentation: Plan['segmentation'];
  removedOutlets: Plan['removedOutlets'];
  warnings: string[];
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
 * The segment and pool stages: tiers every active outlet (keeping known tiers unless
 * re-segmenting), groups reps into the policy's tier pools with fallbacks, and lists what the
 * previous plan had that is gone now. Cheap and deterministic, so each job that plans one pool of
 * a split region can recompute it and get exactly what a whole-region run gets.
 */
export function preparePlan(context: PlanContext): PreparedPlan {
  const { region, policy, previous, mode } = context;
  const active = region.outlets.filter((o) => o.status === 'active');

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

  const pooling = buildPools(policy.pools, region.reps);
  const overrideWarnings: string[] = [];
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
      ...(o.visitFrequency != null && fitsCycle(o, policy.cycle.weeks, overrideWarnings)
        ? { visitFrequency: o.visitFrequency }
        : {}),
      ...(o.serviceMinutes != null ? { serviceMinutes: o.serviceMinutes } : {}),
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
  const unmatchedWarning = unmatchedTypesWarning(segmentation.unmatchedTypes);
  const warnings = [
    ...(unmatchedWarning !== null ? [unmatchedWarning] : []),
    ...pooling.warnings,
    ...repAvailabilityWarnings(reps, policy),
    ...overrideWarnings,
  ];
  for (const pool of pools) {
    if (pool.repIds.length > pool.outletCount) {
      warnings.push(
        warningText('warning.poolMoreReps', {
          pool: pool.id,
          reps: pool.repIds.length,
          outlets: pool.outletCount,
        }),
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

  return {
    outlets,
    reps,
    pools,
    segmentation: {
      tierCounts,
      thresholds: segmentation.thresholds,
      changes: segmentation.changes,
      unmatchedTypes: segmentation.unmatchedTypes,
    },
    removedOutlets,
    warnings,
  };
}

/**
 * Whether an outlet's own visit frequency gives it a whole number of visits per cycle; when not
 * (every 2 weeks in a 3-week cycle), a warning names the outlet and its line, and the outlet is
 * planned with its tier's frequency instead.
 */
function fitsCycle(outlet: Outlet, weeks: number, warnings: string[]): boolean {
  const frequency = outlet.visitFrequency;
  if (frequency == null || frequencyFitsCycle(frequency, weeks)) return true;
  warnings.push(
    warningText('warning.frequencyMisfit', { outlet: outlet.id, line: outlet.line, frequency, weeks }),
  );
  return false;
}
