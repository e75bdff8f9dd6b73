import { featureCollection, point } from '@turf/helpers';
import { voronoi } from '@turf/voronoi';
import { roundPosition, type Position } from './geoJson.js';

/** An outlet position and the territory (rep id) that serves it. */
export interface OwnedPoint {
  lon: number;
  lat: number;
  owner: string;
}

/** Polygons of a MultiPolygon: each an exterior ring (counter-clockwise) then holes (clockwise). */
export type PolygonRings = Position[][];

/** Radius of the service area around each outlet: the outlines stop this far from the outlets. */
export const SERVICE_RADIUS_KM = 2;
/** The service circles are drawn with vertices every 360/32 degrees (chord error ~10 m). */
const CIRCLE_STEPS = 32;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;

type XY = [number, number];

interface Site {
  position: Position;
  owners: string[];
  xy: XY;
}

/**
 * Positions closer than this (degrees, in both lon and lat; ~0.5 m) are one site: a Voronoi edge
 * between them would pass within a few rounding steps of the outlets and could fold when rounded.
 */
export const MERGE_DEG = 5e-6;

/**
 * Sites: the rounded positions, positions within MERGE_DEG of each other (in a chain) merged into
 * the first of them in (lon, lat) order, sorted, each with the territories that have an outlet
 * there.
 */
function sitesOf(points: readonly OwnedPoint[]): Site[] {
  const byKey = new Map<string, { position: Position; owners: Set<string> }>();
  for (const p of points) {
    const position = roundPosition([p.lon, p.lat]);
    const key = `${position[0]},${position[1]}`;
    const site = byKey.get(key) ?? { position, owners: new Set<string>() };
    site.owners.add(p.owner);
    byKey.set(key, site);
  }
  const distinct = [...byKey.values()].sort(
    (a, b) => a.position[0] - b.position[0] || a.position[1] - b.position[1],
  );
  // Union-find over pairs closer than MERGE_DEG, found by a sweep in longitude order.
  const parent = distinct.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const tolerance = MERGE_DEG + 1e-9;
  for (let i = 0; i < distinct.length; i++) {
    const a = (distinct[i] as (typeof distinct)[number]).position;
    for (let j = i + 1; j < distinct.length; j++) {
      const b = (distinct[j] as (typeof distinct)[number]).position;
      if (b[0] - a[0] > tolerance) break;
      if (Math.abs(b[1] - a[1]) > tolerance) continue;
      const ra = find(i);
      const rb = find(j);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
  const merged = new Map<number, { position: Position; owners: Set<string> }>();
  distinct.forEach((site, i) => {
    const root = find(i);
    const target = merged.get(root) ?? {
      position: (distinct[root] as typeof site).position,
      owners: new Set(),
    };
    for (const owner of site.owners) target.owners.add(owner);
    merged.set(root, target);
  });
  return [...merged.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, s]) => ({ position: s.position, owners: [...s.owners].sort(), xy: [0, 0] }));
}

function signedArea2(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as readonly number[];
    const b = ring[(i + 1) % ring.length] as readonly number[];
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum;
}

/**
 * Clips a convex counter-clockwise polygon (open ring, shared Voronoi vertices) to the circle of
 * radius `r` around `centre`. A vertex's inside flag and an edge's crossings are computed once and
 * memoised by coordinates, so the two cells of a shared edge cut it at identical points and their
 * clipped outlines still share that edge exactly. Arcs get vertices at a fixed angular grid.
 */
class CircleClipper {
  private readonly insideOf = new Map<string, boolean>();
  private readonly crossingsOf = new Map<string, XY[]>();

  constructor(private readonly r: number) {}

  private inside(p: XY, centre: XY): boolean {
    const key = `${p[0]},${p[1]}`;
    let flag = this.insideOf.get(key);
    if (flag === undefined) {
      flag = (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2 <= this.r * this.r;
      this.insideOf.set(key, flag);
    }
    return flag;
  }

  /** Points where the edge p-q crosses the circle, in the order from p to q. */
  private crossings(p: XY, q: XY, centre: XY, pIn: boolean, qIn: boolean): XY[] {
    const forward = p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
    const [a, b] = forward ? [p, q] : [q, p];
    const key = `${a[0]},${a[1]},${b[0]},${b[1]}`;
    let points = this.crossingsOf.get(key);
    if (points === undefined) {
      const aIn = forward ? pIn : qIn;
      const bIn = forward ? qIn : pIn;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const fx = a[0] - centre[0];
      const fy = a[1] - centre[1];
      const qa = dx * dx + dy * dy;
      const qb = 2 * (fx * dx + fy * dy);
      const qc = fx * fx + fy * fy - this.r * this.r;
      const disc = qb * qb - 4 * qa * qc;
      const roots: number[] = [];
      if (qa > 0 && disc > 0) {
        const s = Math.sqrt(disc);
        const t0 = (-qb - s) / (2 * qa);
        const t1 = (-qb + s) / (2 * qa);
        if (aIn !== bIn) roots.push(Math.min(1, Math.max(0, aIn ? t1 : t0)));
        else if (!aIn && t0 > 0 && t1 < 1) roots.push(t0, t1);
      }
      points = roots.map((t): XY => [a[0] + t * dx, a[1] + t * dy]);
      this.crossingsOf.set(key, points);
    }
    return forward ? points : [...points].reverse();
  }

  /** The clipped polygon as an open counter-clockwise ring. */
  clip(cell: readonly XY[], centre: XY): XY[] {
    const out: XY[] = [];
    let firstEntry = -1;
    let pendingExit: number | null = null;
    const angle = (p: XY): number => Math.atan2(p[1] - centre[1], p[0] - centre[0]);
    for (let i = 0; i < cell.length; i++) {
      const p = cell[i] as XY;
      const q = cell[(i + 1) % cell.length] as XY;
      const pIn = this.inside(p, centre);
      const qIn = this.inside(q, centre);
      if (pIn) out.push(p);
      const cuts = this.crossings(p, q, centre, pIn, qIn);
      let inside = pIn;
      for (const cut of cuts) {
        if (inside) {
          out.push(cut);
          pendingExit = angle(cut);
        } else {
          if (pendingExit !== null) this.arc(out, centre, pendingExit, angle(cut));
          else firstEntry = out.length;
          pendingExit = null;
          out.push(cut);
        }
        inside = !inside;
      }
    }
    if (out.length === 0) return this.circle(centre);
    if (pendingExit !== null && firstEntry >= 0) {
      const entry = out[firstEntry] as XY;
      const tail: XY[] = [];
      this.arc(tail, centre, pendingExit, angle(entry));
      // Not splice(..., ...tail): a spread into a call overflows the stack on long arcs.
      return [...out.slice(0, firstEntry), ...tail, ...out.slice(firstEntry)];
    }
    return out;
  }

  private arc(out: XY[], centre: XY, from: number, to: number): void {
    const step = (2 * Math.PI) / CIRCLE_STEPS;
    const end = to > from ? to : to + 2 * Math.PI;
    const margin = step * 0.05;
    for (let k = Math.ceil((from + margin) / step); k * step < end - margin; k++) {
      const theta = k * step;
      out.push([centre[0] + this.r * Math.cos(theta), centre[1] + this.r * Math.sin(theta)]);
    }
  }

  private circle(centre: XY): XY[] {
    const out: XY[] = [];
    for (let k = 0; k < CIRCLE_STEPS; k++) {
      const theta = (k * 2 * Math.PI) / CIRCLE_STEPS;
      out.push([centre[0] + this.r * Math.cos(theta), centre[1] + this.r * Math.sin(theta)]);
    }
    return out;
  }
}

const keyOf = (p: Position): string => `${p[0]},${p[1]}`;

/**
 * An open ring cut at every vertex it visits twice into loops that visit each vertex once (a
 * figure eight becomes two rings touching at the crossing vertex).
 */
function simpleLoops(ring: readonly Position[]): Position[][] {
  const loops: Position[][] = [];
  const path: Position[] = [];
  const at = new Map<string, number>();
  for (const p of ring) {
    const key = keyOf(p);
    const seen = at.get(key);
    if (seen !== undefined) {
      const loop = path.splice(seen);
      for (const q of loop) at.delete(keyOf(q));
      loops.push(loop);
    }
    at.set(key, path.length);
    path.push(p);
  }
  loops.push(path);
  return loops.filter((loop) => loop.length >= 3);
}

/**
 * The outline of one territory from its pieces (open counter-clockwise rings that share edges
 * exactly and never overlap): edges shared by two pieces cancel, the rest are chained into rings,
 * turning as sharply left as possible where the outline meets itself at a vertex, so every ring is
 * simple and a pinch becomes two polygons (or a shell and a hole) touching at a point; touching
 * polygons are then pulled apart (separateTouchingParts).
 */
function outlineOf(pieces: readonly Position[][]): PolygonRings[] {
  const edges = new Set<string>();
  for (const ring of pieces) {
    for (let i = 0; i < ring.length; i++) {
      edges.add(`${keyOf(ring[i] as Position)};${keyOf(ring[(i + 1) % ring.length] as Position)}`);
    }
  }
  const positionOf = new Map<string, Position>();
  const outgoing = new Map<string, string[]>();
  for (const ring of pieces) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i] as Position;
      const b = ring[(i + 1) % ring.length] as Position;
      if (edges.has(`${keyOf(b)};${keyOf(a)}`)) continue;
      positionOf.set(keyOf(a), a);
      positionOf.set(keyOf(b), b);
      const list = outgoing.get(keyOf(a)) ?? [];
      list.push(keyOf(b));
      outgoing.set(keyOf(a), list);
    }
  }
  const starts = [...outgoing.keys()].sort();
  const shells: Position[][] = [];
  const holes: Position[][] = [];
  for (const start of starts) {
    for (;;) {
      const firstTargets = outgoing.get(start);
      if (!firstTargets || firstTargets.length === 0) break;
      const ring: Position[] = [positionOf.get(start) as Position];
      let previous = start;
      let current = firstTargets.shift() as string;
      let closed = true;
      while (current !== start) {
        const here = positionOf.get(current) as Position;
        ring.push(here);
        const targets = outgoing.get(current) ?? [];
        if (targets.length === 0) {
          closed = false; // cannot happen for closed pieces; drop the chain rather than loop
          break;
        }
        const back = positionOf.get(previous) as Position;
        const backAngle = Math.atan2(back[1] - here[1], back[0] - here[0]);
        let best = 0;
        let bestTurn = Infinity;
        targets.forEach((target, idx) => {
          const to = positionOf.get(target) as Position;
          let turn = backAngle - Math.atan2(to[1] - here[1], to[0] - here[0]);
          while (turn <= 0) turn += 2 * Math.PI;
          while (turn > 2 * Math.PI) turn -= 2 * Math.PI;
          if (turn < bestTurn) {
            bestTurn = turn;
            best = idx;
          }
        });
        previous = current;
        current = targets.splice(best, 1)[0] as string;
      }
      if (!closed) continue;
      for (const loop of simpleLoops(ring)) {
        const area = signedArea2(loop);
        if (loop.length < 3 || area === 0) continue;
        loop.push([loop[0]?.[0] as number, loop[0]?.[1] as number]);
        (area > 0 ? shells : holes).push(loop);
      }
    }
  }
  const polygons: PolygonRings[] = shells.map((s) => [s]);
  const areas = shells.map((s) => signedArea2(s));
  for (const hole of holes) {
    const a = hole[0] as Position;
    const b = hole[1] as Position;
    const probe: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    let owner = -1;
    shells.forEach((shell, idx) => {
      if (pointInRing(probe, shell) && (owner < 0 || (areas[idx] as number) < (areas[owner] as number)))
        owner = idx;
    });
    if (owner >= 0) polygons[owner]?.push(hole);
  }
  separateTouchingParts(polygons);
  return polygons;
}

/** Grid steps (1e-6 degrees) tried when pulling a part back from a point it shares. */
const PULL_BACK_STEPS = [1, 2, 3, 6, 12, 24, 48];

/**
 * Parts of one territory that meet at a single point (four cells of alternating territories
 * around one Voronoi vertex) are valid OGC but refused by turf's booleanValid, so each such point
 * is kept by one part (the one with the point in a hole, else the first) and in the others'
 * exterior rings it moves a few 1e-6 degree steps (~0.3 m) into the part: a thin gap along the
 * two edges, never an overlap, and the rings stay on the rounding grid. In place.
 */
function separateTouchingParts(polygons: PolygonRings[]): void {
  if (polygons.length < 2) return;
  const users = new Map<string, { shells: number[]; holes: number[] }>();
  polygons.forEach((rings, idx) => {
    rings.forEach((ring, r) => {
      for (let i = 0; i + 1 < ring.length; i++) {
        const key = keyOf(ring[i] as Position);
        const entry = users.get(key) ?? { shells: [], holes: [] };
        const list = r === 0 ? entry.shells : entry.holes;
        if (!list.includes(idx)) list.push(idx);
        users.set(key, entry);
      }
    });
  });
  for (const [key, { shells, holes }] of users) {
    if (new Set([...shells, ...holes]).size < 2) continue;
    const keeper = holes.length > 0 ? (holes[0] as number) : (shells[0] as number);
    for (const idx of shells) {
      if (idx === keeper) continue;
      const rings = polygons[idx] as PolygonRings;
      const moved = pullBack(rings[0] as Position[], key);
      if (moved) rings[0] = moved;
      else if (holes.length === 0) {
        // A needle corner with no room inside: pull the keeper back instead.
        const keep = polygons[keeper] as PolygonRings;
        const other = pullBack(keep[0] as Position[], key);
        if (other) keep[0] = other;
      }
    }
  }
}

const cross = (o: Position, a: Position, b: Position): number =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The closed counter-clockwise ring with vertex `key` moved just inside its corner, if it fits. */
function pullBack(ring: readonly Position[], key: string): Position[] | null {
  const open = ring.slice(0, -1);
  const i = open.findIndex((p) => keyOf(p) === key);
  if (i < 0) return null;
  const n = open.length;
  const v = open[i] as Position;
  const u = open[(i - 1 + n) % n] as Position;
  const w = open[(i + 1) % n] as Position;
  const unit = (a: Position): Position => {
    const len = Math.hypot(a[0] - v[0], a[1] - v[1]);
    return [(a[0] - v[0]) / len, (a[1] - v[1]) / len];
  };
  const du = unit(u);
  const dw = unit(w);
  const convex = cross(u, v, w) > 0;
  let b: Position = [du[0] + dw[0], du[1] + dw[1]];
  if (Math.hypot(b[0], b[1]) < 1e-9) b = [-(v[1] - u[1]), v[0] - u[0]];
  else if (!convex) b = [-b[0], -b[1]];
  const scale = Math.max(Math.abs(b[0]), Math.abs(b[1]));
  for (const steps of PULL_BACK_STEPS) {
    const q = roundPosition([v[0] + (steps * 1e-6 * b[0]) / scale, v[1] + (steps * 1e-6 * b[1]) / scale]);
    const leftOfU = cross(u, v, q) > 0;
    const leftOfW = cross(v, w, q) > 0;
    if (!(convex ? leftOfU && leftOfW : leftOfU || leftOfW)) continue;
    // The two new edges must not meet any other edge of the ring (a needle corner could).
    let clear = true;
    for (let e = 0; e < n && clear; e++) {
      const a = open[e] as Position;
      const b = open[(e + 1) % n] as Position;
      if (e !== (i - 2 + n) % n && e !== (i - 1 + n) % n && e !== i) clear = !segmentsMeet(u, q, a, b);
      if (clear && e !== (i - 1 + n) % n && e !== i && e !== (i + 1) % n) clear = !segmentsMeet(q, w, a, b);
    }
    if (clear) {
      const moved = [...open.slice(0, i), q, ...open.slice(i + 1)];
      return [...moved, [moved[0]?.[0] as number, moved[0]?.[1] as number]];
    }
  }
  return null;
}

function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0])
      inside = !inside;
  }
  return inside;
}

/**
 * Outlines of the territories of one pool as a partition of the pool's service area: each
 * distinct outlet position gets its Voronoi cell among the pool's positions (planar, in a local
 * km projection), clipped to a circle of SERVICE_RADIUS_KM around it, and a territory is the union
 * of its outlets' cells. Cells never overlap, so neither do territories; neighbours share their
 * boundary vertex for vertex. Outlets of several territories at one position split that cell into
 * fan sectors around the position (territories in id order), so each outlet lies on its own
 * territory's boundary. Vertices are rounded to 6 decimals before the cells are merged, so the
 * rounded outlines still fit together; each territory is a list of polygons (exterior ring
 * counter-clockwise, holes clockwise, rings simple), sorted by first vertex. Deterministic.
 */
export function partitionTerritories(points: readonly OwnedPoint[]): Map<string, PolygonRings[]> {
  const result = new Map<string, PolygonRings[]>();
  const sites = sitesOf(points);
  if (sites.length === 0) return result;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const s of sites) {
    minLon = Math.min(minLon, s.position[0]);
    maxLon = Math.max(maxLon, s.position[0]);
    minLat = Math.min(minLat, s.position[1]);
    maxLat = Math.max(maxLat, s.position[1]);
  }
  const lon0 = (minLon + maxLon) / 2;
  const lat0 = (minLat + maxLat) / 2;
  const kx = KM_PER_DEG_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  const ky = KM_PER_DEG_LAT;
  for (const s of sites) s.xy = [(s.position[0] - lon0) * kx, (s.position[1] - lat0) * ky];
  const toLonLat = (p: XY): Position => roundPosition([lon0 + p[0] / kx, lat0 + p[1] / ky]);

  const r = SERVICE_RADIUS_KM;
  const margin = 2 * r;
  const bbox: [number, number, number, number] = [
    (minLon - lon0) * kx - margin,
    (minLat - lat0) * ky - margin,
    (maxLon - lon0) * kx + margin,
    (maxLat - lat0) * ky + margin,
  ];
  const cells = voronoi(featureCollection(sites.map((s) => point(s.xy))), { bbox }).features;
  const clipper = new CircleClipper(r);
  const piecesOf = new Map<string, Position[][]>();
  sites.forEach((site, idx) => {
    const raw = cells[idx]?.geometry.coordinates[0];
    let cell: XY[] = raw ? raw.slice(0, -1).map((p) => [p[0] as number, p[1] as number]) : [];
    if (cell.length < 3) cell = [];
    if (signedArea2(cell) < 0) cell.reverse();
    const clipped = cell.length > 0 ? clipper.clip(cell, site.xy) : [];
    const ring = dedupe(clipped.map(toLonLat));
    const parts = site.owners.length === 1 ? [ring] : fanSectors(ring, site.position, site.owners.length);
    site.owners.forEach((owner, k) => {
      const part = parts[k];
      if (!part || part.length < 3 || signedArea2(part) <= 0) return;
      const list = piecesOf.get(owner) ?? [];
      list.push(part);
      piecesOf.set(owner, list);
    });
  });
  snapVertices(piecesOf);
  for (const owner of [...piecesOf.keys()].sort()) {
    const polygons = outlineOf(piecesOf.get(owner) ?? []);
    polygons.sort((a, b) => {
      const p = a[0]?.[0] as Position;
      const q = b[0]?.[0] as Position;
      return p[0] - q[0] || p[1] - q[1];
    });
    if (polygons.length > 0) result.set(owner, polygons);
  }
  return result;
}

/** Rounded vertices this close (degrees, in lon and lat) are snapped together before merging. */
const SNAP_DEG = 2e-6;

/**
 * Snaps every piece vertex within SNAP_DEG of another (in a chain) to the first of them in (lon,
 * lat) order, the same way in every piece, then drops repeats, spikes and pieces left without
 * area: needles of a few rounding steps (two Voronoi edges cut by a circle a centimetre apart)
 * would otherwise fold when rounded. Pieces stay edge-to-edge. In place.
 */
function snapVertices(piecesOf: Map<string, Position[][]>): void {
  const byKey = new Map<string, Position>();
  for (const pieces of piecesOf.values())
    for (const ring of pieces) for (const p of ring) byKey.set(keyOf(p), p);
  const vertices = [...byKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const parent = vertices.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const tolerance = SNAP_DEG + 1e-9;
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i] as Position;
    for (let j = i + 1; j < vertices.length; j++) {
      const b = vertices[j] as Position;
      if (b[0] - a[0] > tolerance) break;
      if (Math.abs(b[1] - a[1]) > tolerance) continue;
      const ra = find(i);
      const rb = find(j);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
  const snapped = new Map<string, Position>();
  vertices.forEach((v, i) => {
    const root = find(i);
    if (root !== i) snapped.set(keyOf(v), vertices[root] as Position);
  });
  if (snapped.size === 0) return;
  for (const [owner, pieces] of piecesOf) {
    const kept: Position[][] = [];
    for (const ring of pieces) {
      let out = dedupe(ring.map((p) => snapped.get(keyOf(p)) ?? p));
      // Drop spikes a -> b -> a left by snapping.
      for (let changed = true; changed && out.length >= 3;) {
        changed = false;
        for (let i = 0; i < out.length && out.length >= 3; i++) {
          const a = out[(i - 1 + out.length) % out.length] as Position;
          const c = out[(i + 1) % out.length] as Position;
          if (a[0] === c[0] && a[1] === c[1]) {
            out.splice(i, 1);
            out = dedupe(out);
            changed = true;
          }
        }
      }
      if (out.length >= 3 && signedArea2(out) > 0) kept.push(out);
    }
    piecesOf.set(owner, kept);
  }
}

/** Drops consecutive repeats (rounding can merge close vertices) of an open ring. */
function dedupe(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0] as Position;
    const last = out[out.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) break;
    out.pop();
  }
  return out;
}

/** True when segments a-b and c-d share any point (collinear overlaps included). */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const within = (p: Position, q: Position, r: Position): boolean =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1]);
  return (
    (d1 === 0 && within(c, d, a)) ||
    (d2 === 0 && within(c, d, b)) ||
    (d3 === 0 && within(a, b, c)) ||
    (d4 === 0 && within(a, b, d))
  );
}

/** A sector cut prefers vertices whose neighbours are this far (degrees) off the cut line. */
const FAN_MIN_HEIGHT_DEG = 1e-5;

/**
 * Splits a cell (open counter-clockwise ring around `site`, rounded) into `n` fan sectors that
 * meet at the site, cut only at existing vertices so no neighbour edge gains a T-junction, and only
 * at vertices the site sees cleanly (the cut turns left of both neighbours and meets no other
 * edge), spread evenly over those. With fewer such vertices than sectors the last are empty.
 */
function fanSectors(ring: readonly Position[], site: Position, n: number): Position[][] {
  const k = ring.length;
  const clearCuts: number[] = [];
  const fatCuts: number[] = [];
  for (let i = 0; i < k; i++) {
    const v = ring[i] as Position;
    const prev = ring[(i - 1 + k) % k] as Position;
    const next = ring[(i + 1) % k] as Position;
    const before = cross(site, prev, v);
    const after = cross(site, v, next);
    if (!(before > 0 && after > 0)) continue;
    let clear = true;
    for (let e = 0; e < k && clear; e++) {
      if (e === i || (e + 1) % k === i) continue;
      clear = !segmentsMeet(site, v, ring[e] as Position, ring[(e + 1) % k] as Position);
    }
    if (!clear) continue;
    clearCuts.push(i);
    // Prefer cuts whose neighbours stand well off the cut line: a needle sector edge folds easily.
    const reach = Math.hypot(v[0] - site[0], v[1] - site[1]);
    if (Math.min(before, after) / reach >= FAN_MIN_HEIGHT_DEG) fatCuts.push(i);
  }
  const cuts = fatCuts.length >= n ? fatCuts : clearCuts;
  const sectors: Position[][] = [];
  const used = Math.min(n, cuts.length);
  for (let j = 0; j < n; j++) {
    if (j >= used) {
      sectors.push([]);
      continue;
    }
    const from = cuts[Math.floor((j * cuts.length) / used)] as number;
    const toCut = cuts[Math.floor(((j + 1) * cuts.length) / used) % cuts.length] as number;
    const to = toCut > from ? toCut : toCut + k;
    const sector: Position[] = [site];
    for (let i = from; i <= to; i++) sector.push(ring[i % k] as Position);
    sectors.push(dedupe(sector));
  }
  return sectors;
}
