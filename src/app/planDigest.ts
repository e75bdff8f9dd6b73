import type { Plan } from '../domain/plan/planTypes.js';
import type { UnmatchedBusinessType } from '../domain/segmentation/segmentOutlets.js';
import type { InputEncoding, OutletTier } from '../domain/types.js';
import { countQuarantine } from '../io/region/quarantine.js';

/** The compact figures of a plan: printed by the CLI and returned as a job's result. */
export interface PlanDigest {
  outlets: number;
  tierCounts: Record<OutletTier, number>;
  reps: number;
  pools: Array<{ id: string; reps: number; outlets: number; outletsPerRep: number }>;
  quarantined: number;
  unassigned: number;
  tierChanges: number;
  repChanges: number;
  /** Rep changes of outlets that had a rep before (excludes new outlets placed for the first time). */
  movedOutlets: number;
  dayChanges: number;
  /** Max and min of load / target over reps with a territory (null before territories exist). */
  balance: { max: number; min: number } | null;
  totalKm: number;
  overBudgetDays: number;
  windowViolations: number;
  warnings: number;
  /** Business types no segmentation rule matched, with the tier they defaulted to (empty: none). */
  unmatchedTypes: UnmatchedBusinessType[];
  /** How each input table was read, by file name (empty for plans made before it was recorded). */
  inputEncoding: Record<string, InputEncoding>;
}

/** Computes the digest of a plan; cheap, no I/O. */
export function digestPlan(plan: Plan): PlanDigest {
  let max = -Infinity;
  let min = Infinity;
  let totalKm = 0;
  let overBudgetDays = 0;
  let windowViolations = 0;
  for (const rep of plan.reps) {
    const t = rep.territory;
    if (t && t.targetMinutes > 0) {
      const ratio = t.loadMinutes / t.targetMinutes;
      max = Math.max(max, ratio);
      min = Math.min(min, ratio);
    }
    for (const day of rep.days ?? []) {
      totalKm += day.travelKm;
      if (day.overBudgetMinutes > 0) overBudgetDays += 1;
      for (const stop of day.stops) if ((stop.windowViolationMinutes ?? 0) > 0) windowViolations += 1;
    }
  }
  return {
    outlets: plan.outlets.length,
    tierCounts: plan.segmentation.tierCounts,
    reps: plan.reps.length,
    pools: plan.pools.map((p) => ({
      id: p.id,
      reps: p.repIds.length,
      outlets: p.outletCount,
      outletsPerRep: p.repIds.length > 0 ? p.outletCount / p.repIds.length : 0,
    })),
    // Exact: the list keeps the first entries of each kind plus notes counting the omitted ones.
    quarantined: countQuarantine(plan.quarantine).total,
    unassigned: plan.outlets.filter((o) => o.repId === null).length,
    tierChanges: plan.segmentation.changes.length,
    repChanges: plan.repChanges.length,
    movedOutlets: plan.repChanges.filter((c) => c.from !== null).length,
    dayChanges: plan.dayChanges.length,
    balance: Number.isFinite(max) ? { max: round(max, 4), min: round(min, 4) } : null,
    totalKm: round(totalKm, 1),
    overBudgetDays,
    windowViolations,
    warnings: plan.warnings.length,
    unmatchedTypes: plan.segmentation.unmatchedTypes ?? [],
    inputEncoding: plan.inputEncoding ?? {},
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
