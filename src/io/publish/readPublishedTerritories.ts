import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';

/**
 * The territories.geojson published with `version` of a region, for map.html's "before"
 * outlines of the next version (reading it takes milliseconds; rebuilding the outlines of a
 * 50,000-outlet plan takes seconds). Null when the file is missing, unreadable, not a feature
 * collection of territories, or names a rep `plan` (the plan read from that version) does not
 * have: the caller then rebuilds the outlines from the plan.
 */
export async function readPublishedTerritories(
  regionOutDir: string,
  version: string,
  plan: Plan,
): Promise<FeatureCollection<TerritoryFeature> | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      await readFile(join(regionOutDir, 'versions', version, 'territories.geojson'), 'utf8'),
    );
  } catch {
    return null;
  }
  const collection = parsed as Partial<FeatureCollection<TerritoryFeature>> | null;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return null;
  const reps = new Set(plan.reps.map((r) => r.id));
  const fits = collection.features.every(
    (f) =>
      (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') &&
      Array.isArray(f.geometry.coordinates) &&
      reps.has(f.properties?.repId),
  );
  return fits ? (collection as FeatureCollection<TerritoryFeature>) : null;
}
