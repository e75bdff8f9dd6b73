import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import type { QuantizedCoordinates } from './quantizedCoordinates.js';

/** One territory outline as map.html embeds it. */
export interface ReportOutline {
  /** Index of the rep in MapReportData.reps, or -1 (a previous plan's rep that is gone). */
  rep: number;
  /** The rep id (also for a rep that is gone). */
  repId: string;
  /** Index into MapReportData.pools, or -1. */
  pool: number;
  /** Exterior ring of each part, delta-encoded (QuantizedCoordinates.ring); holes are not drawn. */
  parts: number[][];
}

/**
 * Territory features (territories.geojson) as ReportOutlines: one per feature, with the exterior
 * ring of every Polygon part in quantised, delta-encoded form. Pure.
 */
export function reportOutlines(
  territories: FeatureCollection<TerritoryFeature>,
  repIndex: ReadonlyMap<string, number>,
  pools: readonly string[],
  coords: QuantizedCoordinates,
): ReportOutline[] {
  return territories.features.map((f) => {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return {
      rep: repIndex.get(f.properties.repId) ?? -1,
      repId: f.properties.repId,
      pool: f.properties.pool === null ? -1 : pools.indexOf(f.properties.pool),
      parts: polygons.map((rings) => coords.ring(rings[0] ?? [])),
    };
  });
}
