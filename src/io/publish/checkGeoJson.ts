import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { booleanValid } from '@turf/boolean-valid';
import { featureCollection, lineString, multiPolygon, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { kinks } from '@turf/kinks';
import { ringSignedArea2, type Position } from '../artifacts/geoJson.js';
import { interiorsSurelyDisjoint } from './interiorsDisjoint.js';

/**
 * Two territories of one pool may share a boundary but not overlap: an intersection larger than
 * this (square metres, turf's geodesic area) is refused. The outlines partition the pool's area
 * vertex for vertex, so a real overlap is far larger.
 */
export const TERRITORY_OVERLAP_TOLERANCE_M2 = 1;

function checkPosition(value: unknown, where: string, problems: string[]): value is Position {
  if (
    !Array.isArray(value) ||
    value.length < 2 ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    problems.push(`${where}: position must be [lon, lat] numbers, got ${JSON.stringify(value)}`);
    return false;
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    problems.push(`${where}: [${lon}, ${lat}] is not [lon, lat] in WGS84 range (swapped order?)`);
    return false;
  }
  return true;
}

function checkRing(ring: unknown, exterior: boolean, where: string, problems: string[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push(`${where}: a linear ring needs at least 4 positions`);
    return;
  }
  if (!ring.every((p, i) => checkPosition(p, `${where}[${i}]`, problems))) return;
  const positions = ring;
  const first = positions[0] as Position;
  const last = positions[positions.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1])
    problems.push(`${where}: ring is not closed (first != last position)`);
  const area = ringSignedArea2(positions);
  if (area === 0) problems.push(`${where}: ring has no area`);
  else if (area > 0 !== exterior) {
    problems.push(
      `${where}: ${exterior ? 'exterior ring must be counter-clockwise' : 'hole must be clockwise'} (RFC 7946 right-hand rule)`,
    );
  }
}

function checkPolygon(rings: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(rings) || rings.length === 0) {
    problems.push(`${where}: a polygon needs at least one ring`);
    return;
  }
  rings.forEach((ring, i) => checkRing(ring, i === 0, `${where}[${i}]`, problems));
}

function checkGeometry(geometry: unknown, where: string, problems: string[]): void {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') {
    problems.push(`${where}: geometry missing`);
    return;
  }
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates, where, problems);
      return;
    case 'LineString':
      if (!Array.isArray(g.coordinates) || g.coordinates.length < 2)
        problems.push(`${where}: a LineString needs 2+ positions`);
      else g.coordinates.forEach((p, i) => checkPosition(p, `${where}[${i}]`, problems));
      return;
    case 'Polygon':
      checkPolygon(g.coordinates, where, problems);
      return;
    case 'MultiPolygon':
      if (!Array.isArray(g.coordinates)) problems.push(`${where}: MultiPolygon coordinates must be an array`);
      else g.coordinates.forEach((poly, i) => checkPolygon(poly, `${where}[${i}]`, problems));
      return;
    default:
      problems.push(`${where}: unsupported geometry type ${JSON.stringify(g.type)}`);
  }
}

type Areal = ReturnType<typeof polygon> | ReturnType<typeof multiPolygon>;

/** The feature's label in messages: its index, and its id (the rep id of a territory). */
function labelOf(f: { id?: unknown; properties?: unknown }, i: number): string {
  const props = f.properties as { repId?: unknown } | null | undefined;
  const id = f.id ?? props?.repId;
  return typeof id === 'string' || typeof id === 'number' ? `feature ${i} (${id})` : `feature ${i}`;
}

function ringsOf(feature: Areal): Position[][] {
  const g = feature.geometry;
  return (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()) as Position[][];
}

/**
 * OGC simplicity of a structurally sound Polygon or MultiPolygon with turf: booleanValid (no
 * ring touching itself or spiking, holes and parts not crossing) and kinks of every ring (no two
 * edges crossing).
 */
function checkSimple(feature: Areal, where: string, problems: string[]): void {
  if (!booleanValid(feature)) {
    problems.push(
      `${where}: ${feature.geometry.type} is not OGC-valid (a ring touches itself, spikes, or parts or holes cross; turf booleanValid)`,
    );
    return;
  }
  for (const ring of ringsOf(feature)) {
    const crossing = kinks(lineString(ring)).features[0];
    if (crossing) {
      problems.push(
        `${where}: ${feature.geometry.type} ring is not simple, it crosses itself at ${JSON.stringify(crossing.geometry.coordinates)} (turf kinks)`,
      );
      return;
    }
  }
}

/**
 * Polygons of features that name the same `pool` (the territories of one pool) must not overlap
 * by more than TERRITORY_OVERLAP_TOLERANCE_M2: bounding boxes first, then the quick
 * interiorsSurelyDisjoint test, then turf intersect for the pairs it cannot clear.
 */
function checkPoolOverlaps(
  areal: ReadonlyArray<{ feature: Areal; label: string }>,
  name: string,
  problems: string[],
): void {
  const byPool = new Map<string, Array<{ feature: Areal; label: string; box: number[] }>>();
  for (const entry of areal) {
    const pool = (entry.feature.properties as { pool?: unknown } | null)?.pool;
    if (pool === undefined) continue;
    const key = JSON.stringify(pool);
    const list = byPool.get(key) ?? [];
    list.push({ ...entry, box: bbox(entry.feature) });
    byPool.set(key, list);
  }
  for (const [pool, list] of byPool) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as (typeof list)[number];
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as (typeof list)[number];
        const [ax0, ay0, ax1, ay1] = a.box as [number, number, number, number];
        const [bx0, by0, bx1, by1] = b.box as [number, number, number, number];
        if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
        // Neighbours that only share borders are the rule; turf's exact clipping is for the rest.
        if (interiorsSurelyDisjoint(ringsOf(a.feature), ringsOf(b.feature))) continue;
        const common = intersect(featureCollection<Areal['geometry']>([a.feature, b.feature]));
        if (!common) continue;
        const m2 = area(common);
        if (m2 <= TERRITORY_OVERLAP_TOLERANCE_M2) continue;
        const share = m2 / Math.min(area(a.feature), area(b.feature));
        problems.push(
          `${name}: ${a.label} and ${b.label} of pool ${pool} overlap by ${Math.round(m2)} m² (${(100 * share).toFixed(2)}% of the smaller); territories of a pool must not overlap`,
        );
      }
    }
  }
}

/**
 * Checks a GeoJSON FeatureCollection against RFC 7946 as far as our files use it: every feature
 * has a geometry and properties, positions are [lon, lat] in range, rings are closed with 4+
 * positions, exterior rings are counter-clockwise and holes clockwise. Polygons must also be
 * OGC-simple (turf booleanValid and kinks), and polygons of features with the same `pool`
 * property (territories) must not overlap. Returns the problems found, each prefixed with `name`
 * and the feature index (and id, for the OGC and overlap checks).
 */
export function checkGeoJson(collection: unknown, name: string): string[] {
  const fc = collection as { type?: unknown; features?: unknown } | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return [`${name}: not a GeoJSON FeatureCollection`];
  }
  return checkGeoJsonFeatures(fc.features as unknown[], name);
}

/**
 * The per-feature half of checkGeoJson over features as they come (any iterable, also a lazy
 * one, so routes.geojson is checked record by record as it is rendered, without parsing the
 * file); only polygons are kept, for the pool overlap check.
 */
export function checkGeoJsonFeatures(features: Iterable<unknown>, name: string): string[] {
  const problems: string[] = [];
  const areal: Array<{ feature: Areal; label: string }> = [];
  let i = -1;
  for (const feature of features) {
    i += 1;
    const f = feature as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown } | null;
    const where = `${name}: feature ${i}`;
    if (!f || f.type !== 'Feature') {
      problems.push(`${where}: not a Feature`);
      continue;
    }
    if (typeof f.properties !== 'object') problems.push(`${where}: properties must be an object or null`);
    const before = problems.length;
    checkGeometry(f.geometry, where, problems);
    const type = (f.geometry as { type?: unknown } | null)?.type;
    if (problems.length === before && (type === 'Polygon' || type === 'MultiPolygon')) {
      const label = labelOf(f, i);
      const coordinates = (f.geometry as { coordinates: Position[][] & Position[][][] }).coordinates;
      const properties = (f.properties ?? {}) as Record<string, unknown>;
      const shape: Areal =
        type === 'Polygon' ? polygon(coordinates, properties) : multiPolygon(coordinates, properties);
      checkSimple(shape, `${name}: ${label}`, problems);
      if (problems.length === before) areal.push({ feature: shape, label });
    }
  }
  checkPoolOverlaps(areal, name, problems);
  return problems;
}
