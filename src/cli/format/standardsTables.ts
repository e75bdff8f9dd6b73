import {
  describeQuantityStandard,
  describeShareStandard,
  standardsPanel,
} from '../../domain/plan/standardsPanel.js';
import type { PlanStandards } from '../../domain/plan/visitStandards.js';
import type { Translate } from '../../i18n/catalog.js';
import { renderTable } from './table.js';

const QUANTITY_COLUMNS = ['rep', 'tier', 'perDay', 'standard', 'days', 'under', 'over'] as const;
const QUALITY_COLUMNS = ['pool', 'tier', 'share', 'standard', 'reps', 'missing'] as const;

/**
 * The 2Q panel of `territory plan`: per rep with a quantity standard its visits per rep-day
 * (min/mean/max) against the standard and its days under and over it; per pool tier with a
 * quality standard the pool's share of visits against it and the reps that miss it; labels from
 * the catalogue of `t`.
 */
export function renderStandardsTables(measured: PlanStandards, t: Translate): string {
  const panel = standardsPanel(measured);
  const parts = [
    t('cli.standards.summary', {
      under: panel.flags['quantity-under'],
      over: panel.flags['quantity-over'],
      misses: panel.flags['quality-under'] + panel.flags['quality-over'],
    }),
  ];
  const quantityReps = measured.reps.filter((r) => r.quantity !== null);
  if (quantityReps.length > 0) {
    parts.push(
      renderTable(
        QUANTITY_COLUMNS.map((c) => t(`cli.standards.quantity.${c}`)),
        quantityReps.map((r) => [
          r.repId,
          t(`common.repTier.${r.tier}`),
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
        QUALITY_COLUMNS.map((c) => t(`cli.standards.quality.${c}`)),
        panel.quality.map((q) => [
          q.pool,
          t(`common.tier.${q.tier}`),
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
