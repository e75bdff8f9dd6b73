import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { buffer } from '@turf/buffer';
import { concave } from '@turf/concave';
import { convex } from '@turf/convex';
import { featureCollection, lineString, point, polygon } from '@turf/helpers';
import { haversineKm } from '../../domain/geo/distance.js';
import { normalizeRing, type Position } from './geoJson.js';

/** Radius in km used to give single outlets, lines of outlets and tiny hulls a visible area. */
const TINY_BUFFER_KM = 0.15;
/** Hulls smaller than this (km²) are buffered so they remain visible on the map. */
const TINY_AREA_KM2 = 0.02;
/** Concave hull attempts, doubling the maximum edge each time, before falling back to convex. */
const CONCAVE_ATTEMPTS = 3;
/** turf's concave hull triangulates naively (superlinear); larger territories get a convex hull. */
const MAX_CONCAVE_POINTS = 1500;
/** Points sampled (evenly) to estimate the nearest-neighbour distance of a large territory. */
const NEAREST_NEIGHBOUR_SAMPLE = 200;

function meanNearestNeighbourKm(points: readonly Position[]): number {
  const step = Math.max(1, Math.floor(points.length / NEAREST_NEIGHBOUR_SAMPLE));
  let total = 0;
  let sampled = 0;
  for (let i = 0; i < points.length; i += step) {
    sampled += 1;
    const a = points[i] as Position;
    let best = Infinity;
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const b = points[j] as Position;
      const d = haversineKm(a[0], a[1], b[0], b[1]);
      if (d > 0 && d < best) best = d;
    }
    if (Number.isFinite(best)) total += best;
  }
  return total / sampled;
}

function containsAll(ring: Position[], points: readonly Position[]): boolean {
  const shape = polygon([ring]);
  return points.every((p) => booleanPointInPolygon(p, shape));
}

function outerRingOf(geometry: { type: string; coordinates: unknown } | undefined): Position[] | null {
  if (!geometry || geometry.type !== 'Polygon') return null;
  const ring = (geometry.coordinates as Position[][])[0];
  return ring && ring.length >= 4 ? ring : null;
}

function bufferRing(shape: Parameters<typeof buffer>[0]): Position[] | null {
  const buffered = buffer(shape, TINY_BUFFER_KM, { units: 'kilometers', steps: 8 });
  return outerRingOf(buffered && 'geometry' in buffered ? buffered.geometry : undefined);
}

/** The two points farthest apart: the ends of a line through collinear points. */
function farthestPair(points: readonly Position[]): [Position, Position] {
  let best: [Position, Position] = [points[0] as Position, points[0] as Position];
  let bestKm = -1;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as Position;
      const b = points[j] as Position;
      const d = haversineKm(a[0], a[1], b[0], b[1]);
      if (d > bestKm) {
        bestKm = d;
        best = [a, b];
      }
    }
  }
  return best;
}

function areaKm2(ring: Position[]): number {
  // Planar shoelace in a local km projection; exact enough to spot tiny hulls.
  const lat0 = (ring[0]?.[1] ?? 0) * (Math.PI / 180);
  const kx = 111.32 * Math.cos(lat0);
  const ky = 110.57;
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += a[0] * kx * (b[1] * ky) - b[0] * kx * (a[1] * ky);
  }
  return Math.abs(sum) / 2;
}

/**
 * The outline of a territory as one polygon ring that contains all its outlets: a concave hull
 * (turf `concave`, max edge starting at 6x the mean nearest-neighbour distance and doubled, up to
 * 3 tries, until the hull is a single polygon holding every point), else the convex hull (also
 * used directly above 1,500 points, where turf's triangulation gets slow); fewer than 3 distinct
 * points, collinear sets and tiny hulls are buffered by 150 m so they stay visible. The ring is
 * closed, rounded to 6 decimals and counter-clockwise (RFC 7946). Null for no points.
 * Not used for territories.geojson any more: hulls of neighbouring territories overlap and can
 * touch themselves (issue 10 item 11); the outlines come from territoryPartition.ts. Kept for its
 * tests and for the regression test that reproduces the old outlines.
 */
export function territoryHull(points: readonly Position[]): Position[] | null {
  const distinct = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  if (distinct.length === 0) return null;
  if (distinct.length === 1) return normalizeRing(bufferRing(point(distinct[0] as Position)) ?? [], true);
  let ring: Position[] | null = null;
  if (distinct.length >= 3) {
    const collection = featureCollection(distinct.map((p) => point(p)));
    const attempts = distinct.length <= MAX_CONCAVE_POINTS ? CONCAVE_ATTEMPTS : 0;
    let maxEdge = Math.max(0.05, 6 * meanNearestNeighbourKm(distinct));
    for (let attempt = 0; attempt < attempts && ring === null; attempt++, maxEdge *= 2) {
      const hull = outerRingOf(concave(collection, { maxEdge, units: 'kilometers' })?.geometry);
      if (hull && containsAll(hull, distinct)) ring = hull;
    }
    ring ??= outerRingOf(convex(collection)?.geometry);
  }
  if (ring === null || areaKm2(ring) < 1e-9) {
    // Two points or a collinear set: buffer the segment between the extremes.
    const [a, b] = farthestPair(distinct);
    return normalizeRing(bufferRing(lineString([a, b])) ?? [], true);
  }
  if (areaKm2(ring) < TINY_AREA_KM2) ring = bufferRing(polygon([ring])) ?? ring;
  return normalizeRing(ring, true);
}
