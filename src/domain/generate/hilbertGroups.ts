/**
 * Side of the Hilbert grid: 2^12 cells per axis (under 100 m for a 300 km metropolis) is finer
 * than any rep's area, and keeps key * 2^23 + index exact in a double for native sorting.
 */
const HILBERT_ORDER = 12;
const INDEX_SLOTS = 2 ** 23;
const HILBERT_SIDE = 1 << HILBERT_ORDER;

/** Position of grid cell (x, y) along the Hilbert curve filling a HILBERT_SIDE square. */
function hilbertIndex(cellX: number, cellY: number): number {
  let x = cellX;
  let y = cellY;
  let index = 0;
  for (let s = HILBERT_SIDE >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    index += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return index;
}

/**
 * Centroids of `groups` compact, equal-sized groups of points: the points are ordered along a
 * Hilbert curve and cut into consecutive runs, which keeps each run geographically together.
 * Used to put rep homes where their share of outlets is (about 120 outlets per rep), at
 * O(n log n) cost even for hundreds of thousands of points. Returns [] for no points.
 */
export function hilbertGroupCentroids(
  points: ReadonlyArray<readonly [number, number]>,
  groups: number,
): Array<[number, number]> {
  if (points.length === 0 || groups <= 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const cell = (v: number, min: number): number =>
    Math.min(HILBERT_SIDE - 1, Math.floor(((v - min) / span) * HILBERT_SIDE));
  if (points.length > INDEX_SLOTS)
    throw new Error(`hilbertGroupCentroids: at most ${INDEX_SLOTS} points, got ${points.length}`);
  // Key and index packed into one double: a native typed-array sort, ties broken by index.
  const packed = new Float64Array(points.length);
  points.forEach(([x, y], i) => {
    packed[i] = hilbertIndex(cell(x, minX), cell(y, minY)) * INDEX_SLOTS + i;
  });
  packed.sort();
  const order = Array.from(packed, (v) => v % INDEX_SLOTS);
  const centroids: Array<[number, number]> = [];
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * order.length) / groups);
    const end = Math.max(start + 1, Math.floor(((g + 1) * order.length) / groups));
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (let k = start; k < end && k < order.length; k++) {
      const [x, y] = points[order[k] as number] as readonly [number, number];
      sx += x;
      sy += y;
      n++;
    }
    if (n === 0) {
      const [x, y] = points[order[order.length - 1] as number] as readonly [number, number];
      centroids.push([x, y]);
    } else centroids.push([sx / n, sy / n]);
  }
  return centroids;
}
