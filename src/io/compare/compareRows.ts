import type { PoolFigures, PlanFigures } from '../../domain/plan/planFigures.js';
import type { StaffingStep } from '../../domain/plan/staffingRecommendation.js';
import { OUTLET_TIERS } from '../../domain/types.js';
import { translator, type Translate } from '../../i18n/catalog.js';
import type { CompareFile, CompareFilePlan } from './compareFile.js';

/** One row of the comparison table: a figure, one cell per plan. */
export interface CompareRow {
  /** The group the row belongs to (a heading in the table). */
  section: string;
  label: string;
  cells: string[];
  /** Cells to stress, e.g. a pool above 100% of its working time (same length as cells). */
  alert: boolean[];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const dec = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number): string => `${dec(share * 100, 1)}%`;

/**
 * A signed difference, omitted when it rounds to zero: " (+52)"; `points` words it as
 * percentage points in the table's language (" (-1.2 pt)").
 */
function delta(value: number, base: number, digits: number, points: Translate | null = null): string {
  const d = Math.round((value - base) * 10 ** digits) / 10 ** digits;
  if (d === 0) return '';
  const text = `${d > 0 ? '+' : '-'}${dec(Math.abs(d), digits)}`;
  return ` (${points ? points('compare.cell.points', { value: text }) : text})`;
}

/** The staffing recommendation for one pool, short: "ok", "+1 from D", "-2 to A", "+1 hire". */
function poolStaffingCell(poolId: string, steps: readonly StaffingStep[], t: Translate): string {
  const parts: string[] = [];
  for (const step of steps) {
    if (step.kind === 'add' && step.toPool === poolId)
      parts.push(t('compare.cell.hire', { reps: step.reps }));
    if (step.kind === 'move' && step.toPool === poolId)
      parts.push(t('compare.cell.from', { reps: step.reps, pool: step.fromPool }));
    if (step.kind === 'move' && step.fromPool === poolId)
      parts.push(t('compare.cell.to', { reps: step.reps, pool: step.toPool }));
  }
  return parts.length > 0 ? parts.join(t('common.listSeparator')) : t('compare.cell.ok');
}

type Cell = { text: string; alert?: boolean };

/**
 * Builds one row from a figure of each plan: `value` picks it (null: the plan lacks it, shown
 * as "-"), `show` formats it and, for plans after the first, `diff` formats the difference from
 * the baseline's value.
 */
function row<T>(
  section: string,
  label: string,
  plans: readonly CompareFilePlan[],
  value: (p: CompareFilePlan) => T | null,
  show: (v: T, base: T | null, i: number) => Cell,
): CompareRow {
  const base = plans[0] ? value(plans[0]) : null;
  const cells = plans.map((p, i): Cell => {
    const v = value(p);
    return v === null ? { text: '-' } : show(v, base, i);
  });
  return { section, label, cells: cells.map((c) => c.text), alert: cells.map((c) => c.alert ?? false) };
}

/** A numeric figure with its difference from the baseline (`digits` decimals, `unit` after it). */
function numberRow(
  section: string,
  label: string,
  plans: readonly CompareFilePlan[],
  value: (f: PlanFigures) => number | null,
  digits = 0,
): CompareRow {
  return row(
    section,
    label,
    plans,
    (p) => value(p.figures),
    (v, base, i) => ({
      text: `${digits === 0 ? int(v) : dec(v, digits)}${i > 0 && base !== null ? delta(v, base, digits) : ''}`,
    }),
  );
}

/** A share shown as a percentage, with its difference from the baseline in points (worded by `t`). */
function shareRow(
  t: Translate,
  section: string,
  label: string,
  plans: readonly CompareFilePlan[],
  value: (f: PlanFigures) => number | null,
  alertAbove = Infinity,
): CompareRow {
  return row(
    section,
    label,
    plans,
    (p) => value(p.figures),
    (v, base, i) => ({
      text: `${pct(v)}${i > 0 && base !== null ? delta(v * 100, base * 100, 1, t) : ''}`,
      alert: v > alertAbove,
    }),
  );
}

function poolRows(file: CompareFile, t: Translate): CompareRow[] {
  const section = t('compare.section.staffing');
  const pool = (p: CompareFilePlan, id: string): PoolFigures | null =>
    p.figures.pools.find((x) => x.poolId === id) ?? null;
  return file.pools.flatMap((id) => [
    row(
      section,
      t('compare.row.poolReps', { pool: id }),
      file.plans,
      (p) => pool(p, id),
      (v) => ({
        text: `${v.reps} / ${v.repsForLoad ?? '-'}`,
        alert: v.repsForLoad !== null && v.repsForLoad > v.reps,
      }),
    ),
    shareRow(
      t,
      section,
      t('compare.row.poolTime', { pool: id }),
      file.plans,
      (f) => {
        const use = f.pools.find((x) => x.poolId === id);
        return use?.utilisation ?? null;
      },
      1,
    ),
    row(
      section,
      t('compare.row.poolStaffing', { pool: id }),
      file.plans,
      (p) => pool(p, id),
      (_v, _b, i) => {
        const steps = file.plans[i]?.figures.staffing ?? [];
        const text = poolStaffingCell(id, steps, t);
        return { text, alert: text !== t('compare.cell.ok') };
      },
    ),
  ]);
}

function changeRows(file: CompareFile, t: Translate): CompareRow[] {
  const section = t('compare.section.against');
  const count = (n: number, share: number): string => `${int(n)} (${pct(share)})`;
  const diff = (
    label: string,
    cell: (d: NonNullable<CompareFilePlan['againstBaseline']>) => string,
  ): CompareRow => ({
    section,
    label,
    cells: file.plans.map((p) => (p.againstBaseline ? cell(p.againstBaseline) : t('compare.cell.baseline'))),
    alert: file.plans.map(() => false),
  });
  return [
    diff(t('compare.row.repChanged'), (d) => count(d.repChanged, d.repChangedShare)),
    diff(t('compare.row.weekdayChanged'), (d) => count(d.weekdayChanged, d.weekdayChangedShare)),
    diff(t('compare.row.changed'), (d) => count(d.changed, d.changedShare)),
    diff(t('compare.row.onlyHere'), (d) => `${int(d.onlyInPlan.length)} / ${int(d.onlyInBaseline.length)}`),
  ];
}

/**
 * The rows of the side-by-side table `territory compare` prints and compare.html shows (one
 * source for both): per pool its reps against the reps its load needs, the working time its
 * routes use (stressed above 100%) and the staffing each pool would need; then quantity and
 * quality (visits per rep-day, share of visits by tier), routes (km and minutes per cycle,
 * balance spread, commute, over-budget days, late stops) and the outlets that change rep or
 * weekday against the baseline. Cells after the first carry their difference from the
 * baseline, e.g. "4,312 (+46)". Labels, sections and worded cells come from the catalogue
 * of `t` (default English); numbers keep the same digits in every language. Pure.
 */
export function compareRows(file: CompareFile, t: Translate = translator('en')): CompareRow[] {
  const plans = file.plans;
  const quantity = t('compare.section.quantity');
  const routes = t('compare.section.routes');
  return [
    ...poolRows(file, t),
    numberRow(quantity, t('compare.row.outlets'), plans, (f) => f.outlets),
    numberRow(quantity, t('compare.row.reps'), plans, (f) => f.reps),
    numberRow(quantity, t('compare.row.visits'), plans, (f) => f.visits),
    numberRow(quantity, t('compare.row.visitsPerRepDay'), plans, (f) => f.visitsPerRepDay, 2),
    ...OUTLET_TIERS.map((tier) =>
      shareRow(
        t,
        quantity,
        t('compare.row.tierShare', { tier: t(`common.tier.${tier}`) }),
        plans,
        (f) => f.visitShareByTier[tier],
      ),
    ),
    numberRow(routes, t('compare.row.km'), plans, (f) => f.km, 1),
    numberRow(routes, t('compare.row.minutes'), plans, (f) => f.minutes),
    shareRow(t, routes, t('compare.row.balance'), plans, (f) => f.balance?.spread ?? null),
    numberRow(routes, t('compare.row.commuteKm'), plans, (f) => f.commuteKm.total, 1),
    numberRow(routes, t('compare.row.longestCommute'), plans, (f) => f.commuteKm.max, 1),
    numberRow(routes, t('compare.row.overBudgetDays'), plans, (f) => f.overBudgetDays),
    numberRow(routes, t('compare.row.lateStops'), plans, (f) => f.lateStops),
    ...changeRows(file, t),
  ];
}
