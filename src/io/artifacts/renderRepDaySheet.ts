import type { Plan, PlanOutlet, PlanRep } from '../../domain/plan/planTypes.js';
import { WEEKDAYS } from '../../domain/types.js';
import { toCsv } from './csv.js';

/** Header of reps/<repId>.csv. */
export const REP_DAY_SHEET_HEADER = [
  'week',
  'weekday',
  'seq',
  'outlet_id',
  'name',
  'tier',
  'arrival',
  'departure',
  'lon',
  'lat',
] as const;

/**
 * Relative path of a rep's day sheet. Rep ids that are not plain file names (letters, digits,
 * `.`, `_`, `-`) are hex-encoded so that no id can escape the reps/ folder.
 */
export function repDaySheetPath(repId: string): string {
  return idSheetPath('reps', 'rep', repId);
}

/** `<folder>/<id>.csv`, the id hex-encoded after `<prefix>-` when it is not a plain file name. */
export function idSheetPath(folder: string, prefix: string, id: string): string {
  const plain = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(id);
  const name = plain ? id : `${prefix}-${Buffer.from(id, 'utf8').toString('hex')}`;
  return `${folder}/${name}.csv`;
}

/**
 * reps/<repId>.csv: the rep's whole cycle as a sheet, one row per stop ordered by week, weekday
 * and sequence. A rep without routes gets a header-only sheet, so every rep has a file. Pass
 * `outletsById` when rendering many reps so the outlet index is built once. A plan with
 * supervisors adds an `escorted_by` column: the ids of the supervisors joining at the stop.
 */
export function renderRepDaySheet(
  plan: Plan,
  rep: PlanRep,
  outletsById?: ReadonlyMap<string, PlanOutlet>,
): string {
  const outlets = outletsById ?? new Map(plan.outlets.map((o) => [o.id, o]));
  const days = [...(rep.days ?? [])].sort(
    (a, b) => a.week - b.week || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday),
  );
  const rows = days.flatMap((day) =>
    day.stops.map((stop) => {
      const outlet = outlets.get(stop.outletId);
      return [
        day.week,
        day.weekday,
        stop.seq,
        stop.outletId,
        outlet?.name ?? '',
        outlet?.tier ?? '',
        stop.arrival,
        stop.departure,
        outlet?.lon ?? null,
        outlet?.lat ?? null,
        ...(plan.supervisors ? [(stop.escortedBy ?? []).join(' ')] : []),
      ];
    }),
  );
  return toCsv(plan.supervisors ? [...REP_DAY_SHEET_HEADER, 'escorted_by'] : REP_DAY_SHEET_HEADER, rows);
}
