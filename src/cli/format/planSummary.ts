import { poolUtilisation } from '../../domain/plan/poolUtilisation.js';
import type { Plan, PlanRep } from '../../domain/plan/planTypes.js';
import type { UnmatchedBusinessType } from '../../domain/segmentation/segmentOutlets.js';
import { OUTLET_TIERS } from '../../domain/types.js';
import { describeInputEncoding } from '../../io/region/readRegionTable.js';
import { countQuarantine } from '../../io/region/quarantine.js';
import { renderStandardsTables } from './standardsTables.js';
import { translator, type Translate } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import type { Language } from '../../i18n/languages.js';
import { localiseWarning } from '../../i18n/localiseWarning.js';
import { reasonLabel } from '../../i18n/reasonLabel.js';
import { DEFAULT_REPORT_LOCALE, type ReportLocale } from '../../i18n/reportLocale.js';
import { renderSupervisorTable } from './supervisorTable.js';
import { renderTable } from './table.js';

function repDayFigures(rep: PlanRep): Array<string | number> {
  const days = rep.days ?? [];
  if (days.length === 0) return ['-', '-', '-', '-', '-'];
  const visits = days.map((d) => d.stops.length);
  const km = days.reduce((s, d) => s + d.travelKm, 0) / days.length;
  const minutes = days.reduce((s, d) => s + d.totalMinutes, 0) / days.length;
  const over = days.filter((d) => d.overBudgetMinutes > 0).length;
  const late = days.reduce(
    (s, d) => s + d.stops.filter((st) => (st.windowViolationMinutes ?? 0) > 0).length,
    0,
  );
  const avg = visits.reduce((s, v) => s + v, 0) / visits.length;
  return [`${Math.min(...visits)}/${avg.toFixed(1)}/${Math.max(...visits)}`, km, minutes, over, late];
}

/**
 * The human summary printed after `territory plan`: tiers, pools, reps, the 2Q panel, problems, in the
 * locale's language (default English) with the plan time in its zone. The plan's own strings
 * (ids, reasons, warnings) are shown as they are.
 */
export function renderPlanSummary(plan: Plan, locale: ReportLocale = DEFAULT_REPORT_LOCALE): string {
  const t = translator(locale.lang);
  const parts: string[] = [];
  const total = plan.outlets.length;
  const utilisation = new Map(poolUtilisation(plan).map((u) => [u.poolId, u]));
  parts.push(
    `${t('cli.plan.region', { region: plan.region, mode: plan.mode, outlets: total, reps: plan.reps.length })}\n${t('cli.plan.planned', { time: formatZonedTime(plan.generatedAt, locale.timeZone) })}`,
  );
  parts.push(
    renderTable(
      [t('cli.col.tier'), t('cli.col.outlets'), t('cli.col.share')],
      OUTLET_TIERS.map((tier) => [
        t(`common.tier.${tier}`),
        plan.segmentation.tierCounts[tier],
        total ? (100 * plan.segmentation.tierCounts[tier]) / total : 0,
      ]),
    ),
  );
  const unmatched = renderUnmatchedTypes(plan.segmentation.unmatchedTypes ?? [], t);
  if (unmatched !== null) parts.push(unmatched);
  parts.push(
    renderTable(
      [
        t('cli.col.pool'),
        t('cli.col.repTiers'),
        t('cli.col.outletTiers'),
        t('cli.col.reps'),
        t('cli.col.outlets'),
        t('cli.col.outletsPerRep'),
        t('cli.col.timeUsed'),
        t('cli.col.repsForLoad'),
      ],
      plan.pools.map((p) => {
        const use = utilisation.get(p.id);
        return [
          p.id,
          p.repTiers.map((tier) => t(`common.repTier.${tier}`)).join('+'),
          p.outletTiers.map((tier) => t(`common.tier.${tier}`)).join('+'),
          p.repIds.length,
          p.outletCount,
          p.repIds.length ? p.outletCount / p.repIds.length : 0,
          use?.utilisation === null || use === undefined ? '-' : use.utilisation * 100,
          use?.repsForLoad ?? '-',
        ];
      }),
    ),
  );
  if (plan.reps.some((r) => r.territory || r.days)) {
    parts.push(
      renderTable(
        [
          t('cli.col.rep'),
          t('cli.col.tier'),
          t('cli.col.pool'),
          t('cli.col.outlets'),
          t('cli.col.loadMin'),
          t('cli.col.target'),
          t('cli.col.balance'),
          t('cli.col.commuteKm'),
          t('cli.col.visitsDay'),
          t('cli.col.kmDay'),
          t('cli.col.minDay'),
          t('cli.col.overBudgetDays'),
          t('cli.col.lateStops'),
        ],
        plan.reps.map((r) => {
          const own = r.territory;
          return [
            r.id,
            t(`common.repTier.${r.tier}`),
            r.pool ?? '-',
            own?.outletCount ?? 0,
            own ? Math.round(own.loadMinutes) : 0,
            own ? Math.round(own.targetMinutes) : 0,
            own && own.targetMinutes > 0
              ? (100 * (own.loadMinutes - own.targetMinutes)) / own.targetMinutes
              : 0,
            own ? own.commuteKm : '-',
            ...repDayFigures(r),
          ];
        }),
      ),
    );
  }
  if (plan.standards) parts.push(renderStandardsTables(plan.standards, t));
  const supervisors = renderSupervisorTable(plan, t);
  if (supervisors !== null) parts.push(supervisors);
  const changes = [
    t('cli.plan.tierChanges', { count: plan.segmentation.changes.length }),
    t('cli.plan.repChanges', {
      count: plan.repChanges.length,
      reasons: countByReason(plan.repChanges, locale.lang),
    }),
    t('cli.plan.dayChanges', {
      count: plan.dayChanges.length,
      reasons: countByReason(plan.dayChanges, locale.lang),
    }),
    t('cli.plan.removedOutlets', { count: plan.removedOutlets.length }),
  ];
  parts.push(t('cli.plan.changes', { changes: changes.join(t('common.listSeparator')) }));
  const quarantined = countQuarantine(plan.quarantine);
  const omitted =
    quarantined.omitted > 0
      ? t('cli.plan.quarantinedOmitted', { listed: quarantined.listed, omitted: quarantined.omitted })
      : '';
  parts.push(
    t('cli.plan.quarantined', {
      count: quarantined.total,
      detail: quarantined.total ? t('cli.plan.quarantinedDetail', { omitted }) : '',
    }),
  );
  const read = describeInputEncoding(plan.inputEncoding, t);
  if (read !== '') parts.push(t('cli.plan.inputRead', { encoding: read }));
  for (const warning of plan.warnings)
    parts.push(t('cli.plan.warning', { warning: localiseWarning(warning, locale.lang) }));
  return parts.join('\n\n');
}

/**
 * The table of business types no segmentation rule matched (shared by `plan` and `validate`), or
 * null when there are none: a type spelled differently from the policy shows up here instead of
 * silently landing in the default tier.
 */
export function renderUnmatchedTypes(
  unmatched: readonly UnmatchedBusinessType[],
  t: Translate = translator('en'),
): string | null {
  if (unmatched.length === 0) return null;
  return `${t('cli.unmatched.heading')}\n${renderTable(
    [
      t('cli.unmatched.col.type'),
      t('cli.unmatched.col.outlets'),
      t('cli.unmatched.col.tier'),
      t('cli.unmatched.col.why'),
    ],
    unmatched.map((u) => [
      u.businessType,
      u.outlets,
      t(`common.tier.${u.tier}`),
      u.namedBy.length > 0
        ? t('cli.unmatched.volumeLimits', { rules: u.namedBy.join(t('common.listSeparator')) })
        : u.didYouMean !== undefined
          ? t('cli.unmatched.didYouMean', { type: u.didYouMean })
          : t('cli.unmatched.noRule'),
    ]),
  )}`;
}

/**
 * " (new 14, rebalanced 6)": how many changes each reason accounts for (worded by reasonLabel in
 * the report language), or "" when none.
 */
function countByReason(changes: ReadonlyArray<{ reason: string }>, lang: Language): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.reason, (counts.get(change.reason) ?? 0) + 1);
  if (counts.size === 0) return '';
  const parts = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, n]) => `${reasonLabel(reason, lang)} ${n}`);
  return ` (${parts.join(', ')})`;
}
