import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import type { Policy } from '../policy/policySchema.js';
import { visitsPerCycle } from '../policy/visitFrequencies.js';
import type { PoolTerritories } from './planPool.js';
import type { PreparedPlan } from './preparePlan.js';
import { repsOfGroup, type SplitUnit } from './splitUnits.js';

/** A unit of a split flow with the estimate of its cycle child's cost. */
export interface EstimatedUnit extends SplitUnit {
  /** Visits per cycle of the unit's assigned outlets (0 for a pool without territories). */
  outletVisits: number;
  /**
   * Expected run time of the child (ms): outlet-visits times its pool's ms per outlet-visit in the
   * previous split flow (see withPoolRates); null without any previous times.
   */
  estimatedMs: number | null;
}

/**
 * The outlet-visits of every unit: for each pool with territories, the visits per cycle of the
 * outlets its territories give to the unit's group of reps (repsOfGroup, as planPoolCycle splits
 * them). A unit's cycle stage plans one day-search move budget per visit and sequences one stop
 * per visit, so its run time grows with this count; how fast differs by pool (a pool of
 * evening-window venues costs several times more per visit), which withPoolRates corrects.
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
    if (!territories.has(unit.pool)) return { ...unit, outletVisits: 0, estimatedMs: null };
    const reps = repsOfGroup(
      prepared.reps.filter((r) => r.pool === unit.pool),
      unit.group,
    );
    const outletVisits = reps.reduce((sum, r) => sum + (visitsByRep.get(r.id) ?? 0), 0);
    return { ...unit, outletVisits, estimatedMs: null };
  });
}

/**
 * Sets each unit's estimatedMs from the previous flow's ms per outlet-visit of its pool
 * (`rates`); a pool without a previous time takes the median rate of the pools that have one.
 * Without any rate the units keep null and are ordered by outlet-visits alone.
 */
export function withPoolRates(
  units: readonly EstimatedUnit[],
  rates: ReadonlyMap<string, number>,
): EstimatedUnit[] {
  const known = [...rates.values()].filter((r) => Number.isFinite(r) && r > 0).sort((a, b) => a - b);
  if (known.length === 0) return [...units];
  const median = known[Math.floor(known.length / 2)] as number;
  return units.map((unit) => {
    const rate = rates.get(unit.pool);
    return { ...unit, estimatedMs: unit.outletVisits * (rate !== undefined && rate > 0 ? rate : median) };
  });
}

/**
 * The units in the order their jobs should be enqueued: longest first (estimatedMs, else
 * outlet-visits), so with fewer workers than units the longest children start first and the
 * shorter ones fill in behind them (list scheduling, longest processing time first). Ties keep
 * the units' own order.
 */
export function longestFirst<T extends { outletVisits: number; estimatedMs: number | null }>(
  units: readonly T[],
): T[] {
  const cost = (u: T): number => u.estimatedMs ?? u.outletVisits;
  return units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => cost(b.unit) - cost(a.unit) || a.index - b.index)
    .map(({ unit }) => unit);
}
