import type { PlanSupervisor } from '../../domain/escorts/escortTypes.js';
import type { PlanOutlet } from '../../domain/plan/planTypes.js';
import { toCsv } from './csv.js';
import { idSheetPath } from './renderRepDaySheet.js';

/** Header of supervisors/<id>.csv. */
export const SUPERVISOR_DAY_SHEET_HEADER = [
  'week',
  'weekday',
  'rep_id',
  'seq',
  'rep_seq',
  'outlet_id',
  'name',
  'tier',
  'arrival',
  'departure',
  'travel_km',
  'lon',
  'lat',
] as const;

/** Relative path of a supervisor's day sheet (ids hex-encoded like reps' when not plain). */
export function supervisorDaySheetPath(supervisorId: string): string {
  return idSheetPath('supervisors', 'supervisor', supervisorId);
}

/**
 * supervisors/<id>.csv: the supervisor's joint stops over the cycle, one row per stop in day
 * order: which rep they join, the joint stop's order and the rep's stop number, the rep's times
 * there and the km driven from home or the previous joint stop. Header only for a supervisor
 * without joint visits.
 */
export function renderSupervisorDaySheet(
  supervisor: PlanSupervisor,
  outletsById: ReadonlyMap<string, PlanOutlet>,
): string {
  const rows = supervisor.days.flatMap((day) =>
    day.stops.map((stop, i) => {
      const outlet = outletsById.get(stop.outletId);
      return [
        day.week,
        day.weekday,
        day.repId,
        i + 1,
        stop.repSeq,
        stop.outletId,
        outlet?.name ?? '',
        outlet?.tier ?? '',
        stop.arrival,
        stop.departure,
        stop.travelKm,
        outlet?.lon ?? null,
        outlet?.lat ?? null,
      ];
    }),
  );
  return toCsv(SUPERVISOR_DAY_SHEET_HEADER, rows);
}
