import {
  describeQuantityStandard,
  describeShareStandard,
  standardsPanel,
} from '../../domain/plan/standardsPanel.js';
import type { PlanStandards } from '../../domain/plan/visitStandards.js';
import { renderTable } from './table.js';

/**
 * The 2Q panel of `territory plan`: per rep with a quantity standard its visits per rep-day
 * (min/mean/max) against the standard and its days under and over it; per pool tier with a
 * quality standard the pool's share of visits against it and the reps that miss it.
 */
export function renderStandardsTables(measured: PlanStandards): string {
  const panel = standardsPanel(measured);
  const parts = [
    `2Q standards: ${panel.flags['quantity-under']} rep-day(s) under and ${panel.flags['quantity-over']} over the quantity standard, ${panel.flags['quality-under'] + panel.flags['quality-over']} rep tier share(s) missing the quality standard`,
  ];
  const quantityReps = measured.reps.filter((r) => r.quantity !== null);
  if (quantityReps.length > 0) {
    parts.push(
      renderTable(
        ['rep', 'tier', 'visits/day', 'standard', 'days', 'days under', 'days over'],
        quantityReps.map((r) => [
          r.repId,
          r.tier,
          r.visitsPerDay
            ? `${r.visitsPerDay.min}/${r.visitsPerDay.mean.toFixed(1)}/${r.visitsPerDay.max}`
            : '-',
          describeQuantityStandard(r.quantity ?? {}),
          r.days,
          r.daysUnder,
          r.daysOver,
        ]),
      ),
    );
  }
  if (panel.quality.length > 0) {
    parts.push(
      renderTable(
        ['pool', 'outlet tier', 'share %', 'standard', 'reps', 'reps missing'],
        panel.quality.map((q) => [
          q.pool,
          q.tier,
          q.share === null ? '-' : q.share * 100,
          describeShareStandard(q),
          q.reps,
          q.repsMissing,
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}
