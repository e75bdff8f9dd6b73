import type { Plan } from '../../domain/plan/planTypes.js';
import { WEEKDAYS, type OutletTier, type Weekday } from '../../domain/types.js';
import {
  featureCollectionChunks,
  roundPosition,
  type Feature,
  type FeatureCollection,
  type LineStringGeometry,
  type PointGeometry,
  type Position,
} from './geoJson.js';
import { supervisorDayFeatures, type SupervisorDayFeature } from './supervisorDayFeatures.js';

export interface RouteProperties {
  kind: 'route';
  repId: string;
  week: number;
  weekday: Weekday;
  /** The policy day start. */
  start: string;
  /** When the rep leaves home (see DayRoute.departure); `start` for plans without it. */
  departure: string;
  end: string;
  stops: number;
  km: number;
  /** Minutes from leaving home to coming back: travel, service and any wait for a window to open. */
  minutes: number;
}

export interface StopProperties {
  kind: 'stop';
  repId: string;
  week: number;
  weekday: Weekday;
  seq: number;
  outletId: string;
  name: string;
  tier: OutletTier | null;
  arrival: string;
  departure: string;
}

export type RouteFeature = Feature<LineStringGeometry, RouteProperties>;
export type StopFeature = Feature<PointGeometry, StopProperties>;

/**
 * The features of routes.geojson one at a time, in file order: per rep-day with stops, one
 * LineString from the rep's home through the stops in visiting order and back home (straight
 * legs; the plan has no road geometry), followed by one Point per stop. Ordered by rep, week and
 * weekday; then one LineString per supervisor day (supervisorDayFeatures.ts). Lazy, so that the file can be written and checked without holding every feature.
 */
export function* routeFeatures(plan: Plan): Generator<RouteFeature | StopFeature | SupervisorDayFeature> {
  const outlets = new Map(plan.outlets.map((o) => [o.id, o]));
  for (const rep of plan.reps) {
    const home = roundPosition(rep.home);
    const days = [...(rep.days ?? [])]
      .filter((d) => d.stops.length > 0)
      .sort((a, b) => a.week - b.week || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday));
    for (const day of days) {
      const stopPositions: Position[] = [];
      const stopFeatures: StopFeature[] = [];
      for (const stop of day.stops) {
        const outlet = outlets.get(stop.outletId);
        if (!outlet)
          throw new Error(
            `routes: rep ${rep.id} week ${day.week} ${day.weekday} stops at unknown outlet ${stop.outletId}`,
          );
        const position = roundPosition([outlet.lon, outlet.lat]);
        stopPositions.push(position);
        stopFeatures.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: position },
          properties: {
            kind: 'stop',
            repId: rep.id,
            week: day.week,
            weekday: day.weekday,
            seq: stop.seq,
            outletId: stop.outletId,
            name: outlet.name,
            tier: outlet.tier,
            arrival: stop.arrival,
            departure: stop.departure,
          },
        });
      }
      yield {
        type: 'Feature',
        id: `${rep.id}/${day.week}/${day.weekday}`,
        geometry: { type: 'LineString', coordinates: [home, ...stopPositions, home] },
        properties: {
          kind: 'route',
          repId: rep.id,
          week: day.week,
          weekday: day.weekday,
          start: day.start,
          departure: day.departure ?? day.start,
          end: day.end,
          stops: day.stops.length,
          km: day.travelKm,
          minutes: day.totalMinutes,
        },
      };
      yield* stopFeatures;
    }
  }
  yield* supervisorDayFeatures(plan, outlets);
}

/** The day routes as one GeoJSON FeatureCollection (routeFeatures, all held). Pure. */
export function buildRoutesGeoJson(
  plan: Plan,
): FeatureCollection<RouteFeature | StopFeature | SupervisorDayFeature> {
  return { type: 'FeatureCollection', features: [...routeFeatures(plan)] };
}

/**
 * routes.geojson as written to a version folder, in chunks: the same bytes as
 * renderFeatureCollection(buildRoutesGeoJson(plan)), without holding the features or the text.
 */
export function routesGeoJsonChunks(plan: Plan): Iterable<string> {
  return featureCollectionChunks(routeFeatures(plan));
}
