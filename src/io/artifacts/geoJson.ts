/**
 * Minimal GeoJSON (RFC 7946) types and helpers shared by the territory and route renderers and
 * by the publish gate's GeoJSON checks. Positions are [longitude, latitude] in WGS84 degrees.
 */
export type Position = [lon: number, lat: number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Geometry = PointGeometry | LineStringGeometry | PolygonGeometry | MultiPolygonGeometry;

export interface Feature<G extends Geometry = Geometry, P = unknown> {
  type: 'Feature';
  id?: string;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<F extends Feature = Feature> {
  type: 'FeatureCollection';
  features: F[];
}

/** Coordinates rounded to 6 decimals (about 0.1 m): plenty for outlets, and files stay small. */
export function roundPosition(position: readonly number[]): Position {
  const r = (v: number): number => Math.round(v * 1e6) / 1e6;
  return [r(position[0] ?? NaN), r(position[1] ?? NaN)];
}

/** Twice the signed planar area of a closed ring in lon/lat; positive = counter-clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/**
 * Cleans a ring for output: rounds positions, drops consecutive duplicates, closes it and winds
 * it per the RFC 7946 right-hand rule (exterior counter-clockwise, holes clockwise).
 */
export function normalizeRing(ring: readonly (readonly number[])[], exterior: boolean): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = roundPosition(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  const ccw = ringSignedArea2(out) > 0;
  if (ccw !== exterior) out.reverse();
  return out;
}

/** Serialises a feature collection compactly with a trailing newline (GeoJSON files get large). */
export function renderFeatureCollection(collection: FeatureCollection): string {
  return `${JSON.stringify(collection)}\n`;
}

/**
 * The text of renderFeatureCollection({ type: 'FeatureCollection', features }) in chunks of
 * about half a million characters, features serialised one at a time as they come (a lazy
 * iterable is never held whole). Joined, the chunks are byte-identical to renderFeatureCollection.
 */
export function* featureCollectionChunks(features: Iterable<Feature>): Generator<string> {
  let pending = '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const feature of features) {
    pending += `${first ? '' : ','}${JSON.stringify(feature)}`;
    first = false;
    if (pending.length >= 1 << 19) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}]}\n`;
}
