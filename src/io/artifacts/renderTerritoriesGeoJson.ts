import type { Plan } from '../../domain/plan/planTypes.js';
import type { RepTier } from '../../domain/types.js';
import {
  renderFeatureCollection,
  type Feature,
  type FeatureCollection,
  type MultiPolygonGeometry,
  type PolygonGeometry,
} from './geoJson.js';
import { partitionTerritories, type OwnedPoint, type PolygonRings } from './territoryPartition.js';

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

export type TerritoryFeature = Feature<PolygonGeometry | MultiPolygonGeometry, TerritoryProperties>;

/**
 * The territories as GeoJSON: one feature per rep with at least one assigned outlet (feature id =
 * rep id), in plan rep order. The outlines partition each pool's service area
 * (partitionTerritories: Voronoi cells of the pool's outlets clipped to circles around them,
 * merged per rep): a Polygon, or a MultiPolygon when the territory is in several pieces. Pure.
 */
export function buildTerritoriesGeoJson(plan: Plan): FeatureCollection<TerritoryFeature> {
  const outlines = new Map<string, PolygonRings[]>();
  for (const { points } of territoryPointsByPool(plan)) {
    for (const [repId, polygons] of partitionTerritories(points)) outlines.set(repId, polygons);
  }
  return territoriesFromOutlines(plan, outlines);
}

/**
 * The input of each pool's partitionTerritories: the positions of the pool's assigned outlets
 * with their rep, one list per pool (pools in the order their first outlet comes). The pools' partitions are
 * independent, so they may be computed anywhere (worker threads) and joined with
 * territoriesFromOutlines into buildTerritoriesGeoJson's collection.
 */
export function territoryPointsByPool(plan: Plan): Array<{ pool: string | null; points: OwnedPoint[] }> {
  const poolOfRep = new Map(plan.reps.map((r) => [r.id, r.pool]));
  const pointsOfPool = new Map<string | null, OwnedPoint[]>();
  for (const outlet of plan.outlets) {
    if (outlet.repId === null || !poolOfRep.has(outlet.repId)) continue;
    const pool = poolOfRep.get(outlet.repId) ?? null;
    const list = pointsOfPool.get(pool) ?? [];
    list.push({ lon: outlet.lon, lat: outlet.lat, owner: outlet.repId });
    pointsOfPool.set(pool, list);
  }
  return [...pointsOfPool].map(([pool, points]) => ({ pool, points }));
}

/**
 * The territories collection from every rep's outline (partitionTerritories' polygons by rep id,
 * over all pools): features in plan rep order, for reps with outlets and an outline.
 */
export function territoriesFromOutlines(
  plan: Plan,
  outlines: ReadonlyMap<string, PolygonRings[]>,
): FeatureCollection<TerritoryFeature> {
  const countOfRep = new Map<string, number>();
  for (const outlet of plan.outlets) {
    if (outlet.repId !== null) countOfRep.set(outlet.repId, (countOfRep.get(outlet.repId) ?? 0) + 1);
  }
  const features: TerritoryFeature[] = [];
  for (const rep of plan.reps) {
    const polygons = outlines.get(rep.id);
    const outletCount = countOfRep.get(rep.id) ?? 0;
    if (!polygons || polygons.length === 0 || outletCount === 0) continue;
    features.push({
      type: 'Feature',
      id: rep.id,
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
          : { type: 'MultiPolygon', coordinates: polygons },
      properties: {
        repId: rep.id,
        repName: rep.name,
        tier: rep.tier,
        pool: rep.pool,
        outletCount,
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
