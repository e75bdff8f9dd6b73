import { planRepCycles } from '../cycle/planRepCycles.js';
import { planEscorts } from '../escorts/planEscorts.js';
import type { Plan, PlanOutlet, PlanRep } from '../plan/planTypes.js';
import { poolUtilisation, poolUtilisationWarnings } from '../plan/poolUtilisation.js';
import { staffingRecommendationWarnings } from '../plan/staffingRecommendation.js';
import { measureVisitStandards, visitStandardsWarnings } from '../plan/visitStandards.js';
import { hashPolicy } from '../policy/resolvePolicy.js';
import { positionChanges } from '../territories/movedOutlets.js';
import type { PoolPlan } from './planPool.js';
import type { PlanContext, PreparedPlan } from './preparePlan.js';

const byOutletId = (a: { outletId: string }, b: { outletId: string }): number =>
  a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0;

/**
 * The summary stage: merges the plans of every pool into the region's plan, in the prepared
 * order of outlets, reps and pools (not the order pools finished in), with change lists sorted
 * by outlet id and warnings in pool order. Reps outside every pool get an empty cycle; outlets
 * no pool can serve stay unassigned (the pool stage warned about them). The 2Q standards
 * warnings and `standards` block follow when the policy sets standards. Supervisors' escorted
 * visits are planned last (planEscorts), over all pools. Throws when a pool's plan
 * is missing, repeated or unknown, so a split run never publishes half a region.
 */
export function assemblePlan(
  prepared: PreparedPlan,
  poolPlans: readonly PoolPlan[],
  context: PlanContext & { now: Date },
): Plan {
  const { region, policy } = context;
  const byPool = new Map<string, PoolPlan>();
  for (const poolPlan of poolPlans) {
    if (!prepared.pools.some((p) => p.id === poolPlan.poolId))
      throw new Error(`a plan of pool ${poolPlan.poolId} was given, but the region has no such pool`);
    if (byPool.has(poolPlan.poolId)) throw new Error(`pool ${poolPlan.poolId} was planned twice`);
    byPool.set(poolPlan.poolId, poolPlan);
  }
  const missing = prepared.pools.filter((p) => !byPool.has(p.id)).map((p) => p.id);
  if (missing.length > 0) throw new Error(`no plan for pool(s) ${missing.join(', ')}`);
  const ordered = prepared.pools.map((p) => byPool.get(p.id) as PoolPlan);

  const outletOf = new Map<string, PlanOutlet>();
  const repOf = new Map<string, PlanRep>();
  for (const poolPlan of ordered) {
    for (const outlet of poolPlan.outlets) outletOf.set(outlet.id, outlet);
    for (const rep of poolPlan.reps) repOf.set(rep.id, rep);
  }
  const unpooled = prepared.reps.filter((r) => !repOf.has(r.id));
  if (unpooled.length > 0) {
    const idle = planRepCycles({ ...context, travel: context.travel?.model, outlets: [], reps: unpooled });
    for (const rep of idle.reps) repOf.set(rep.id, rep);
  }

  const reps = prepared.reps.map((r) => repOf.get(r.id) ?? { ...r });
  const outlets = prepared.outlets.map((o) => outletOf.get(o.id) ?? { ...o });
  const standards = policy.standards ? measureVisitStandards({ outlets, reps }, policy.standards) : null;
  const plan: Plan = {
    schemaVersion: 1,
    region: region.name,
    generatedAt: context.now.toISOString(),
    inputHash: region.inputHash,
    ...(region.inputEncoding ? { inputEncoding: region.inputEncoding } : {}),
    policyHash: hashPolicy(policy),
    mode: context.mode,
    seed: context.seed,
    outlets,
    reps,
    pools: prepared.pools,
    quarantine: region.quarantine,
    segmentation: prepared.segmentation,
    removedOutlets: prepared.removedOutlets,
    repChanges: ordered.flatMap((p) => p.territories.repChanges).sort(byOutletId),
    dayChanges: ordered.flatMap((p) => p.dayChanges).sort(byOutletId),
    positionChanges: positionChanges(
      outlets,
      context.previous,
      policy.territories.movedOutletKm,
      ordered.flatMap((p) => p.territories.moved ?? []),
    ),
    staffingChanges: ordered.flatMap((p) => p.territories.staffing ?? []),
    warnings: [
      ...prepared.warnings,
      ...ordered.flatMap((p) => p.territories.warnings),
      ...ordered.flatMap((p) => p.warnings),
      ...poolUtilisationWarnings({ pools: prepared.pools, reps }),
      ...staffingRecommendationWarnings(poolUtilisation({ pools: prepared.pools, reps })),
      ...(standards ? visitStandardsWarnings(standards) : []),
    ],
    ...(standards ? { standards } : {}),
  };
  // The escort stage runs on the whole region's plan: a supervisor may ride with reps of any pool.
  return planEscorts({
    plan,
    supervisors: region.supervisors,
    policy,
    previous: context.previous,
    ...(context.travel ? { travel: context.travel.model } : {}),
  });
}
