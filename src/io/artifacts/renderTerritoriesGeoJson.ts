import type { Plan } from '../../domain/plan/planTypes.js';
import type { RepTier } from '../../domain/types.js';
import {
  renderFeatureCollection,
  type Feature,
  type FeatureCollection,
  type PolygonGeometry,
  type Position,
} from './geoJson.js';
import { territoryHull } from './territoryHull.js';

export interface TerritoryProperties {
  repId: string;
  repName: string;
  tier: RepTier;
  pool: string | null;
  outletCount: number;
  /** Territory load in minutes per cycle (null before the territories stage). */
  loadMinutes: number | null;
  targetMinutes: number | null;
}

export type TerritoryFeature = Feature<PolygonGeometry, TerritoryProperties>;

/**
 * The territories as GeoJSON: one Polygon feature per rep with at least one assigned outlet
 * (feature id = rep id), outlined by territoryHull, in plan rep order. Pure.
 */
export function buildTerritoriesGeoJson(plan: Plan): FeatureCollection<TerritoryFeature> {
  const pointsOfRep = new Map<string, Position[]>();
  for (const outlet of plan.outlets) {
    if (outlet.repId === null) continue;
    const list = pointsOfRep.get(outlet.repId) ?? [];
    list.push([outlet.lon, outlet.lat]);
    pointsOfRep.set(outlet.repId, list);
  }
  const features: TerritoryFeature[] = [];
  for (const rep of plan.reps) {
    const points = pointsOfRep.get(rep.id);
    if (!points) continue;
    const ring = territoryHull(points);
    if (!ring) continue;
    features.push({
      type: 'Feature',
      id: rep.id,
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        repId: rep.id,
        repName: rep.name,
        tier: rep.tier,
        pool: rep.pool,
        outletCount: points.length,
        loadMinutes: rep.territory?.loadMinutes ?? null,
        targetMinutes: rep.territory?.targetMinutes ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** territories.geojson as written to a version folder. */
export function renderTerritoriesGeoJson(plan: Plan): string {
  return renderFeatureCollection(buildTerritoriesGeoJson(plan));
}
