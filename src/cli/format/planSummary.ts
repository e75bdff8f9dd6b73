import { poolUtilisation } from '../../domain/plan/poolUtilisation.js';
import type { Plan, PlanRep } from '../../domain/plan/planTypes.js';
import type { UnmatchedBusinessType } from '../../domain/segmentation/segmentOutlets.js';
import { OUTLET_TIERS } from '../../domain/types.js';
import { describeInputEncoding } from '../../io/region/readRegionTable.js';
import { countQuarantine } from '../../io/region/quarantine.js';
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

/** The human summary printed after `territory plan`: tiers, pools, reps, problems. */
export function renderPlanSummary(plan: Plan): string {
  const parts: string[] = [];
  const total = plan.outlets.length;
  const utilisation = new Map(poolUtilisation(plan).map((u) => [u.poolId, u]));
  parts.push(`Region ${plan.region} (${plan.mode}), ${total} active outlets, ${plan.reps.length} reps`);
  parts.push(
    renderTable(
      ['tier', 'outlets', 'share %'],
      OUTLET_TIERS.map((t) => [
        t,
        plan.segmentation.tierCounts[t],
        total ? (100 * plan.segmentation.tierCounts[t]) / total : 0,
      ]),
    ),
  );
  const unmatched = renderUnmatchedTypes(plan.segmentation.unmatchedTypes ?? []);
  if (unmatched !== null) parts.push(unmatched);
  parts.push(
    renderTable(
      ['pool', 'rep tiers', 'outlet tiers', 'reps', 'outlets', 'outlets/rep', 'time used %', 'reps for load'],
      plan.pools.map((p) => {
        const use = utilisation.get(p.id);
        return [
          p.id,
          p.repTiers.join('+'),
          p.outletTiers.join('+'),
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
          'rep',
          'tier',
          'pool',
          'outlets',
          'load min',
          'target',
          'balance %',
          'commute km',
          'visits/day',
          'km/day',
          'min/day',
          'over-budget days',
          'late stops',
        ],
        plan.reps.map((r) => {
          const t = r.territory;
          return [
            r.id,
            r.tier,
            r.pool ?? '-',
            t?.outletCount ?? 0,
            t ? Math.round(t.loadMinutes) : 0,
            t ? Math.round(t.targetMinutes) : 0,
            t && t.targetMinutes > 0 ? (100 * (t.loadMinutes - t.targetMinutes)) / t.targetMinutes : 0,
            t ? t.commuteKm : '-',
            ...repDayFigures(r),
          ];
        }),
      ),
    );
  }
  const supervisors = renderSupervisorTable(plan);
  if (supervisors !== null) parts.push(supervisors);
  const changes = [
    `tier changes ${plan.segmentation.changes.length}`,
    `rep changes ${plan.repChanges.length}${countByReason(plan.repChanges)}`,
    `day changes ${plan.dayChanges.length}${countByReason(plan.dayChanges)}`,
    `removed outlets ${plan.removedOutlets.length}`,
  ];
  parts.push(`Changes against the previous plan: ${changes.join(', ')}`);
  const quarantined = countQuarantine(plan.quarantine);
  const omitted =
    quarantined.omitted > 0 ? `, ${quarantined.listed} listed, ${quarantined.omitted} omitted` : '';
  parts.push(
    `Quarantined rows: ${quarantined.total}${quarantined.total ? ` (see quarantine.csv${omitted})` : ''}`,
  );
  const read = describeInputEncoding(plan.inputEncoding);
  if (read !== '') parts.push(`Input read as: ${read}`);
  for (const warning of plan.warnings) parts.push(`warning: ${warning}`);
  return parts.join('\n\n');
}

/**
 * The table of business types no segmentation rule matched (shared by `plan` and `validate`), or
 * null when there are none: a type spelled differently from the policy shows up here instead of
 * silently landing in the default tier.
 */
export function renderUnmatchedTypes(unmatched: readonly UnmatchedBusinessType[]): string | null {
  if (unmatched.length === 0) return null;
  return `Business types no segmentation rule matched:\n${renderTable(
    ['business type', 'outlets', 'defaulted to', 'why'],
    unmatched.map((u) => [
      u.businessType,
      u.outlets,
      u.tier,
      u.namedBy.length > 0
        ? `volume limits of ${u.namedBy.join(', ')}`
        : `no rule names it${u.didYouMean !== undefined ? ` (did you mean ${u.didYouMean}?)` : ''}`,
    ]),
  )}`;
}

/** " (new 14, rebalanced 6)": how many changes each reason accounts for, or "" when none. */
function countByReason(changes: ReadonlyArray<{ reason: string }>): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.reason, (counts.get(change.reason) ?? 0) + 1);
  if (counts.size === 0) return '';
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, n]) => `${reason} ${n}`);
  return ` (${parts.join(', ')})`;
}
