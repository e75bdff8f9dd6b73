import { supervisorKpis, type SupervisorKpis } from './supervisorKpis.js';
import type { Plan, PlanRep } from '../../domain/plan/planTypes.js';
import type { UnmatchedBusinessType } from '../../domain/segmentation/segmentOutlets.js';
import { poolUtilisation } from '../../domain/plan/poolUtilisation.js';
import { standardsPanel, type StandardsPanel } from '../../domain/plan/standardsPanel.js';
import type { RepStandardFigures } from '../../domain/plan/visitStandards.js';
import { travelFallbackNotice } from '../../domain/plan/travelNotice.js';
import { OUTLET_TIERS, REP_TIERS, type OutletTier, type RepTier } from '../../domain/types.js';
import { countQuarantine } from '../region/quarantine.js';
import { maxOf, minOf } from '../../domain/extremes.js';

/** Min, mean and max of a per-day figure. */
export interface DayStat {
  min: number;
  mean: number;
  max: number;
}

/** KPIs of one rep: quantity (visits per day), quality (visits per tier), travel, load and balance. */
export interface RepSummary {
  repId: string;
  name: string;
  tier: RepTier;
  pool: string | null;
  outlets: number;
  visits: number;
  /** Outlet visits by outlet tier (quality: are visits going to the right outlets). */
  visitsByTier: Record<OutletTier, number>;
  /** Days of the cycle with at least one stop. */
  routeDays: number;
  visitsPerDay: DayStat | null;
  km: number;
  travelMinutes: number;
  serviceMinutes: number;
  totalMinutes: number;
  minutesPerDay: DayStat | null;
  /** Territory load and target (stage: territories), minutes per cycle. */
  loadMinutes: number | null;
  targetMinutes: number | null;
  /** load / target; 1 = exactly on target. */
  balance: number | null;
  /** Straight-line km from the rep's home to the territory centroid (stage: territories). */
  commuteKm: number | null;
  overBudgetDays: number;
  overBudgetMinutes: number;
  windowViolationMinutes: number;
  flags: string[];
}

/** KPIs of one outlet tier: how many outlets, how many visits, and its share of all visits. */
export interface OutletTierSummary {
  tier: OutletTier;
  outlets: number;
  unassigned: number;
  visits: number;
  shareOfVisits: number;
}

/** KPIs of one rep tier: aggregated over the reps of the tier. */
export interface RepTierSummary {
  tier: RepTier;
  reps: number;
  outlets: number;
  visits: number;
  routeDays: number;
  visitsPerDay: number | null;
  km: number;
  kmPerDay: number | null;
  totalMinutes: number;
  minutesPerDay: number | null;
  balance: { min: number; max: number } | null;
  overBudgetDays: number;
}

/** Balance of one pool: the spread of load / target over its reps. */
export interface PoolSummary {
  id: string;
  reps: number;
  outlets: number;
  outletsPerRep: number | null;
  balance: { min: number; max: number; spread: number } | null;
  /** Working time of the pool's reps in the cycle, and the minutes its day routes use. */
  availableMinutes: number;
  plannedMinutes: number;
  /** planned / available (above 1: the load does not fit the pool's reps); null without working time. */
  utilisation: number | null;
  /** Reps of the pool's average working time the planned minutes need. */
  repsForLoad: number | null;
}

/** summary.json, schema version 1 (schemas/summary.schema.json). */
export interface PlanSummaryFile {
  schemaVersion: 1;
  region: string;
  generatedAt: string;
  inputHash: string;
  /** How each input table was read (see Plan.inputEncoding); absent when the plan has none. */
  inputEncoding?: Plan['inputEncoding'];
  policyHash: string;
  mode: Plan['mode'];
  totals: {
    outlets: number;
    reps: number;
    quarantined: number;
    unassigned: number;
    visits: number;
    routeDays: number;
    visitsPerDay: number | null;
    km: number;
    travelMinutes: number;
    serviceMinutes: number;
    totalMinutes: number;
    overBudgetDays: number;
    windowViolationMinutes: number;
    tierChanges: number;
    repChanges: number;
    dayChanges: number;
    removedOutlets: number;
    warnings: number;
  };
  /** max and min load / target over reps with a territory; null before territories exist. */
  balance: { min: number; max: number } | null;
  /** Business types no segmentation rule matched; absent when the plan predates the field. */
  segmentation?: { unmatchedTypes: UnmatchedBusinessType[] };
  /**
   * Where the travel times came from when the policy names a road provider (absent for
   * great-circle plans); `notice` says loudly that the plan fell back to straight lines.
   */
  travel?: { provider: string; profile: string; fellBack: boolean; notice: string | null };
  outletTiers: OutletTierSummary[];
  repTiers: RepTierSummary[];
  pools: PoolSummary[];
  reps: RepSummary[];
  /** The 2Q panel and each rep's 2Q figures; present only when the plan has standards. */
  standards?: StandardsPanel & { reps: RepStandardFigures[] };
  /** Escorted-visit KPIs per supervisor (supervisorKpis.ts); only for plans with supervisors. */
  supervisors?: SupervisorKpis[];
}

const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function dayStat(values: readonly number[]): DayStat | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    min: round(minOf(values)),
    mean: round(sum / values.length),
    max: round(maxOf(values)),
  };
}

const perDay = (total: number, days: number): number | null => (days > 0 ? round(total / days) : null);

function zeroByTier(): Record<OutletTier, number> {
  return Object.fromEntries(OUTLET_TIERS.map((t) => [t, 0])) as Record<OutletTier, number>;
}

function summarizeRep(
  rep: PlanRep,
  outletCount: number,
  tierOf: ReadonlyMap<string, OutletTier>,
): RepSummary {
  const days = (rep.days ?? []).filter((d) => d.stops.length > 0);
  const visitsByTier = zeroByTier();
  let km = 0;
  let travelMinutes = 0;
  let serviceMinutes = 0;
  let totalMinutes = 0;
  let windowViolationMinutes = 0;
  for (const day of rep.days ?? []) {
    km += day.travelKm;
    travelMinutes += day.travelMinutes;
    serviceMinutes += day.serviceMinutes;
    totalMinutes += day.totalMinutes;
    windowViolationMinutes += day.windowViolationMinutes ?? 0;
    for (const stop of day.stops) {
      const tier = tierOf.get(stop.outletId);
      if (tier) visitsByTier[tier] += 1;
    }
  }
  const territory = rep.territory;
  const balance =
    territory && territory.targetMinutes > 0
      ? round(territory.loadMinutes / territory.targetMinutes, 4)
      : null;
  return {
    repId: rep.id,
    name: rep.name,
    tier: rep.tier,
    pool: rep.pool,
    outlets: territory?.outletCount ?? outletCount,
    visits: days.reduce((sum, d) => sum + d.stops.length, 0),
    visitsByTier,
    routeDays: days.length,
    visitsPerDay: dayStat(days.map((d) => d.stops.length)),
    km: round(km),
    travelMinutes: round(travelMinutes),
    serviceMinutes: round(serviceMinutes),
    totalMinutes: round(totalMinutes),
    minutesPerDay: dayStat(days.map((d) => d.totalMinutes)),
    loadMinutes: territory ? round(territory.loadMinutes) : null,
    targetMinutes: territory ? round(territory.targetMinutes) : null,
    balance,
    commuteKm: territory ? round(territory.commuteKm) : null,
    overBudgetDays: (rep.days ?? []).filter((d) => d.overBudgetMinutes > 0).length,
    overBudgetMinutes: round(rep.overBudgetMinutes ?? 0),
    windowViolationMinutes: round(windowViolationMinutes),
    flags: rep.flags ?? [],
  };
}

function range(values: ReadonlyArray<number | null>): { min: number; max: number } | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? { min: minOf(known), max: maxOf(known) } : null;
}

/**
 * Computes the KPIs of a plan: per rep (visits per day, km, minutes, balance, over-budget days),
 * per outlet tier (share of visits), per rep tier and per pool, plus totals, and the 2Q panel when
 * the plan has standards. Used for
 * summary.json, the CLI table, job results and the map report. Pure; rounds to 2 decimals
 * (balance to 4) so that the file is stable across platforms.
 */
export function summarizePlan(plan: Plan): PlanSummaryFile {
  const tierOf = new Map(plan.outlets.map((o) => [o.id, o.tier]));
  const outletsPerRep = new Map<string, number>();
  for (const o of plan.outlets)
    if (o.repId !== null) outletsPerRep.set(o.repId, (outletsPerRep.get(o.repId) ?? 0) + 1);
  const reps = plan.reps.map((r) => summarizeRep(r, outletsPerRep.get(r.id) ?? 0, tierOf));
  const visitsByTier = zeroByTier();
  for (const r of reps) for (const t of OUTLET_TIERS) visitsByTier[t] += r.visitsByTier[t];
  const visits = reps.reduce((s, r) => s + r.visits, 0);
  const routeDays = reps.reduce((s, r) => s + r.routeDays, 0);
  const sum = (pick: (r: RepSummary) => number): number => round(reps.reduce((s, r) => s + pick(r), 0));

  const outletTiers: OutletTierSummary[] = OUTLET_TIERS.map((tier) => ({
    tier,
    outlets: plan.outlets.filter((o) => o.tier === tier).length,
    unassigned: plan.outlets.filter((o) => o.tier === tier && o.repId === null).length,
    visits: visitsByTier[tier],
    shareOfVisits: visits > 0 ? round(visitsByTier[tier] / visits, 4) : 0,
  }));
  const repTiers: RepTierSummary[] = REP_TIERS.map((tier) => {
    const group = reps.filter((r) => r.tier === tier);
    const groupVisits = group.reduce((s, r) => s + r.visits, 0);
    const groupDays = group.reduce((s, r) => s + r.routeDays, 0);
    const groupKm = group.reduce((s, r) => s + r.km, 0);
    const groupMinutes = group.reduce((s, r) => s + r.totalMinutes, 0);
    return {
      tier,
      reps: group.length,
      outlets: group.reduce((s, r) => s + r.outlets, 0),
      visits: groupVisits,
      routeDays: groupDays,
      visitsPerDay: perDay(groupVisits, groupDays),
      km: round(groupKm),
      kmPerDay: perDay(groupKm, groupDays),
      totalMinutes: round(groupMinutes),
      minutesPerDay: perDay(groupMinutes, groupDays),
      balance: range(group.map((r) => r.balance)),
      overBudgetDays: group.reduce((s, r) => s + r.overBudgetDays, 0),
    };
  });
  const utilisation = new Map(poolUtilisation(plan).map((u) => [u.poolId, u]));
  const pools: PoolSummary[] = plan.pools.map((pool) => {
    const balance = range(reps.filter((r) => r.pool === pool.id).map((r) => r.balance));
    const use = utilisation.get(pool.id);
    return {
      id: pool.id,
      reps: pool.repIds.length,
      outlets: pool.outletCount,
      outletsPerRep: pool.repIds.length > 0 ? round(pool.outletCount / pool.repIds.length) : null,
      balance: balance ? { ...balance, spread: round(balance.max - balance.min, 4) } : null,
      availableMinutes: use?.availableMinutes ?? 0,
      plannedMinutes: use?.plannedMinutes ?? 0,
      utilisation: use?.utilisation ?? null,
      repsForLoad: use?.repsForLoad ?? null,
    };
  });

  return {
    schemaVersion: 1,
    region: plan.region,
    generatedAt: plan.generatedAt,
    inputHash: plan.inputHash,
    ...(plan.inputEncoding ? { inputEncoding: plan.inputEncoding } : {}),
    policyHash: plan.policyHash,
    mode: plan.mode,
    totals: {
      outlets: plan.outlets.length,
      reps: plan.reps.length,
      quarantined: countQuarantine(plan.quarantine).total,
      unassigned: plan.outlets.filter((o) => o.repId === null).length,
      visits,
      routeDays,
      visitsPerDay: perDay(visits, routeDays),
      km: sum((r) => r.km),
      travelMinutes: sum((r) => r.travelMinutes),
      serviceMinutes: sum((r) => r.serviceMinutes),
      totalMinutes: sum((r) => r.totalMinutes),
      overBudgetDays: reps.reduce((s, r) => s + r.overBudgetDays, 0),
      windowViolationMinutes: sum((r) => r.windowViolationMinutes),
      tierChanges: plan.segmentation.changes.length,
      repChanges: plan.repChanges.length,
      dayChanges: plan.dayChanges.length,
      removedOutlets: plan.removedOutlets.length,
      warnings: plan.warnings.length,
    },
    balance: range(reps.map((r) => r.balance)),
    ...(plan.segmentation.unmatchedTypes
      ? { segmentation: { unmatchedTypes: plan.segmentation.unmatchedTypes } }
      : {}),
    ...(plan.travel
      ? {
          travel: {
            provider: plan.travel.provider,
            profile: plan.travel.profile,
            fellBack: plan.travel.fellBack,
            notice: travelFallbackNotice(plan),
          },
        }
      : {}),
    outletTiers,
    repTiers,
    pools,
    reps,
    ...(plan.standards
      ? { standards: { ...standardsPanel(plan.standards), reps: plan.standards.reps } }
      : {}),
    ...(plan.supervisors ? { supervisors: supervisorKpis(plan) } : {}),
  };
}

/** summary.json as written to a version folder (2-space indented, trailing newline). */
export function renderSummary(plan: Plan): string {
  return `${JSON.stringify(summarizePlan(plan), null, 2)}\n`;
}
