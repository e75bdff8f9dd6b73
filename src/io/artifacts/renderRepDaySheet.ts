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
  const plain = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(repId);
  const name = plain ? repId : `rep-${Buffer.from(repId, 'utf8').toString('hex')}`;
  return `reps/${name}.csv`;
}

/**
 * reps/<repId>.csv: the rep's whole cycle as a sheet, one row per stop ordered by week, weekday
 * and sequence. A rep without routes gets a header-only sheet, so every rep has a file. Pass
 * `outletsById` when rendering many reps so the outlet index is built once.
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
      ];
    }),
  );
  return toCsv(REP_DAY_SHEET_HEADER, rows);
}
