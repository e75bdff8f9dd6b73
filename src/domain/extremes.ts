/**
 * Smallest of `values` (Infinity when empty), with a loop: `Math.min(...values)` passes every
 * value as a call argument and overflows the stack on outlet-sized lists (issue 15).
 */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}

/** Largest of `values` (-Infinity when empty), with a loop; see minOf. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}
