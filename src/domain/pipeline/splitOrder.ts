import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import type { Policy } from '../policy/policySchema.js';
import { visitsPerCycle } from '../policy/visitFrequencies.js';
import type { PoolTerritories } from './planPool.js';
import type { PreparedPlan } from './preparePlan.js';
import { repsOfGroup, type SplitUnit } from './splitUnits.js';

/** A unit of a split flow with the estimate of its cycle stage's cost. */
export interface EstimatedUnit extends SplitUnit {
  /** Visits per cycle of the unit's assigned outlets (0 for a pool without territories). */
  outletVisits: number;
}

/**
 * The outlet-visits of every unit: for each pool with territories, the visits per cycle of the
 * outlets its territories give to the unit's group of reps (repsOfGroup, as planPoolCycle splits
 * them). A unit's cycle stage plans one day-search move budget per visit and sequences one stop
 * per visit, so its run time grows with this count; it is an estimate (dense and sparse
 * territories of the same count still differ), used only to order the children.
 */
export function estimateUnits(
  prepared: PreparedPlan,
  territories: ReadonlyMap<string, PoolTerritories>,
  units: readonly SplitUnit[],
  policy: Policy,
): EstimatedUnit[] {
  const weeks = policy.cycle.weeks;
  const visitsByRep = new Map<string, number>();
  const outletById = new Map(prepared.outlets.map((o) => [o.id, o]));
  for (const pool of territories.values()) {
    for (const [outletId, repId] of pool.repOf) {
      const outlet = outletById.get(outletId);
      if (!outlet) continue;
      const visits = visitsPerCycle(outletVisitPolicy(outlet, policy).frequency, weeks);
      visitsByRep.set(repId, (visitsByRep.get(repId) ?? 0) + visits);
    }
  }
  return units.map((unit) => {
    if (!territories.has(unit.pool)) return { ...unit, outletVisits: 0 };
    const reps = repsOfGroup(
      prepared.reps.filter((r) => r.pool === unit.pool),
      unit.group,
    );
    const outletVisits = reps.reduce((sum, r) => sum + (visitsByRep.get(r.id) ?? 0), 0);
    return { ...unit, outletVisits };
  });
}

/**
 * The units in the order their jobs should be enqueued: longest (most outlet-visits) first, so
 * with fewer workers than units the longest children start first and the shorter ones fill in
 * behind them (list scheduling, longest processing time first). Ties keep the units' own order.
 */
export function longestFirst<T extends { outletVisits: number }>(units: readonly T[]): T[] {
  return units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => b.unit.outletVisits - a.unit.outletVisits || a.index - b.index)
    .map(({ unit }) => unit);
}
