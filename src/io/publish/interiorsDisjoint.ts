import type { Position } from '../artifacts/geoJson.js';

/**
 * Points closer than this (degrees, about 0.1 mm) to the other polygon's boundary, and
 * orientations within rounding of zero, are "unclear": the quick test then gives up and the
 * caller measures the overlap exactly instead.
 */
const CLEAR_DEGREES = 1e-9;
/** Relative rounding bound of a 2x2 orientation determinant in doubles (generous; Shewchuk's is 3.3e-16). */
const ORIENT_ERROR = 1e-15;

/** The edges of a polygon's rings (closed, interior on the left), as flat coordinate arrays. */
interface Edges {
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  count: number;
}

function edgesOf(rings: readonly Position[][]): Edges {
  let total = 0;
  for (const ring of rings) total += Math.max(0, ring.length - 1);
  const edges: Edges = {
    x0: new Float64Array(total),
    y0: new Float64Array(total),
    x1: new Float64Array(total),
    y1: new Float64Array(total),
    count: 0,
  };
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i] as Position;
      const [bx, by] = ring[i + 1] as Position;
      if (ax === bx && ay === by) continue; // a repeated position is no edge
      const e = edges.count++;
      edges.x0[e] = ax;
      edges.y0[e] = ay;
      edges.x1[e] = bx;
      edges.y1[e] = by;
    }
  }
  return edges;
}

/** Sign of the orientation of c against the line a->b: 1 left, -1 right, 0 when rounding could flip it. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const left = (bx - ax) * (cy - ay);
  const right = (by - ay) * (cx - ax);
  const det = left - right;
  if (Math.abs(det) <= ORIENT_ERROR * (Math.abs(left) + Math.abs(right))) return 0;
  return det > 0 ? 1 : -1;
}

/**
 * How two edges meet: 'apart' (they share no point, or only one common end while not lying on
 * one line), 'shared' (the same segment in opposite directions, as two neighbouring territories
 * trace their border), or 'unclear' (they cross, touch inside an edge, overlap along a line in
 * the same direction, or rounding cannot tell).
 */
function edgeContact(a: Edges, i: number, b: Edges, j: number): 'apart' | 'shared' | 'unclear' {
  const ax0 = a.x0[i] as number;
  const ay0 = a.y0[i] as number;
  const ax1 = a.x1[i] as number;
  const ay1 = a.y1[i] as number;
  const bx0 = b.x0[j] as number;
  const by0 = b.y0[j] as number;
  const bx1 = b.x1[j] as number;
  const by1 = b.y1[j] as number;
  if (
    Math.max(ax0, ax1) < Math.min(bx0, bx1) ||
    Math.max(bx0, bx1) < Math.min(ax0, ax1) ||
    Math.max(ay0, ay1) < Math.min(by0, by1) ||
    Math.max(by0, by1) < Math.min(ay0, ay1)
  )
    return 'apart';
  const startStart = ax0 === bx0 && ay0 === by0;
  const startEnd = ax0 === bx1 && ay0 === by1;
  const endStart = ax1 === bx0 && ay1 === by0;
  const endEnd = ax1 === bx1 && ay1 === by1;
  if (startEnd && endStart) return 'shared';
  if (startStart && endEnd) return 'unclear'; // both interiors on the same side: an overlap
  const o1 = orientation(ax0, ay0, ax1, ay1, bx0, by0);
  const o2 = orientation(ax0, ay0, ax1, ay1, bx1, by1);
  const o3 = orientation(bx0, by0, bx1, by1, ax0, ay0);
  const o4 = orientation(bx0, by0, bx1, by1, ax1, ay1);
  if (startStart || endEnd || startEnd || endStart) {
    // One common end v: the edges meet only there when they leave v at more than a right angle
    // (as consecutive border edges on one line do), or when neither far end is on the other's line.
    const [vx, vy] = startStart || startEnd ? [ax0, ay0] : [ax1, ay1];
    const [fax, fay] = startStart || startEnd ? [ax1, ay1] : [ax0, ay0];
    const [fbx, fby] = startStart || endStart ? [bx1, by1] : [bx0, by0];
    const along = (fax - vx) * (fbx - vx);
    const across = (fay - vy) * (fby - vy);
    if (along + across < -ORIENT_ERROR * (Math.abs(along) + Math.abs(across))) return 'apart';
    const farOfB = startStart || endStart ? o2 : o1;
    const farOfA = startStart || startEnd ? o4 : o3;
    return farOfB !== 0 && farOfA !== 0 ? 'apart' : 'unclear';
  }
  if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return 'unclear';
  return o1 !== o2 && o3 !== o4 ? 'unclear' : 'apart';
}

/** A uniform grid of a polygon's edges by bounding box, for finding the edges near a segment or point. */
class EdgeGrid {
  private readonly cells: number[][];
  private readonly stamp: Int32Array;
  private round = 0;
  readonly cols: number;
  readonly rows: number;

  constructor(
    readonly edges: Edges,
    private readonly minX: number,
    private readonly minY: number,
    private readonly cellW: number,
    private readonly cellH: number,
    cols: number,
    rows: number,
  ) {
    this.cols = cols;
    this.rows = rows;
    this.cells = Array.from({ length: cols * rows }, () => []);
    this.stamp = new Int32Array(edges.count);
    for (let e = 0; e < edges.count; e++) {
      this.forCells(
        Math.min(edges.x0[e] as number, edges.x1[e] as number) - CLEAR_DEGREES,
        Math.min(edges.y0[e] as number, edges.y1[e] as number) - CLEAR_DEGREES,
        Math.max(edges.x0[e] as number, edges.x1[e] as number) + CLEAR_DEGREES,
        Math.max(edges.y0[e] as number, edges.y1[e] as number) + CLEAR_DEGREES,
        (cell) => cell.push(e),
      );
    }
  }

  static over(edges: Edges, box: readonly [number, number, number, number]): EdgeGrid {
    const side = Math.max(1, Math.ceil(Math.sqrt(edges.count / 2)));
    const w = Math.max((box[2] - box[0]) / side, 1e-12);
    const h = Math.max((box[3] - box[1]) / side, 1e-12);
    return new EdgeGrid(edges, box[0], box[1], w, h, side, side);
  }

  private forCells(x0: number, y0: number, x1: number, y1: number, visit: (cell: number[]) => void): void {
    const c0 = Math.max(0, Math.floor((x0 - this.minX) / this.cellW));
    const c1 = Math.min(this.cols - 1, Math.floor((x1 - this.minX) / this.cellW));
    const r0 = Math.max(0, Math.floor((y0 - this.minY) / this.cellH));
    const r1 = Math.min(this.rows - 1, Math.floor((y1 - this.minY) / this.cellH));
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) visit(this.cells[r * this.cols + c] as number[]);
  }

  /** Calls `visit` once for every edge whose (slightly widened) box meets the box given. */
  near(x0: number, y0: number, x1: number, y1: number, visit: (edge: number) => boolean): boolean {
    const round = ++this.round;
    let go = true;
    this.forCells(x0, y0, x1, y1, (cell) => {
      for (const e of cell) {
        if (!go || this.stamp[e] === round) continue;
        this.stamp[e] = round;
        go = visit(e);
      }
    });
    return go;
  }
}

/** Squared distance from (px, py) to edge e. */
function distanceSquared(edges: Edges, e: number, px: number, py: number): number {
  const x0 = edges.x0[e] as number;
  const y0 = edges.y0[e] as number;
  const dx = (edges.x1[e] as number) - x0;
  const dy = (edges.y1[e] as number) - y0;
  const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
  return (px - x0 - t * dx) ** 2 + (py - y0 - t * dy) ** 2;
}

/**
 * Whether (px, py) lies clearly outside the polygon whose edges `grid` holds: 'outside',
 * 'inside', or 'unclear' within CLEAR_DEGREES of its boundary. Even-odd ray cast to +x over the
 * edges of the point's row band (holes count as boundary, as they should).
 */
function pointSide(
  grid: EdgeGrid,
  box: readonly number[],
  px: number,
  py: number,
): 'outside' | 'inside' | 'unclear' {
  if (
    px < (box[0] as number) ||
    px > (box[2] as number) ||
    py < (box[1] as number) ||
    py > (box[3] as number)
  )
    return 'outside';
  const { edges } = grid;
  let crossings = 0;
  let unclear = false;
  grid.near(px - CLEAR_DEGREES, py, box[2] as number, py, (e) => {
    if (distanceSquared(edges, e, px, py) <= CLEAR_DEGREES * CLEAR_DEGREES) {
      unclear = true;
      return false;
    }
    const y0 = edges.y0[e] as number;
    const y1 = edges.y1[e] as number;
    if (y0 <= py === y1 <= py) return true; // half-open: each vertex counted once
    const x0 = edges.x0[e] as number;
    const x = x0 + ((py - y0) * ((edges.x1[e] as number) - x0)) / (y1 - y0);
    if (x > px) crossings++;
    return true;
  });
  if (unclear) return 'unclear';
  return crossings % 2 === 1 ? 'inside' : 'outside';
}

function boxOf(edges: Edges): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < edges.count; e++) {
    minX = Math.min(minX, edges.x0[e] as number, edges.x1[e] as number);
    maxX = Math.max(maxX, edges.x0[e] as number, edges.x1[e] as number);
    minY = Math.min(minY, edges.y0[e] as number, edges.y1[e] as number);
    maxY = Math.max(maxY, edges.y0[e] as number, edges.y1[e] as number);
  }
  return [minX, minY, maxX, maxY];
}

/** No midpoint of an edge of `from` (other than its shared edges) lies inside or unclearly near `into`. */
function midpointsOutside(
  from: Edges,
  shared: Uint8Array,
  into: EdgeGrid,
  intoBox: readonly number[],
): boolean {
  for (let e = 0; e < from.count; e++) {
    if (shared[e]) continue;
    const mx = ((from.x0[e] as number) + (from.x1[e] as number)) / 2;
    const my = ((from.y0[e] as number) + (from.y1[e] as number)) / 2;
    if (pointSide(into, intoBox, mx, my) !== 'outside') return false;
  }
  return true;
}

/**
 * A quick, one-sided test that two polygons (their rings as GeoJSON gives them: closed,
 * exteriors counter-clockwise, holes clockwise) have disjoint interiors, as neighbouring
 * territories of one pool do: they may share vertices and trace shared borders in opposite
 * directions, nothing more. True only when that is certain: no two edges cross, touch inside an
 * edge or run along each other in the same direction, and no edge midpoint of either lies inside
 * the other (which catches a border that enters the other polygon at a shared vertex, and one
 * polygon inside the other). False means "not shown disjoint", including every case that
 * rounding cannot settle; the caller then measures the overlap exactly. Linear in the edges near
 * the common bounding box for territory-like shapes.
 */
export function interiorsSurelyDisjoint(a: readonly Position[][], b: readonly Position[][]): boolean {
  const edgesA = edgesOf(a);
  const edgesB = edgesOf(b);
  if (edgesA.count === 0 || edgesB.count === 0) return false;
  const boxA = boxOf(edgesA);
  const boxB = boxOf(edgesB);
  if (boxA[0] > boxB[2] || boxB[0] > boxA[2] || boxA[1] > boxB[3] || boxB[1] > boxA[3]) return true;
  const gridA = EdgeGrid.over(edgesA, boxA);
  const gridB = EdgeGrid.over(edgesB, boxB);
  const sharedA = new Uint8Array(edgesA.count);
  const sharedB = new Uint8Array(edgesB.count);
  for (let i = 0; i < edgesA.count; i++) {
    const clear = gridB.near(
      Math.min(edgesA.x0[i] as number, edgesA.x1[i] as number),
      Math.min(edgesA.y0[i] as number, edgesA.y1[i] as number),
      Math.max(edgesA.x0[i] as number, edgesA.x1[i] as number),
      Math.max(edgesA.y0[i] as number, edgesA.y1[i] as number),
      (j) => {
        const contact = edgeContact(edgesA, i, edgesB, j);
        if (contact === 'unclear') return false;
        if (contact === 'shared') {
          sharedA[i] = 1;
          sharedB[j] = 1;
        }
        return true;
      },
    );
    if (!clear) return false;
  }
  return midpointsOutside(edgesB, sharedB, gridA, boxA) && midpointsOutside(edgesA, sharedA, gridB, boxB);
}
