import { OUTLET_TIERS, type OutletTier } from '../types.js';
import type { Plan, PlanRep } from './planTypes.js';
import { poolUtilisation } from './poolUtilisation.js';
import { describeStaffingStep, staffingRecommendation, type StaffingStep } from './staffingRecommendation.js';

/** Spread of load / target over a group of reps with a territory. */
export interface BalanceRange {
  min: number;
  max: number;
  /** max - min: 0 is perfect balance. */
  spread: number;
}

/** The staffing recommendation as it touches one pool. */
export interface PoolStaffing {
  /** Net reps the recommendation gives the pool (moved in or hired: +, moved out: -). */
  change: number;
  /** The recommendation's steps that involve this pool, in words (e.g. "move 1 rep from D to A"). */
  steps: string[];
}

/** One pool's figures in a comparison. */
export interface PoolFigures {
  poolId: string;
  reps: number;
  /** Reps of the pool's average working time the planned minutes need (poolUtilisation). */
  repsForLoad: number | null;
  outlets: number;
  availableMinutes: number;
  plannedMinutes: number;
  /** Share of the reps' working time the day routes use (above 1: the load does not fit). */
  utilisation: number | null;
  balance: BalanceRange | null;
  staffing: PoolStaffing;
}

/** What a manager compares between plans: quantity, quality, travel, balance and staffing. */
export interface PlanFigures {
  outlets: number;
  /** Outlets without a rep. */
  unassigned: number;
  reps: number;
  visits: number;
  /** Rep-days with at least one stop. */
  repDays: number;
  /** Quantity: visits / rep-days; null without route days. */
  visitsPerRepDay: number | null;
  /** Quality: visits per outlet tier, and each tier's share of all visits (0 without visits). */
  visitsByTier: Record<OutletTier, number>;
  visitShareByTier: Record<OutletTier, number>;
  /** Route km and working minutes (travel, service, waiting) per cycle, over all day routes. */
  km: number;
  minutes: number;
  /** load / target over every rep with a territory. */
  balance: BalanceRange | null;
  /** Straight-line km from each rep's home to its territory centroid: the sum and the largest. */
  commuteKm: { total: number; max: number };
  /** Day routes over the rep's daily budget. */
  overBudgetDays: number;
  /** Stops that start after their time window closes (windowViolationMinutes > 0). */
  lateStops: number;
  pools: PoolFigures[];
  /** The staffing recommendation of the whole plan (empty when every pool fits), and in words. */
  staffing: StaffingStep[];
  staffingText: string[];
}

const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function balanceRange(reps: readonly PlanRep[]): BalanceRange | null {
  const ratios = reps.flatMap((r) =>
    r.territory && r.territory.targetMinutes > 0
      ? [round(r.territory.loadMinutes / r.territory.targetMinutes, 4)]
      : [],
  );
  if (ratios.length === 0) return null;
  const min = Math.min(...ratios);
  const max = Math.max(...ratios);
  return { min, max, spread: round(max - min, 4) };
}

function poolStaffing(poolId: string, steps: readonly StaffingStep[]): PoolStaffing {
  let change = 0;
  const words: string[] = [];
  for (const step of steps) {
    const gives = step.kind === 'move' && step.fromPool === poolId;
    if (step.toPool !== poolId && !gives) continue;
    change += gives ? -step.reps : step.reps;
    words.push(describeStaffingStep(step));
  }
  return { change, steps: words };
}

/**
 * The figures of one plan that `territory compare` sets side by side: outlets, reps, visits
 * and visits per rep-day (quantity), each tier's share of visits (quality), route km and working
 * minutes per cycle, the balance spread (load / target, rounded to 4 decimals as in
 * summary.json), commute km, over-budget days and late stops, and per pool its reps against the
 * reps its load needs, the working time its routes use and the staffing recommendation's steps
 * for it (poolUtilisation, staffingRecommendation). Sums of km and minutes are rounded once, to
 * 2 decimals. Pure; needs a plan with the territory and cycle stages (a plan without them
 * measures zero routes).
 */
export function planFigures(plan: Pick<Plan, 'outlets' | 'reps' | 'pools'>): PlanFigures {
  const tierOf = new Map(plan.outlets.map((o) => [o.id, o.tier]));
  const visitsByTier = Object.fromEntries(OUTLET_TIERS.map((t) => [t, 0])) as Record<OutletTier, number>;
  let visits = 0;
  let repDays = 0;
  let km = 0;
  let minutes = 0;
  let overBudgetDays = 0;
  let lateStops = 0;
  for (const rep of plan.reps) {
    for (const day of rep.days ?? []) {
      km += day.travelKm;
      minutes += day.totalMinutes;
      if (day.overBudgetMinutes > 0) overBudgetDays += 1;
      if (day.stops.length > 0) repDays += 1;
      for (const stop of day.stops) {
        visits += 1;
        const tier = tierOf.get(stop.outletId);
        if (tier) visitsByTier[tier] += 1;
        if ((stop.windowViolationMinutes ?? 0) > 0) lateStops += 1;
      }
    }
  }
  const commutes = plan.reps.map((r) => r.territory?.commuteKm ?? 0);
  const utilisation = poolUtilisation(plan);
  const steps = staffingRecommendation(utilisation);
  const outletCount = new Map(plan.pools.map((p) => [p.id, p.outletCount]));
  const pools = utilisation.map((use): PoolFigures => ({
    poolId: use.poolId,
    reps: use.reps,
    repsForLoad: use.repsForLoad,
    outlets: outletCount.get(use.poolId) ?? 0,
    availableMinutes: use.availableMinutes,
    plannedMinutes: use.plannedMinutes,
    utilisation: use.utilisation,
    balance: balanceRange(plan.reps.filter((r) => r.pool === use.poolId)),
    staffing: poolStaffing(use.poolId, steps),
  }));
  return {
    outlets: plan.outlets.length,
    unassigned: plan.outlets.filter((o) => o.repId === null).length,
    reps: plan.reps.length,
    visits,
    repDays,
    visitsPerRepDay: repDays > 0 ? round(visits / repDays) : null,
    visitsByTier,
    visitShareByTier: Object.fromEntries(
      OUTLET_TIERS.map((t) => [t, visits > 0 ? round(visitsByTier[t] / visits, 4) : 0]),
    ) as Record<OutletTier, number>,
    km: round(km),
    minutes: round(minutes),
    balance: balanceRange(plan.reps),
    commuteKm: {
      total: round(commutes.reduce((a, b) => a + b, 0)),
      max: round(commutes.length > 0 ? Math.max(...commutes) : 0),
    },
    overBudgetDays,
    lateStops,
    pools,
    staffing: steps,
    staffingText: steps.map(describeStaffingStep),
  };
}
