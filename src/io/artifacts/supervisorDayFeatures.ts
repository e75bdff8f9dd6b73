import type { Plan, PlanOutlet } from '../../domain/plan/planTypes.js';
import type { Weekday } from '../../domain/types.js';
import { roundPosition, type Feature, type LineStringGeometry, type Position } from './geoJson.js';

export interface SupervisorDayProperties {
  kind: 'supervisor-day';
  supervisorId: string;
  role: string;
  repId: string;
  week: number;
  weekday: Weekday;
  departure: string;
  end: string;
  /** Joint stops, in the rep's order. */
  outletIds: string[];
  km: number;
  fieldMinutes: number;
}

export type SupervisorDayFeature = Feature<LineStringGeometry, SupervisorDayProperties>;

/**
 * One LineString per supervisor day of routes.geojson: from the supervisor's home through the
 * joint stops (straight legs) and back, with the rep joined and the day's times. Empty for a
 * plan without supervisors.
 */
export function supervisorDayFeatures(
  plan: Plan,
  outlets: ReadonlyMap<string, PlanOutlet>,
): SupervisorDayFeature[] {
  return (plan.supervisors ?? []).flatMap((s) =>
    s.days.map((day): SupervisorDayFeature => {
      const home = roundPosition(s.home);
      const stops: Position[] = day.stops.map((stop) => {
        const outlet = outlets.get(stop.outletId);
        if (!outlet) throw new Error(`routes: supervisor ${s.id} joins at unknown outlet ${stop.outletId}`);
        return roundPosition([outlet.lon, outlet.lat]);
      });
      return {
        type: 'Feature',
        id: `supervisor/${s.id}/${day.week}/${day.weekday}`,
        geometry: { type: 'LineString', coordinates: [home, ...stops, home] },
        properties: {
          kind: 'supervisor-day',
          supervisorId: s.id,
          role: s.role,
          repId: day.repId,
          week: day.week,
          weekday: day.weekday,
          departure: day.departure,
          end: day.end,
          outletIds: day.stops.map((stop) => stop.outletId),
          km: day.travelKm,
          fieldMinutes: day.fieldMinutes,
        },
      };
    }),
  );
}
