import type { QuantityStandard, ShareStandard, StandardsPolicy } from '../policy/standardsPolicy.js';
import { OUTLET_TIERS, type OutletTier, type RepTier, type Weekday } from '../types.js';
import type { Plan, PlanRep } from './planTypes.js';
import { warningText } from '../../i18n/warningText.js';

/** One rep-day whose visit count is under the tier's minimum or over its maximum. */
export interface QuantityFlag {
  kind: 'quantity-under' | 'quantity-over';
  repId: string;
  week: number;
  weekday: Weekday;
  visits: number;
  /** The bound missed (minVisitsPerDay or maxVisitsPerDay). */
  standard: number;
}

/** One rep whose share of visits to an outlet tier is under its pool's minimum or over its maximum. */
export interface QualityFlag {
  kind: 'quality-under' | 'quality-over';
  repId: string;
  pool: string;
  tier: OutletTier;
  /** The rep's share of visits to the tier, 4 decimals. */
  share: number;
  /** The bound missed (minShare or maxShare). */
  standard: number;
}

export type StandardFlag = QuantityFlag | QualityFlag;

/** One outlet tier of a rep's visit mix against the pool's standard for it. */
export interface TierShareFigure {
  tier: OutletTier;
  visits: number;
  /** Share of the rep's visits, 4 decimals. */
  share: number;
  minShare?: number;
  maxShare?: number;
  met: boolean;
}

/** One rep's 2Q figures: visits per rep-day against the quantity standard, visit mix against quality. */
export interface RepStandardFigures {
  repId: string;
  tier: RepTier;
  pool: string | null;
  /** Rep-days of the cycle (working days, with or without stops) and visits over them. */
  days: number;
  visits: number;
  /** Fewest, mean (2 decimals) and most visits per rep-day; null without days. */
  visitsPerDay: { min: number; mean: number; max: number } | null;
  /** The rep tier's quantity standard, or null when it has none. */
  quantity: QuantityStandard | null;
  daysUnder: number;
  daysOver: number;
  /** The visit mix on the tiers the pool's quality standard sets; null without a standard or visits. */
  quality: TierShareFigure[] | null;
}

/** The plan's 2Q block: the standards it was held against, the figures per rep, and every flag. */
export interface PlanStandards {
  quantity: Partial<Record<RepTier, QuantityStandard>>;
  quality: Record<string, Partial<Record<OutletTier, ShareStandard>>>;
  reps: RepStandardFigures[];
  flags: StandardFlag[];
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** The bound a count of `visits` misses, if any: under the minimum first. */
function quantityMiss(
  visits: number,
  standard: QuantityStandard,
): Omit<QuantityFlag, 'repId' | 'week' | 'weekday'> | null {
  if (standard.minVisitsPerDay !== undefined && visits < standard.minVisitsPerDay)
    return { kind: 'quantity-under', visits, standard: standard.minVisitsPerDay };
  if (standard.maxVisitsPerDay !== undefined && visits > standard.maxVisitsPerDay)
    return { kind: 'quantity-over', visits, standard: standard.maxVisitsPerDay };
  return null;
}

function repQuality(
  rep: PlanRep,
  visits: number,
  byTier: Record<OutletTier, number>,
  poolStandard: Partial<Record<OutletTier, ShareStandard>> | undefined,
  flags: StandardFlag[],
): TierShareFigure[] | null {
  if (!poolStandard || rep.pool === null || visits === 0) return null;
  const figures: TierShareFigure[] = [];
  for (const tier of OUTLET_TIERS) {
    const standard = poolStandard[tier];
    if (!standard) continue;
    const share = byTier[tier] / visits;
    const under = standard.minShare !== undefined && share < standard.minShare - 1e-9;
    const over = standard.maxShare !== undefined && share > standard.maxShare + 1e-9;
    figures.push({ tier, visits: byTier[tier], share: round(share, 4), ...standard, met: !under && !over });
    if (under || over) {
      flags.push({
        kind: under ? 'quality-under' : 'quality-over',
        repId: rep.id,
        pool: rep.pool,
        tier,
        share: round(share, 4),
        standard: (under ? standard.minShare : standard.maxShare) as number,
      });
    }
  }
  return figures;
}

/**
 * Measures a plan's day routes against the 2Q standards: for every rep, its visits on each
 * rep-day (every day route, with or without stops) against its tier's quantity standard, and its
 * visit mix (share of its visits per outlet tier) against its pool's quality standard. Flags
 * every rep-day under the minimum or over the maximum and every tier share a rep misses, in rep
 * order then day order. Pure; the publish gate recomputes it to check a plan's own figures.
 */
export function measureVisitStandards(
  plan: Pick<Plan, 'outlets' | 'reps'>,
  standards: StandardsPolicy,
): PlanStandards {
  const quantity = standards.quantity ?? {};
  const quality = standards.quality ?? {};
  const tierOf = new Map(plan.outlets.map((o) => [o.id, o.tier]));
  const flags: StandardFlag[] = [];
  const reps = plan.reps.map((rep): RepStandardFigures => {
    const days = rep.days ?? [];
    const standard = quantity[rep.tier] ?? null;
    const byTier = Object.fromEntries(OUTLET_TIERS.map((t) => [t, 0])) as Record<OutletTier, number>;
    let visits = 0;
    let daysUnder = 0;
    let daysOver = 0;
    for (const day of days) {
      visits += day.stops.length;
      for (const stop of day.stops) {
        const tier = tierOf.get(stop.outletId);
        if (tier) byTier[tier] += 1;
      }
      const miss = standard ? quantityMiss(day.stops.length, standard) : null;
      if (!miss) continue;
      if (miss.kind === 'quantity-under') daysUnder += 1;
      else daysOver += 1;
      flags.push({ ...miss, repId: rep.id, week: day.week, weekday: day.weekday });
    }
    const counts = days.map((d) => d.stops.length);
    return {
      repId: rep.id,
      tier: rep.tier,
      pool: rep.pool,
      days: days.length,
      visits,
      visitsPerDay:
        counts.length > 0
          ? { min: Math.min(...counts), mean: round(visits / counts.length, 2), max: Math.max(...counts) }
          : null,
      quantity: standard,
      daysUnder,
      daysOver,
      quality: repQuality(rep, visits, byTier, rep.pool === null ? undefined : quality[rep.pool], flags),
    };
  });
  return { quantity, quality, reps, flags };
}

const percent = (share: number): string => `${round(share * 100, 1)}%`;

/**
 * The plan warnings of a 2Q measurement, one per rep and missed bound: how many of its rep-days
 * are under the quantity minimum (with the fewest visits) or over the maximum (with the most),
 * and each outlet tier share it misses. Every flag is counted in exactly one warning.
 */
export function visitStandardsWarnings(measured: PlanStandards): string[] {
  const warnings: string[] = [];
  for (const rep of measured.reps) {
    const mine = measured.flags.filter((f) => f.repId === rep.repId);
    const under = mine.flatMap((f) => (f.kind === 'quantity-under' ? [f.visits] : []));
    const over = mine.flatMap((f) => (f.kind === 'quantity-over' ? [f.visits] : []));
    if (under.length > 0)
      warnings.push(
        warningText('warning.quantityUnder', {
          rep: rep.repId,
          repTier: rep.tier,
          count: under.length,
          days: rep.days,
          minimum: String(rep.quantity?.minVisitsPerDay),
          fewest: Math.min(...under),
        }),
      );
    if (over.length > 0)
      warnings.push(
        warningText('warning.quantityOver', {
          rep: rep.repId,
          repTier: rep.tier,
          count: over.length,
          days: rep.days,
          maximum: String(rep.quantity?.maxVisitsPerDay),
          most: Math.max(...over),
        }),
      );
    for (const flag of mine) {
      if (flag.kind !== 'quality-under' && flag.kind !== 'quality-over') continue;
      warnings.push(
        warningText(flag.kind === 'quality-under' ? 'warning.qualityUnder' : 'warning.qualityOver', {
          rep: rep.repId,
          pool: flag.pool,
          share: percent(flag.share),
          tier: flag.tier,
          standard: percent(flag.standard),
        }),
      );
    }
  }
  return warnings;
}
