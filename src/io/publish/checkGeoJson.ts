import { ringSignedArea2, type Position } from '../artifacts/geoJson.js';

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

/**
 * Checks a GeoJSON FeatureCollection against RFC 7946 as far as our files use it: every feature
 * has a geometry and properties, positions are [lon, lat] in range, rings are closed with 4+
 * positions, exterior rings are counter-clockwise and holes clockwise. Returns the problems
 * found, each prefixed with `name` and the feature index.
 */
export function checkGeoJson(collection: unknown, name: string): string[] {
  const problems: string[] = [];
  const fc = collection as { type?: unknown; features?: unknown } | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return [`${name}: not a GeoJSON FeatureCollection`];
  }
  fc.features.forEach((feature: unknown, i) => {
    const f = feature as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
    const where = `${name}: feature ${i}`;
    if (!f || f.type !== 'Feature') {
      problems.push(`${where}: not a Feature`);
      return;
    }
    if (typeof f.properties !== 'object') problems.push(`${where}: properties must be an object or null`);
    checkGeometry(f.geometry, where, problems);
  });
  return problems;
}
