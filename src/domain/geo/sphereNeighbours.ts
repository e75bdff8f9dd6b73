import { EARTH_RADIUS_KM } from './distance.js';
import { selectByRank } from './selectByRank.js';

const RAD = Math.PI / 180;
/** Points per leaf of the k-d tree. */
const LEAF_SIZE = 16;

/**
 * Great-circle distance from every point to its k-th nearest other point, in km (Infinity when
 * there are fewer than k other points). Points are placed on the unit sphere and searched in a
 * k-d tree over their 3-D coordinates: the straight chord between two points grows with their
 * great-circle distance, so the chord's k nearest are exactly the great-circle k nearest, at any
 * spread (a shop geocoded to another continent costs one deeper search, not a huge grid). Build
 * O(n log n) with a median split on the widest axis (three-way partition, so piles of identical
 * positions stay linear); each query is a depth-first search pruned by the k-th best chord.
 * Deterministic: the tree depends on the points alone and the k-th distance does not depend on
 * how ties are broken.
 */
export function kthNearestKm(points: ReadonlyArray<{ lon: number; lat: number }>, k: number): Float64Array {
  const n = points.length;
  const result = new Float64Array(n).fill(Infinity);
  if (k < 1 || n < 2) return result;
  const coords = new Float64Array(3 * n);
  points.forEach((p, i) => {
    const lat = p.lat * RAD;
    const lon = p.lon * RAD;
    const c = Math.cos(lat);
    coords[3 * i] = c * Math.cos(lon);
    coords[3 * i + 1] = c * Math.sin(lon);
    coords[3 * i + 2] = Math.sin(lat);
  });
  const tree = buildTree(coords, n);
  // Coordinates in tree order: leaves scan contiguous memory, and querying in that order keeps
  // consecutive searches in the same part of the tree.
  const ordered = new Float64Array(3 * n);
  for (let m = 0; m < n; m++) {
    const i = tree.order[m] as number;
    ordered[3 * m] = coords[3 * i] as number;
    ordered[3 * m + 1] = coords[3 * i + 1] as number;
    ordered[3 * m + 2] = coords[3 * i + 2] as number;
  }
  const bestD = new Float64Array(k);
  for (let m = 0; m < n; m++) {
    bestD.fill(Infinity);
    searchNode(tree, ordered, m, 0, 0, n, bestD, k);
    const chord = Math.sqrt(bestD[k - 1] as number);
    result[tree.order[m] as number] = Number.isFinite(chord)
      ? 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2))
      : Infinity;
  }
  return result;
}

interface KdTree {
  /** Point indices, reordered so that every node owns a contiguous range. */
  order: Int32Array;
  /** Split axis per node (heap numbering: children of node v are 2v + 1 and 2v + 2); -1 = leaf. */
  axis: Int8Array;
  /** Split coordinate per node: points left of `mid` are <= it, points from `mid` on are >= it. */
  split: Float64Array;
}

function buildTree(coords: Float64Array, n: number): KdTree {
  let nodes = 1;
  for (let size = n; size > LEAF_SIZE; size = Math.ceil(size / 2)) nodes = 2 * nodes + 1;
  const tree: KdTree = {
    order: Int32Array.from({ length: n }, (_, i) => i),
    axis: new Int8Array(nodes).fill(-1),
    split: new Float64Array(nodes),
  };
  const stack: number[] = [0, 0, n];
  while (stack.length > 0) {
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    const node = stack.pop() as number;
    if (hi - lo <= LEAF_SIZE) continue;
    const axis = widestAxis(coords, tree.order, lo, hi);
    const mid = (lo + hi) >> 1;
    selectByRank(tree.order, lo, hi, mid, (j) => coords[3 * j + axis] as number);
    tree.axis[node] = axis;
    tree.split[node] = coords[3 * (tree.order[mid] as number) + axis] as number;
    stack.push(2 * node + 1, lo, mid, 2 * node + 2, mid, hi);
  }
  return tree;
}

function widestAxis(coords: Float64Array, order: Int32Array, lo: number, hi: number): number {
  let best = 0;
  let bestSpread = -1;
  for (let axis = 0; axis < 3; axis++) {
    let min = Infinity;
    let max = -Infinity;
    for (let m = lo; m < hi; m++) {
      const v = coords[3 * (order[m] as number) + axis] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min > bestSpread) {
      bestSpread = max - min;
      best = axis;
    }
  }
  return best;
}

/** Depth-first k-nearest search for the point at tree position `query`; `coords` are in tree order. */
function searchNode(
  tree: KdTree,
  coords: Float64Array,
  query: number,
  node: number,
  lo: number,
  hi: number,
  bestD: Float64Array,
  k: number,
): void {
  const axis = node < tree.axis.length ? (tree.axis[node] as number) : -1;
  if (axis < 0) {
    const qx = coords[3 * query] as number;
    const qy = coords[3 * query + 1] as number;
    const qz = coords[3 * query + 2] as number;
    for (let j = lo; j < hi; j++) {
      if (j === query) continue;
      const dx = (coords[3 * j] as number) - qx;
      const dy = (coords[3 * j + 1] as number) - qy;
      const dz = (coords[3 * j + 2] as number) - qz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d >= (bestD[k - 1] as number)) continue;
      let pos = k - 1;
      while (pos > 0 && (bestD[pos - 1] as number) > d) {
        bestD[pos] = bestD[pos - 1] as number;
        pos--;
      }
      bestD[pos] = d;
    }
    return;
  }
  const mid = (lo + hi) >> 1;
  const diff = (coords[3 * query + axis] as number) - (tree.split[node] as number);
  if (diff < 0) {
    searchNode(tree, coords, query, 2 * node + 1, lo, mid, bestD, k);
    if (diff * diff < (bestD[k - 1] as number))
      searchNode(tree, coords, query, 2 * node + 2, mid, hi, bestD, k);
  } else {
    searchNode(tree, coords, query, 2 * node + 2, mid, hi, bestD, k);
    if (diff * diff < (bestD[k - 1] as number))
      searchNode(tree, coords, query, 2 * node + 1, lo, mid, bestD, k);
  }
}
