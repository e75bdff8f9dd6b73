import type { QuantityStandard, ShareStandard } from '../policy/standardsPolicy.js';
import { OUTLET_TIERS, REP_TIERS, type OutletTier, type RepTier } from '../types.js';
import type { PlanStandards, StandardFlag } from './visitStandards.js';

/** One rep tier's quantity standard and its reps' rep-days against it. */
export interface QuantityPanelRow extends QuantityStandard {
  repTier: RepTier;
  reps: number;
  repDays: number;
  visits: number;
  /** Fewest, mean (2 decimals) and most visits per rep-day over the tier's reps; null without days. */
  visitsPerDay: { min: number; mean: number; max: number } | null;
  daysUnder: number;
  daysOver: number;
}

/** One pool's quality standard for one outlet tier and the pool's visit mix against it. */
export interface QualityPanelRow extends ShareStandard {
  pool: string;
  tier: OutletTier;
  /** Share of all the pool's reps' visits that go to the tier, 4 decimals; null without visits. */
  share: number | null;
  /** Reps of the pool with visits, and those whose own share misses the standard. */
  reps: number;
  repsMissing: number;
}

/** The 2Q panel of summary.json, the CLI table and the map: quantity per rep tier, quality per pool tier. */
export interface StandardsPanel {
  quantity: QuantityPanelRow[];
  quality: QualityPanelRow[];
  /** Flags by kind. */
  flags: Record<StandardFlag['kind'], number>;
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function quantityRows(measured: PlanStandards): QuantityPanelRow[] {
  return REP_TIERS.flatMap((repTier): QuantityPanelRow[] => {
    const standard = measured.quantity[repTier];
    if (!standard) return [];
    const reps = measured.reps.filter((r) => r.tier === repTier);
    const withDays = reps.flatMap((r) => (r.visitsPerDay ? [r.visitsPerDay] : []));
    const repDays = reps.reduce((s, r) => s + r.days, 0);
    const visits = reps.reduce((s, r) => s + r.visits, 0);
    return [
      {
        repTier,
        ...standard,
        reps: reps.length,
        repDays,
        visits,
        visitsPerDay:
          withDays.length > 0 && repDays > 0
            ? {
                min: Math.min(...withDays.map((d) => d.min)),
                mean: round(visits / repDays, 2),
                max: Math.max(...withDays.map((d) => d.max)),
              }
            : null,
        daysUnder: reps.reduce((s, r) => s + r.daysUnder, 0),
        daysOver: reps.reduce((s, r) => s + r.daysOver, 0),
      },
    ];
  });
}

function qualityRows(measured: PlanStandards): QualityPanelRow[] {
  return Object.entries(measured.quality).flatMap(([pool, tiers]) =>
    OUTLET_TIERS.flatMap((tier): QualityPanelRow[] => {
      const standard = tiers[tier];
      if (!standard) return [];
      let visits = 0;
      let tierVisits = 0;
      let reps = 0;
      let repsMissing = 0;
      for (const rep of measured.reps) {
        const figure = rep.pool === pool ? rep.quality?.find((q) => q.tier === tier) : undefined;
        if (!figure) continue;
        reps += 1;
        visits += rep.visits;
        tierVisits += figure.visits;
        if (!figure.met) repsMissing += 1;
      }
      return [
        {
          pool,
          tier,
          ...standard,
          share: visits > 0 ? round(tierVisits / visits, 4) : null,
          reps,
          repsMissing,
        },
      ];
    }),
  );
}

/**
 * Sums a plan's 2Q measurement (measureVisitStandards) into the panel managers read: per rep
 * tier with a quantity standard, its rep-days, visits per rep-day and the days under and over the
 * standard; per pool and outlet tier with a quality standard, the pool's share of visits to the
 * tier and how many of its reps miss it; and the flags by kind. Pure.
 */
export function standardsPanel(measured: PlanStandards): StandardsPanel {
  const flags: Record<StandardFlag['kind'], number> = {
    'quantity-under': 0,
    'quantity-over': 0,
    'quality-under': 0,
    'quality-over': 0,
  };
  for (const flag of measured.flags) flags[flag.kind] += 1;
  return { quantity: quantityRows(measured), quality: qualityRows(measured), flags };
}

/** A quantity standard in words for tables: `12-20`, `>= 12` or `<= 20` visits. */
export function describeQuantityStandard(standard: QuantityStandard): string {
  const { minVisitsPerDay: min, maxVisitsPerDay: max } = standard;
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (min !== undefined) return `>= ${min}`;
  return max !== undefined ? `<= ${max}` : 'any';
}

/** A share standard in words for tables: `40%-60%`, `>= 40%` or `<= 60%`. */
export function describeShareStandard(standard: ShareStandard): string {
  const pct = (share: number): string => `${round(share * 100, 1)}%`;
  const { minShare: min, maxShare: max } = standard;
  if (min !== undefined && max !== undefined) return `${pct(min)}-${pct(max)}`;
  if (min !== undefined) return `>= ${pct(min)}`;
  return max !== undefined ? `<= ${pct(max)}` : 'any';
}
